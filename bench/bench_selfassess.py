"""Practice answers under load: many practisers saving an answer (and getting the next item
chosen by the CAT in the same request) at once, over HTTP, gunicorn on PostgreSQL.

Run (PostgreSQL required; the benchmark makes and drops its own database beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/bench_selfassess.py [--practisers 500] [--answers 5]

1. creates ``<db>_bench_selfassess``, migrates it, writes a practice bank of three domains x
   ``--per-domain`` calibrated items (the test factories), ``--practisers`` users each with a
   signed-in session and a short practice test started through the service;
2. starts gunicorn on 127.0.0.1 (``--workers`` sync workers);
3. every practiser (all at once: one thread each) POSTs ``--answers`` answers in turn, each
   request saving the answer and choosing the next item;
4. reports requests/s, p50/p95/p99 latency and HTTP statuses (200 = next item shown).

Only 127.0.0.1 is contacted. gunicorn comes from the ``bench`` extra (``scripts/install bench``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import secrets
import string
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import harness  # bench/harness.py: bench/ is on sys.path when a benchmark runs as a script

ROOT = Path(__file__).resolve().parents[1]
_CSRF_CHARS = string.ascii_letters + string.digits
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # the test factories build the bank
KEY = 2  # the factory's single-choice content has option 2 correct


def prepare(*, practisers: int, per_domain: int) -> list[tuple[str, str, int]]:
    """Migrate and write the world; returns (session cookie, csrf, attempt id) per practiser."""
    import django

    django.setup()
    import numpy as np
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.core.management import call_command
    from django.utils import timezone
    from tests.factories.catalog import (
        BlueprintEntryFactory,
        CompetencyDomainFactory,
        PassRuleFactory,
        SubjectFactory,
    )
    from tests.factories.itembank import ItemVersionFactory

    from aicert.accounts.models import User
    from aicert.selfassess import services

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(7)
    subject = SubjectFactory()
    level = subject.level
    PassRuleFactory(level=level)
    flagger = User.objects.create(email="psy@bench.example", display_name="psy")
    for i, weight in enumerate((40, 30, 30)):
        dom = CompetencyDomainFactory(certification=level.certification, code=f"{i + 1}")
        BlueprintEntryFactory(subject=subject, domain=dom, weight_percent=weight, item_count=10)
        for _ in range(per_domain):
            version = ItemVersionFactory(item__subject=subject, item__domain=dom)
            a, b = float(rng.uniform(1.6, 2.4)), float(rng.normal(0.0, 1.1))
            services.practice_item_flag(actor=flagger, version=version, a=a, d=-a * b)
    services.practice_exposure_calibrate(actor=flagger, level=level, n_simulees=500)
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"p{i}@bench.example", password=password, display_name=f"練習者{i}")
            for i in range(practisers)
        ],
        batch_size=1000,
    )
    store = SessionStore()
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    expire = timezone.now() + dt.timedelta(hours=2)
    out, rows = [], []
    for user in users:
        attempt = services.practice_attempt_start(user=user, level=level, mode="short")
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        rows.append(
            DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        csrf = "".join(secrets.choice(_CSRF_CHARS) for _ in range(32))
        out.append((key, csrf, attempt.pk))
    DjangoSession.objects.bulk_create(rows, batch_size=1000)
    return out


def rush(*, port: int, practisers: list, answers: int) -> tuple[list[float], Counter, float]:
    """Each practiser answers ``answers`` questions in turn, all practisers at once."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()

    def practise(entry) -> None:
        session_key, csrf, attempt_id = entry
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Host": "127.0.0.1",
        }
        for position in range(1, answers + 1):
            started = time.perf_counter()
            try:
                conn.request(
                    "POST",
                    f"/selfassess/attempts/{attempt_id}/answer/",
                    body=f"position={position}&choice={KEY}",
                    headers=headers,
                )
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                statuses[status] += 1
                if status > 0:
                    latencies.append(elapsed)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(practisers)) as pool:
        list(pool.map(practise, practisers))
    return latencies, statuses, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practisers", type=int, default=500)
    parser.add_argument("--answers", type=int, default=5, help="answers per practiser")
    parser.add_argument("--per-domain", type=int, default=60, help="practice items per domain")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "")
    bench_url, admin_url, name = harness.bench_database_url(base, "selfassess")
    harness.recreate_database(admin_url, name)
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")})
    server = None
    try:
        t0 = time.perf_counter()
        practisers = prepare(practisers=args.practisers, per_domain=args.per_domain)
        print(f"prepared {args.practisers} practisers in {time.perf_counter() - t0:.1f} s")
        port = harness.free_port()
        server = harness.gunicorn_start(port=port, workers=args.workers, env=env)
        latencies, statuses, wall = rush(port=port, practisers=practisers, answers=args.answers)
        sent = len(latencies)
        print(
            f"gunicorn {args.workers} workers, {args.practisers} practisers at once: "
            f"{sent} answers in {wall:.1f} s = {sent / wall:.0f} req/s"
        )
        print(
            "latency p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
                *(1000 * harness.percentile(latencies, q) for q in (0.5, 0.95, 0.99, 1.0))
            )
        )
        print(f"HTTP statuses: {dict(sorted(statuses.items()))} (200 = next item shown)")
        from aicert.selfassess.models import PracticeAnswer

        print(f"answers stored: {PracticeAnswer.objects.count()}")
    finally:
        harness.stop(server)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
