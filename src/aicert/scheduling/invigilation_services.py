"""Writes for invigilation: availability, declarations, the optimiser's proposal, manual edits,
publishing the roster, and invigilators confirming or declining their duties.

Every roster write locks the day's session rows in primary-key order first (locks.py), then
checks the whole day with :func:`aicert.optimize.invigilation.validate_assignment` — the same
rules the optimiser obeys — and refuses a change that breaks one, in words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.centers.locks import invigilator_row_lock
from aicert.centers.models import Center, Invigilator
from aicert.optimize.explain import InfeasibleError, SolverLimitError
from aicert.optimize.invigilation import (
    Assignment,
    Violation,
    assign_invigilators,
    validate_assignment,
)
from aicert.scheduling import invigilation_selectors as sel
from aicert.scheduling.locks import (
    invigilator_assignment_row_lock,
    invigilator_availability_rows_lock,
    session_rows_lock,
)
from aicert.scheduling.models import (
    STAFFING_STATUSES,
    AssignmentStatus,
    HalfDay,
    InvigilatorAssignment,
    InvigilatorAvailability,
    InvigilatorRole,
    Session,
)
from aicert.scheduling.tasks import invigilation_email_send, invigilation_removed_email

LIVE_STATUSES = (AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED)


class RosterInfeasible(Exception):
    """The optimiser proved the day cannot be staffed; ``reasons`` say why, in words."""

    def __init__(self, reasons: list[str], *, summary: str) -> None:
        self.reasons = reasons
        self.summary = summary
        super().__init__("\n".join([summary, *reasons]))


def _notify(assignment_id: int, kind: str) -> None:
    transaction.on_commit(
        lambda: invigilation_email_send.enqueue(assignment_id=assignment_id, kind=kind)
    )


# --- Availability and declarations --------------------------------------------------------------


def _require_own(actor: Actor, invigilator: Invigilator, perm: str) -> None:
    if actor is None:
        return
    if not (
        actor.is_superuser
        or (invigilator.user_id == actor.pk and user_can(actor, perm, invigilator))
    ):
        raise PermissionDenied


@transaction.atomic
def availability_set(
    *, actor: Actor, invigilator: Invigilator, answers: dict[tuple[dt.date, str], bool]
) -> int:
    """Record an invigilator's answers ``(date, half-day) -> available``; returns changes.

    The invigilator answers for themself; their center's manager may enter answers given by
    phone or e-mail (the audit names who entered them). Dates in the past cannot change (the
    roster of a past day is history).
    """
    if actor is None or not user_can(
        actor, "scheduling.change_invigilatoravailability", invigilator
    ):
        _require_own(actor, invigilator, "scheduling.declare_availability")
    today = timezone.localdate()
    existing = {
        (a.date, a.half_day): a
        for a in invigilator_availability_rows_lock(
            invigilator=invigilator, dates={d for d, _h in answers}
        )
    }
    changes: dict[str, list] = {}
    for (day, half), available in sorted(answers.items()):
        if half not in HalfDay.values:
            raise ValidationError(_("Unknown half-day."))
        if day < today:
            raise ValidationError(_("Availability for a past date cannot change."))
        row = existing.get((day, half))
        if row is None:
            InvigilatorAvailability.objects.create(
                invigilator=invigilator, date=day, half_day=half, available=available
            )
            changes[f"{day.isoformat()} {half}"] = [None, available]
        elif row.available != available:
            row.available = available
            row.save(update_fields=["available", "updated_at"])
            changes[f"{day.isoformat()} {half}"] = [not available, available]
    if changes:
        audit_record(
            actor=actor, action="invigilator.availability", target=invigilator, changes=changes
        )
    return len(changes)


@transaction.atomic
def invigilator_declare(
    *, actor: Actor, invigilator: Invigilator, affiliations: str, relatives: str
) -> Invigilator:
    """An invigilator's own declaration of schools/employers and relatives (conflicts of interest)."""
    _require_own(actor, invigilator, "scheduling.declare_availability")
    locked = invigilator_row_lock(pk=invigilator.pk)

    def clean(text: str) -> str:
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())

    data = {"affiliations": clean(affiliations), "relatives": clean(relatives)}
    changes = {k: [getattr(locked, k), v] for k, v in data.items() if getattr(locked, k) != v}
    if changes:
        for key, value in data.items():
            setattr(locked, key, value)
        locked.save(update_fields=list(changes))
        audit_record(actor=actor, action="invigilator.declaration", target=locked, changes=changes)
    return locked


# --- Rules in words -------------------------------------------------------------------------------


def _time(session: Session) -> str:
    start = timezone.localtime(session.starts_at, sel.TAIPEI)
    end = timezone.localtime(session.ends_at, sel.TAIPEI)
    return f"{start:%H:%M}–{end:%H:%M}"


def _room(session: Session) -> str:
    return f"{sel.session_label(session)} ({_time(session)})"


def violation_text(violation: Violation, day: sel.DayProblem, rows: list[Assignment]) -> str:
    """The manager-facing sentence for a broken rule, in the user's language."""
    session = day.session(int(violation.session_id)) if violation.session_id else None
    inv = day.invigilator(int(violation.invigilator_id)) if violation.invigilator_id else None
    person = sel.person_label(inv) if inv else ""
    room = _room(session) if session else ""
    rule = violation.rule
    if rule == "duplicate" and session and inv:
        return _("%(person)s is listed twice for %(room)s.") % {"person": person, "room": room}
    if rule == "staffing" and session:
        rs = next(s for s in day.problem.sessions if s.id == violation.session_id)
        have = sum(1 for r in rows if r.session_id == violation.session_id)
        need = day.problem.required(rs)
        return _(
            "%(room)s has %(have)d invigilators for %(candidates)d candidates; it needs "
            "%(need)d (%(short)d short)."
        ) % {
            "room": room,
            "have": have,
            "candidates": rs.candidates,
            "need": need,
            "short": need - have,
        }
    if rule == "chief" and session:
        chiefs = sum(1 for r in rows if r.session_id == violation.session_id and r.chief)
        if chiefs == 0:
            return _("%(room)s has no chief invigilator.") % {"room": room}
        return _("%(room)s has %(count)d chief invigilators; exactly one is required.") % {
            "room": room,
            "count": chiefs,
        }
    if rule == "chief_eligibility" and session and inv:
        return _("%(person)s may not be chief invigilator, so cannot be chief of %(room)s.") % {
            "person": person,
            "room": room,
        }
    if rule == "region" and session and inv:
        return _("%(person)s works in another region than %(room)s.") % {
            "person": person,
            "room": room,
        }
    if rule == "availability" and session and inv:
        return _("%(person)s is not available for %(room)s.") % {"person": person, "room": room}
    if rule == "conflict_of_interest" and session and inv:
        rs = next(s for s in day.problem.sessions if s.id == violation.session_id)
        member = next(j for j in day.problem.invigilators if j.id == violation.invigilator_id)
        shared = sorted(member.affiliations & rs.candidate_affiliations)
        what = ", ".join(
            _("relative %(name)s") % {"name": x.removeprefix("relative ")}
            if x.startswith("relative ")
            else x
            for x in shared
        )
        return _(
            "%(person)s has a conflict of interest in %(room)s: declared %(what)s is shared "
            "with candidates sitting there."
        ) % {"person": person, "room": room, "what": what}
    if rule == "double_booking" and session and inv:
        others = [
            day.session(int(r.session_id))
            for r in rows
            if r.invigilator_id == violation.invigilator_id and r.session_id != violation.session_id
        ]
        clash = next(
            (
                o
                for o in others
                if o and o.starts_at < session.ends_at and session.starts_at < o.ends_at
            ),
            None,
        )
        return _("%(person)s would be in two places at once: %(first)s and %(second)s.") % {
            "person": person,
            "first": _room(clash) if clash else "",
            "second": room,
        }
    return violation.message


def _new_violations(
    day: sel.DayProblem, before: list[Assignment], after: list[Assignment]
) -> list[Violation]:
    """Violations a change would add: new rules broken, or a room left shorter than before."""
    old = validate_assignment(day.problem, before)
    new = validate_assignment(day.problem, after)

    def key(v: Violation) -> tuple:
        return (v.rule, v.session_id, v.invigilator_id)

    old_keys = {key(v) for v in old}
    out = []
    for v in new:
        if key(v) not in old_keys:
            out.append(v)
        elif v.rule == "staffing":
            had = sum(1 for r in before if r.session_id == v.session_id)
            has = sum(1 for r in after if r.session_id == v.session_id)
            if has < had:
                out.append(v)
    return out


def _refuse(day: sel.DayProblem, violations: list[Violation], rows: list[Assignment]) -> None:
    raise ValidationError([violation_text(v, day, rows) for v in violations])


# --- The roster ---------------------------------------------------------------------------------


def _require_manager(actor: Actor, center: Center) -> None:
    if actor is not None and not sel.can_manage_center_roster(actor, center):
        raise PermissionDenied


def _locked_day(center: Center, day: dt.date) -> tuple[sel.DayProblem, list[InvigilatorAssignment]]:
    """Lock the day's sessions, then load the problem and the current assignments."""
    pks = [s.pk for s in sel.invigilation_day_sessions(center=center, day=day)]
    session_rows_lock(session_ids=pks)
    problem = sel.invigilation_problem(center=center, day=day)
    return problem, sel.day_assignments(sessions=problem.sessions)


def _session_day(session: Session) -> tuple[Center, dt.date]:
    return session.room.venue.center, timezone.localtime(session.starts_at, sel.TAIPEI).date()


@dataclass(frozen=True)
class ProposalSummary:
    """What the optimiser did: assignments made, the busiest and least busy loads, solve time."""

    created: int
    max_load: int
    min_load: int
    status: str
    seconds: float


@transaction.atomic
def roster_propose(*, actor: Actor, center: Center, day: dt.date) -> ProposalSummary:
    """Run the optimiser over the center's sessions of ``day`` and store its proposal.

    Replaces an earlier proposal; refused once the roster is published (then the manager
    adjusts it by hand). Raises :class:`RosterInfeasible` with the optimiser's explanation.
    """
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    if not problem.sessions:
        raise ValidationError(_("There are no sessions at your center on this day."))
    if any(a.status in LIVE_STATUSES or a.status == AssignmentStatus.DECLINED for a in current):
        raise ValidationError(
            _(
                "The roster of this day is already published: adjust it by hand instead of "
                "running the optimiser again."
            )
        )
    try:
        plan = assign_invigilators(problem.problem)
    except InfeasibleError as error:
        summary = (
            _("The optimiser found no roster that keeps every rule. Why:")
            if error.stage == "precheck"
            else _(
                "The optimiser found no roster that keeps every rule; these rooms would be short:"
            )
        )
        raise RosterInfeasible(error.reasons, summary=summary) from error
    except SolverLimitError as error:
        raise RosterInfeasible([str(error)], summary=_("The optimiser ran out of time.")) from error
    InvigilatorAssignment.objects.filter(pk__in=[a.pk for a in current]).delete()
    created = InvigilatorAssignment.objects.bulk_create(
        [
            InvigilatorAssignment(
                session_id=int(a.session_id),
                invigilator_id=int(a.invigilator_id),
                role=InvigilatorRole.CHIEF if a.chief else InvigilatorRole.ASSISTANT,
                status=AssignmentStatus.PROPOSED,
            )
            for a in plan.assignments
        ]
    )
    for session in problem.sessions:
        team = plan.for_session(str(session.pk))
        audit_record(
            actor=actor,
            action="invigilation.propose",
            target=session,
            changes={
                "invigilators": [
                    [a.invigilator_id, "chief" if a.chief else "assistant"] for a in team
                ],
                "replaced": len([a for a in current if a.session_id == session.pk]),
            },
        )
    return ProposalSummary(
        len(created), plan.max_load, plan.min_load, plan.status, plan.time_seconds
    )


def _apply_checked(
    day: sel.DayProblem, current: list[InvigilatorAssignment], after: list[Assignment]
) -> None:
    before = sel.as_plan_rows(current)
    bad = _new_violations(day, before, after)
    if bad:
        _refuse(day, bad, after)


def _is_live(current: list[InvigilatorAssignment]) -> bool:
    return any(a.status in LIVE_STATUSES or a.status == AssignmentStatus.DECLINED for a in current)


@transaction.atomic
def assignment_add(
    *, actor: Actor, session: Session, invigilator: Invigilator, chief: bool = False
) -> InvigilatorAssignment:
    """Put a person in a session's room (as chief only if the room has none yet).

    After publication the new duty is published at once and the person is told.
    """
    center, day = _session_day(session)
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    if invigilator.center_id != center.pk:
        raise PermissionDenied
    same = next(
        (a for a in current if a.session_id == session.pk and a.invigilator_id == invigilator.pk),
        None,
    )
    if same is not None and same.status == AssignmentStatus.DECLINED:
        raise ValidationError(
            _("%(person)s declined this duty; choose somebody else.")
            % {"person": sel.person_label(invigilator)}
        )
    row = Assignment(str(session.pk), str(invigilator.pk), chief)
    _apply_checked(problem, current, [*sel.as_plan_rows(current), row])
    status = AssignmentStatus.PUBLISHED if _is_live(current) else AssignmentStatus.PROPOSED
    created = InvigilatorAssignment.objects.create(
        session=session,
        invigilator=invigilator,
        role=InvigilatorRole.CHIEF if chief else InvigilatorRole.ASSISTANT,
        status=status,
    )
    audit_record(
        actor=actor,
        action="invigilation.add",
        target=created,
        changes={"role": created.role, "status": status},
    )
    if status == AssignmentStatus.PUBLISHED:
        _notify(created.pk, "published")
    return created


def _load(assignment: InvigilatorAssignment):
    locked = invigilator_assignment_row_lock(pk=assignment.pk)
    center, day = _session_day(locked.session)
    return locked, center, day


@transaction.atomic
def assignment_remove(*, actor: Actor, assignment: InvigilatorAssignment) -> None:
    """Take a person out of a room (refused if it leaves the room short or without a chief)."""
    center, day = _session_day(assignment.session)
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    target = next((a for a in current if a.pk == assignment.pk), None)
    if target is None or target.status not in STAFFING_STATUSES:
        raise ValidationError(_("This person is no longer in the roster."))
    after = sel.as_plan_rows([a for a in current if a.pk != target.pk])
    _apply_checked(problem, current, after)
    was_live = target.status in LIVE_STATUSES
    audit_record(
        actor=actor,
        action="invigilation.remove",
        target=target.session,
        changes={"invigilator": target.invigilator_id, "role": target.role, "was": target.status},
    )
    target.delete()
    if was_live:
        email, language = target.invigilator.user.email, target.invigilator.user.preferred_language
        session_pk = target.session_id
        transaction.on_commit(
            lambda: invigilation_removed_email.enqueue(
                email=email, language=language or "zh-hant", session_id=session_pk
            )
        )


@transaction.atomic
def assignment_swap(
    *, actor: Actor, assignment: InvigilatorAssignment, invigilator: Invigilator
) -> InvigilatorAssignment:
    """Give a person's place (and role) in a room to somebody else, checked against the rules."""
    center, day = _session_day(assignment.session)
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    target = next((a for a in current if a.pk == assignment.pk), None)
    if target is None or target.status not in STAFFING_STATUSES:
        raise ValidationError(_("This person is no longer in the roster."))
    if invigilator.center_id != center.pk:
        raise PermissionDenied
    if any(
        a.session_id == target.session_id and a.invigilator_id == invigilator.pk for a in current
    ):
        raise ValidationError(
            _("%(person)s is already on the list of this room.")
            % {"person": sel.person_label(invigilator)}
        )
    after = [
        Assignment(str(a.session_id), str(invigilator.pk), a.role == InvigilatorRole.CHIEF)
        if a.pk == target.pk
        else Assignment(str(a.session_id), str(a.invigilator_id), a.role == InvigilatorRole.CHIEF)
        for a in current
        if a.status in STAFFING_STATUSES
    ]
    _apply_checked(problem, current, after)
    live = _is_live(current)
    was_live = target.status in LIVE_STATUSES
    session, role = target.session, target.role
    old_user = target.invigilator.user
    target.delete()
    created = InvigilatorAssignment.objects.create(
        session=session,
        invigilator=invigilator,
        role=role,
        status=AssignmentStatus.PUBLISHED if live else AssignmentStatus.PROPOSED,
    )
    audit_record(
        actor=actor,
        action="invigilation.swap",
        target=created,
        changes={"invigilator": [target.invigilator_id, invigilator.pk], "role": role},
    )
    if live:
        _notify(created.pk, "published")
    if was_live:
        email, language, session_pk = old_user.email, old_user.preferred_language, session.pk
        transaction.on_commit(
            lambda: invigilation_removed_email.enqueue(
                email=email, language=language or "zh-hant", session_id=session_pk
            )
        )
    return created


@transaction.atomic
def assignment_make_chief(*, actor: Actor, assignment: InvigilatorAssignment) -> None:
    """Make this person the room's chief; the former chief stays on as an assistant."""
    center, day = _session_day(assignment.session)
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    target = next((a for a in current if a.pk == assignment.pk), None)
    if target is None or target.status not in STAFFING_STATUSES:
        raise ValidationError(_("This person is no longer in the roster."))
    if target.role == InvigilatorRole.CHIEF:
        return
    staffing = [a for a in current if a.status in STAFFING_STATUSES]
    after = [
        Assignment(
            str(a.session_id),
            str(a.invigilator_id),
            a.pk == target.pk
            or (a.role == InvigilatorRole.CHIEF and a.session_id != target.session_id),
        )
        for a in staffing
    ]
    _apply_checked(problem, current, after)
    former = [
        a for a in staffing if a.session_id == target.session_id and a.role == InvigilatorRole.CHIEF
    ]
    for a in former:
        a.role = InvigilatorRole.ASSISTANT
        a.save(update_fields=["role", "updated_at"])
    target.role = InvigilatorRole.CHIEF
    target.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        action="invigilation.chief",
        target=target,
        changes={"chief": [[a.invigilator_id for a in former], target.invigilator_id]},
    )


@transaction.atomic
def roster_publish(*, actor: Actor, center: Center, day: dt.date) -> int:
    """Publish the day's proposed roster (it must keep every rule); tells each person by email.

    Returns how many duties were published.
    """
    _require_manager(actor, center)
    problem, current = _locked_day(center, day)
    proposed = [a for a in current if a.status == AssignmentStatus.PROPOSED]
    if not proposed:
        raise ValidationError(_("There is nothing to publish: run the optimiser first."))
    rows = sel.as_plan_rows(current)
    violations = validate_assignment(problem.problem, rows)
    if violations:
        _refuse(problem, violations, rows)
    for a in proposed:
        a.status = AssignmentStatus.PUBLISHED
        a.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="invigilation.publish",
            target=a,
            changes={"status": [AssignmentStatus.PROPOSED, AssignmentStatus.PUBLISHED]},
        )
        _notify(a.pk, "published")
    return len(proposed)


# --- The invigilator's answer -------------------------------------------------------------------


def _require_respondent(actor: Actor, assignment: InvigilatorAssignment) -> None:
    # The system answers for no one: None is refused before its pk is compared.
    if not (
        actor is not None
        and assignment.invigilator.user_id == actor.pk
        and user_can(actor, "scheduling.respond_invigilatorassignment", assignment)
    ):
        raise PermissionDenied


@transaction.atomic
def assignment_confirm(*, actor: Actor, assignment: InvigilatorAssignment) -> InvigilatorAssignment:
    """The invigilator confirms a published duty of their own."""
    locked, _center, _day = _load(assignment)
    _require_respondent(actor, locked)
    if locked.status == AssignmentStatus.CONFIRMED:
        return locked
    if locked.status != AssignmentStatus.PUBLISHED:
        raise ValidationError(_("Only a published duty can be confirmed."))
    if locked.session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    locked.status = AssignmentStatus.CONFIRMED
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "responded_at", "updated_at"])
    audit_record(
        actor=actor,
        action="invigilation.confirm",
        target=locked,
        changes={"status": [AssignmentStatus.PUBLISHED, AssignmentStatus.CONFIRMED]},
    )
    return locked


@transaction.atomic
def assignment_decline(
    *, actor: Actor, assignment: InvigilatorAssignment, reason: str = ""
) -> InvigilatorAssignment:
    """The invigilator declines a duty of their own; the place re-opens and managers are told."""
    locked, _center, _day = _load(assignment)
    _require_respondent(actor, locked)
    if locked.status not in LIVE_STATUSES:
        raise ValidationError(_("Only a published or confirmed duty can be declined."))
    if locked.session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    old = locked.status
    locked.status = AssignmentStatus.DECLINED
    locked.decline_reason = reason.strip()[:2000]
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "decline_reason", "responded_at", "updated_at"])
    audit_record(
        actor=actor,
        action="invigilation.decline",
        target=locked,
        changes={"status": [old, AssignmentStatus.DECLINED], "reason": locked.decline_reason},
    )
    _notify(locked.pk, "declined")
    return locked
