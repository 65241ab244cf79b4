"""gunicorn's configuration for production (and the HTTP benchmarks):

    gunicorn -c python:aicert.gunicorn_conf aicert.wsgi

Every value can be changed from the environment (the names below), e.g. ``WEB_WORKERS=3``.

Why these values, for the 2-core machine the platform runs on (PostgreSQL on the same machine):

* **gthread workers, one process per core, 4 threads each.** The hot requests (registration
  POST, autosave, clock poll) are short and spend a good part of their time waiting for
  PostgreSQL (3 to 10 round trips, a commit's WAL flush, a row lock held by another
  registration). A sync worker sits idle through those waits; four threads in a process let
  another request use the core meanwhile, while one process per core keeps the Python work
  (one interpreter lock per process) spread on both cores. More processes than cores only
  add context switches and memory once the cores are busy.
* **keepalive 5 s.** A sync worker closes the connection after every answer, so each request
  pays a TCP connect and accept; gthread keeps the connection of the proxy in front (nginx's
  ``upstream … keepalive``) or of the exam player's browser (a clock poll every 5 s, autosaves
  in between) open, and a poll costs one request, not a connection as well. Measured with
  ``bench/bench_clock.py``: see the figures in the report of issue #14.
* **worker_connections 4096** per process: with keepalive every exam player holds a connection
  between its polls and saves; gthread refuses connections beyond this (its default, 1000 per
  process, reset ~3,000 of 5,000 candidates' connections in ``bench/bench_autosave.py``; the
  player retried and lost nothing, but each reset costs a reconnect).
* **backlog 2048**: a registration rush opens thousands of connections at once; the kernel
  queues them instead of refusing them while every thread is busy.
* **timeout 30 s**, **graceful_timeout 30 s**: no request of the site takes seconds (exports are
  streamed, PDFs are small); a stuck worker is replaced, and a restart lets requests finish.
* **preload_app**: the code is imported once before forking (less memory, faster restarts);
  Django opens no database connection at import, so no connection is shared across the fork.
* **max_requests 20000 (+ jitter)**: a worker is recycled now and then, which bounds any slow
  growth of memory; the jitter keeps the workers from restarting together.
"""

from __future__ import annotations

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_WORKERS", str(os.cpu_count() or 2)))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_connections = int(os.environ.get("WEB_WORKER_CONNECTIONS", "4096"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
backlog = int(os.environ.get("WEB_BACKLOG", "2048"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", "30"))
preload_app = os.environ.get("WEB_PRELOAD", "1") not in ("0", "false", "no")
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("WEB_MAX_REQUESTS_JITTER", "2000"))
# The heartbeat file in memory, not on a (possibly slow or overlay) disk.
worker_tmp_dir = os.environ.get(
    "WEB_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None
)
