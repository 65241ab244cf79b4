from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aicert.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # What this app adds to the platform (permissions, dashboard, jobs, event handlers) is
        # registered once the models are loaded, which is why it is imported here.
        from aicert.accounts import contributions

        contributions.register()
