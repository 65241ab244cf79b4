"""Registrations already awaiting payment when payments arrived get their virtual account."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def open_accounts(apps, schema_editor):
    from aicert.payments.providers import payment_due_at, virtual_account_number

    Registration = apps.get_model("registration", "Registration")
    VirtualAccount = apps.get_model("payments", "VirtualAccount")
    now = timezone.now()
    pending = Registration.objects.filter(
        status="pending_payment", virtual_account__isnull=True
    ).select_related("session")
    VirtualAccount.objects.bulk_create(
        [
            VirtualAccount(
                registration=registration,
                provider="bank_transfer",
                bank_code=str(getattr(settings, "PAYMENTS_BANK_CODE", "812")),
                number=virtual_account_number(registration.pk),
                due_at=payment_due_at(
                    opened_at=now,
                    registration_closes_at=registration.session.registration_closes_at,
                    starts_at=registration.session.starts_at,
                ),
            )
            for registration in pending.iterator()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_virtual_accounts_statements_waivers")]

    operations = [migrations.RunPython(open_accounts, migrations.RunPython.noop)]
