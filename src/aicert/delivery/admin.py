"""Django admin for the exam-day room: the check-in policy is edited here (foundation); check-ins
and incidents are shown read-only (they are written through the room's pages and services)."""

from django.contrib import admin

from aicert.centers.admin import CenterScopedAdmin
from aicert.delivery.models import CheckIn, CheckInPolicy, Incident


@admin.register(CheckInPolicy)
class CheckInPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "opens_minutes_before", "late_cutoff_minutes", "is_active"]


class _ReadOnlyScopedAdmin(CenterScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckIn)
class CheckInAdmin(_ReadOnlyScopedAdmin):
    list_display = ["registration", "outcome", "late", "id_checked", "recorded_by", "recorded_at"]
    list_filter = ["outcome", "late"]
    list_select_related = ["registration__candidate", "recorded_by"]


@admin.register(Incident)
class IncidentAdmin(_ReadOnlyScopedAdmin):
    list_display = ["session", "kind", "occurred_at", "registration", "reported_by"]
    list_filter = ["kind"]
    list_select_related = ["session__subject", "registration__candidate", "reported_by"]
