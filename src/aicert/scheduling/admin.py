"""Django admin for sessions: everything for the foundation, own center only for managers."""

from django.contrib import admin

from aicert.centers.admin import CenterScopedAdmin
from aicert.scheduling.models import Session


@admin.register(Session)
class SessionAdmin(CenterScopedAdmin):
    list_display = ["starts_at", "subject", "room", "capacity", "fee", "status"]
    list_filter = ["status", "language"]
    date_hierarchy = "starts_at"
    list_select_related = ["subject__level", "room__venue"]

    # Sessions are written through the scheduling pages (services check seats, window and
    # clashes under a row lock); the admin only shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
