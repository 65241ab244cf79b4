from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "aicert.payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # What this app adds to the platform (permissions, dashboard, jobs, event handlers) is
        # registered once the models are loaded, which is why it is imported here.
        from aicert.payments import contributions

        contributions.register()
