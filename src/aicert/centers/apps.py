from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "aicert.centers"
    verbose_name = _("Regional centers")

    def ready(self) -> None:
        # What this app adds to the platform (permissions, dashboard, jobs, event handlers) is
        # registered once the models are loaded, which is why it is imported here.
        from aicert.centers import contributions

        contributions.register()
