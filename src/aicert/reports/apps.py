from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "aicert.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from aicert.reports import contributions

        contributions.register()
