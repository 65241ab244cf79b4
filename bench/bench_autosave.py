"""Exam-day autosave: many candidates saving answers at once, over HTTP, against gunicorn.

Run (PostgreSQL required; the benchmark makes and drops its own database
``<db>_bench_autosave`` beside DATABASE_URL's), from the repository root, on a quiet machine:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/bench_autosave.py                  # the player's batches
    DATABASE_URL=... .venv/bin/python bench/bench_autosave.py --mode single   # one per request
    DATABASE_URL=... .venv/bin/python bench/bench_autosave.py --mode closed   # the old model

Options: ``--candidates 5000 --rate 0.1 --duration 60`` (or ``--changes N`` per candidate),
``--same-item 1 --max-batch 50 --drain 60 --items 40 --workers 4 --clients 2 --db-threads 4``;
``--mode closed`` also takes ``--saves 12 --concurrency 32``. ``--help`` lists them.

The load model (``--mode batch``, the default) is the exam player's protocol
(``src/aicert/delivery/static/delivery/player.js``):

* each of ``--candidates`` virtual candidates makes answer changes **open loop**, at ``--rate``
  changes per second (default 0.1: one change every 10 s per candidate, issue #14's exam-day
  model; 5,000 candidates offer 500 changes/s),
  one every ``1/rate`` s from a random phase, for ``--duration`` seconds (or ``--changes`` each)
  whatever the server does; change *k* goes to the form's items in turn from a random first
  item (``--same-item n``: n changes of an item in a row, as a candidate changing their mind);
* its client keeps a queue with one unsent save per item (a newer change of an item replaces
  the unsent older one) and **one request in flight**: whenever none is, it sends every queued
  save (up to ``--max-batch``) in one ``PUT /api/delivery/attempts/<id>/responses/batch``, with
  the device key and an increasing save number; changes made meanwhile go in the next request;
  a request that gets no answer (or 5xx) is retried with the player's back-off (0.5 s .. 4 s);
* after the changes end, clients send what is left for up to ``--drain`` seconds.

``--mode single`` is the same model with the old player's protocol: one save (the oldest
queued) per ``PUT …/responses``. ``--mode closed`` is the earlier benchmark: every candidate's
``--saves`` saves sent as fast as possible, ``--concurrency`` requests in flight, no queue.

Clients are ``--clients`` processes, each an asyncio loop of virtual candidates on raw HTTP/1.1
(gunicorn's sync workers close the connection after every answer, so each request connects).

What it does and reports:

1. writes directly (no HTTP) one running sitting: a published form of ``--items`` items of
   several types, ``--candidates`` checked-in candidates, each with a started attempt bound to
   its "computer" (device key) and a signed-in Django session;
2. the ceiling: the raw PostgreSQL upsert rate with psycopg from ``--db-threads`` connections
   (one ``INSERT … ON CONFLICT DO UPDATE … WHERE seq <`` per transaction, as a single save
   needs) into a scratch table shaped like ``delivery_response``;
3. the load against gunicorn (``--workers`` sync workers) on 127.0.0.1, after a few warm-up
   clock polls;
4. saves/s acknowledged (while changes were being made; in the steady state, i.e. the last two
   thirds of them, once the clients' batches have grown; overall), requests/s, mean saves
   per request, latency p50/p95/p99 **from the moment each change was made to the
   acknowledgement of the save carrying it** (a change replaced by a newer one before sending
   counts until the newer one is acknowledged; batching cannot hide waiting), request latency,
   HTTP statuses, changes left unsent; from the database: lost saves (acknowledged but not
   held, or an older save stored over them), stored answers that are not the answer sent with
   their save number, stored answers without their save event, save events logged vs saves
   acknowledged as stored (equal, but for saves whose request got no answer: the server may
   have stored and logged them without the client knowing);
   and the CPU seconds the gunicorn workers, their PostgreSQL backends and the clients used.

By Little's law, with every candidate's request waiting its turn, the latency of a save is about
candidates / (requests per second): the server's per-request cost, not the number of saves,
sets it. Only 127.0.0.1 is contacted. gunicorn comes from the ``test`` extra.
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
# BENCH_SRC: the code under test (default: this checkout), e.g. a worktree of the base commit
# (then set PYTHONPATH to it as well, for gunicorn and the task worker).
sys.path.insert(0, os.environ.get("BENCH_SRC") or str(ROOT / "src"))

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
    from django.conf import settings

    backend = settings.AUTHENTICATION_BACKENDS[0]  # the sign-in backend of the code under test
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


# --- the ceiling: raw upserts with psycopg -------------------------------------------------------

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


# --- the player's protocol, open loop ------------------------------------------------------------


class _Entry:
    """One unsent save of a virtual candidate's queue, and when each change it carries was made
    (a newer change of an item replaces the unsent older one, which it then answers for)."""

    __slots__ = ("seq", "answer", "made")

    def __init__(self, seq: int, answer, made: list[float]) -> None:
        self.seq, self.answer, self.made = seq, answer, made


async def _http(port: int, method: str, path: str, body: bytes, headers: str, conn: list):
    """One HTTP/1.1 request on ``conn`` ([reader, writer] or [None, None]); (status, body).

    The connection is kept when the server keeps it (gunicorn's sync workers close it after
    every response, so with them each request opens one).
    """
    import asyncio

    if conn[0] is None:
        conn[0], conn[1] = await asyncio.open_connection("127.0.0.1", port)
    reader, writer = conn
    writer.write(
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
        f"{headers}\r\n".encode()
        + body
    )
    await writer.drain()
    line = await reader.readline()
    if not line:
        raise ConnectionResetError("closed before the answer")
    status = int(line.split()[1])
    length, close = None, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and value.strip().lower() == "close":
            close = True
    payload = await (reader.readexactly(length) if length is not None else reader.read())
    if close or length is None:
        writer.close()
        conn[0] = conn[1] = None
    return status, payload


async def _candidate(sitter: dict, index: int, cfg: dict, out: dict) -> None:
    """One virtual candidate: changes made open loop, its client's queue and one request."""
    import asyncio
    import random

    rng = random.Random(index)
    period = 1 / cfg["rate"]
    t0 = cfg["t0"] + rng.uniform(0, period)  # the first change; then one every ``period``
    changes = cfg["changes"]
    items = sitter["items"]
    start = rng.randrange(len(items))
    batch = cfg["mode"] == "batch"
    path = f"/api/delivery/attempts/{sitter['attempt']}/responses" + ("/batch" if batch else "")
    headers = (
        "Content-Type: application/json\r\n"
        f"Cookie: sessionid={sitter['cookie']}; csrftoken={sitter['csrf']}\r\n"
        f"X-CSRFToken: {sitter['csrf']}\r\nX-Exam-Device: {sitter['device']}\r\n"
    )
    queue: dict[int, _Entry] = {}  # form item -> its unsent save, in the order made
    sending: list[tuple[int, _Entry]] = []  # in flight
    made = seq = 0
    retry = 0.5
    conn: list = [None, None]
    acked = out["acked"]
    try:
        while True:
            now = time.monotonic()
            while made < changes and t0 + made * period <= now:
                form_item, item_type = items[(start + made // cfg["same_item"]) % len(items)]
                seq += 1
                older = queue.pop(form_item, None)
                times = [t0 + made * period]
                if older is not None:
                    out["superseded"] += 1
                    times = older.made + times
                queue[form_item] = _Entry(seq, _answer(item_type, seq), times)
                made += 1
                out["made"] += 1
            if not queue:
                if made >= changes:
                    return
                await asyncio.sleep(t0 + made * period - now)
                continue
            # As the player: all due saves (up to 50) in one request, or the oldest alone.
            sending = list(queue.items())[: cfg["max_batch"] if batch else 1]
            for form_item, _entry in sending:
                del queue[form_item]  # in flight: a newer change of the item queues anew
            saves = [{"form_item": fi, "answer": e.answer, "seq": e.seq} for fi, e in sending]
            body = json.dumps({"saves": saves} if batch else saves[0]).encode()
            sent = time.monotonic()
            try:
                status, payload = await asyncio.wait_for(
                    _http(cfg["port"], "PUT", path, body, headers, conn), cfg["timeout"]
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                if conn[1] is not None:
                    conn[1].close()
                conn[0] = conn[1] = None
                status, payload = 0, b""
            done = time.monotonic()
            out["statuses"][status] += 1
            out["requests"] += 1
            out["request_latencies"].append(done - sent)
            if status == 200:
                results = json.loads(payload)
                results = results["results"] if batch else [results]
                out["saves_per_request"].append(len(sending))
                out["ack_times"].append((done, len(sending)))
                if done <= cfg["t_end"]:
                    out["acked_in_window"] += len(sending)
                out["last_ack"] = max(out["last_ack"], done)
                for (form_item, entry), result in zip(sending, results, strict=True):
                    if "code" in result:  # refused on its own (never, with these answers)
                        out["refused"] += 1
                        continue
                    key = (sitter["attempt"], form_item)
                    acked[key] = max(acked.get(key, 0), entry.seq)
                    out["acknowledged"] += 1
                    out["stored"] += bool(result["stored"])
                    out["change_latencies"].extend(done - t for t in entry.made)
                sending = []
                retry = 0.5
                continue
            if status == 0 or status >= 500 or status == 401:
                # No answer: keep them (before what was made since, as the player does), retry.
                # The server may have stored them all the same: their resends are then
                # acknowledged as held, and their events were written by the first request.
                out["unanswered"] += len(sending)
                for form_item, entry in reversed(sending):
                    newer = queue.get(form_item)
                    if newer is not None:
                        newer.made = entry.made + newer.made
                        out["superseded"] += 1
                    else:
                        queue = {form_item: entry, **queue}
                sending = []
                await asyncio.sleep(retry)
                retry = min(4.0, retry * 2)
                continue
            out["refused"] += len(sending)  # refused for good (409, 4xx): the bench is broken
            sending = []
    finally:
        # Done, or cancelled when the drain ended: what is queued or in flight was not sent.
        if conn[1] is not None:
            conn[1].close()
        out["unsent"] += sum(len(e.made) for e in queue.values())
        out["unsent"] += sum(len(e.made) for _fi, e in sending)
        out["unanswered"] += len(sending)


def _player_client(args) -> dict:
    """One client process: ``sitters`` as virtual candidates on one asyncio loop."""
    import asyncio

    sitters, first_index, cfg = args
    out = {
        "acked": {},
        "made": 0,
        "superseded": 0,
        "requests": 0,
        "acknowledged": 0,
        "acked_in_window": 0,
        "stored": 0,
        "refused": 0,
        "unsent": 0,
        "unanswered": 0,
        "last_ack": 0.0,
        "statuses": Counter(),
        "saves_per_request": [],
        "ack_times": [],
        "request_latencies": [],
        "change_latencies": [],
    }

    async def run() -> None:
        tasks = [
            asyncio.ensure_future(_candidate(s, first_index + i, cfg, out))
            for i, s in enumerate(sitters)
        ]
        left = max(1.0, cfg["t_end"] + cfg["drain"] - time.monotonic())
        _done, pending = await asyncio.wait(tasks, timeout=left)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        # Whatever a cancelled candidate had in flight or queued counts as unsent.
        out["cancelled"] = len(pending)
        for task in tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()

    asyncio.run(run())
    out["client_cpu"] = time.process_time()
    return out


def player_load(*, port: int, sitters: list[dict], clients: int, cfg: dict) -> dict:
    """Run the virtual candidates in ``clients`` processes; the merged tallies."""
    parts = [(sitters[i::clients], i, cfg) for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        outputs = pool.map(_player_client, parts)
    merged = outputs[0]
    for other in outputs[1:]:
        for key, value in other.items():
            if key == "acked":
                merged["acked"].update(value)  # candidates are split, keys never overlap
            elif key == "last_ack":
                merged[key] = max(merged[key], value)
            else:
                merged[key] += value
    return merged


# --- the old load: one save per request, closed loop ---------------------------------------------


def _save_plan(sitters: list[dict], saves: int) -> list[tuple]:
    """Every save in send order: round k of every candidate, then round k + 1."""
    plan = []
    for k in range(saves):
        for s in sitters:
            form_item, item_type = s["items"][k % len(s["items"])]
            plan.append((s, form_item, _answer(item_type, k + 1), k + 1))
    return plan


def _closed_client(args) -> tuple[list[tuple], float]:
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
            payload = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            local.conn = None
            status, payload = 0, b""
        stored = status == 200 and json.loads(payload)["stored"]
        return (sitter["attempt"], form_item, seq, status, time.perf_counter() - started, stored)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(put, plan))
    return results, time.perf_counter() - wall


def closed_load(*, port: int, plan: list[tuple], clients: int, concurrency: int):
    parts = [plan[i::clients] for i in range(clients)]
    per_client = max(1, concurrency // clients)
    wall = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        outputs = pool.map(_closed_client, [(port, part, per_client) for part in parts])
    wall = time.perf_counter() - wall
    return [r for results, _ in outputs for r in results], wall


# --- checks --------------------------------------------------------------------------------------


def lost_saves(acked: dict[tuple[int, int], int], item_types: dict[int, str]) -> tuple[int, int]:
    """(lost, wrong): acknowledged saves the database does not hold (nor a newer one), and
    stored answers that are not the answer their save number was sent with."""
    from aicert.delivery.models import Response

    rows = list(
        Response.objects.order_by().values_list("attempt_id", "form_item_id", "seq", "answer")
    )
    stored = {(a, i): s for a, i, s, _answer in rows}
    lost = sum(1 for key, seq in acked.items() if stored.get(key, 0) < seq)
    wrong = sum(answer != _answer(item_types[item], seq) for _a, item, seq, answer in rows)
    return lost, wrong


def _ms(values: list[float], qs=(0.5, 0.95, 0.99, 1.0)) -> str:
    names = {0.5: "p50", 0.95: "p95", 0.99: "p99", 1.0: "max"}
    return ", ".join(f"{names[q]} {1000 * harness.percentile(values, q):.0f} ms" for q in qs)


def _warm_up(port: int, sitters: list[dict], workers: int) -> None:
    """A few clock polls, so every gunicorn worker has loaded its URLs and views before t0."""

    def poll(sitter: dict) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(
            "GET",
            f"/api/delivery/attempts/{sitter['attempt']}/clock",
            headers={"Cookie": f"sessionid={sitter['cookie']}", "Host": "127.0.0.1"},
        )
        conn.getresponse().read()
        conn.close()

    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        list(pool.map(poll, sitters[: workers * 8]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=("batch", "single", "closed"), default="batch")
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument(
        "--rate",
        type=float,
        help="answer changes per second per candidate (default 0.1: one every 10 s)",
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds of answer changes")
    parser.add_argument("--changes", type=int, help="changes per candidate (instead of --duration)")
    parser.add_argument("--same-item", type=int, default=1, help="changes per item in a row")
    parser.add_argument("--max-batch", type=int, default=50, help="saves per request at most")
    parser.add_argument("--drain", type=float, default=60, help="seconds to send what is left")
    parser.add_argument("--saves", type=int, default=12, help="--mode closed: saves per candidate")
    parser.add_argument("--concurrency", type=int, default=32, help="--mode closed: in flight")
    parser.add_argument("--items", type=int, default=40, help="items on the form")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--db-threads", type=int, default=4, help="connections for the ceiling")
    parser.add_argument("--ceiling-saves", type=int, default=30000, help="upserts for the ceiling")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()
    rate = args.rate or 0.1
    changes = args.changes or max(1, round(args.duration * rate))
    duration = changes / rate

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
        "DB_CONN_MAX_AGE": "600",  # persistent for the whole run, as in production
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "EMAIL_BACKEND", "LOG_LEVEL"):
        os.environ[key] = env[key]
    server = None
    try:
        t = time.perf_counter()
        sitters = prepare(candidates=args.candidates, items=args.items)
        item_types = dict(sitters[0]["items"])
        print(
            f"prepared {args.candidates} candidates, {args.items} items, in "
            f"{time.perf_counter() - t:.1f} s"
        )
        from django.db import connections

        connections.close_all()  # no connection of ours is inherited by the client processes

        # The ceiling: the same kind of saves, one raw upsert per transaction.
        ceiling_count = min(args.ceiling_saves, args.candidates * max(args.saves, changes))
        raw = []
        for k in range(-(-ceiling_count // args.candidates)):
            for s in sitters:
                form_item, item_type = s["items"][k % len(s["items"])]
                raw.append((s["attempt"], form_item, _answer(item_type, k + 1), k + 1))
        raw = raw[:ceiling_count]
        ceiling, raw_latencies = raw_upsert_rate(bench_url, raw, args.db_threads)
        print(
            f"ceiling: raw PostgreSQL upserts (psycopg, {args.db_threads} connections, one "
            f"transaction each, {len(raw)} upserts): {ceiling:.0f} /s, "
            + _ms(raw_latencies, (0.5, 0.99))
        )

        port = harness.free_port()
        server = harness.gunicorn_start(
            port=port, workers=args.workers, env=env, extra=("--backlog", "4096")
        )
        _warm_up(port, sitters, args.workers)
        before = _cpu_snapshot(server.pid, bench_url, name)
        started = time.monotonic()
        cpu: dict[str, float] = {}

        def finish() -> None:
            """After the load, before the checks: the CPU used, then stop the server (it may
            still be answering requests the clients gave up on; the checks need it idle)."""
            nonlocal server
            cpu["wall"] = time.monotonic() - started
            after = _cpu_snapshot(server.pid, bench_url, name)
            for kind in after:
                spent = sum(after[kind].values())
                cpu[kind] = spent - sum(before[kind].get(pid, 0) for pid in after[kind])
            harness.stop(server)
            server = None

        if args.mode == "closed":
            client_cpu = report_closed(args, port, sitters, item_types, ceiling, finish)
        else:
            client_cpu = report_player(
                args, port, sitters, item_types, ceiling, rate, changes, duration, finish
            )
        print(
            f"CPU seconds in the {cpu['wall']:.0f} s of load on {os.cpu_count()} cores: "
            f"gunicorn workers {cpu['workers']:.1f}, PostgreSQL backends {cpu['postgres']:.1f}"
            + (f", client processes {client_cpu:.1f}" if client_cpu is not None else "")
        )
    finally:
        harness.stop(server)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


def _cpu_snapshot(server_pid: int, url: str, database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of gunicorn's workers and of the bench database's backends (Linux)."""
    import psycopg

    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid: int) -> list[str] | None:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on

    workers = {}
    for entry in Path("/proc").iterdir():
        if (
            entry.name.isdigit()
            and (fields := stat(int(entry.name)))
            and int(fields[1]) == server_pid
        ):
            workers[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    with psycopg.connect(url, autocommit=True) as conn:
        pids = [
            pid
            for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            )
        ]
    backends = {}
    for pid in pids:
        if fields := stat(pid):
            backends[pid] = (int(fields[11]) + int(fields[12])) / tick
    return {"workers": workers, "postgres": backends}


def _event_log() -> tuple[int, int]:
    """(save events logged, stored answers without the event of their save)."""
    from aicert.delivery.models import AttemptEvent, Response

    logged = {
        (attempt, data["form_item"], data["seq"])
        for attempt, data in AttemptEvent.objects.filter(kind="save")
        .order_by()
        .values_list("attempt_id", "data")
        .iterator(chunk_size=5000)
    }
    held = Response.objects.order_by().values_list("attempt_id", "form_item_id", "seq")
    return len(logged), sum(1 for row in held.iterator(chunk_size=5000) if row not in logged)


def _check_log(events: int, unlogged: int, stored: int, unanswered: int) -> str:
    """The event log agrees with the saves: one event per stored save, each stored answer has its
    event. A save whose request was still unanswered when the clients stopped may have been
    stored (and logged) without its acknowledgement reaching the client."""
    problems = []
    if unlogged:
        problems.append(f"{unlogged} stored answers without their save event")
    if not stored <= events <= stored + unanswered:
        problems.append(f"{events} save events for {stored} (+{unanswered} unanswered) stored")
    return "; ".join(problems)


def report_player(
    args, port, sitters, item_types, ceiling, rate, changes, duration, finish
) -> float:
    t0 = time.monotonic() + 2.0  # the client processes are running by then
    cfg = {
        "mode": args.mode,
        "port": port,
        "rate": rate,
        "changes": changes,
        "same_item": args.same_item,
        "max_batch": args.max_batch,
        "t0": t0,
        "t_end": t0 + duration,
        "drain": args.drain,
        "timeout": 120.0,
    }
    print(
        f"mode {args.mode}: {args.candidates} candidates x {rate:g} answer changes/s = "
        f"{args.candidates * rate:.0f} changes/s offered for {duration:.1f} s "
        f"({args.candidates * changes} changes, {args.same_item} per item in a row); "
        f"gunicorn {args.workers} sync workers, {args.clients} client processes, "
        f"one request in flight per candidate"
        + (f", up to {args.max_batch} saves per request" if args.mode == "batch" else "")
    )
    out = player_load(port=port, sitters=sitters, clients=args.clients, cfg=cfg)
    finish()
    span = max(out["last_ack"] - t0, 1e-9)
    per_request = out["saves_per_request"]
    print(
        f"acknowledged: {out['acknowledged']} saves; while changes were made "
        f"{out['acked_in_window'] / duration:.0f} saves/s, overall {out['acknowledged'] / span:.0f}"
        f" saves/s ({span:.1f} s to the last acknowledgement)"
    )
    # Once the first round of requests is through, the clients' batches have grown to what the
    # server's request rate needs: the rate of the last two thirds is the steady state.
    steady_from = t0 + duration / 3
    steady = sum(n for done, n in out["ack_times"] if steady_from < done <= t0 + duration)
    steady_rate = steady / (duration * 2 / 3)
    print(f"steady state (the last two thirds of the changes): {steady_rate:.0f} saves/s")
    print(
        f"requests: {out['requests']} = {out['requests'] / span:.0f} /s; saves per request "
        f"mean {sum(per_request) / max(1, len(per_request)):.1f}, "
        f"max {max(per_request, default=0)}"
    )
    print(
        f"latency from the change to its acknowledgement ({len(out['change_latencies'])} "
        f"changes): {_ms(out['change_latencies'])}"
    )
    print(f"request latency: {_ms(out['request_latencies'])}")
    print(
        f"changes made {out['made']}, replaced by a newer one before sending "
        f"{out['superseded']}, unsent at the end {out['unsent']}, candidates still sending "
        f"when the drain ended {out['cancelled']}, saves refused {out['refused']}"
    )
    print(f"HTTP statuses: {dict(sorted(out['statuses'].items()))}")
    lost, wrong = lost_saves(out["acked"], item_types)
    events, unlogged = _event_log()
    log_problem = _check_log(events, unlogged, out["stored"], out["unanswered"])
    print(
        f"lost saves: {lost} of {out['acknowledged']} acknowledged; stored answers not "
        f"matching their save number: {wrong}; save events logged: {events} (acknowledged as "
        f"stored: {out['stored']}, in requests unanswered when the clients stopped: "
        f"{out['unanswered']}); rate vs ceiling: {out['acked_in_window'] / duration / ceiling:.0%}"
    )
    if lost or wrong or log_problem:
        raise SystemExit(f"LOST SAVES: {lost}" if lost else f"CHECK FAILED: {wrong} {log_problem}")
    return out["client_cpu"]


def report_closed(args, port, sitters, item_types, ceiling, finish) -> float | None:
    plan = _save_plan(sitters, args.saves)
    results, wall = closed_load(
        port=port, plan=plan, clients=args.clients, concurrency=args.concurrency
    )
    finish()
    statuses = Counter(r[3] for r in results)
    latencies = [r[4] for r in results if r[3] == 200]
    print(
        f"mode closed: gunicorn {args.workers} workers, {args.clients} client processes, "
        f"{args.concurrency} saves in flight: {len(results)} saves in {wall:.1f} s = "
        f"{len(latencies) / wall:.0f} saves/s acknowledged"
    )
    print(f"latency: {_ms(latencies)}")
    print(f"HTTP statuses: {dict(sorted(statuses.items()))}")
    acked: dict[tuple[int, int], int] = {}
    for attempt, item, seq, status, _t, _stored in results:
        if status == 200:
            acked[(attempt, item)] = max(acked.get((attempt, item), 0), seq)
    lost, wrong = lost_saves(acked, item_types)
    (events, unlogged), stored = _event_log(), sum(r[5] for r in results)
    log_problem = _check_log(events, unlogged, stored, sum(1 for r in results if r[3] != 200))
    print(
        f"lost saves: {lost} of {len(latencies)} acknowledged; stored answers not matching "
        f"their save number: {wrong}; save events logged: {events} (acknowledged as stored: "
        f"{stored}); rate vs ceiling: {len(latencies) / wall / ceiling:.0%}"
    )
    if lost or wrong or log_problem:
        raise SystemExit(f"LOST SAVES: {lost}" if lost else f"CHECK FAILED: {wrong} {log_problem}")
    return None


if __name__ == "__main__":
    main()
