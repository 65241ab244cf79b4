"""The project's NinjaAPI instance, mounted at ``/api/`` by :mod:`aicert.urls`.

To add an app's endpoints, write ``router = ninja.Router()`` in ``aicert/<app>/api.py`` and add
``("<app>/", "aicert.<app>.api.router")`` to :data:`ROUTERS`. Interactive docs (``/api/docs``)
and the OpenAPI schema (``/api/openapi.json``) are served only when ``DEBUG`` is on.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.security import SessionAuth

ROUTERS: tuple[tuple[str, str], ...] = (
    ("delivery/", "aicert.delivery.api.router"),
    # Certificate verification for employers' systems (API keys, not the session).
    ("v1/", "aicert.talent.api.router"),
)

api = NinjaAPI(
    title="aicert API",
    version="1",
    urls_namespace="api",
    auth=SessionAuth(csrf=True),
    # The schema and the interactive docs are for development only.
    docs_url="docs" if settings.DEBUG else None,
    openapi_url="openapi.json" if settings.DEBUG else None,
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    code = getattr(exc, "code", None)
    if code is None and hasattr(exc, "error_list"):
        code = next((e.code for e in exc.error_list if e.code), None)
    return api.create_response(request, {"detail": exc.messages, "code": code}, status=409)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": "Permission denied."}, status=403)


for _prefix, _router in ROUTERS:
    api.add_router(_prefix, _router)
