"""Django admin for centers: everything for foundation staff, own center only for managers."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from aicert.accounts.permissions import scope_queryset
from aicert.centers.models import (
    Center,
    CenterAppointment,
    County,
    Invigilator,
    Region,
    Room,
    Venue,
)


class CenterScopedAdmin(admin.ModelAdmin):
    """Lists, object pages and foreign-key choices narrowed through accounts.permissions."""

    def _perm(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def get_queryset(self, request):
        return scope_queryset(request.user, self._perm("view"), super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("view"), obj) or request.user.has_perm(
            self._perm("change"), obj
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("change"), obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("delete"), obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related in (Center, Venue) and not request.user.is_superuser:
            perm = f"centers.view_{related._meta.model_name}"
            kwargs["queryset"] = scope_queryset(request.user, perm, related.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A manager may only create or move rows inside their own center.

        if not request.user.has_perm(self._perm("change" if change else "add"), obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "position"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "region"]
    list_filter = ["region"]


class AppointmentInline(admin.TabularInline):
    model = CenterAppointment
    extra = 0

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("centers.change_centerappointment")

    has_add_permission = has_delete_permission = lambda self, request, obj=None: (
        request.user.has_perm(  # noqa: E731
            "centers.add_centerappointment"
        )
    )


@admin.register(Center)
class CenterAdmin(CenterScopedAdmin):
    list_display = ["organisation", "region", "host_institution_zh"]
    filter_horizontal = ["counties_served"]
    inlines = [AppointmentInline]

    def get_readonly_fields(self, request, obj=None):
        # The foundation decides who a center is and which counties it serves.
        if request.user.has_perm("centers.add_center"):
            return []
        return ["organisation", "region", "counties_served"]


@admin.register(CenterAppointment)
class CenterAppointmentAdmin(CenterScopedAdmin):
    list_display = ["center", "agreement_date", "term_start", "term_end"]


@admin.register(Venue)
class VenueAdmin(CenterScopedAdmin):
    list_display = ["name_zh", "name_en", "center", "county", "wheelchair_access"]
    list_filter = ["county"]


@admin.register(Room)
class RoomAdmin(CenterScopedAdmin):
    list_display = ["name", "venue", "seat_count", "accessible"]
    list_select_related = ["venue"]


@admin.register(Invigilator)
class InvigilatorAdmin(CenterScopedAdmin):
    list_display = ["user", "center", "chief_eligible", "is_active"]
    list_filter = ["chief_eligible", "is_active"]
    raw_id_fields = ["user"]
