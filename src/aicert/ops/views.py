"""Health, readiness and metrics for load balancers and Prometheus: plain, fast, no session."""

from __future__ import annotations

import ipaddress
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CollectorRegistry, Gauge

from aicert.ops import selectors
from aicert.shared.metrics import metrics_exposition


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers (no database call: a slow database must not get the
    process restarted)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every check passes, else 503 with what failed."""
    checks = selectors.readiness_checks()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ready" if ready else "not ready",
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks],
        },
        status=200 if ready else 503,
    )


def _may_scrape(request: HttpRequest) -> bool:
    """With ``AICERT_METRICS_TOKEN`` set, a bearer token; without, only this machine."""
    token = settings.AICERT_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return secrets.compare_digest(given, token)
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus metrics of this server (all its workers)."""
    if not _may_scrape(request):
        return HttpResponse(status=403)
    extra = CollectorRegistry()
    depth = selectors.task_queue_depth()
    if depth is not None:
        Gauge("aicert_task_queue_depth", "Tasks waiting in the queue.", registry=extra).set(depth)
    body, content_type = metrics_exposition(extra)
    return HttpResponse(body, content_type=content_type)
