"""What the HTTP benchmarks share: a scratch PostgreSQL database, gunicorn on a free local
port, and percentiles. Only 127.0.0.1 is contacted."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def bench_database_url(base: str, suffix: str) -> tuple[str, str, str]:
    """(bench URL, admin URL on the 'postgres' database, bench database name)."""
    parts = urlsplit(base)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"bench_{suffix} needs DATABASE_URL=postgres://… (row locks).")
    name = (parts.path.lstrip("/") or "postgres") + f"_bench_{suffix}"
    bench = urlunsplit(parts._replace(path=f"/{name}"))
    admin = urlunsplit(parts._replace(path="/postgres"))
    return bench, admin, name


def recreate_database(admin_url: str, name: str, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_start(
    *, port: int, workers: int, env: dict, extra: tuple[str, ...] = ()
) -> subprocess.Popen:
    """The app under gunicorn (sync workers), answering once ready.

    ``BENCH_GUNICORN_ARGS`` in the environment adds gunicorn options to every benchmark's
    server, after its own (the later one wins), e.g. ``--worker-class gthread --threads 4``.

    ``--preload``: the app is imported once, in the master, before the workers fork, so every
    worker is ready when the first one answers and the benchmark measures requests, not worker
    start-ups competing with them for the cores."""
    import os
    import shlex

    extra = (*extra, *shlex.split(os.environ.get("BENCH_GUNICORN_ARGS", "")))
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "aicert.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "--preload",
            *extra,
        ],
        env=env,
        cwd=ROOT,
    )
    _wait_ready(port)
    return server


def _wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/sessions/")
            if conn.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def stop(*processes: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL after 20 s."""
    for process in processes:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def pgbench(
    url: str, script: str, *, clients: int, seconds: float, variables: dict | None = None
) -> tuple[float, float]:
    """The raw PostgreSQL ceiling of one transaction shape: ``script`` (pgbench's custom script
    language) run by pgbench -- a C client, so the client costs almost nothing -- from
    ``clients`` connections for ``seconds``; returns (transactions per second, mean latency
    in ms). pgbench ships with PostgreSQL (``/usr/bin/pgbench``)."""
    import os
    import re
    import shutil
    import tempfile

    binary = shutil.which("pgbench")
    if binary is None:
        raise SystemExit("pgbench is not installed (it comes with the PostgreSQL client)")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(script)
    try:
        command = [
            binary, "--no-vacuum", "--client", str(clients), "--jobs", str(min(clients, 2)),
            "--time", str(max(1, round(seconds))), "--file", handle.name,
        ]  # fmt: skip
        for name, value in (variables or {}).items():
            command += ["--define", f"{name}={value}"]
        out = subprocess.run(
            [*command, url], capture_output=True, text=True, check=False, env=os.environ
        )
    finally:
        os.unlink(handle.name)
    if out.returncode != 0:
        raise SystemExit(f"pgbench failed: {out.stderr.strip()[-500:]}")
    tps = re.search(r"tps = ([\d.]+)", out.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", out.stdout)
    if tps is None or latency is None:
        raise SystemExit(f"pgbench said: {out.stdout[-500:]}")
    return float(tps.group(1)), float(latency.group(1))
