from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "aicert.promotion"
    verbose_name = _("Promotion")

    def ready(self) -> None:
        # Permissions and the reminder job are registered once the models are loaded.
        from aicert.promotion import contributions

        contributions.register()
