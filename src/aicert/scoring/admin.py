"""Django admin for the scoring rules the foundation keeps as data: thresholds and windows,
per-item thresholds and markers' standing. Marks, challenges and appeals change only through
the scoring pages (their services audit and rescore), so they are read-only here."""

from django.contrib import admin

from aicert.scoring.models import (
    Appeal,
    ItemMarkingRule,
    MarkerProfile,
    RescoreRecord,
    ScoringPolicy,
)


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "adjudication_threshold",
        "challenge_window_days",
        "appeal_window_days",
    )


@admin.register(ItemMarkingRule)
class ItemMarkingRuleAdmin(admin.ModelAdmin):
    list_display = ("item", "adjudication_threshold")
    raw_id_fields = ("item",)


@admin.register(MarkerProfile)
class MarkerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "senior", "active")
    list_filter = ("senior", "active")
    raw_id_fields = ("user",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("attempt", "status", "score_before", "score_after", "submitted_at")
    list_filter = ("status",)


@admin.register(RescoreRecord)
class RescoreRecordAdmin(ReadOnlyAdmin):
    list_display = ("attempt", "cause", "points_before", "points_after", "at")
    list_filter = ("cause",)
