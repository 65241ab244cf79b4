from django.contrib import admin

from aicert.analysis.models import AnalysisRun, ItemResult


class ItemResultInline(admin.TabularInline):
    model = ItemResult
    extra = 0
    can_delete = False
    fields = ("position", "item_version", "n", "facility", "discrimination", "irt_a", "irt_b")
    readonly_fields = fields


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    """Read-only: analyses are made by the service (audited), never edited by hand."""

    list_display = ("form", "session", "created_at", "n_candidates", "alpha", "irt_model")
    list_select_related = ("form", "session")
    inlines = [ItemResultInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
