"""gunicorn settings for an aicert application server (``gunicorn -c deploy/gunicorn.conf.py
aicert.wsgi:application``), read from the environment like the app's own settings.

* ``GUNICORN_BIND`` (default ``127.0.0.1:8001``): nginx in front proxies to it;
* ``GUNICORN_WORKERS`` (default 2 x cores + 1, sync workers: a request holds a worker, so the
  exam player's saves never wait behind a slow one in the same process);
* ``PROMETHEUS_MULTIPROC_DIR``: one empty directory per server; emptied when the server starts
  and a dead worker's files marked dead, so ``/metrics`` adds up the live workers only.

Access logs go to standard output as one JSON object per request (with nginx's request id), like
the application's own logs (``AICERT_LOG_FORMAT=json``).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
worker_class = "sync"
# A save takes milliseconds; a PDF a second or two. A worker stuck for a minute is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# Recycle workers now and then (a slow leak never grows for days); jitter avoids all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# nginx is on the same machine or network and adds X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","request_id":"%({x-request-id}i)s",'
    '"remote":"%(h)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s",'
    '"duration_us":%(D)s,"pid":"%(p)s"}'
)


def on_starting(server):
    """Start from an empty metrics directory: files of a previous run would count twice."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)


def child_exit(server, worker):
    """A worker that died (or was recycled) keeps its counters but drops its live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
