from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfassessConfig(AppConfig):
    name = "aicert.selfassess"
    verbose_name = _("Self-assessment")

    def ready(self) -> None:
        # Permissions per role, registered once the models are loaded.
        from aicert.selfassess import contributions

        contributions.register()
