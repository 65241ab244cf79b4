"""The one place that answers "may this user do X to this object".

Permissions are Django permission names (``"centers.change_room"``) granted per role, then
scoped by organisation: foundation roles act on the whole program, center roles only on objects
of their own center. Views, admin classes and API handlers all ask through :func:`user_can`
(or ``user.has_perm``, which lands here via :class:`RolePermissionBackend`) and list objects
through :func:`scope_queryset`, so a center manager never sees another center's rows.

A model that belongs to a center says how to reach it with ``center_scope = "<lookup>"`` (the
ORM path to the Center, ``""`` for Center itself).

Some foundation roles act only on rows tied to them (an item writer on the items they author,
an item reviewer on the items assigned to them): :data:`ROLE_ROW_SCOPES` lists, per role and
model, the ORM paths from the row to the user. Some center roles act on fewer rows than their
center's (an invigilator only in the sessions they are rostered for): :data:`EXTRA_SCOPES`.

This module knows no app: each app grants its own permissions to the roles and registers its
row and extra scopes in its ``AppConfig.ready`` (from the app's ``grants.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from django.apps import apps
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from aicert.accounts.roles import CENTER_ROLES, Role
from aicert.accounts.types import Actor, RequestUser

if TYPE_CHECKING:
    from aicert.accounts.models import User

_M = TypeVar("_M", bound=Model)


def model_perms(app: str, *models: str, actions=("view", "add", "change", "delete")) -> set[str]:
    """Django's default permission names of ``models`` (lowercase model names) in ``app``."""
    return {f"{app}.{action}_{model}" for model in models for action in actions}


# role -> the permission names it grants. Empty until the apps fill it: every app grants its
# own permissions in its ``AppConfig.ready`` (its ``grants.py``), so this module knows no app.
ROLE_PERMISSIONS: dict[str, set[str]] = {}
# role -> model label -> ORM paths from a row to the user; the role's permissions on that model
# reach only rows where one of the paths leads to the user. Roles and models not listed here
# act on every row (foundation roles) or through center_scope (center roles).
ROLE_ROW_SCOPES: dict[str, dict[str, tuple[str, ...]]] = {}


@dataclass(frozen=True)
class ExtraScope:
    """Narrows a center role further than its center, for the permissions of one app.

    ``path_of(model)`` is the ORM path from a row of ``model`` to the object the narrowing is
    about ("" for that object itself; None when the model has no such path, so the center scope
    alone applies); ``q(path, user)`` is the condition on that path. Registered by the app whose
    permissions it narrows (delivery: invigilators act only in the sessions they are rostered
    for).
    """

    role: str
    app_label: str
    path_of: Callable[[type[Model]], str | None]
    q: Callable[[str, Any], Q]


EXTRA_SCOPES: list[ExtraScope] = []


def permissions_grant(grants: Mapping[str, Iterable[str]]) -> None:
    """Grant permissions to roles (each app grants its own, in ``AppConfig.ready``)."""
    for role, perms in grants.items():
        if role not in Role.values:
            raise ValueError(f"Unknown role {role!r}.")
        ROLE_PERMISSIONS.setdefault(role, set()).update(perms)


def row_scopes_register(role: str, scopes: Mapping[str, tuple[str, ...]]) -> None:
    """Limit ``role`` to the rows tied to the user (model label -> ORM paths to the user)."""
    ROLE_ROW_SCOPES.setdefault(role, {}).update(scopes)


def extra_scope_register(scope: ExtraScope) -> None:
    """Narrow a center role's permissions of one app (see :class:`ExtraScope`)."""
    if scope not in EXTRA_SCOPES:
        EXTRA_SCOPES.append(scope)


def granted_permissions_unknown() -> list[str]:
    """Granted permission names that no installed model defines (a typo would grant nothing)."""
    known = set()
    for model in apps.get_models():
        opts = model._meta
        known.update(f"{opts.app_label}.{a}_{opts.model_name}" for a in opts.default_permissions)
        known.update(f"{opts.app_label}.{codename}" for codename, _name in opts.permissions)
    return sorted({p for perms in ROLE_PERMISSIONS.values() for p in perms} - known)


def _row_scope(role: str, model: type[Model]) -> tuple[str, ...] | None:
    return ROLE_ROW_SCOPES.get(role, {}).get(model._meta.label_lower)


def _row_q(paths: tuple[str, ...], user: Any) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{path: user.pk})
    return q


def center_id_of(obj: Model) -> int | None:
    """The id of the center an object belongs to, or None when it belongs to no center."""
    lookup = getattr(type(obj), "center_scope", None)
    if lookup is None:
        return None
    target: Any = obj
    for part in filter(None, lookup.split("__")):
        target = getattr(target, part)
        if target is None:
            return None
    return target.pk


def _extra_scope(role: str, perm: str, model: type[Model]) -> tuple[ExtraScope, str] | None:
    """The narrowing (and its path from ``model``) that ``role`` needs for ``perm``, if any."""
    app_label = perm.split(".", 1)[0]
    for scope in EXTRA_SCOPES:
        if scope.role == role and scope.app_label == app_label:
            path = scope.path_of(model)
            if path is not None:
                return scope, path
    return None


def _grants(user: Any, perm: str) -> list[Any]:
    """The user's memberships whose role grants ``perm``."""
    if not user.is_active or user.is_anonymous:
        return []
    return [m for m in user.active_memberships if perm in ROLE_PERMISSIONS.get(m.role, ())]


def user_can(user: RequestUser | None, perm: str, obj: Model | None = None) -> TypeGuard[User]:
    """May ``user`` use ``perm`` (e.g. ``"centers.change_room"``) on ``obj``?

    Without ``obj`` the answer is about the model as a whole (lists are then narrowed by
    :func:`scope_queryset`). With ``obj``, center roles pass only for their own center's objects.
    ``None`` (the system, a service's ``actor=None``) and anonymous visitors may do nothing here.
    A yes means ``user`` is a signed-in user, which the type says so that callers need no check.
    """
    if user is None or user.is_anonymous or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for membership in _grants(user, perm):
        if obj is None:
            return True
        if membership.role not in CENTER_ROLES:
            paths = _row_scope(membership.role, type(obj))
            if paths is None or (
                type(obj)._default_manager.filter(_row_q(paths, user), pk=obj.pk).exists()
            ):
                return True
            continue
        center = getattr(membership.organisation, "center", None)
        if center is not None and center_id_of(obj) == center.pk:
            extra = _extra_scope(membership.role, perm, type(obj))
            if extra is None or (
                type(obj)._default_manager.filter(extra[0].q(extra[1], user), pk=obj.pk).exists()
            ):
                return True
    return False


def require_permission(actor: Actor, perm: str, obj: Model | None = None) -> None:
    """Refuse (``PermissionDenied``) unless ``actor`` may use ``perm`` on ``obj``.

    ``actor=None`` (the system) is refused too: a service the scheduler runs says so by not
    calling this.
    """
    if actor is None or not user_can(actor, perm, obj):
        raise PermissionDenied


def scope_queryset(user: RequestUser, perm: str, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """Narrow ``queryset`` to the rows on which ``user`` holds ``perm``."""
    if user.is_anonymous or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    grants = _grants(user, perm)
    row_paths: set[str] = set()
    for m in grants:
        if m.role not in CENTER_ROLES:
            paths = _row_scope(m.role, queryset.model)
            if paths is None:
                return queryset
            row_paths.update(paths)
    if row_paths:
        # A subquery, not a join: paths through many-to-many relations would repeat rows.
        model = queryset.model
        mine = model._default_manager.filter(_row_q(tuple(sorted(row_paths)), user))
        return queryset.filter(pk__in=mine.values("pk"))
    lookup = getattr(queryset.model, "center_scope", None)
    if lookup is None:
        return queryset.none()
    field = f"{lookup}__in" if lookup else "pk__in"
    whole_centers: set[int] = set()
    narrowed_centers: dict[tuple[ExtraScope, str], set[int]] = {}
    for m in grants:
        center = getattr(m.organisation, "center", None)
        if center is None:
            continue
        extra = _extra_scope(m.role, perm, queryset.model)
        if extra is None:
            whole_centers.add(center.pk)
        else:
            narrowed_centers.setdefault(extra, set()).add(center.pk)
    if not whole_centers and not narrowed_centers:
        return queryset.none()
    allowed = Q(**{field: sorted(whole_centers)}) if whole_centers else Q(pk__in=[])
    model = queryset.model
    for (scope, path), center_ids in narrowed_centers.items():
        # A subquery: a join (e.g. through the roster) would repeat rows with several matches.
        mine = model._default_manager.filter(scope.q(path, user), **{field: sorted(center_ids)})
        allowed |= Q(pk__in=mine.values("pk"))
    return queryset.filter(allowed)


def user_center_ids(user: RequestUser) -> list[int]:
    """The centers a user works for (center managers and invigilators)."""
    if user.is_anonymous:
        return []
    return sorted(
        {
            m.organisation.center.pk
            for m in user.active_memberships
            if m.role in CENTER_ROLES and getattr(m.organisation, "center", None)
        }
    )


class RolePermissionBackend(BaseBackend):
    """Routes ``user.has_perm`` (and so the Django admin) to :func:`user_can`."""

    def has_perm(self, user_obj, perm, obj=None):
        return user_can(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_anonymous or not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        return any(
            perm.startswith(f"{app_label}.")
            for m in user_obj.active_memberships
            for perm in ROLE_PERMISSIONS.get(m.role, ())
        )
