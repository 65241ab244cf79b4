"""Every request gets an id (in its logs and its response) and is timed for ``/metrics``."""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from aicert.shared.metrics import REQUEST_SECONDS

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy in front (nginx's $request_id) is kept if it looks like one.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every log record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        match = getattr(request, "resolver_match", None)
        # The URL pattern, not the path: one series per view, whatever the ids in the URL. A
        # request answered before URL resolution (the clock poll's shortcut) names its own.
        route = getattr(request, "metrics_route", None) or (
            match.route if match is not None else "unmatched"
        )
        REQUEST_SECONDS.labels(route, request.method, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        response[REQUEST_ID_HEADER] = request_id
        return response
