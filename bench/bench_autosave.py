"""Exam-day autosave: many candidates saving answers at once, over HTTP, against gunicorn.

Run (PostgreSQL required; the benchmark makes and drops its own database beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/bench_autosave.py [--candidates 1000] [--saves 12]

What it does:

1. creates ``<db>_bench_autosave``, migrates it, and writes directly (no HTTP) one running
   sitting: a published form of ``--items`` items of several types, ``--candidates`` checked-in
   candidates, each with a started attempt bound to its "computer" (device key) and a signed-in
   Django session;
2. measures the ceiling: the raw PostgreSQL upsert rate of the same number of saves, with psycopg
   from ``--db-threads`` connections (one ``INSERT … ON CONFLICT DO UPDATE … WHERE seq <`` per
   transaction, as a save needs), into a scratch table shaped like ``delivery_response``;
3. starts the app under gunicorn on 127.0.0.1 (``--workers`` sync workers) and sends every
   candidate's ``--saves`` saves (``PUT /api/delivery/attempts/<id>/responses``, with the
   device key and an increasing sequence number) from ``--clients`` client processes of
   ``--concurrency`` keep-alive connections in all;
4. reports saves/s, p50/p95/p99 latency, HTTP statuses, and from the database the lost saves
   (acknowledged with 200 but not in the database, or an older save stored over them), which
   must be 0, and the attempt event log rows written (one per stored save).

Only 127.0.0.1 is contacted. gunicorn comes from the ``test`` extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
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

# The answer each save sends, by item type (valid for the contents written below).
ITEM_TYPES = ("single_choice", "multiple_response", "true_false", "numeric", "short_text")


def _answer(item_type: str, k: int):
    return {
        "single_choice": k % 4,
        "multiple_response": sorted({k % 4, (k + 1) % 4}),
        "true_false": k % 2 == 0,
        "numeric": str(k * 0.5),
        "short_text": f"answer {k}",
    }[item_type]


def _content(item_type: str, n: int) -> dict:
    options = [{"text": f"選項 {i}", "correct": i == 1} for i in range(4)]
    return {
        "single_choice": {"stem": f"第 {n} 題", "options": options},
        "multiple_response": {"stem": f"第 {n} 題", "options": options},
        "true_false": {"stem": f"第 {n} 題", "key": True},
        "numeric": {"stem": f"第 {n} 題", "value": 1.5, "tolerance": 0.01},
        "short_text": {"stem": f"第 {n} 題", "answers": ["LLM"]},
    }[item_type]


def prepare(*, candidates: int, items: int) -> list[dict]:
    """Migrate and write the sitting; returns one dict per candidate (attempt, items, cookies)."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.core.management import call_command
    from django.utils import timezone

    from aicert.accounts.models import Membership, User
    from aicert.accounts.roles import OrganisationKind, Role
    from aicert.accounts.services import organisation_upsert
    from aicert.catalog.models import Certification, CompetencyDomain, Level, Subject
    from aicert.centers.models import Center, County, Region, Room, Venue
    from aicert.delivery import presentation, services
    from aicert.delivery.models import Attempt, AttemptStatus, Form, FormItem
    from aicert.itembank.models import Item, ItemStatus, ItemVersion
    from aicert.registration.models import Registration, RegistrationStatus
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
        level=level, code="foundations", name_zh="人工智慧基礎概論", name_en="AI foundations",
        duration_minutes=90, item_count=items,
    )  # fmt: skip
    domain = CompetencyDomain.objects.create(
        certification=certification, code="1.1", name_zh="機器學習", name_en="Machine learning"
    )
    password = make_password(None)
    staff = User.objects.create(email="psychometrician@bench.example", password=password)
    Membership.objects.create(user=staff, organisation=foundation, role=Role.PSYCHOMETRICIAN)
    form = Form.objects.create(
        subject=subject, code="foundations-001",
        assembly_batch="00000000-0000-0000-0000-000000000001", created_by=staff,
    )  # fmt: skip
    for n in range(items):
        item_type = ITEM_TYPES[n % len(ITEM_TYPES)]
        item = Item.objects.create(
            level=level, subject=subject, domain=domain, cognitive_level="understand",
            difficulty="medium", author=staff, status=ItemStatus.ACTIVE,
        )  # fmt: skip
        version = ItemVersion.objects.create(
            item=item, number=1, item_type=item_type, content_zh=_content(item_type, n + 1),
            created_by=staff,
        )  # fmt: skip
        FormItem.objects.create(form=form, item_version=version, position=n + 1)
    services.form_lock(actor=staff, form=form)
    services.form_publish(actor=staff, form=form)

    center_org = organisation_upsert(
        slug="center-south", kind=OrganisationKind.CENTER, name_zh="南區", name_en="South"
    )
    center = Center.objects.create(
        organisation=center_org, region=Region.objects.get(code="south"),
        host_institution_zh="大學", host_institution_en="University", address="臺南市",
    )  # fmt: skip
    venue = Venue.objects.create(
        center=center, name_zh="體育館", name_en="Gymnasium",
        county=County.objects.get(code="tainan-city"), address_zh="臺南市",
    )  # fmt: skip
    room = Room.objects.create(
        venue=venue, name="Hall", seat_rows=-(-candidates // 25), seat_columns=25,
        seat_count=candidates,
    )  # fmt: skip
    now = timezone.now()
    session = Session.objects.create(
        subject=subject, room=room, starts_at=now - dt.timedelta(minutes=5), duration_minutes=90,
        capacity=candidates, registration_opens_at=now - dt.timedelta(days=30),
        registration_closes_at=now - dt.timedelta(days=7),
        ticket_release_on=(now - dt.timedelta(days=10)).date(), status=SessionStatus.PUBLISHED,
    )  # fmt: skip
    users = User.objects.bulk_create(
        [
            User(email=f"sitter{i}@bench.example", password=password, display_name=f"考生{i}")
            for i in range(candidates)
        ],
        batch_size=1000,
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                candidate=u, session=session, subject=subject, status=RegistrationStatus.CHECKED_IN
            )
            for u in users
        ],
        batch_size=1000,
    )
    # Started attempts written directly (the sitting is under way; starting is not measured).
    started = now - dt.timedelta(minutes=1)
    attempts = Attempt.objects.bulk_create(
        [
            Attempt(
                registration=r,
                candidate=r.candidate,
                form=form,
                language="zh-hant",
                seed=secrets.token_hex(16),
                order_version=presentation.ORDER_VERSION,
                status=AttemptStatus.IN_PROGRESS,
                time_allowed_seconds=90 * 60,
                started_at=started,
                deadline_at=started + dt.timedelta(minutes=90),
                device_key=secrets.token_urlsafe(32),
                device_bound_at=started,
            )  # fmt: skip
            for r in registrations
        ],
        batch_size=1000,
    )
    form_items = list(
        FormItem.objects.filter(form=form)
        .order_by("position")
        .values_list("pk", "item_version__item_type")
    )
    store = SessionStore()
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    expire = now + dt.timedelta(hours=3)
    rows, sitters = [], []
    for user, attempt in zip(users, attempts, strict=True):
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        rows.append(
            DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        sitters.append(
            {
                "attempt": attempt.pk,
                "device": attempt.device_key,
                "cookie": key,
                "csrf": "".join(secrets.choice(_CSRF_CHARS) for _ in range(32)),
                "items": form_items,
            }
        )
    DjangoSession.objects.bulk_create(rows, batch_size=1000)
    return sitters


# --- the ceiling: raw upserts with psycopg ---------------------------------------------------------

UPSERT = """
INSERT INTO bench_upsert (attempt_id, form_item_id, answer, seq, saved_at)
VALUES (%s, %s, %s, %s, now())
ON CONFLICT (attempt_id, form_item_id) DO UPDATE
SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = EXCLUDED.saved_at
WHERE bench_upsert.seq < EXCLUDED.seq
"""


def raw_upsert_rate(url: str, saves: list[tuple], threads: int) -> tuple[float, list[float]]:
    """Upserts per second (one transaction each) from ``threads`` connections, and latencies."""
    import psycopg
    from psycopg.types.json import Jsonb

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_upsert")
        conn.execute(
            "CREATE TABLE bench_upsert (id bigserial PRIMARY KEY, attempt_id bigint NOT NULL, "
            "form_item_id bigint NOT NULL, answer jsonb, seq integer NOT NULL, "
            "saved_at timestamptz NOT NULL, UNIQUE (attempt_id, form_item_id))"
        )
    chunks = [saves[i::threads] for i in range(threads)]
    latencies: list[list[float]] = [[] for _ in range(threads)]

    def run(index: int) -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            for attempt, item, answer, seq in chunks[index]:
                t = time.perf_counter()
                conn.execute(UPSERT, (attempt, item, Jsonb(answer), seq))
                latencies[index].append(time.perf_counter() - t)

    wall = time.perf_counter()
    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - wall
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE bench_upsert")
    return len(saves) / wall, [t for chunk in latencies for t in chunk]


# --- the HTTP load ---------------------------------------------------------------------------------


def _save_plan(sitters: list[dict], saves: int) -> list[tuple]:
    """Every save in send order: round k of every candidate, then round k + 1."""
    plan = []
    for k in range(saves):
        for s in sitters:
            form_item, item_type = s["items"][k % len(s["items"])]
            plan.append((s, form_item, _answer(item_type, k + 1), k + 1))
    return plan


def _client(args) -> tuple[list[tuple], float]:
    """One client process: send ``plan`` with ``threads`` keep-alive connections."""
    port, plan, threads = args
    local = threading.local()

    def put(entry) -> tuple:
        sitter, form_item, answer, seq = entry
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = json.dumps({"form_item": form_item, "answer": answer, "seq": seq})
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={sitter['cookie']}; csrftoken={sitter['csrf']}",
            "X-CSRFToken": sitter["csrf"],
            "X-Exam-Device": sitter["device"],
            "Host": "127.0.0.1",
        }
        path = f"/api/delivery/attempts/{sitter['attempt']}/responses"
        started = time.perf_counter()
        try:
            conn.request("PUT", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            local.conn = None
            status = 0
        return (sitter["attempt"], form_item, seq, status, time.perf_counter() - started)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(put, plan))
    return results, time.perf_counter() - wall


def load(*, port: int, plan: list[tuple], clients: int, concurrency: int):
    parts = [plan[i::clients] for i in range(clients)]
    per_client = max(1, concurrency // clients)
    wall = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        outputs = pool.map(_client, [(port, part, per_client) for part in parts])
    wall = time.perf_counter() - wall
    return [r for results, _ in outputs for r in results], wall


def lost_saves(results: list[tuple]) -> tuple[int, int]:
    """(lost, acknowledged): acknowledged saves the database does not hold (nor a newer one)."""
    from django.db import connection

    acknowledged = [(a, i, s) for a, i, s, status, _ in results if status == 200]
    with connection.cursor() as cursor:
        cursor.execute("SELECT attempt_id, form_item_id, seq FROM delivery_response")
        stored = {(a, i): s for a, i, s in cursor.fetchall()}
    lost = sum(1 for a, i, s in acknowledged if stored.get((a, i), 0) < s)
    return lost, len(acknowledged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=12, help="saves per candidate")
    parser.add_argument("--items", type=int, default=40, help="items on the form")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--db-threads", type=int, default=4, help="connections for the ceiling")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()

    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "autosave"
    )
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
    for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "EMAIL_BACKEND", "LOG_LEVEL"):
        os.environ[key] = env[key]
    server = None
    try:
        t0 = time.perf_counter()
        sitters = prepare(candidates=args.candidates, items=args.items)
        plan = _save_plan(sitters, args.saves)
        print(
            f"prepared {args.candidates} candidates x {args.saves} saves = {len(plan)} saves "
            f"({args.items} items) in {time.perf_counter() - t0:.1f} s"
        )
        from django.db import connections

        connections.close_all()  # no connection of ours is inherited by the client processes

        raw = [(s["attempt"], item, answer, seq) for s, item, answer, seq in plan]
        rate, raw_latencies = raw_upsert_rate(bench_url, raw, args.db_threads)
        print(
            f"ceiling: raw PostgreSQL upserts (psycopg, {args.db_threads} connections, one "
            f"transaction each): {rate:.0f} /s, p50 {1000 * harness.percentile(raw_latencies, 0.5):.1f} "
            f"ms, p99 {1000 * harness.percentile(raw_latencies, 0.99):.1f} ms"
        )

        port = harness.free_port()
        server = harness.gunicorn_start(
            port=port, workers=args.workers, env=env, extra=("--backlog", "4096")
        )
        results, wall = load(
            port=port, plan=plan, clients=args.clients, concurrency=args.concurrency
        )
        statuses = Counter(status for *_, status, _ in results)
        latencies = [t for *_, status, t in results if status == 200]
        print(
            f"gunicorn {args.workers} workers, {args.clients} client processes, "
            f"{args.concurrency} saves in flight: {len(results)} saves in {wall:.1f} s = "
            f"{len(latencies) / wall:.0f} saves/s acknowledged"
        )
        print(
            "latency p50 {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms".format(
                *(1000 * harness.percentile(latencies, q) for q in (0.5, 0.95, 0.99, 1.0))
            )
        )
        print(f"HTTP statuses: {dict(sorted(statuses.items()))}")
        lost, acknowledged = lost_saves(results)
        from aicert.delivery.models import AttemptEvent

        events = AttemptEvent.objects.filter(kind="save").count()
        print(
            f"lost saves: {lost} of {acknowledged} acknowledged; "
            f"save events logged: {events}; rate vs ceiling: {len(latencies) / wall / rate:.0%}"
        )
        if lost:
            raise SystemExit("LOST SAVES")
    finally:
        harness.stop(server)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
