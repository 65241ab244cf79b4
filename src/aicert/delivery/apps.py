from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "aicert.delivery"
    verbose_name = _("Exam delivery")

    def ready(self) -> None:
        # What this app adds to the platform (permissions, dashboard, jobs, event handlers) is
        # registered once the models are loaded, which is why it is imported here.
        from aicert.delivery import contributions

        contributions.register()
