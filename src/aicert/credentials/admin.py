"""Django admin for credentials: the reminder offsets are data the foundation edits here;
certificates and their history are read-only (they change only through the services)."""

from django.contrib import admin

from aicert.credentials.models import Certificate, CertificateEvent, ReminderOffset


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderOffset)
class ReminderOffsetAdmin(admin.ModelAdmin):
    list_display = ["days_before", "is_active"]
    list_editable = ["is_active"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "holder", "level", "status", "valid_from", "expires_on"]
    list_filter = ["status", "level"]
    list_select_related = ["holder", "level"]
    search_fields = ["number", "holder__email"]


@admin.register(CertificateEvent)
class CertificateEventAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "kind", "at", "valid_from", "expires_on"]
    list_filter = ["kind"]
    list_select_related = ["certificate"]
