"""The exam-day room: forms of a session (psychometrician), check-in and the invigilator console.

Invigilators and center managers reach only sessions of their own center's rooms (anything else
is 404); every write goes through one service of :mod:`aicert.delivery.services`.
"""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import user_can
from aicert.delivery import selectors, services
from aicert.delivery.forms import ExtendForm, IncidentForm, ReasonForm
from aicert.delivery.models import Attempt, AttemptEvent, Form, FormStatus, Incident, SessionForm
from aicert.registration.models import Registration
from aicert.registration.selectors import registration_extra_time_percent
from aicert.scheduling.models import Session


def _session_or_404(user, pk: int, perm: str = "delivery.check_in_candidate") -> Session:
    if not user_can(user, perm):
        raise PermissionDenied
    try:
        return selectors.room_session_get(user=user, pk=pk, perm=perm)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- forms of a session --------------------------------------------------------------------------


@login_required
def session_list(request):
    """Upcoming sessions and how many forms each has (psychometrician, foundation admin)."""
    if not user_can(request.user, "delivery.attach_session_form"):
        raise PermissionDenied
    return render(
        request,
        "delivery/session_list.html",
        {"sessions": selectors.session_list_for_forms(user=request.user)},
    )


@login_required
def session_forms(request, pk: int):
    session = _session_or_404(request.user, pk, "delivery.attach_session_form")
    if request.method == "POST":
        try:
            form = Form.objects.get(pk=int(request.POST.get("form", "0")))
            services.session_form_attach(actor=request.user, session=session, form=form)
        except (Form.DoesNotExist, ValueError):
            messages.error(request, _("Choose a published form of the session's subject."))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Form %(code)s is attached.") % {"code": form.code})
        return redirect("delivery:session_forms", pk=pk)
    attached = list(
        session.session_forms.select_related("form", "attached_by").order_by("form__code")
    )
    attached_ids = {sf.form_id for sf in attached}
    available = Form.objects.filter(subject=session.subject, status=FormStatus.PUBLISHED).exclude(
        pk__in=attached_ids
    )
    return render(
        request,
        "delivery/session_forms.html",
        {"session": session, "attached": attached, "available": available},
    )


@login_required
@require_POST
def session_form_detach(request, pk: int, session_form_pk: int):
    session = _session_or_404(request.user, pk, "delivery.attach_session_form")
    try:
        attached = SessionForm.objects.select_related("form", "session").get(
            pk=session_form_pk, session=session
        )
    except SessionForm.DoesNotExist as exc:
        raise Http404 from exc
    try:
        services.session_form_detach(actor=request.user, session_form=attached)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Form %(code)s is detached.") % {"code": attached.form.code})
    return redirect("delivery:session_forms", pk=pk)


# --- the room's sessions -------------------------------------------------------------------------


@login_required
def room_list(request):
    """The sessions of the user's center(s) around today: the way into check-in and the console."""
    if not user_can(request.user, "delivery.check_in_candidate"):
        raise PermissionDenied
    return render(
        request,
        "delivery/room_list.html",
        {"sessions": selectors.room_sessions_for_user(user=request.user)},
    )


# --- check-in ------------------------------------------------------------------------------------


def _policy_times(session: Session):
    policy = selectors.check_in_policy_current()
    return {
        "policy": policy,
        "opens_at": session.starts_at - dt.timedelta(minutes=policy.opens_minutes_before),
        "cutoff_at": session.starts_at + dt.timedelta(minutes=policy.late_cutoff_minutes),
    }


@login_required
def check_in(request, pk: int):
    """Scan or type a ticket code, or search by name; the seat map shows who is in."""
    session = _session_or_404(request.user, pk)
    code = request.GET.get("code", "")
    query = request.GET.get("q", "")
    found, message = selectors.check_in_lookup(session=session, code=code, query=query)
    if code.strip() and len(found) == 1:
        return redirect("delivery:check_in_candidate", pk=pk, registration_pk=found[0].pk)
    rows = selectors.room_roster(session=session)
    return render(
        request,
        "delivery/check_in.html",
        {
            "session": session,
            "code": code,
            "query": query,
            "found": [(r, selectors.registration_display_name(r)) for r in found],
            "lookup_message": message,
            "rows": rows,
            "counts": selectors.room_roster_counts(rows),
            "seat_map": selectors.room_seat_map(session=session, rows=rows),
            "separate_rows": selectors.room_separate_room_rows(rows),
            **_policy_times(session),
        },
    )


def _registration_or_404(session: Session, registration_pk: int) -> Registration:
    try:
        return Registration.objects.select_related(
            "candidate__candidate_profile", "session__room", "check_in"
        ).get(pk=registration_pk, session=session)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc


ID_CHECKLIST = ("photo", "name", "number", "valid")


def _id_checklist():
    return [
        ("photo", _("The photo on the ID is the person in front of you")),
        ("name", _("The name on the ID matches the name below")),
        ("number", _("The visible digits of the ID number match")),
        ("valid", _("The ID is an original, valid document")),
    ]


@login_required
def check_in_candidate(request, pk: int, registration_pk: int):
    """One candidate's card: names, masked ID, seat, the photo-ID checklist; present or absent."""

    session = _session_or_404(request.user, pk)
    registration = _registration_or_404(session, registration_pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "present":
                checked = all(request.POST.get(f"check_{key}") for key in ID_CHECKLIST)
                row = services.check_in_record(
                    actor=request.user,
                    registration=registration,
                    id_checked=checked,
                    override_reason=request.POST.get("override_reason", ""),
                )
                done = (
                    _("%(name)s is checked in (late).")
                    if row.late
                    else _("%(name)s is checked in.")
                )
            elif action == "absent":
                services.check_in_mark_absent(actor=request.user, registration=registration)
                done = _("%(name)s is marked absent.")
            else:
                raise ValidationError(_("Choose present or absent."))
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("delivery:check_in_candidate", pk=pk, registration_pk=registration_pk)
        name = selectors.registration_display_name(registration)
        messages.success(request, done % {"name": name})
        return redirect("delivery:check_in", pk=pk)
    profile = getattr(registration.candidate, "candidate_profile", None)
    times = _policy_times(session)
    now = timezone.now()
    return render(
        request,
        "delivery/check_in_candidate.html",
        {
            "session": session,
            "registration": registration,
            "profile": profile,
            "name": selectors.registration_display_name(registration),
            "check_in": getattr(registration, "check_in", None),
            "checklist": _id_checklist(),
            "extra_time_percent": registration_extra_time_percent(registration),
            "after_cutoff": now > times["cutoff_at"],
            "late_now": now > session.starts_at,
            "can_override": user_can(
                request.user, "delivery.override_check_in_cutoff", registration
            ),
            **times,
        },
    )


@login_required
@require_POST
def absentees_mark(request, pk: int):
    session = _session_or_404(request.user, pk)
    try:
        marked = services.session_absentees_mark(actor=request.user, session=session)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("%(count)d candidates marked absent.") % {"count": marked})
    return redirect("delivery:room_console", pk=pk)


# --- the invigilator console ---------------------------------------------------------------------


def _console_context(request, session: Session) -> dict:
    rows = selectors.room_roster(session=session)
    user = request.user
    return {
        "session": session,
        "rows": rows,
        "counts": selectors.room_roster_counts(rows),
        "can_authorize": user_can(user, "delivery.authorize_attempt", session),
        "can_invigilate": user_can(user, "delivery.invigilate_attempt", session),
        "can_void": user_can(user, "delivery.void_attempt", session),
        "waiting": sum(1 for r in rows if r.can_authorize),
        "forms": selectors.session_forms_published(session=session),
        "now": timezone.now(),
    }


@login_required
def room_console(request, pk: int):
    session = _session_or_404(request.user, pk)
    context = _console_context(request, session)
    incidents = list(
        Incident.objects.filter(session=session)
        .select_related("registration__candidate__candidate_profile", "reported_by")
        .order_by("-occurred_at", "-pk")
    )
    for incident in incidents:
        incident.candidate_name = (
            selectors.registration_display_name(incident.registration)
            if incident.registration
            else ""
        )
    context["incidents"] = incidents
    context["incident_form"] = IncidentForm(session=session, initial={"occurred_at": None})
    return render(request, "delivery/room_console.html", context)


@login_required
def room_roster(request, pk: int):
    """The roster alone, polled by the console (htmx) every few seconds."""
    session = _session_or_404(request.user, pk)
    return render(request, "delivery/_room_roster.html", _console_context(request, session))


@login_required
@require_POST
def room_authorize(request, pk: int):
    session = _session_or_404(request.user, pk)
    one = request.POST.get("registration")
    try:
        created = services.session_authorize_attempts(
            actor=request.user,
            session=session,
            registration_ids=[int(one)] if one else None,
        )
    except ValueError:
        messages.error(request, _("Choose a candidate."))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if created:
            messages.success(
                request,
                _("%(count)d candidates may start now.") % {"count": len(created)},
            )
        else:
            messages.info(request, _("Nobody was waiting to be authorised."))
    return redirect("delivery:room_console", pk=pk)


def _attempt_or_404(session: Session, attempt_pk: int) -> Attempt:
    try:
        return Attempt.objects.select_related(
            "form", "registration__candidate__candidate_profile"
        ).get(pk=attempt_pk, registration__session=session)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def room_attempt(request, pk: int, attempt_pk: int):
    """One attempt: clock, events, and the extend / void / move forms."""
    session = _session_or_404(request.user, pk)
    attempt = _attempt_or_404(session, attempt_pk)
    return render(
        request,
        "delivery/room_attempt.html",
        {
            "session": session,
            "attempt": attempt,
            "name": selectors.registration_display_name(attempt.registration),
            "time_left": selectors.format_seconds(attempt.clock.seconds_left(timezone.now()))
            if attempt.is_running or attempt.status == "ready"
            else "",
            "allowed_minutes": attempt.time_allowed_seconds // 60,
            "extra_minutes": attempt.extra_time_seconds // 60,
            "extended_minutes": attempt.extended_seconds // 60,
            "events": AttemptEvent.objects.filter(attempt=attempt)
            .exclude(kind="save")
            .select_related("actor")
            .order_by("at", "pk"),
            "extend_form": ExtendForm(),
            "void_form": ReasonForm(),
            "can_invigilate": user_can(request.user, "delivery.invigilate_attempt", attempt),
            "can_void": user_can(request.user, "delivery.void_attempt", attempt),
        },
    )


@login_required
@require_POST
def room_attempt_action(request, pk: int, attempt_pk: int, action: str):
    session = _session_or_404(request.user, pk)
    attempt = _attempt_or_404(session, attempt_pk)
    user = request.user
    back = redirect("delivery:room_console", pk=pk)
    try:
        if action == "pause":
            services.attempt_pause(
                actor=user, attempt=attempt, reason=request.POST.get("reason", "")
            )
            done = _("The attempt is paused.")
        elif action == "resume":
            services.attempt_resume(actor=user, attempt=attempt)
            done = _("The attempt is resumed; its deadline moved by the length of the pause.")
        elif action == "release":
            services.attempt_release_device(actor=user, attempt=attempt)
            done = _(
                "The attempt is released: the candidate can now open the exam on another computer."
            )
        elif action == "extend":
            back = redirect("delivery:room_attempt", pk=pk, attempt_pk=attempt_pk)
            form = ExtendForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            services.attempt_extend(
                actor=user,
                attempt=attempt,
                seconds=form.cleaned_data["minutes"] * 60,
                reason=form.cleaned_data["reason"],
            )
            done = _("The attempt has %(minutes)d more minutes.") % {
                "minutes": form.cleaned_data["minutes"]
            }
        elif action == "void":
            back = redirect("delivery:room_attempt", pk=pk, attempt_pk=attempt_pk)
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            services.attempt_void(actor=user, attempt=attempt, reason=form.cleaned_data["reason"])
            done = _("The attempt is voided.")
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
        return back
    messages.success(request, done)
    return back


@login_required
@require_POST
def incident_create(request, pk: int):
    session = _session_or_404(request.user, pk)
    form = IncidentForm(request.POST, session=session)
    if form.is_valid():
        try:
            services.incident_report(actor=request.user, session=session, **form.service_kwargs())
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The incident is recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("delivery:room_console", pk=pk)


@login_required
def room_export(request, pk: int):
    """The session's roster, incidents and attempt events as one CSV (UTF-8 with BOM for Excel)."""
    session = _session_or_404(request.user, pk, "delivery.view_incident")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}-room.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["record", "time", "seat", "candidate", "what", "details", "by"])
    for row in selectors.room_export_rows(session=session):
        writer.writerow(row)
    return response


@login_required
@require_POST
def room_pause_all(request, pk: int):
    session = _session_or_404(request.user, pk)
    try:
        paused = services.session_attempts_pause(
            actor=request.user, session=session, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("%(count)d attempts paused.") % {"count": len(paused)})
    return redirect("delivery:room_console", pk=pk)


@login_required
@require_POST
def room_resume_all(request, pk: int):
    session = _session_or_404(request.user, pk)
    resumed = services.session_attempts_resume(actor=request.user, session=session)
    messages.success(request, _("%(count)d attempts resumed.") % {"count": len(resumed)})
    return redirect("delivery:room_console", pk=pk)
