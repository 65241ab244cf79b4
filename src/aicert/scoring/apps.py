from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "aicert.scoring"
    verbose_name = _("Scoring, challenges and appeals")
