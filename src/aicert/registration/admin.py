"""Django admin for registration: read-mostly; state changes go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aicert.centers.admin import CenterScopedAdmin
from aicert.registration import services
from aicert.registration.models import (
    CandidateProfile,
    ConsentRecord,
    DeletionRequest,
    GroupBooking,
    LevelAchievement,
    RefundPolicy,
    Registration,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(CenterScopedAdmin, ReadOnlyAdmin):
    list_display = ["pk", "candidate", "session", "status", "fee_amount", "amount_paid"]
    list_filter = ["status"]
    list_select_related = ["candidate", "session__subject", "session__room__venue"]
    search_fields = ["candidate__email"]

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(CandidateProfile)
class CandidateProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "legal_name_zh", "legal_name_en", "id_number_masked", "id_kind"]
    fields = [
        "user",
        "legal_name_zh",
        "legal_name_en",
        "id_kind",
        "id_number_masked",
        "birth_date",
        "phone",
        "county",
        "organisation_name",
    ]
    readonly_fields = fields
    search_fields = ["user__email", "legal_name_zh", "legal_name_en"]

    @admin.display(description=_("identity number"))
    def id_number_masked(self, obj):
        return obj.id_number_masked


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["user", "notice_version", "purpose", "given_at"]
    list_filter = ["notice_version", "purpose"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(ReadOnlyAdmin):
    list_display = ["user_email", "status", "requested_at", "processed_at", "processed_by"]
    list_filter = ["status"]
    actions = ["approve", "refuse"]

    def _decide(self, request, queryset, approve: bool):
        for deletion in queryset:
            try:
                services.deletion_request_process(
                    actor=request.user, request=deletion, approve=approve
                )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)

    @admin.action(description=_("Delete the candidate profile (approve)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Refuse the request"))
    def refuse(self, request, queryset):
        self._decide(request, queryset, False)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("registration.change_deletionrequest"):
            return {}
        return actions


@admin.register(LevelAchievement)
class LevelAchievementAdmin(admin.ModelAdmin):
    list_display = ["user", "level", "achieved_on", "source"]
    raw_id_fields = ["user"]


@admin.register(RefundPolicy)
class RefundPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "full_refund_days_before", "documented_reason_percent", "is_active"]


@admin.register(GroupBooking)
class GroupBookingAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation", "seats_reserved", "is_active"]
    raw_id_fields = ["contact"]
