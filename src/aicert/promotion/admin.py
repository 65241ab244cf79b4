"""Django admin for promotion: the foundation reads subscriptions (with their consent) and
mailings; nothing is edited here (the services do it: a subscription changes only by its owner's
links or page). Announcements, events and campaigns have their own pages, scoped by region."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aicert.promotion.models import Mailing, Subscription


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(_ReadOnlyAdmin):
    list_display = [
        "masked_email", "region", "level", "status", "sessions", "announcements", "events",
        "consent_at", "consent_source", "unsubscribed_at",
    ]  # fmt: skip
    list_filter = ["status", "consent_source", "region"]
    list_select_related = ["region", "level__certification"]
    search_fields = ["email"]
    exclude = ["email"]
    readonly_fields = ["masked_email"]

    @admin.display(description=_("e-mail"))
    def masked_email(self, obj: Subscription) -> str:
        return obj.email_masked


@admin.register(Mailing)
class MailingAdmin(_ReadOnlyAdmin):
    list_display = ["kind", "object_id", "region", "level", "created_at", "finished_at", "sent"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "level__certification"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(sent_count=Count("deliveries"))

    @admin.display(description=_("mails sent"), ordering="sent_count")
    def sent(self, obj) -> int:
        return obj.sent_count
