"""Django admin for sessions: everything for the foundation, own center only for managers."""

from django.contrib import admin

from aicert.centers.admin import CenterScopedAdmin
from aicert.scheduling.models import InvigilatorAssignment, InvigilatorAvailability, Session


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


class _ReadOnlyScopedAdmin(CenterScopedAdmin):
    """Rosters and availability are written through the invigilation pages (the services check
    every rule under the session locks and audit); the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InvigilatorAssignment)
class InvigilatorAssignmentAdmin(_ReadOnlyScopedAdmin):
    list_display = ["session", "invigilator", "role", "status", "responded_at"]
    list_filter = ["status", "role"]
    list_select_related = ["session__subject", "session__room__venue", "invigilator__user"]


@admin.register(InvigilatorAvailability)
class InvigilatorAvailabilityAdmin(_ReadOnlyScopedAdmin):
    list_display = ["invigilator", "date", "half_day", "available"]
    list_filter = ["half_day", "available"]
    date_hierarchy = "date"
    list_select_related = ["invigilator__user"]
