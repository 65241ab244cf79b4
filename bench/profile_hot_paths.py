"""In-process profile of the three hot paths: registration POST, autosave (batch PUT), clock poll.

Run (PostgreSQL; the script makes and drops ``<db>_bench_profile_<path>`` beside DATABASE_URL's):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aicert \\
        .venv/bin/python bench/profile_hot_paths.py registration [--requests 600] [--out DIR]
    DATABASE_URL=... .venv/bin/python bench/profile_hot_paths.py autosave
    DATABASE_URL=... .venv/bin/python bench/profile_hot_paths.py clock

Each request goes through Django's WSGI handler exactly as gunicorn calls it (every middleware,
CSRF enforced, the signed-in session read from the database), one after another in this
process, with no HTTP and no concurrency: what is measured is the server's own work per
request. It reports, per path: queries per request (``CaptureQueriesContext``, by statement
kind), CPU ms per request of this process (``time.process_time``: Python, without PostgreSQL's
own CPU) and wall ms per request, and writes a pyinstrument text profile of the requests to
``--out`` (default ``bench/profiles/<path>.txt``). The registration run is split: the seat
takers (``--seats`` of them, under the session lock) and the waiting list (the rest).

The world is the benchmarks' own (``bench_registration.prepare``, ``bench_autosave.prepare``).
pyinstrument is not a dependency of aicert: ``.venv/bin/pip install pyinstrument`` first.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import harness

ROOT = Path(__file__).resolve().parents[1]
# BENCH_SRC: the code under test (default: this checkout), e.g. a worktree of the base commit
# (then set PYTHONPATH to it as well, for gunicorn and the task worker).
sys.path.insert(0, os.environ.get("BENCH_SRC") or str(ROOT / "src"))


def _environ(method: str, path: str, *, cookie: str, csrf: str, body: bytes, ctype: str, extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": f"sessionid={cookie}; csrftoken={csrf}",
        "HTTP_X_CSRFTOKEN": csrf,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "CONTENT_LENGTH": str(len(body)),
    }
    if ctype:
        environ["CONTENT_TYPE"] = ctype
    environ.update(extra or {})
    return environ


class Run:
    """Requests measured together: queries, CPU and wall time, statuses, one profile."""

    def __init__(self, name: str) -> None:
        from pyinstrument import Profiler

        self.name = name
        self.profiler = Profiler(interval=0.0005)
        self.queries: Counter = Counter()
        self.statuses: Counter = Counter()
        self.cpu = self.wall = 0.0
        self.count = 0

    def call(self, handler, environ, *, profile: bool = True) -> bytes:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        status: list[str] = []
        connection.queries_log.clear()  # CaptureQueriesContext counts within its 9,000 limit

        def start_response(s, headers, exc_info=None):
            status.append(s)

        with CaptureQueriesContext(connection) as captured:
            if profile:
                self.profiler.start()
            cpu, wall = time.process_time(), time.perf_counter()
            body = b"".join(handler(environ, start_response))
            self.cpu += time.process_time() - cpu
            self.wall += time.perf_counter() - wall
            if profile:
                self.profiler.stop()
        self.count += 1
        self.statuses[status[0].split()[0]] += 1
        self.last_sql = [q["sql"] for q in captured.captured_queries]
        for query in captured.captured_queries:
            self.queries[query["sql"].split()[0].upper()] += 1
        return body

    def summary(self) -> str:
        n = max(1, self.count)
        total = sum(self.queries.values())
        kinds = ", ".join(f"{k} {v / n:.2f}" for k, v in self.queries.most_common())
        return (
            f"{self.name}: {self.count} requests, statuses {dict(self.statuses)}; "
            f"{total / n:.2f} queries/request ({kinds}); "
            f"CPU {1000 * self.cpu / n:.2f} ms/request (this process), "
            f"wall {1000 * self.wall / n:.2f} ms/request"
        )


def _setup(suffix: str) -> tuple[str, str]:
    bench_url, admin_url, name = harness.bench_database_url(
        os.environ.get("DATABASE_URL", ""), f"profile_{suffix}"
    )
    harness.recreate_database(admin_url, name)
    os.environ.update(
        {
            "DATABASE_URL": bench_url,
            "DJANGO_SETTINGS_MODULE": "aicert.settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DB_CONN_MAX_AGE": "600",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        }
    )
    return admin_url, name


def profile_registration(args) -> list[Run]:
    from django.core.handlers.wsgi import WSGIHandler

    import bench_registration

    session_id, cookies = bench_registration.prepare(
        candidates=args.requests + args.warmup, seats=args.seats
    )
    handler = WSGIHandler()
    path = f"/registration/sessions/{session_id}/register/"
    body = b"join_waitlist=on"
    ctype = "application/x-www-form-urlencoded"
    warm, seats, waitlist = Run("warm-up"), Run("registration POST, seat"), Run("waitlist")
    for n, (cookie, csrf) in enumerate(cookies):
        run = warm if n < args.warmup else seats if n < args.seats else waitlist
        run.call(
            handler,
            _environ("POST", path, cookie=cookie, csrf=csrf, body=body, ctype=ctype, extra={}),
            profile=run is not warm,
        )
    return [seats, waitlist]


def profile_autosave(args, *, clock: bool) -> list[Run]:
    from django.core.handlers.wsgi import WSGIHandler

    import bench_autosave

    sitters = bench_autosave.prepare(candidates=args.candidates, items=40)
    handler = WSGIHandler()
    run = Run("clock poll" if clock else "autosave batch PUT (1 save)")
    warm = Run("warm-up")
    for n in range(args.requests + args.warmup):
        sitter = sitters[n % len(sitters)]
        seq = n // len(sitters) + 1
        extra = {"HTTP_X_EXAM_DEVICE": sitter["device"]}
        common = {"cookie": sitter["cookie"], "csrf": sitter["csrf"], "extra": extra}
        target = warm if n < args.warmup else run
        if clock:
            path = f"/api/delivery/attempts/{sitter['attempt']}/clock"
            environ = _environ("GET", path, body=b"", ctype="", **common)
        else:
            form_item, item_type = sitter["items"][seq % len(sitter["items"])]
            save = {
                "form_item": form_item,
                "seq": seq,
                "answer": bench_autosave._answer(item_type, seq),
            }
            payload = json.dumps({"saves": [save]}).encode()
            path = f"/api/delivery/attempts/{sitter['attempt']}/responses/batch"
            environ = _environ("PUT", path, body=payload, ctype="application/json", **common)
        target.call(handler, environ, profile=target is not warm)
    return [run]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", choices=("registration", "autosave", "clock"))
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seats", type=int, default=200, help="registration: seats in the session")
    parser.add_argument("--candidates", type=int, default=200, help="autosave/clock: sitters")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "profiles")
    parser.add_argument("--sql", action="store_true", help="print the last request's SQL")
    parser.add_argument("--label", default="", help="a suffix for the profile file names")
    args = parser.parse_args()
    admin_url, name = _setup(args.path)
    try:
        if args.path == "registration":
            runs = profile_registration(args)
        else:
            runs = profile_autosave(args, clock=args.path == "clock")
        args.out.mkdir(parents=True, exist_ok=True)
        for run in runs:
            print(run.summary())
            slug = (
                run.name.split(",")[0].split()[0].lower() if run.name != "waitlist" else "waitlist"
            )
            slug = {"registration": "registration_seat"}.get(slug, slug)
            if args.path != "registration":
                slug = args.path
            target = args.out / f"{slug}{args.label}.txt"
            text = run.profiler.output_text(unicode=True, color=False, show_all=False)
            target.write_text(run.summary() + "\n\n" + text)
            print(f"profile: {target}")
            if args.sql:
                print("\n".join(f"  {i + 1:2}. {sql[:400]}" for i, sql in enumerate(run.last_sql)))
    finally:
        from django.db import connections

        connections.close_all()
        harness.recreate_database(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
