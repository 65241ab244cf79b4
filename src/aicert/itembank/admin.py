"""Django admin for the item bank: a read-only view for foundation administrators.

Items change only through the services (every change is a new version, every transition is
audited), so the admin lists and shows rows but never writes them.
"""

from django.contrib import admin

from aicert.itembank.models import (
    Item,
    ItemAsset,
    ItemVersion,
    ReviewAssignment,
    ReviewComment,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ItemVersionInline(admin.TabularInline):
    model = ItemVersion
    extra = 0
    fields = ["number", "item_type", "change_note", "created_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "level", "subject", "domain", "status", "author", "updated_at"]
    list_filter = ["status", "level", "cognitive_level", "difficulty"]
    search_fields = ["pk", "author__email"]
    list_select_related = ["level", "subject", "domain", "author"]
    inlines = [ItemVersionInline]


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    list_display = ["item", "number", "item_type", "created_by", "created_at"]
    list_filter = ["item_type"]
    list_select_related = ["item", "created_by"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer", "assigned_by", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["version__item", "reviewer", "assigned_by"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    list_display = ["version", "field_path", "author", "created_at"]
    list_select_related = ["version__item", "author"]


@admin.register(ItemAsset)
class ItemAssetAdmin(ReadOnlyAdmin):
    list_display = ["pk", "item", "name", "content_type", "width", "height", "size", "created_at"]
    list_select_related = ["item"]
    exclude = ["data"]  # the bytes are served only through the permission-checked view
    search_fields = ["name", "sha256"]
