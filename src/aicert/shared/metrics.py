"""The platform's Prometheus metrics, in one place so any app may count what it does.

Served by ``aicert.ops`` at ``/metrics``. Under gunicorn with several workers set
``PROMETHEUS_MULTIPROC_DIR`` (an empty directory per server) before start: every worker then
writes its samples there and ``/metrics`` adds them up (``deploy/gunicorn.conf.py`` removes a dead
worker's files). Without it (the development server, the tests) one process counts alone.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUEST_SECONDS = Histogram(
    "aicert_http_request_duration_seconds",
    "Time to answer a request, by URL pattern, method and status.",
    ["route", "method", "status"],
    # An exam-day save should take tens of milliseconds; pages a few hundred.
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0),
)
ANSWER_SAVES = Counter(
    "aicert_answer_saves_total",
    "Candidates' answer changes stored by the exam player's saves (resends not counted).",
)


def metrics_exposition(extra: CollectorRegistry | None = None) -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and their content type.

    ``extra`` holds gauges computed at scrape time (the task queue's depth), which are not
    per-process and so are never written to the multiprocess directory.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    if extra is not None:
        body += generate_latest(extra)
    return body, CONTENT_TYPE_LATEST
