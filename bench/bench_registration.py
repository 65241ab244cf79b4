"""Registration rush: many candidates POSTing "Register" for one session at once, over HTTP.

Run (PostgreSQL required; the benchmark makes and drops its own database beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/bench_registration.py [--candidates 2000] [--seats 500]

What it does:

1. creates ``<db>_bench_registration``, migrates it, and writes directly (no HTTP) one session of
   ``--seats`` seats whose window is open, plus ``--candidates`` users with a profile (encrypted
   identity number), consent and a signed-in Django session each;
2. starts the app under gunicorn on 127.0.0.1 (``--workers`` sync workers);
3. fires one POST to the session's register page per candidate from a thread pool
   (``--concurrency`` at once; every request asks for the waiting list when full), bounded by
   ``--deadline`` seconds;
4. reports throughput, p50/p95/p99 latency, HTTP statuses, and from the database: seats held,
   waitlisted, and the number oversold (seats held beyond capacity), which must be 0.

E-mails go through the production task queue (django-tasks-db) and one ``aicert db_worker``
runs beside gunicorn on the same machine, as in production; the report says how many of the
confirmation e-mails were sent by the time the queue drained.

Only 127.0.0.1 is contacted. gunicorn comes from the ``bench`` extra (``scripts/install bench``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import secrets
import string
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import harness  # bench/harness.py: bench/ is on sys.path when a benchmark runs as a script

ROOT = Path(__file__).resolve().parents[1]
_CSRF_CHARS = string.ascii_letters + string.digits
# BENCH_SRC: the code under test (default: this checkout), e.g. a worktree of the base commit
# (then set PYTHONPATH to it as well, for gunicorn and the task worker).
sys.path.insert(0, os.environ.get("BENCH_SRC") or str(ROOT / "src"))


def _national_id(n: int) -> str:
    from aicert.registration import identity

    body = f"A1{n:07d}"
    return next(body + str(d) for d in range(10) if identity.checksum_ok(body + str(d)))


def prepare(*, candidates: int, seats: int) -> tuple[int, list[tuple[str, str]]]:
    """Migrate and write the world; returns the session id and (session cookie, csrf) pairs."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.core.management import call_command
    from django.utils import timezone

    from aicert.accounts.models import User
    from aicert.accounts.roles import OrganisationKind
    from aicert.accounts.services import organisation_upsert
    from aicert.catalog.models import Certification, Level, Subject
    from aicert.centers.models import Center, County, Region, Room, Venue
    from aicert.registration import crypto
    from aicert.registration.models import (
        PRIVACY_NOTICE_VERSION,
        CandidateProfile,
        ConsentRecord,
    )
    from aicert.scheduling.models import Session, SessionStatus

    call_command("migrate", verbosity=0)
    foundation = organisation_upsert(
        slug="foundation", kind=OrganisationKind.FOUNDATION, name_zh="基金會", name_en="Foundation"
    )
    certification = Certification.objects.create(
        code="aap", name_zh="AI 應用規劃師", name_en="AI Application Planner", issuer=foundation
    )
    level = Level.objects.create(
        certification=certification, code="associate", rank=1, name_zh="初級", name_en="Associate"
    )
    subject = Subject.objects.create(
        level=level,
        code="foundations",
        name_zh="人工智慧基礎概論",
        name_en="Introduction to AI",
        duration_minutes=90,
        item_count=50,
    )
    center_org = organisation_upsert(
        slug="center-south", kind=OrganisationKind.CENTER, name_zh="南區", name_en="South"
    )
    center = Center.objects.create(
        organisation=center_org,
        region=Region.objects.get(code="south"),
        host_institution_zh="大學",
        host_institution_en="University",
        address="臺南市",
    )
    venue = Venue.objects.create(
        center=center,
        name_zh="體育館",
        name_en="Gymnasium",
        county=County.objects.get(code="tainan-city"),
        address_zh="臺南市",
    )
    columns = 25
    room = Room.objects.create(
        venue=venue,
        name="Hall",
        seat_rows=-(-seats // columns),
        seat_columns=columns,
        seat_count=seats,
    )
    starts_at = timezone.now() + dt.timedelta(days=30)
    session = Session.objects.create(
        subject=subject,
        room=room,
        starts_at=starts_at,
        duration_minutes=90,
        capacity=seats,
        fee=1200,
        registration_opens_at=timezone.now() - dt.timedelta(minutes=1),
        registration_closes_at=starts_at - dt.timedelta(days=7),
        ticket_release_on=(starts_at - dt.timedelta(days=10)).date(),
        status=SessionStatus.PUBLISHED,
    )

    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"rush{i}@bench.example", password=password, display_name=f"考生{i}")
            for i in range(candidates)
        ],
        batch_size=1000,
    )
    profiles = []
    for i, user in enumerate(users):
        number = _national_id(i + 1)
        profiles.append(
            CandidateProfile(
                user=user,
                legal_name_zh=f"考生{i}",
                id_kind="national_id",
                id_number_encrypted=crypto.encrypt(number),
                id_number_hash=crypto.index_hash(number),
                birth_date=dt.date(2000, 1, 1),
                phone="0912-000-000",
            )
        )
    CandidateProfile.objects.bulk_create(profiles, batch_size=1000)
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose="exam_registration"
            )
            for user in users
        ],
        batch_size=1000,
    )
    store = SessionStore()
    from django.conf import settings

    backend = settings.AUTHENTICATION_BACKENDS[0]  # the sign-in backend of the code under test
    expire = timezone.now() + dt.timedelta(hours=2)
    cookies, rows = [], []
    for user in users:
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        rows.append(
            DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        cookies.append((key, "".join(secrets.choice(_CSRF_CHARS) for _ in range(32))))
    DjangoSession.objects.bulk_create(rows, batch_size=1000)
    return session.pk, cookies


# The ceiling: a registration's writes with no Python at all -- pgbench (C) runs the same
# transaction shape as the service on scratch tables shaped like the real ones: the seat-taker
# locks the session row, counts the seats held, writes the registration, its audit record, the
# virtual account and its audit record and the e-mail task row, and commits; everyone queues on
# the one session row, as in the rush. (The waiting-list shape takes no lock and writes three rows.)
CEILING_TABLES = """
DROP TABLE IF EXISTS bench_reg, bench_audit, bench_session, bench_side;
CREATE TABLE bench_session (id bigint PRIMARY KEY, capacity int, status text, fee int);
INSERT INTO bench_session VALUES (1, 1000000000, 'published', 1200);
CREATE TABLE bench_reg (id bigserial PRIMARY KEY, candidate bigint, session_id bigint,
  status text, fee int, created_at timestamptz, updated_at timestamptz);
CREATE INDEX ON bench_reg (session_id, status);
CREATE INDEX ON bench_reg (candidate, status);
CREATE TABLE bench_audit (id bigserial PRIMARY KEY, created_at timestamptz, actor bigint,
  action text, target text, target_repr text, changes jsonb);
CREATE TABLE bench_side (id bigserial PRIMARY KEY, registration bigint UNIQUE, payload jsonb);
"""
CEILING_SEAT = """\\set n random(1, 1000000000)
BEGIN;
SELECT id, capacity, status, fee FROM bench_session WHERE id = 1 FOR UPDATE;
SELECT count(*) FILTER (WHERE status <> 'waitlisted'), count(*) FILTER (WHERE status = 'waitlisted')
  FROM bench_reg WHERE session_id = 1;
INSERT INTO bench_reg (candidate, session_id, status, fee, created_at, updated_at)
  VALUES (:n, 1, 'pending_payment', 1200, now(), now());
INSERT INTO bench_audit (created_at, actor, action, target, target_repr, changes)
  VALUES (now(), :n, 'registration.create', currval('bench_reg_id_seq')::text, 'x',
  '{"session": 1, "status": "pending_payment", "group": ""}');
INSERT INTO bench_side (registration, payload) VALUES (currval('bench_reg_id_seq'), '{}');
INSERT INTO bench_audit (created_at, actor, action, target, target_repr, changes)
  VALUES (now(), NULL, 'payment.virtual_account_open', currval('bench_reg_id_seq')::text, 'x', '{}');
INSERT INTO bench_side (registration, payload) VALUES (-currval('bench_reg_id_seq'), '{"task": 1}');
COMMIT;
"""
CEILING_WAITLIST = """\\set n random(1, 1000000000)
BEGIN;
SELECT count(*) FROM bench_reg WHERE candidate = :n AND status <> 'cancelled';
INSERT INTO bench_reg (candidate, session_id, status, fee, created_at, updated_at)
  VALUES (:n, 2, 'waitlisted', 1200, now(), now());
INSERT INTO bench_audit (created_at, actor, action, target, target_repr, changes)
  VALUES (now(), :n, 'registration.create', currval('bench_reg_id_seq')::text, 'x',
  '{"session": 2, "status": "waitlisted", "group": ""}');
INSERT INTO bench_side (registration, payload) VALUES (currval('bench_reg_id_seq'), '{"task": 1}');
COMMIT;
"""


def ceiling(url: str, clients: int, seconds: float) -> dict[str, tuple[float, float]]:
    """Registrations/s and mean ms of the two shapes, raw PostgreSQL (see CEILING_SEAT)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(CEILING_TABLES)
    try:
        return {
            shape: harness.pgbench(url, script, clients=clients, seconds=seconds)
            for shape, script in (("seat", CEILING_SEAT), ("waitlist", CEILING_WAITLIST))
        }
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE bench_reg, bench_audit, bench_session, bench_side")


def rush(
    *, port: int, session_id: int, cookies: list, concurrency: int, deadline_s: float
) -> tuple[list[float], Counter, float]:
    """One POST per candidate; returns latencies (s), HTTP statuses and the wall time."""
    path = f"/registration/sessions/{session_id}/register/"
    local = threading.local()
    stop_at = time.monotonic() + deadline_s

    def post(pair) -> tuple[float, int]:
        if time.monotonic() > stop_at:
            return 0.0, -1  # not sent: the time budget ran out
        session_key, csrf = pair
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = "join_waitlist=on"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Host": "127.0.0.1",
        }
        started = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            local.conn = None
            status = 0
        return time.perf_counter() - started, status

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(post, cookies))
    wall = time.perf_counter() - wall
    latencies = [t for t, status in results if status > 0]
    return latencies, Counter(status for _, status in results), wall


def _own_cpu() -> float:
    """CPU seconds of this process so far (the client's threads)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float:
    """CPU seconds so far of process ``pid`` (Linux; 0 once it has gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _phases(session_id: int) -> list[tuple[str, int, float]]:
    """The rush's two phases, from the rows' creation times: the seat-takers, one at a time
    under the session's row lock, and the waiting list once the seats are gone (no lock)."""
    from django.db.models import Count, Max, Min

    from aicert.registration.models import Registration

    phases = []
    for phase, rows in (
        (
            "seat-takers (serialised on the session row lock)",
            Registration.objects.filter(session_id=session_id).exclude(status="waitlisted"),
        ),
        (
            "waiting list (no lock)",
            Registration.objects.filter(session_id=session_id, status="waitlisted"),
        ),
    ):
        span = rows.aggregate(n=Count("pk"), first=Min("created_at"), last=Max("created_at"))
        if span["n"] > 1:
            phases.append((phase, span["n"], (span["last"] - span["first"]).total_seconds()))
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--deadline", type=float, default=180, help="seconds for the rush")
    parser.add_argument("--db-clients", type=int, default=4, help="connections for the ceiling")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    parser.add_argument(
        "--port", type=int, default=0, help="gunicorn's port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument(
        "--no-ceiling", action="store_true", help="skip the raw PostgreSQL ceiling (20 s)"
    )
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "")
    bench_url, admin_url, name = harness.bench_database_url(base, "registration")
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
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")})
    os.environ.update({k: env[k] for k in ("EMAIL_BACKEND", "LOG_LEVEL", "DEBUG")})
    os.environ["TASKS_BACKEND"] = env["TASKS_BACKEND"]
    server = worker = None
    try:
        t0 = time.perf_counter()
        session_id, cookies = prepare(candidates=args.candidates, seats=args.seats)
        print(
            f"prepared {args.candidates} candidates for {args.seats} seats "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        from django.db import connections

        connections.close_all()
        if not args.no_ceiling:
            raw = ceiling(bench_url, args.db_clients, 10)
            print(
                f"ceiling: raw PostgreSQL (pgbench, {args.db_clients} connections, 10 s each): "
                + "; ".join(
                    f"{shape} {tps:.0f} registrations/s, mean {ms:.2f} ms"
                    for shape, (tps, ms) in raw.items()
                )
            )
        port = args.port or harness.free_port()
        server = harness.gunicorn_start(port=port, workers=args.workers, env=env)
        worker = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("aicert")),
                "db_worker",
                "--interval",
                "0.2",
                "-v",
                "0",
            ],
            env=env,
            cwd=ROOT,
        )
        from bench_autosave import _cpu_snapshot

        before = _cpu_snapshot(server.pid, bench_url, name)
        client_before, worker_before = _own_cpu(), _process_cpu(worker.pid)
        latencies, statuses, wall = rush(
            port=port,
            session_id=session_id,
            cookies=cookies,
            concurrency=args.concurrency,
            deadline_s=args.deadline,
        )

        after = _cpu_snapshot(server.pid, bench_url, name)
        client_cpu = _own_cpu() - client_before
        worker_cpu = _process_cpu(worker.pid) - worker_before
        cpu = {
            kind: sum(after[kind].values()) - sum(before[kind].get(p, 0) for p in after[kind])
            for kind in after
        }
        from aicert.registration.models import SEAT_HOLDING_STATUSES, Registration

        rows = Registration.objects.filter(session_id=session_id)
        held = rows.filter(status__in=SEAT_HOLDING_STATUSES).count()
        waitlisted = rows.filter(status="waitlisted").count()
        sent = len(latencies)
        print(
            f"gunicorn {args.workers} workers, {args.concurrency} in flight: "
            f"{sent} POSTs in {wall:.1f} s = {sent / wall:.0f} req/s"
        )
        print(
            "latency p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
                *(1000 * harness.percentile(latencies, q) for q in (0.5, 0.95, 0.99, 1.0))
            )
        )
        print(f"HTTP statuses: {dict(sorted(statuses.items()))} (302 = registered/waitlisted)")
        print(
            f"CPU seconds in the rush on {os.cpu_count()} cores: gunicorn workers "
            f"{cpu['workers']:.1f}, PostgreSQL backends {cpu['postgres']:.1f} (with the task "
            f"worker's); server CPU per registration "
            f"{1000 * (cpu['workers'] + cpu['postgres']) / max(1, sent):.1f} ms; "
            f"also on these cores: the task worker {worker_cpu:.1f}, this client {client_cpu:.1f}"
        )
        for phase, count, seconds in _phases(session_id):
            print(
                f"{phase}: {count} registrations in {seconds:.2f} s = "
                f"{count / max(seconds, 1e-9):.0f} /s"
            )
        print(
            f"seats held {held} / {args.seats}, waitlisted {waitlisted}, "
            f"oversold {max(0, held - args.seats)}"
        )
        from django_tasks_db.models import DBTaskResult

        drain_started = time.perf_counter()
        while DBTaskResult.objects.filter(status__in=("READY", "RUNNING")).exists():
            if time.perf_counter() - drain_started > 120:
                break
            time.sleep(0.5)
        done = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
        failed = DBTaskResult.objects.filter(status="FAILED").count()
        print(
            f"e-mails: {done} sent, {failed} failed by the worker, queue drained "
            f"{time.perf_counter() - drain_started:.1f} s after the rush"
        )
        if held > args.seats:
            raise SystemExit("OVERSOLD")
    finally:
        harness.stop(server, worker)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
