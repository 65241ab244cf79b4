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
model, the ORM paths from the row to the user.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.db.models import Model, Q, QuerySet

from aicert.accounts.roles import CENTER_ROLES, Role


def _model_perms(app: str, *models: str, actions=("view", "add", "change", "delete")) -> set[str]:
    return {f"{app}.{action}_{model}" for model in models for action in actions}


_CATALOG_MODELS = (
    "certification",
    "level",
    "passrule",
    "subject",
    "competencydomain",
    "blueprintentry",
    "trainingcourse",
)
_ITEM_MODELS = ("item", "itemversion", "reviewassignment", "reviewcomment")
# Import and export of item content (QTI, CSV, XLSX): item content is confidential, so only
# the roles that write items move them in or out; writers export only their own items.
_ITEM_INTERCHANGE = frozenset({"itembank.import_item", "itembank.export_item"})
_CENTER_MODELS = ("region", "county", "center", "centerappointment", "venue", "room", "invigilator")
_REGISTRATION_MODELS = (
    "registration",
    "candidateprofile",
    "consentrecord",
    "deletionrequest",
    "levelachievement",
    "refundpolicy",
    "groupbooking",
)
# Accommodations hold health data: only foundation admins review them (and the candidate sees
# their own). Center managers only assign seats and print tickets for their own center's
# sessions, seeing the resulting needs, never the details or documents.
_REGISTRATION_ACCOMMODATIONS = frozenset(
    {"registration.view_accommodationrequest", "registration.decide_accommodationrequest"}
)
_REGISTRATION_SEATS = frozenset({"registration.assign_seats", "registration.print_tickets"})
# Delivery: psychometricians assemble, lock and see the keys of forms; invigilators run the
# attempts of their own center (Attempt.center_scope); the foundation also voids attempts.
_DELIVERY_PSYCHOMETRICIAN = frozenset(
    {"delivery.view_form", "delivery.assemble_form", "delivery.lock_form"}
    | {"delivery.view_form_key", "delivery.attach_session_form", "delivery.view_sessionform"}
)
_DELIVERY_INVIGILATOR = frozenset(
    {"delivery.view_attempt", "delivery.authorize_attempt", "delivery.invigilate_attempt"}
)
# The exam-day room (check-in, incidents, the console) of their own center: invigilators and
# center managers; managers also admit late candidates after the cut-off and void attempts.
_DELIVERY_ROOM = frozenset(
    {"delivery.view_checkin", "delivery.check_in_candidate"}
    | {"delivery.view_incident", "delivery.add_incident", "delivery.view_sessionform"}
)
_DELIVERY_INVIGILATOR = _DELIVERY_INVIGILATOR | _DELIVERY_ROOM
_DELIVERY_MANAGER = _DELIVERY_INVIGILATOR | {
    "delivery.override_check_in_cutoff",
    "delivery.void_attempt",
}
_DELIVERY_ADMIN = (
    _DELIVERY_MANAGER
    | {"delivery.view_form", "delivery.attach_session_form"}
    | _model_perms("delivery", "checkinpolicy")
)
# Payments: only the foundation (its finance staff) reconciles bank statements, waives fees,
# records payments received outside the bank and refunds sent; centers and candidates never
# reach these.
_PAYMENTS_ADMIN = frozenset(
    {"payments.view_bankstatement", "payments.reconcile_statement"}
    | {"payments.view_virtualaccount", "payments.view_feewaiver", "payments.grant_waiver"}
    | {"payments.view_manualpayment", "payments.record_payment", "payments.view_statementline"}
    | {"payments.view_refundpayout", "payments.record_refund"}
)
# Results: the foundation releases results and sees every score; psychometricians see and export
# scores and publish scale transformations; center managers see only aggregate counts of their
# own center's sessions (results.view_session_summary on Session.center_scope), never scores.
_RESULTS_ANALYST = frozenset(
    {"results.view_result", "results.export_result", "results.view_session_summary"}
    | {"results.view_scaletransform", "results.add_scaletransform"}
)
_RESULTS_ADMIN = _RESULTS_ANALYST | {"results.release_result"}
# Scoring: markers mark written answers double-blind (the services check the task is theirs;
# senior markers adjudicate); psychometricians decide item challenges and read marker agreement;
# the foundation handles appeals, adjudicates and reads agreement too. Candidates act on their
# own challenges and appeals through ownership checks, not permissions.
_SCORING_MARKER = frozenset({"scoring.mark_response", "scoring.adjudicate_response"})
_SCORING_PSYCHOMETRICIAN = frozenset(
    {"scoring.decide_challenge", "scoring.view_marking_statistics"}
)
_SCORING_ADMIN = frozenset(
    {"scoring.adjudicate_response", "scoring.view_marking_statistics", "scoring.handle_appeal"}
    | _model_perms("scoring", "scoringpolicy", "itemmarkingrule", "markerprofile")
    | {"scoring.view_appeal", "scoring.view_rescorerecord"}
)
# Item analysis after a sitting (item content and statistics: foundation roles only).
_ANALYSIS = frozenset({"analysis.view_analysisrun", "analysis.run_item_analysis"})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.FOUNDATION_ADMIN: frozenset(
        _model_perms("catalog", *_CATALOG_MODELS)
        | _model_perms("centers", *_CENTER_MODELS)
        | _model_perms("accounts", "organisation", "membership")
        | {"accounts.view_user", "accounts.change_user", "audit.view_auditevent"}
        | _model_perms("itembank", *_ITEM_MODELS)
        | {"itembank.review_item", "itembank.assign_reviewers", "itembank.activate_item"}
        | _ITEM_INTERCHANGE
        | _model_perms("scheduling", "session")
        | _model_perms("scheduling", "invigilatorassignment", "invigilatoravailability")
        | _model_perms("registration", *_REGISTRATION_MODELS)
        | _REGISTRATION_ACCOMMODATIONS
        | _REGISTRATION_SEATS
        | _DELIVERY_ADMIN
        | _PAYMENTS_ADMIN
        | _RESULTS_ADMIN
        | _SCORING_ADMIN
        | _ANALYSIS
    ),
    Role.CENTER_MANAGER: frozenset(
        {"centers.view_center", "centers.change_center", "centers.view_centerappointment"}
        | _model_perms("centers", "venue", "room", "invigilator")
        # Sessions in their own center's rooms (Session.center_scope); their candidates' places.
        | {"scheduling.view_session", "scheduling.add_session", "scheduling.change_session"}
        # Rosters of their own center's sessions, and their pool's availability.
        | _model_perms("scheduling", "invigilatorassignment")
        | {"scheduling.view_invigilatoravailability"}
        # Entering availability for a pool member who phoned it in (audited as the manager's).
        | {"scheduling.change_invigilatoravailability"}
        | {"registration.view_registration"}
        | _REGISTRATION_SEATS
        | {"results.view_session_summary"}
        | _DELIVERY_MANAGER
    ),
    Role.INVIGILATOR: frozenset(
        {"centers.view_center", "centers.view_venue", "centers.view_room"}
        | _DELIVERY_INVIGILATOR
        # Their own duties and calendar only (the services check the assignment is theirs).
        | {"scheduling.respond_invigilatorassignment", "scheduling.declare_availability"}
    ),
    Role.ITEM_WRITER: frozenset(
        {"itembank.view_item", "itembank.add_item", "itembank.change_item"}
        | {"itembank.view_itemversion", "itembank.view_reviewassignment"}
        | {"itembank.view_reviewcomment", "itembank.add_reviewcomment"}
        | _ITEM_INTERCHANGE
    ),
    Role.ITEM_REVIEWER: frozenset(
        {"itembank.view_item", "itembank.view_itemversion", "itembank.review_item"}
        | {"itembank.view_reviewassignment", "itembank.view_reviewcomment"}
        | {"itembank.add_reviewcomment"}
    ),
    Role.PSYCHOMETRICIAN: frozenset(
        {"catalog.view_blueprintentry"}
        | _model_perms("itembank", *_ITEM_MODELS, actions=("view",))
        | _DELIVERY_PSYCHOMETRICIAN
        | _RESULTS_ANALYST
        | _SCORING_PSYCHOMETRICIAN
        | _ANALYSIS
    ),
    Role.MARKER: _SCORING_MARKER,
    Role.EMPLOYER: frozenset(),
}

_AUTHORS = ("author", "co_authors")
_ASSIGNED = ("versions__review_assignments__reviewer",)
# role -> model label -> ORM paths from a row to the user; the role's permissions on that model
# reach only rows where one of the paths leads to the user. Roles and models not listed here
# act on every row (foundation roles) or through center_scope (center roles).
ROLE_ROW_SCOPES: dict[str, dict[str, tuple[str, ...]]] = {
    Role.ITEM_WRITER: {
        "itembank.item": _AUTHORS,
        "itembank.itemversion": tuple(f"item__{p}" for p in _AUTHORS),
        "itembank.reviewassignment": tuple(f"version__item__{p}" for p in _AUTHORS),
        "itembank.reviewcomment": tuple(f"version__item__{p}" for p in _AUTHORS),
    },
    Role.ITEM_REVIEWER: {
        "itembank.item": _ASSIGNED,
        "itembank.itemversion": tuple(f"item__{p}" for p in _ASSIGNED),
        # Reviewers decide independently: each sees only their own assignments.
        "itembank.reviewassignment": ("reviewer",),
        "itembank.reviewcomment": tuple(f"version__item__{p}" for p in _ASSIGNED),
    },
}


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


# An invigilator acts on exam day only in the sessions they are rostered for (a published or
# confirmed place, scheduling.InvigilatorAssignment), not in every room of their center: the
# roster is how the center decides who watches which room. Center managers keep the whole center.
_ROSTERED_STATUSES = ("published", "confirmed")


def _session_path(model: type[Model]) -> str | None:
    """ORM path from a row of ``model`` to its exam session ("" for a session), or None."""
    if model._meta.label_lower == "scheduling.session":
        return ""
    parts = (getattr(model, "center_scope", "") or "").split("__")
    if "session" not in parts:
        return None
    return "__".join(parts[: parts.index("session") + 1])


def _needs_roster(role: str, perm: str, model: type[Model]) -> str | None:
    """The session path to check a roster place on, when ``role`` needs one for ``perm``."""
    if role != Role.INVIGILATOR or not perm.startswith("delivery."):
        return None
    return _session_path(model)


def _rostered_q(path: str, user: Any) -> Q:
    prefix = f"{path}__" if path else ""
    return Q(
        **{
            f"{prefix}invigilator_assignments__invigilator__user": user,
            f"{prefix}invigilator_assignments__status__in": _ROSTERED_STATUSES,
        }
    )


def _grants(user: Any, perm: str) -> list[Any]:
    """The user's memberships whose role grants ``perm``."""
    if not user.is_active or user.is_anonymous:
        return []
    return [m for m in user.active_memberships if perm in ROLE_PERMISSIONS.get(m.role, ())]


def user_can(user: Any, perm: str, obj: Model | None = None) -> bool:
    """May ``user`` use ``perm`` (e.g. ``"centers.change_room"``) on ``obj``?

    Without ``obj`` the answer is about the model as a whole (lists are then narrowed by
    :func:`scope_queryset`). With ``obj``, center roles pass only for their own center's objects.
    """
    if user.is_anonymous or not user.is_active:
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
            path = _needs_roster(membership.role, perm, type(obj))
            if path is None or (
                type(obj)._default_manager.filter(_rostered_q(path, user), pk=obj.pk).exists()
            ):
                return True
    return False


def scope_queryset(user: Any, perm: str, queryset: QuerySet) -> QuerySet:
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
    rostered_centers: dict[str, set[int]] = {}
    for m in grants:
        center = getattr(m.organisation, "center", None)
        if center is None:
            continue
        path = _needs_roster(m.role, perm, queryset.model)
        if path is None:
            whole_centers.add(center.pk)
        else:
            rostered_centers.setdefault(path, set()).add(center.pk)
    if not whole_centers and not rostered_centers:
        return queryset.none()
    allowed = Q(**{field: sorted(whole_centers)}) if whole_centers else Q(pk__in=[])
    model = queryset.model
    for path, center_ids in rostered_centers.items():
        # A subquery: the roster join would repeat rows with more than one place.
        mine = model._default_manager.filter(_rostered_q(path, user), **{field: sorted(center_ids)})
        allowed |= Q(pk__in=mine.values("pk"))
    return queryset.filter(allowed)


def user_center_ids(user: Any) -> list[int]:
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
