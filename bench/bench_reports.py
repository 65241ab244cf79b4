"""Reports: refresh time of the pre-aggregated facts and dashboard latency at scale.

Run (PostgreSQL; makes and drops ``<db>_bench_reports`` beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_reports \\
        .venv/bin/python bench/bench_reports.py --candidates 100000 --registrations 300000

Seeds candidates (bulk_create) and registrations spread over sessions in every venue's county,
runs ``facts_refresh`` and then GETs the dashboard ``--requests`` times in-process as the
foundation admin (Django test client), reporting p50/p95 and the query count.
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
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--registrations", type=int, default=300_000)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "reports"
    )
    harness.recreate_database(admin_url, name)
    os.environ.update({"DATABASE_URL": bench_url, "DJANGO_SETTINGS_MODULE": "aicert.settings"})
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        call_command("migrate", verbosity=0)
        from tests.factories import CenterFactory, RegistrationFactory, enrol_totp, person
        from tests.factories.centers import RoomFactory, VenueFactory
        from tests.factories.scheduling import SessionFactory

        from aicert.accounts.models import User
        from aicert.accounts.roles import Role
        from aicert.registration.models import Registration, RegistrationStatus
        from aicert.reports.services import facts_refresh

        t0 = time.perf_counter()
        center = CenterFactory()
        sessions = [
            SessionFactory(room=RoomFactory(venue=VenueFactory(center=center)))
            for _ in range(args.sessions)
        ]
        RegistrationFactory(session=sessions[0])  # makes the catalog rows once
        users = User.objects.bulk_create(
            [
                User(email=f"c{i}@bench.example.org", display_name=f"c{i}")
                for i in range(args.candidates)
            ],
            batch_size=5000,
        )
        statuses = [RegistrationStatus.SAT, RegistrationStatus.ABSENT, RegistrationStatus.CANCELLED]
        batch = []
        for i in range(args.registrations):
            session = sessions[i % len(sessions)]
            batch.append(
                Registration(
                    candidate=users[i % len(users)],
                    session=session,
                    subject_id=session.subject_id,
                    status=statuses[i % 3],
                )
            )
            if len(batch) == 5000:
                Registration.objects.bulk_create(batch)
                batch = []
        Registration.objects.bulk_create(batch)
        print(
            f"seeded {args.candidates} candidates, {args.registrations} registrations in {time.perf_counter() - t0:.1f} s"
        )
        t0 = time.perf_counter()
        result = facts_refresh()
        print(f"refresh: {result['facts']} facts in {time.perf_counter() - t0:.2f} s")
        admin = person("bench-admin", Role.FOUNDATION_ADMIN, center.organisation)
        enrol_totp(admin)
        client = Client()
        client.force_login(admin)
        times = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                t = time.perf_counter()
                response = client.get("/reports/", HTTP_HOST="127.0.0.1")
                times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.status_code
        print(
            f"dashboard: p50 {harness.percentile(times, 0.5):.1f} ms, "
            f"p95 {harness.percentile(times, 0.95):.1f} ms, {len(queries)} queries"
        )
    finally:
        connection.close()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
