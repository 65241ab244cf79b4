"""The item bank: items, their immutable versions, and the review of each version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicert.audit.models import AppendOnlyModel
from aicert.shared.i18n import is_english


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class ItemType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_RESPONSE = "multiple_response", _("Multiple response")
    TRUE_FALSE = "true_false", _("True / false")
    NUMERIC = "numeric", _("Numeric")
    SHORT_TEXT = "short_text", _("Short text")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    CONSTRUCTED_RESPONSE = "constructed_response", _("Constructed response")


class CognitiveLevel(models.TextChoices):
    """Revised Bloom's taxonomy (Anderson & Krathwohl, 2001)."""

    REMEMBER = "remember", _("Remember")
    UNDERSTAND = "understand", _("Understand")
    APPLY = "apply", _("Apply")
    ANALYSE = "analyse", _("Analyse")
    EVALUATE = "evaluate", _("Evaluate")
    CREATE = "create", _("Create")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class Item(models.Model):
    """A question's stable identity: what it measures, who wrote it and where it is in review.

    The wording and key live in :class:`ItemVersion`; ``status`` is the state of the latest
    version. Forms pin versions, so an active item that is edited keeps its pinned version in
    the forms that use it while the new draft goes through review.
    """

    level = models.ForeignKey(
        "catalog.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="items"
    )
    subject = models.ForeignKey(
        "catalog.Subject",
        verbose_name=_("subject"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    domain = models.ForeignKey(
        "catalog.CompetencyDomain",
        verbose_name=_("primary competency domain"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    extra_domains = models.ManyToManyField(
        "catalog.CompetencyDomain",
        verbose_name=_("other competency domains"),
        blank=True,
        related_name="secondary_items",
    )
    cognitive_level = models.CharField(
        _("cognitive level"), max_length=20, choices=CognitiveLevel.choices
    )
    difficulty = models.CharField(
        _("intended difficulty"), max_length=10, choices=Difficulty.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="authored_items",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="co_authored_items",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    enemies = models.ManyToManyField(
        "self",
        verbose_name=_("enemy items"),
        symmetrical=True,
        blank=True,
        help_text=_("Items that must never appear on the same form (one cues the other)."),
    )
    # The item's identifier in the system it came from (the QTI identifier or CSV external_id
    # of an imported item): exported again under the same identifier, so the other system
    # recognises its item. Empty for items written here, which travel under their code.
    external_ref = models.CharField(
        _("external identifier"), max_length=100, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("review_item", _("Can review items")),
            ("assign_reviewers", _("Can assign item reviewers")),
            ("activate_item", _("Can activate and retire items")),
            ("import_item", _("Can import items (QTI, CSV, XLSX)")),
            ("export_item", _("Can export items (QTI, CSV, XLSX)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(cognitive_level__in=CognitiveLevel.values),
                name="item_cognitive_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__in=Difficulty.values), name="item_difficulty_valid"
            ),
            models.UniqueConstraint(
                fields=["external_ref"],
                condition=~Q(external_ref=""),
                name="item_unique_external_ref",
            ),
        ]
        indexes = [models.Index(fields=["status", "level"])]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"ITM-{self.pk:06d}" if self.pk else "ITM-new"

    @property
    def interchange_id(self) -> str:
        """The identifier the item travels under in exports: where it came from, else its code."""
        return self.external_ref or self.code

    @property
    def latest_statistics(self) -> ItemStatistics | None:
        """Statistics of the newest analysed version (with versions prefetched, no query)."""
        for version in self.versions.all():
            stats = version.stats_or_none
            if stats is not None:
                return stats
        return None

    def is_author(self, user) -> bool:
        """Author or co-author (who may edit, and may never review)."""
        return user.pk == self.author_id or self.co_authors.filter(pk=user.pk).exists()


class ItemVersion(AppendOnlyModel):
    """One immutable wording of an item; every edit makes a new version, forms pin versions."""

    # Forms and results point at versions: a stored version never changes.
    immutable_message = "Item versions are immutable: create a new version instead."

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    item_type = models.CharField(_("item type"), max_length=30, choices=ItemType.choices)
    content_zh = models.JSONField(_("content (Chinese)"))
    content_en = models.JSONField(_("content (English)"), default=dict, blank=True)
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="itemversion_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="itemversion_number_positive"),
            models.CheckConstraint(
                condition=Q(item_type__in=ItemType.values), name="itemversion_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} v{self.number}"

    @property
    def stats_or_none(self) -> ItemStatistics | None:
        """This version's item-analysis statistics, or None before any analysis."""
        try:
            return self.statistics
        except ItemStatistics.DoesNotExist:
            return None

    @property
    def content(self) -> dict:
        """The content in the active language, falling back to Chinese."""

        return (self.content_en or self.content_zh) if is_english() else self.content_zh


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    # Closed without a decision because another reviewer sent the version back first.
    WITHDRAWN = "withdrawn", _("Withdrawn")


REVIEW_CHECKLIST = {
    "key_correct": _("The key is correct"),
    "single_best_answer": _("There is a single best answer"),
    "no_cueing": _("No cueing (the stem or options do not give the answer away)"),
    "fairness_and_bias": _("Fair and free of bias"),
    "language": _("Clear, correct language in both versions"),
    "domain_alignment": _("Measures the stated competency domain and cognitive level"),
}


class ReviewAssignment(models.Model):
    """A reviewer asked to review one item version, and their decision once made."""

    version = models.ForeignKey(
        ItemVersion,
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=ReviewDecision.choices, blank=True
    )
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["-assigned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reviewer"], name="reviewassignment_unique_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(decision="", decided_at__isnull=True)
                | Q(decision__in=ReviewDecision.values, decided_at__isnull=False),
                name="reviewassignment_decision_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.reviewer}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class ReviewComment(models.Model):
    """A remark on one place of an item version (``stem``, ``options[2]``…), kept with it."""

    version = models.ForeignKey(
        ItemVersion,
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="review_comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    field_path = models.CharField(_("field"), max_length=100, default="stem")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(field_path="") & ~Q(body=""), name="reviewcomment_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.field_path}"


class ItemFlag(models.TextChoices):
    """What an item analysis can flag for the psychometrician's review."""

    NEGATIVE_DISCRIMINATION = "negative_discrimination", _("Negative discrimination")
    LOW_DISCRIMINATION = "low_discrimination", _("Low discrimination")
    DISTRACTOR_HIGH_SCORERS = "distractor_high_scorers", _("Distractor attracts high scorers")
    TOO_EASY = "too_easy", _("Too easy")
    TOO_HARD = "too_hard", _("Too hard")
    DIF_C = "dif_c", _("Large DIF (ETS C)")
    DIF_B = "dif_b", _("Moderate DIF (ETS B)")


class ItemStatistics(models.Model):
    """The latest usage statistics of one item version, written by the item analysis.

    Filled by :func:`aicert.analysis.services.analysis_run_create` after each analysis (the
    latest run wins); ``exposures`` counts the submitted attempts of any form that carried the
    version. ``flag_codes`` holds the analysis flags separated by spaces (``" dif_c low_... "``)
    so the bank can filter on them with a plain text lookup on every database.
    """

    version = models.OneToOneField(
        ItemVersion,
        verbose_name=_("item version"),
        on_delete=models.CASCADE,
        related_name="statistics",
    )
    exposures = models.PositiveIntegerField(_("exposures"), default=0)
    n = models.PositiveIntegerField(_("candidates in the last analysis"), default=0)
    facility = models.FloatField(_("facility"), null=True, blank=True)
    discrimination = models.FloatField(_("discrimination"), null=True, blank=True)
    irt_model = models.CharField(_("IRT model"), max_length=10, blank=True)
    irt_a = models.FloatField(_("IRT a"), null=True, blank=True)
    irt_b = models.FloatField(_("IRT b"), null=True, blank=True)
    dif_class = models.CharField(_("worst DIF class"), max_length=1, blank=True)
    dif = models.JSONField(_("DIF"), default=dict, blank=True)
    flag_codes = models.CharField(_("flags"), max_length=300, blank=True)
    last_run_id = models.PositiveIntegerField(_("last analysis"), null=True, blank=True)
    analysed_at = models.DateTimeField(_("last analysed"), null=True, blank=True)

    class Meta:
        verbose_name = _("item statistics")
        verbose_name_plural = _("item statistics")
        constraints = [
            models.CheckConstraint(
                condition=Q(dif_class__in=["", "A", "B", "C"]), name="itemstatistics_dif_class"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.n}"

    @property
    def flags(self) -> list[str]:
        return self.flag_codes.split()

    @property
    def flag_labels(self) -> list[tuple[str, str]]:
        """(code, label) of each flag, for display."""
        return [(f, str(ItemFlag(f).label)) for f in self.flags if f in ItemFlag.values]

    @property
    def is_problem(self) -> bool:
        """Flagged for more than moderate DIF (which is shown, but alone is no problem)."""
        return any(f != ItemFlag.DIF_B for f in self.flags)


class ItemAsset(AppendOnlyModel):
    """An image uploaded for an item's content, referenced in Markdown as ``asset:<id>``.

    The bytes live in the database (never in public media) and are served only through the
    permission-checked asset view. Assets are immutable and never deleted: a version that uses
    one keeps showing the same picture; a changed picture is a new upload (a new asset).
    """

    immutable_message = "Item images are immutable: upload a new image instead."
    undeletable_message = "Item images are never deleted: versions may show them."

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="assets"
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    data = models.BinaryField(_("data"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("item image")
        verbose_name_plural = _("item images")
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    content_type__in=["image/png", "image/jpeg", "image/gif", "image/webp"]
                ),
                name="itemasset_content_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.name}"

    @property
    def reference(self) -> str:
        """What the writer puts in the Markdown: ``asset:<id>``."""
        return f"asset:{self.pk}"
