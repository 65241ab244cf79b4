"""Reports: refresh time of the pre-aggregated facts and dashboard latency at scale.

Run (PostgreSQL; makes and drops ``<db>_bench_reports`` beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_reports \\
        .venv/bin/python bench/bench_reports.py --candidates 100000 --registrations 300000

Seeds one center per region with a venue in each of its counties, ``--sessions`` sessions over
the last 12 months, candidates with profiles (gender, birth date) and registrations
(bulk_create), runs ``facts_refresh`` and then GETs the dashboard ``--requests`` times
in-process as the foundation admin (Django test client), unfiltered and filtered to the south
and Chiayi County, reporting p50/p95 and the query count. (Results need attempts and forms;
the bench has none, so the results family is measured only by its empty query.)
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
    parser.add_argument("--sessions", type=int, default=240)
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
        import datetime as dt
        import random

        from django.utils import timezone
        from tests.factories import CenterFactory, enrol_totp, person
        from tests.factories.centers import RoomFactory, VenueFactory
        from tests.factories.scheduling import SessionFactory

        from aicert.accounts.models import User
        from aicert.accounts.roles import Role
        from aicert.centers.models import County, Region
        from aicert.registration.models import (
            CandidateProfile,
            Gender,
            Registration,
            RegistrationStatus,
        )
        from aicert.reports.services import facts_refresh

        t0 = time.perf_counter()
        rng = random.Random(13)
        # One center per region, a venue in every county of it, sessions over the last year.
        centers, rooms = [], []
        for region in Region.objects.order_by("position"):
            center = CenterFactory(region=region)
            centers.append(center)
            for county in County.objects.filter(region=region):
                rooms.append(RoomFactory(venue=VenueFactory(center=center, county=county)))
        center = centers[0]
        now = timezone.now()
        first = SessionFactory(room=rooms[0], starts_at=now - dt.timedelta(days=360))
        sessions = [first] + [
            SessionFactory(
                room=rooms[i % len(rooms)],
                subject=first.subject,
                starts_at=now - dt.timedelta(days=360 * i // args.sessions, hours=i % 5),
            )
            for i in range(1, args.sessions)
        ]
        users = User.objects.bulk_create(
            [
                User(email=f"c{i}@bench.example.org", display_name=f"c{i}")
                for i in range(args.candidates)
            ],
            batch_size=5000,
        )
        genders = [*Gender.values, ""]
        CandidateProfile.objects.bulk_create(
            [
                CandidateProfile(
                    user=u,
                    legal_name_zh=f"考生{i}",
                    id_kind="national_id",
                    id_number_encrypted="bench",
                    id_number_hash=f"{i:064d}",
                    birth_date=dt.date(1960 + rng.randrange(45), 1 + rng.randrange(12), 1),
                    phone="0900-000-000",
                    gender=rng.choice(genders),
                )
                for i, u in enumerate(users)
            ],
            batch_size=5000,
        )
        statuses = [RegistrationStatus.SAT] * 6 + [
            RegistrationStatus.ABSENT,
            RegistrationStatus.CANCELLED,
            RegistrationStatus.CONFIRMED,
        ]
        batch = []
        for i in range(args.registrations):
            session = sessions[rng.randrange(len(sessions))]
            batch.append(
                Registration(
                    candidate=users[i % len(users)],
                    session=session,
                    subject_id=session.subject_id,
                    status=statuses[i % len(statuses)],
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
        pages = {
            "all regions": "/reports/",
            "south + Chiayi County": "/reports/?region=south&county=chiayi-county&by=level",
        }
        for name, url in pages.items():
            times = []
            for _ in range(args.requests):
                with CaptureQueriesContext(connection) as queries:
                    t = time.perf_counter()
                    response = client.get(url, HTTP_HOST="127.0.0.1")
                    times.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, response.status_code
            print(
                f"dashboard ({name}): p50 {harness.percentile(times, 0.5):.1f} ms, "
                f"p95 {harness.percentile(times, 0.95):.1f} ms, {len(queries)} queries"
            )
    finally:
        connection.close()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
