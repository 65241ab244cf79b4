"""Django admin for payments: read-only; money moves only through the services and pages."""

from django.contrib import admin

from aicert.payments.models import (
    BankStatement,
    FeeWaiver,
    ManualPayment,
    RefundPayout,
    StatementLine,
    VirtualAccount,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VirtualAccount)
class VirtualAccountAdmin(ReadOnlyAdmin):
    list_display = ["number", "bank_code", "registration", "due_at"]
    search_fields = ["number", "registration__candidate__email"]
    list_select_related = ["registration__candidate", "registration__session__subject"]


class StatementLineInline(admin.TabularInline):
    model = StatementLine
    extra = 0
    can_delete = False
    fields = ["line_number", "transacted_at", "account_number", "amount", "bank_reference"]
    fields += ["outcome", "registration", "amount_applied", "refund_due"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BankStatement)
class BankStatementAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "uploaded_at", "uploaded_by", "line_count", "total_amount"]
    inlines = [StatementLineInline]


@admin.register(FeeWaiver)
class FeeWaiverAdmin(ReadOnlyAdmin):
    list_display = ["registration", "amount", "fee_before", "granted_by", "granted_at"]


@admin.register(ManualPayment)
class ManualPaymentAdmin(ReadOnlyAdmin):
    list_display = ["registration", "amount", "paid_at", "recorded_by", "recorded_at"]


@admin.register(RefundPayout)
class RefundPayoutAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "amount", "bank_reference", "line", "registration", "recorded_by"]
    list_select_related = ["line", "registration__candidate", "recorded_by"]
    search_fields = ["bank_reference", "registration__candidate__email"]
