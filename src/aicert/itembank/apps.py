from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItembankConfig(AppConfig):
    name = "aicert.itembank"
    verbose_name = _("Item bank")

    def ready(self) -> None:
        # What this app adds to the platform (permissions, dashboard, jobs, event handlers) is
        # registered once the models are loaded, which is why it is imported here.
        from aicert.itembank import contributions

        contributions.register()
