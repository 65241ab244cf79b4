"""Django admin for results: read-only; results change only through the services."""

from django.contrib import admin

from aicert.results.models import LevelResult, Result, ResultRelease, ScaleTransform


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["pk", "candidate", "subject", "session", "scaled_score", "passed", "status"]
    list_filter = ["status", "passed"]
    list_select_related = ["candidate", "subject", "session"]
    search_fields = ["candidate__email"]


@admin.register(LevelResult)
class LevelResultAdmin(ReadOnlyAdmin):
    list_display = ["pk", "candidate", "level", "outcome", "average", "lowest", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["candidate", "level"]


@admin.register(ResultRelease)
class ResultReleaseAdmin(ReadOnlyAdmin):
    list_display = ["session", "release_at", "released_at", "forced", "blocked_reason"]
    list_select_related = ["session__subject"]


@admin.register(ScaleTransform)
class ScaleTransformAdmin(ReadOnlyAdmin):
    list_display = ["subject", "version", "basis", "slope", "intercept", "is_active"]
    list_select_related = ["subject"]
