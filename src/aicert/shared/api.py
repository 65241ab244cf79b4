"""What every JSON API endpoint answers when it refuses, as the OpenAPI schema documents it.

The API (``aicert.api``) turns refusals into these bodies: 400 a body that is not JSON at all,
401 not signed in, 403 not allowed
(or a missing CSRF token), 404 not yours or not there, 409 a service's refusal with its
``code`` (e.g. ``time_over``), 422 a request that does not fit the schema (``detail`` lists
what is wrong). Each router declares them with its success schema, so clients (and the fuzz
test) can rely on the documented status codes.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ApiError(Schema):
    """A refusal: ``detail`` says why (a list for a request that does not fit the schema)."""

    detail: str | list[Any]
    code: str | None = None


REFUSALS: dict[int, type[Schema]] = {
    400: ApiError,
    401: ApiError,
    403: ApiError,
    404: ApiError,
    409: ApiError,
    422: ApiError,
}


def responses(success: Any) -> dict[int, Any]:
    """A route's documented answers: ``success`` on 200, :data:`REFUSALS` otherwise."""
    return {200: success, **REFUSALS}
