"""Exam-day clock poll: every candidate's player asking the server for the time left, over HTTP.

Run (PostgreSQL required; the benchmark makes and drops its own database
``<db>_bench_clock`` beside DATABASE_URL's), from the repository root:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/bench_clock.py [--candidates 5000] [--duration 20]

The player (``src/aicert/delivery/static/delivery/player.js``) polls
``GET /api/delivery/attempts/<id>/clock`` every 5 s (1.5 s near the end): 5,000 candidates make
1,000 polls a second. The load here is **closed loop**, to find the rate the server sustains:
``--concurrency`` requests in flight (spread over ``--clients`` client processes, asyncio on raw
HTTP/1.1, connections kept when the server keeps them), each poll of a random candidate with
its own session cookie and computer key, for ``--duration`` seconds after a warm-up.

It reports polls/s, latency p50/p95/p99/max, HTTP statuses, the CPU seconds of the gunicorn
workers, their PostgreSQL backends and the clients, and **the ceiling**: the same three reads a
poll makes (the Django session by key, the user by id, the attempt by id and candidate), run
by pgbench (a C client) from ``--db-clients`` connections for 10 s -- what PostgreSQL alone
answers on this machine, with no Python at all.

gunicorn: ``--worker-class`` (``sync``, or ``gthread`` with ``--threads``), ``--workers``; or
``--config bench/gunicorn.conf.py`` to use the production configuration. Only 127.0.0.1 is
contacted.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import bench_autosave
import harness

ROOT = Path(__file__).resolve().parents[1]
# BENCH_SRC: the code under test (default: this checkout), e.g. a worktree of the base commit
# (then set PYTHONPATH to it as well, for gunicorn and the task worker).
sys.path.insert(0, os.environ.get("BENCH_SRC") or str(ROOT / "src"))

# The three reads of a clock poll, as pgbench runs them (:n picks a candidate).
CEILING_SCRIPT = """\\set n random(1, :candidates)
SELECT session_key, session_data, expire_date FROM django_session
  WHERE session_key = md5(:n::text) AND expire_date > now();
SELECT id, password, last_login, is_superuser, email, display_name, preferred_language,
  is_active, date_joined FROM accounts_user WHERE id = :first_user + :n - 1;
SELECT id, candidate_id, status, started_at, deadline_at, time_allowed_seconds,
  extended_seconds, paused_seconds, paused_at, device_key FROM delivery_attempt
  WHERE id = :first_attempt + :n - 1 AND candidate_id = :first_user + :n - 1;
"""


def _rekey(sitters: list[dict]) -> None:
    """Give the n-th candidate's Django session the key md5(n), so pgbench can name it."""
    from django.db import connection

    pairs = [
        (hashlib.md5(str(n).encode()).hexdigest(), s["cookie"]) for n, s in enumerate(sitters, 1)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE django_session SET session_key = %s WHERE session_key = %s", pairs
        )
    for (key, _old), sitter in zip(pairs, sitters, strict=True):
        sitter["cookie"] = key


async def _poller(sitters: list[dict], cfg: dict, out: dict, seed: int) -> None:
    import asyncio

    rng = random.Random(seed)
    conn: list = [None, None]
    while time.monotonic() < cfg["t_end"]:
        sitter = sitters[rng.randrange(len(sitters))]
        path = f"/api/delivery/attempts/{sitter['attempt']}/clock"
        headers = f"Cookie: sessionid={sitter['cookie']}\r\nX-Exam-Device: {sitter['device']}\r\n"
        sent = time.monotonic()
        try:
            status, _body = await asyncio.wait_for(
                bench_autosave._http(cfg["port"], "GET", path, b"", headers, conn), 60
            )
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            if conn[1] is not None:
                conn[1].close()
            conn[0] = conn[1] = None
            status = 0
        done = time.monotonic()
        out["all"] += 1
        if sent >= cfg["t0"]:  # after the warm-up
            out["statuses"][status] += 1
            if status == 200:
                out["latencies"].append(done - sent)
    if conn[1] is not None:
        conn[1].close()


def _client(args) -> dict:
    import asyncio

    sitters, concurrency, cfg, index = args
    out: dict = {"statuses": Counter(), "latencies": [], "all": 0}

    async def run() -> None:
        await asyncio.gather(
            *(_poller(sitters, cfg, out, index * 1000 + i) for i in range(concurrency))
        )

    asyncio.run(run())
    out["cpu"] = time.process_time()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=20, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=3, help="seconds before measuring")
    parser.add_argument("--concurrency", type=int, default=64, help="polls in flight")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=1, help="gthread: threads per worker")
    parser.add_argument("--config", help="a gunicorn config file (instead of the three above)")
    parser.add_argument("--db-clients", type=int, default=4, help="connections for the ceiling")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()

    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), "clock"
    )
    harness.recreate_database(admin_url, name)
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "aicert.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "EMAIL_BACKEND", "LOG_LEVEL"):
        os.environ[key] = env[key]
    server = None
    try:
        t = time.perf_counter()
        sitters = bench_autosave.prepare(candidates=args.candidates, items=10)
        _rekey(sitters)
        print(f"prepared {args.candidates} candidates in {time.perf_counter() - t:.1f} s")
        from django.db import connections

        from aicert.delivery.models import Attempt

        first = Attempt.objects.order_by("pk").values_list("pk", "candidate_id").first()
        assert first is not None
        connections.close_all()
        tps, latency = harness.pgbench(
            bench_url,
            CEILING_SCRIPT,
            clients=args.db_clients,
            seconds=10,
            variables={
                "candidates": args.candidates,
                "first_attempt": first[0],
                "first_user": first[1],
            },
        )
        print(
            f"ceiling: raw PostgreSQL, the poll's 3 reads (pgbench, {args.db_clients} "
            f"connections, 10 s): {tps:.0f} polls/s, mean {latency:.2f} ms"
        )

        port = harness.free_port()
        if args.config:
            extra: tuple[str, ...] = ("--config", args.config)
            described = f"config {args.config}"
        else:
            extra = ("--worker-class", args.worker_class, "--threads", str(args.threads))
            described = f"{args.workers} {args.worker_class} workers" + (
                f" x {args.threads} threads" if args.worker_class == "gthread" else ""
            )
        if os.environ.get("BENCH_GUNICORN_ARGS"):
            described += f", then BENCH_GUNICORN_ARGS {os.environ['BENCH_GUNICORN_ARGS']}"
        server = harness.gunicorn_start(
            port=port, workers=args.workers, env=env, extra=("--backlog", "4096", *extra)
        )
        before = bench_autosave._cpu_snapshot(server.pid, bench_url, name)
        t0 = time.monotonic() + args.warmup
        cfg = {"port": port, "t0": t0, "t_end": t0 + args.duration}
        per_client = max(1, args.concurrency // args.clients)
        parts = [(sitters, per_client, cfg, i) for i in range(args.clients)]
        with multiprocessing.get_context("fork").Pool(args.clients) as pool:
            outputs = pool.map(_client, parts)
        after = bench_autosave._cpu_snapshot(server.pid, bench_url, name)
        cpu = {
            kind: sum(after[kind].values()) - sum(before[kind].get(pid, 0) for pid in after[kind])
            for kind in after
        }
        statuses: Counter = Counter()
        latencies: list[float] = []
        for out in outputs:
            statuses.update(out["statuses"])
            latencies.extend(out["latencies"])
        print(
            f"gunicorn {described}, {per_client * args.clients} polls in flight from "
            f"{args.clients} client processes: {len(latencies)} polls answered 200 in "
            f"{args.duration:.0f} s = {len(latencies) / args.duration:.0f} polls/s "
            f"({len(latencies) / args.duration / tps:.0%} of the ceiling)"
        )
        print(
            "latency p50 {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms".format(
                *(1000 * harness.percentile(latencies, q) for q in (0.5, 0.95, 0.99, 1.0))
            )
        )
        print(f"HTTP statuses: {dict(sorted(statuses.items()))}")
        print(
            f"CPU seconds (load and warm-up, {args.duration + args.warmup:.0f} s on "
            f"{os.cpu_count()} cores): gunicorn workers {cpu['workers']:.1f}, PostgreSQL "
            f"backends {cpu['postgres']:.1f}, clients {sum(o['cpu'] for o in outputs):.1f}; "
            f"server CPU per poll {1000 * (cpu['workers'] + cpu['postgres']) / max(1, sum(o['all'] for o in outputs)):.2f} ms"
        )
        if statuses.get(200, 0) != sum(statuses.values()):
            raise SystemExit(f"polls failed: {dict(statuses)}")
    finally:
        harness.stop(server)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
