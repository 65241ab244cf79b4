"""Writes for the exam-day room: forms attached to a session, check-in and absence, authorising
the checked-in candidates, pausing and resuming the room, incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission, user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.delivery import locks, selectors
from aicert.delivery.models import (
    Attempt,
    CheckIn,
    CheckInOutcome,
    Form,
    Incident,
    IncidentKind,
    SessionForm,
)
from aicert.delivery.services._common import AS, FS
from aicert.delivery.services.attempts import attempt_authorize, attempt_pause, attempt_resume
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.selectors import registration_extra_time_percent
from aicert.registration.services import (
    registration_check_in,
    registration_mark_absent,
)
from aicert.scheduling.models import SessionStatus
from aicert.shared.clock import aware_now


@transaction.atomic
def session_form_attach(
    *, actor: Actor, session, form: Form, now: dt.datetime | None = None
) -> SessionForm:
    """Attach a published form of the session's subject to the session (parallel forms: call
    once per form). Candidates authorised later sit one of the attached forms."""

    now = aware_now(now)
    require_permission(actor, "delivery.attach_session_form", session)
    assert actor is not None  # require_permission refuses the system
    form = locks.form_row_lock(pk=form.pk)
    if form.status != FS.PUBLISHED or form.subject_id != session.subject_id:
        raise ValidationError(
            _("Only a published form of the session's subject can be attached."), code="wrong_form"
        )
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("The session is cancelled."), code="cancelled")
    if SessionForm.objects.filter(session=session, form=form).exists():
        raise ValidationError(
            _("Form %(code)s is already attached to this session.") % {"code": form.code},
            code="already_attached",
        )
    attached = SessionForm.objects.create(
        session=session, form=form, attached_by=actor, attached_at=now
    )
    audit_record(
        actor=actor,
        action="session_form.attach",
        target=attached,
        changes={"session": session.pk, "form": form.code},
    )
    return attached


@transaction.atomic
def session_form_detach(*, actor: Actor, session_form: SessionForm) -> None:
    """Take a form off a session, as long as nobody in the session has been given it."""
    require_permission(actor, "delivery.attach_session_form", session_form.session)
    in_use = Attempt.objects.filter(
        registration__session_id=session_form.session_id, form_id=session_form.form_id
    ).exists()
    if in_use:
        raise ValidationError(
            _("Candidates of this session already sit form %(code)s: it cannot be detached.")
            % {"code": session_form.form.code},
            code="in_use",
        )
    audit_record(
        actor=actor,
        action="session_form.detach",
        target=session_form,
        changes={"session": session_form.session_id, "form": session_form.form.code},
    )
    session_form.delete()


def _check_in_row(registration, **fields) -> CheckIn:
    """Create or update the registration's check-in row (its registration row is locked)."""
    row = CheckIn.objects.filter(registration_id=registration.pk).first()
    if row is None:
        return CheckIn.objects.create(registration=registration, **fields)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))
    return row


@transaction.atomic
def check_in_record(
    *,
    actor: Actor,
    registration,
    id_checked: bool,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> CheckIn:
    """Check a candidate in after the photo ID check; late after the start, refused after the cut-off.

    The policy in force (:func:`aicert.delivery.selectors.check_in_policy_current`) says when
    check-in opens and how long after the start a late candidate is still admitted. After the
    cut-off only someone who may override it (a center manager) admits the candidate, with a
    reason. Locks the session, then the registration.
    """

    now = aware_now(now)
    require_permission(actor, "delivery.check_in_candidate", registration)
    session = registration.session
    policy = selectors.check_in_policy_current()
    opens = session.starts_at - dt.timedelta(minutes=policy.opens_minutes_before)
    cutoff = session.starts_at + dt.timedelta(minutes=policy.late_cutoff_minutes)
    if not id_checked:
        raise ValidationError(
            _("Check the candidate's photo ID against every point of the checklist first."),
            code="id_not_checked",
        )
    if session.status != SessionStatus.PUBLISHED:
        raise ValidationError(_("This session is not running."), code="session_not_running")
    if now < opens:
        raise ValidationError(
            _("Check-in opens at %(time)s.") % {"time": _hhmm(opens)}, code="not_open"
        )
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise ValidationError(_("This candidate is already checked in."), code="already_in")
    if registration.status == RegistrationStatus.PENDING_PAYMENT:
        raise ValidationError(
            _("The fee for this registration has not been paid: the candidate cannot sit."),
            code="unpaid",
        )
    override = override_reason.strip()
    if now > cutoff:
        if not user_can(actor, "delivery.override_check_in_cutoff", registration):
            raise ValidationError(
                _(
                    "Check-in closed at %(time)s (%(minutes)d minutes after the start). "
                    "Only a center manager can admit the candidate now, with a reason."
                )
                % {"time": _hhmm(cutoff), "minutes": policy.late_cutoff_minutes},
                code="after_cutoff",
            )
        if not override:
            raise ValidationError(
                _("Say why the candidate is admitted after the cut-off."), code="override_reason"
            )
    else:
        override = ""
    late = now > session.starts_at
    registration = registration_check_in(actor=actor, registration=registration)
    row = _check_in_row(
        registration,
        outcome=CheckInOutcome.PRESENT,
        late=late,
        id_checked=True,
        override_reason=override,
        recorded_by=actor,
        recorded_at=now,
    )
    audit_record(
        actor=actor,
        action="check_in.present",
        target=row,
        changes={"registration": registration.pk, "late": late, "override_reason": override},
    )
    return row


def _hhmm(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M")


@transaction.atomic
def check_in_mark_absent(*, actor: Actor, registration, now: dt.datetime | None = None) -> CheckIn:
    """Record that a confirmed candidate did not come (``actor`` None: the session-end job)."""

    now = aware_now(now)
    if actor is not None:
        require_permission(actor, "delivery.check_in_candidate", registration)
    registration = registration_mark_absent(actor=actor, registration=registration)
    row = _check_in_row(
        registration,
        outcome=CheckInOutcome.ABSENT,
        late=False,
        id_checked=False,
        override_reason="",
        recorded_by=actor,
        recorded_at=now,
    )
    audit_record(
        actor=actor, action="check_in.absent", target=row, changes={"registration": registration.pk}
    )
    return row


def session_absentees_mark(*, actor: Actor, session, now: dt.datetime | None = None) -> int:
    """After the late cut-off, mark every confirmed candidate who never came as absent.

    Returns how many were marked. Each registration in its own transaction.
    """

    now = aware_now(now)
    if actor is not None:
        require_permission(actor, "delivery.check_in_candidate", session)
    policy = selectors.check_in_policy_current()
    if now <= session.starts_at + dt.timedelta(minutes=policy.late_cutoff_minutes):
        raise ValidationError(
            _("Candidates can still check in: wait until the late cut-off has passed."),
            code="too_early",
        )
    pks = Registration.objects.filter(
        session=session, status=RegistrationStatus.CONFIRMED
    ).values_list("pk", flat=True)
    marked = 0
    for pk in list(pks):
        registration = Registration.objects.select_related("session").get(pk=pk)
        try:
            check_in_mark_absent(actor=actor, registration=registration, now=now)
        except ValidationError:  # checked in meanwhile
            continue
        marked += 1
    return marked


def sessions_absentees_mark_ended(*, now: dt.datetime | None = None) -> int:
    """The periodic job: in sessions that have ended, mark confirmed no-shows absent."""
    now = aware_now(now)
    total = 0
    for session in selectors.sessions_ended_with_unmarked(now=now):
        total += session_absentees_mark(actor=None, session=session, now=now)
    return total


def session_authorize_attempts(
    *,
    actor: Actor,
    session,
    registration_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
) -> list[Attempt]:
    """Let the checked-in candidates of a session (all, or those given) start: one attempt each.

    Each gets one of the session's attached forms (neighbouring seats get different parallel
    forms, see :func:`aicert.delivery.selectors.session_form_for_registration`) and the extra
    time of an approved accommodation. Candidates who already have an attempt are skipped. All
    or nothing: one transaction.
    """

    now = aware_now(now)
    require_permission(actor, "delivery.authorize_attempt", session)
    forms = selectors.session_forms_published(session=session)
    if not forms:
        raise ValidationError(
            _("No published form is attached to this session: ask the psychometrician."),
            code="no_forms",
        )
    registrations = Registration.objects.filter(
        session=session, status=RegistrationStatus.CHECKED_IN
    ).select_related("session")
    if registration_ids is not None:
        registration_ids = list(registration_ids)
        registrations = registrations.filter(pk__in=registration_ids)
        if len(registrations) != len(set(registration_ids)):
            raise ValidationError(
                _("Only candidates who are checked in for this session can be authorised."),
                code="not_checked_in",
            )
    live = set(
        Attempt.objects.filter(registration__session=session)
        .exclude(status=AS.VOIDED)
        .values_list("registration_id", flat=True)
    )
    created = []
    with transaction.atomic():
        for registration in registrations.order_by("pk"):
            if registration.pk in live:
                continue
            percent = registration_extra_time_percent(registration)
            try:
                attempt = attempt_authorize(
                    actor=actor,
                    registration=registration,
                    form=selectors.session_form_for_registration(
                        registration=registration, forms=forms, room=session.room
                    ),
                    extra_time_seconds=session.duration_minutes * 60 * percent // 100,
                    now=now,
                )
            except ValidationError as exc:
                # Authorised meanwhile from another console (seen under the row lock): skip.
                if exc.code == "attempt_exists":
                    continue
                raise
            created.append(attempt)
    return created


@transaction.atomic
def incident_report(
    *,
    actor: Actor,
    session,
    kind: str,
    description: str,
    occurred_at: dt.datetime | None = None,
    registration=None,
) -> Incident:
    """Record an incident in the room (environment, examinee, invigilator or technical)."""
    require_permission(actor, "delivery.add_incident", session)
    assert actor is not None  # require_permission refuses the system
    errors: dict[str, str] = {}
    if kind not in IncidentKind.values:
        errors["kind"] = _("Choose the kind of incident.")
    if not description.strip():
        errors["description"] = _("Describe what happened.")
    if registration is not None and registration.session_id != session.pk:
        errors["registration"] = _("The candidate is not in this session.")
    if errors:
        raise ValidationError(errors)
    occurred_at = aware_now(occurred_at)
    incident = Incident.objects.create(
        session=session,
        kind=kind,
        occurred_at=occurred_at,
        description=description.strip(),
        registration=registration,
        reported_by=actor,
    )
    audit_record(
        actor=actor,
        action="incident.report",
        target=incident,
        changes={
            "kind": kind,
            "occurred_at": occurred_at.isoformat(),
            "registration": registration.pk if registration else None,
        },
    )
    return incident


@transaction.atomic
def session_attempts_pause(
    *, actor: Actor, session, reason: str, now: dt.datetime | None = None
) -> list[Attempt]:
    """Pause every attempt in progress in the room at once (a fire alarm, a power cut)."""
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", session)
    if not reason.strip():
        raise ValidationError(_("Say why the room is paused."), code="reason_required")
    attempts = Attempt.objects.filter(
        registration__session=session, status=AS.IN_PROGRESS
    ).select_related("registration__session__room__venue")
    return [
        attempt_pause(actor=actor, attempt=attempt, reason=reason.strip(), now=now)
        for attempt in attempts.order_by("pk")
    ]


@transaction.atomic
def session_attempts_resume(
    *, actor: Actor, session, now: dt.datetime | None = None
) -> list[Attempt]:
    """Resume every paused attempt of the room; each deadline moves by its own pause."""
    now = aware_now(now)
    require_permission(actor, "delivery.invigilate_attempt", session)
    attempts = Attempt.objects.filter(
        registration__session=session, status=AS.PAUSED
    ).select_related("registration__session__room__venue")
    return [attempt_resume(actor=actor, attempt=a, now=now) for a in attempts.order_by("pk")]
