from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "aicert.credentials"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        # Permissions, periodic jobs and the results events it listens to, once models load.
        from aicert.credentials import contributions

        contributions.register()
