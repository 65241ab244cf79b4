from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform: health and readiness, metrics, request ids, the scheduler's lease."""

    name = "aicert.ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from aicert.ops import contributions

        contributions.register()
