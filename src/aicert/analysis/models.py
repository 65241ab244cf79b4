"""Item analysis after a sitting: one :class:`AnalysisRun` per analysis of a form's attempts,
with one :class:`ItemResult` per form item.

A run is a snapshot: it keeps the figures, the thresholds and the settings it used, so a later
run (after more sittings, or a re-key) never changes an earlier one. The latest figures of each
item version are also written back to the item bank
(:class:`aicert.itembank.models.ItemStatistics`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicert.itembank.models import ItemFlag

# The flags live with the statistics they annotate (the item bank shows them too).
Flag = ItemFlag


class AnalysisRun(models.Model):
    """One item analysis of the submitted attempts of a form (optionally of one session).

    ``summary`` keeps the settings and test-level figures that have no column of their own:
    thresholds, the DIF comparisons made (groups and sizes), items left out and why, and the
    IRT calibration report (model, convergence, iterations, log-likelihood).
    """

    form = models.ForeignKey(
        "delivery.Form",
        verbose_name=_("form"),
        on_delete=models.PROTECT,
        related_name="analysis_runs",
    )
    session = models.ForeignKey(
        "scheduling.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="analysis_runs",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    n_candidates = models.PositiveIntegerField(_("candidates"))
    n_items = models.PositiveIntegerField(_("items analysed"))
    mean_score = models.FloatField(_("mean score"), null=True, blank=True)
    sd_score = models.FloatField(_("standard deviation"), null=True, blank=True)
    alpha = models.FloatField(_("coefficient alpha"), null=True, blank=True)
    sem = models.FloatField(_("standard error of measurement"), null=True, blank=True)
    irt_model = models.CharField(_("IRT model"), max_length=10, blank=True)
    irt_converged = models.BooleanField(_("IRT calibration converged"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    n_flagged = models.PositiveIntegerField(_("items flagged"), default=0)

    class Meta:
        verbose_name = _("item analysis")
        verbose_name_plural = _("item analyses")
        ordering = ["-created_at", "-pk"]
        permissions = [("run_item_analysis", _("Can run item analyses"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(irt_model__in=["", "2PL", "Rasch"]), name="analysisrun_irt_model"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.form} · {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else str(self.form)
        )


class ItemResult(models.Model):
    """The figures of one form item in one analysis run.

    ``options`` is the option (distractor) table of choice items: one row per option with its
    label, whether it is the key, how many chose it, the share and the mean number-correct score
    of its choosers. ``dif`` maps a comparison key (``gender``, ``region:north``…) to its
    Mantel–Haenszel figures and ETS class. ``flags`` lists :class:`Flag` values.
    """

    run = models.ForeignKey(
        AnalysisRun, verbose_name=_("analysis"), on_delete=models.CASCADE, related_name="items"
    )
    form_item = models.ForeignKey(
        "delivery.FormItem", verbose_name=_("form item"), on_delete=models.PROTECT, related_name="+"
    )
    item_version = models.ForeignKey(
        "itembank.ItemVersion",
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="analysis_results",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    n = models.PositiveIntegerField(_("candidates"))
    facility = models.FloatField(_("facility"), null=True, blank=True)
    discrimination = models.FloatField(
        _("discrimination (corrected point-biserial)"), null=True, blank=True
    )
    alpha_if_deleted = models.FloatField(_("alpha if item deleted"), null=True, blank=True)
    irt_a = models.FloatField(_("IRT discrimination a"), null=True, blank=True)
    irt_b = models.FloatField(_("IRT difficulty b"), null=True, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    dif = models.JSONField(_("DIF"), default=dict, blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)

    class Meta:
        verbose_name = _("item result")
        verbose_name_plural = _("item results")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "form_item"], name="itemresult_unique_item"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id} · #{self.position}"

    @property
    def flag_labels(self) -> list[tuple[str, str]]:
        """(code, label) of each flag, for display."""
        return [(f, str(Flag(f).label)) for f in self.flags if f in Flag.values]
