"""Reads of read-only pages from the streaming replica; everything else on the primary.

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database alias and install
:class:`PrimaryReplicaRouter`. A request reads from the replica only when

* its view is marked read-only: its URL name (``namespace:name``) starts with one of
  ``READ_REPLICA_URL_NAMES`` (the public calendar, certificate verification, the reports
  dashboards: set in settings, so an app need not know the replica exists), or the view is
  decorated with :func:`read_replica`; and
* it is a GET or HEAD (a form posted to such a page writes, and reads its own writes); and
* the read is outside a transaction on the primary (a service's reads inside
  ``transaction.atomic`` must see that transaction's own rows and locks); and
* nothing was written yet in this request (after a write, the request reads its own writes);
* and the model's app is not in ``READ_REPLICA_PRIMARY_APPS`` (signed-in sessions: a session
  created a moment ago on the primary must not look missing on a replica that lags).

Every write goes to the primary (``default``). The exam player, registration and anything not
listed never touch the replica. Without ``DATABASE_REPLICA_URL`` there is no replica alias and
no router, and every query goes to ``default`` as before.

This lives in ``aicert.shared`` (the lowest layer) rather than ``aicert.ops`` so that any app's
views may use :func:`read_replica` without importing a layer above their own.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class _Route:
    """Where this request's reads go: ``replica`` while it may, until it writes."""

    replica: bool = False
    wrote: bool = False


_route: contextvars.ContextVar[_Route | None] = contextvars.ContextVar("read_route", default=None)


def replica_configured() -> bool:
    """Whether a ``replica`` database alias is set up (``DATABASE_REPLICA_URL``)."""
    return REPLICA in connections.settings


def reading_from_replica() -> bool:
    """Whether reads here would go to the replica (for logs and tests)."""
    route = _route.get()
    return bool(route and route.replica and not route.wrote)


def url_name_is_read_only(view_name: str) -> bool:
    """Whether a URL name (``namespace:name``) is listed in ``READ_REPLICA_URL_NAMES``."""
    return any(view_name.startswith(prefix) for prefix in settings.READ_REPLICA_URL_NAMES)


def read_replica(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a read-only view: its GET and HEAD requests read from the replica."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return view(request, *args, **kwargs)
        token = _route.set(_Route(replica=True))
        try:
            response = view(request, *args, **kwargs)
            # A lazy TemplateResponse renders after the view returns: render it here, while
            # the route still says replica.
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                response = render()
            return response
        finally:
            _route.reset(token)

    return wrapper


class ReadReplicaMiddleware:
    """Routes the reads of the GET and HEAD requests to the URL names of
    ``READ_REPLICA_URL_NAMES`` to the replica, for the whole request (template rendering
    included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _route.set(_Route())
        try:
            return self.get_response(request)
        finally:
            _route.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        route = _route.get()
        match = getattr(request, "resolver_match", None)
        if (
            route is not None
            and match is not None
            and request.method in READ_METHODS
            and url_name_is_read_only(match.view_name)
        ):
            route.replica = True
        return None


class PrimaryReplicaRouter:
    """Reads of marked read-only requests on ``replica``; every write and all else on the
    primary. See the module's docstring for when a read stays on the primary."""

    def db_for_read(self, model, **hints):
        route = _route.get()
        if route is None or not route.replica or route.wrote:
            return DEFAULT_DB_ALIAS
        if model._meta.app_label in settings.READ_REPLICA_PRIMARY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block or not replica_configured():
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        route = _route.get()
        if route is not None:
            # From now on this request reads its own writes (and so from the primary).
            route.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database seen from two places: an object read on the replica may point at one
        # written on the primary.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica replays the primary's WAL: it is never migrated on its own.
        if db == REPLICA:
            return False
        return None
