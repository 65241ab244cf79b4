"""Promotion: how fast one announcement reaches its subscribers, and that a second run of the
same batches mails nobody again.

Run (PostgreSQL; makes and drops ``<db>_bench_mailing`` beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_promotion \\
        .venv/bin/python bench/bench_mailing.py --subscribers 5000

Seeds confirmed subscriptions (bulk_create; half of them in the south, half for every region,
a tenth of them in English), publishes an announcement for the south through the service (the
immediate task backend runs every batch at once, mails into locmem) and reports mails per
second and queries per mail; then runs the batches again from the start.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "mailing"
    )
    harness.recreate_database(admin_url, name)
    os.environ.update(
        {
            "DATABASE_URL": bench_url,
            "DJANGO_SETTINGS_MODULE": "aicert.settings",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "TASKS_LOG_LEVEL": "WARNING",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    try:
        call_command("migrate", verbosity=0)
        from tests.factories import FoundationFactory, person

        from aicert.accounts.roles import Role
        from aicert.centers.models import Region
        from aicert.promotion import subscription_services as subs
        from aicert.promotion.models import (
            ConsentSource,
            Mailing,
            MailingDelivery,
            Subscription,
            subscription_scope_key,
        )
        from aicert.promotion.services import announcement_create

        mail.outbox = []
        south = Region.objects.get(code="south")
        now = timezone.now()
        rows = []
        for i in range(args.subscribers):
            region = south if i % 2 else None
            rows.append(
                Subscription(
                    email=f"s{i}@bench.example.org",
                    region=region,
                    scope_key=subscription_scope_key(region.pk if region else None, None),
                    language="en" if i % 10 == 0 else "zh-hant",
                    status="confirmed",
                    confirmed_at=now,
                    consent_at=now,
                    consent_source=ConsentSource.DEMO,
                )
            )
        Subscription.objects.bulk_create(rows, batch_size=5000)
        admin = person("bench-admin", Role.FOUNDATION_ADMIN, FoundationFactory())
        count = [0]

        def counting(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        t0 = time.perf_counter()
        with connection.execute_wrapper(counting):
            announcement = announcement_create(
                actor=admin,
                region=south,
                title_zh="報名開始",
                title_en="Registration opens",
                body_zh="歡迎報名",
                body_en="Welcome",
                publish_at=now,
            )
        elapsed = time.perf_counter() - t0
        sent = len(mail.outbox)
        print(
            f"fan-out: {sent} mails in {elapsed:.2f} s ({sent / elapsed:.0f} mails/s), "
            f"{count[0] / max(sent, 1):.2f} queries per mail, batch {subs.batch_size()}"
        )
        mailing = Mailing.objects.get(object_id=announcement.pk)
        assert MailingDelivery.objects.filter(mailing=mailing).count() == sent == args.subscribers
        mailing.finished_at = None
        mailing.save(update_fields=["finished_at"])
        t0 = time.perf_counter()
        # The first batch enqueues the next ones (run at once here): every batch goes again.
        again = subs.mailing_batch_send(mailing_id=mailing.pk, after_id=0)
        print(
            f"retry from the start: {again} mails in {time.perf_counter() - t0:.2f} s "
            f"(outbox still {len(mail.outbox)})"
        )
    finally:
        connection.close()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
