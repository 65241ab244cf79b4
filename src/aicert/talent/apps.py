from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "aicert.talent"
    verbose_name = _("Employers and talent")

    def ready(self) -> None:
        # Permissions and dashboard links, once the models are loaded.
        from aicert.talent import contributions

        contributions.register()
