"""The exam player's clock poll in one statement, answered before the rest of the middleware.

``GET /api/delivery/attempts/<id>/clock`` is the busiest request of an exam day: every candidate's
player asks every 5 s (1.5 s near the end), so a sitting of 5,000 makes 1,000 a second. Through
the whole stack it costs three queries (session, user, attempt) and the work of a dozen
middleware and of django-ninja; here it costs one statement (:func:`selectors.clock_poll_row`)
and no more Python than the answer needs.

The shortcut answers **only the plain case**, re-doing each check the normal path makes, and
lets everything else fall through to the normal endpoint, which then answers exactly as before:

* the session: known and not expired (``SessionStore.load``), signed with the current or a
  fallback secret (``SessionStore.decode``), signed in with one of ``AUTHENTICATION_BACKENDS``,
  and its password hash still the user's (``django.contrib.auth.get_user``; a session whose hash
  only matches under a fallback secret falls through so that Django re-keys it);
* the user: active (the backend's ``user_can_authenticate``), and not someone who must enrol a
  second factor (superusers and staff roles: ``StaffMfaRequiredMiddleware`` decides for them);
* the attempt: exists and belongs to that user (anyone else's is the endpoint's 404).

It sits after ``SecurityMiddleware`` (HTTPS redirect and security headers apply as to any
request) and adds the headers the skipped middleware would have added (``Vary``,
``Content-Language``, ``X-Frame-Options``). The answer is the endpoint's own schema and JSON.
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.responses import NinjaJSONEncoder

from aicert.accounts.models import User
from aicert.delivery import selectors
from aicert.delivery.api import DEVICE_HEADER, AttemptClockOut

# The endpoint's URL pattern, for the request metrics (one series per view, as for the rest).
ROUTE = "api/delivery/attempts/<attempt_id>/clock"
_PATH = re.compile(r"^/api/delivery/attempts/([0-9]{1,18})/clock$")
_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def clock_poll_response(request) -> HttpResponse | None:
    """The poll's answer, or ``None`` when anything is not the plain case (see the module)."""
    if request.method != "GET":
        return None
    match = _PATH.match(request.path_info)
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if match is None or not session_key:
        return None
    now = timezone.now()
    row = selectors.clock_poll_row(session_key=session_key, attempt_id=int(match.group(1)), now=now)
    if row is None or not row.is_active or row.is_superuser or row.holds_staff_role:
        return None
    session = SessionStore().decode(row.session_data)  # {} when tampered with or unsigned
    if (
        session.get(SESSION_KEY) != str(row.user_id)
        or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
        or row.attempt.candidate_id != row.user_id
    ):
        return None
    user = User(pk=row.user_id, password=row.password)
    if not constant_time_compare(session.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
        return None
    state = selectors.attempt_clock(
        attempt=row.attempt, device_key=request.headers.get(DEVICE_HEADER, ""), now=now
    )
    # As django-ninja renders it (its JSONRenderer: json.dumps with its encoder).
    body = json.dumps(AttemptClockOut.model_validate(state).model_dump(), cls=NinjaJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    response["Content-Language"] = language if language in _LANGUAGES else settings.LANGUAGE_CODE
    response["Content-Length"] = str(len(response.content))  # as CommonMiddleware sets it
    response["Vary"] = "Cookie"
    response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
    request.metrics_route = ROUTE
    return response


class ClockPollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return clock_poll_response(request) or self.get_response(request)
