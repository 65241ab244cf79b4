"""Invigilation pages: a center's rosters (run the optimiser, adjust, publish), the pool's
availability, and an invigilator's own duties, availability calendar and declarations."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import user_can
from aicert.centers.models import Center, Invigilator
from aicert.scheduling import invigilation_selectors as sel
from aicert.scheduling import invigilation_services as services
from aicert.scheduling.models import (
    HalfDay,
    InvigilatorAssignment,
)


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _managed_center(user, center_pk: int) -> Center:
    """The center, if the user may manage its rosters; 404 otherwise (others stay invisible)."""
    center = get_object_or_404(
        sel.centers_managed_by(user=user, perm="scheduling.change_invigilatorassignment"),
        pk=center_pk,
    )
    return center


def _parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise Http404 from exc


@login_required
def roster_days(request):
    """The manager's invigilation overview: exam days with roster state, and pool availability."""
    if not user_can(request.user, "scheduling.view_invigilatorassignment"):
        raise PermissionDenied
    today = timezone.localdate()
    centers = []
    for center in sel.centers_managed_by(user=request.user):
        days = sel.roster_days(center=center, start=today)
        pool = sel.invigilator_pool(center=center)
        dates = [d["date"] for d in days]
        answers = sel.availability_for(invigilators=pool, dates=dates)
        grid = [
            (
                inv,
                [
                    [(half, answers.get((inv.pk, day, half))) for half in HalfDay.values]
                    for day in dates
                ],
            )
            for inv in pool
        ]
        centers.append({"center": center, "days": days, "grid": grid, "dates": dates})
    return render(request, "scheduling/roster_days.html", {"centers": centers})


def _render_roster(request, center: Center, day: dt.date, **extra):
    roster = sel.roster_for_day(center=center, day=day)
    context = {
        "center": center,
        "day": day,
        "roster": roster,
        "half_days": HalfDay.choices,
        "action_url": reverse("scheduling:roster_day", args=[center.pk, day.isoformat()]),
        **extra,
    }
    template = (
        "scheduling/_roster.html"
        if request.headers.get("HX-Request")
        else "scheduling/roster_day.html"
    )
    return render(request, template, context)


def _assignment_of(center: Center, pk: str | None) -> InvigilatorAssignment:
    try:
        return InvigilatorAssignment.objects.select_related(
            "session__room__venue__center", "invigilator__user"
        ).get(pk=int(pk or 0), session__room__venue__center=center)
    except (InvigilatorAssignment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _invigilator_of(center: Center, pk: str | None) -> Invigilator:
    try:
        return Invigilator.objects.select_related("user").get(
            pk=int(pk or 0), center=center, is_active=True
        )
    except (Invigilator.DoesNotExist, ValueError) as exc:
        raise ValidationError(_("Choose an invigilator of your center.")) from exc


@login_required
def roster_day(request, center_pk: int, day: str):
    """One center's day: the optimiser's proposal, manual changes, publication."""
    center = _managed_center(request.user, center_pk)
    date = _parse_day(day)
    if request.method != "POST":
        return _render_roster(request, center, date)
    action = request.POST.get("action", "")
    errors: list[str] = []
    infeasible = None
    notice = ""
    user = request.user
    try:
        if action == "propose":
            summary = services.roster_propose(actor=user, center=center, day=date)
            notice = _(
                "The optimiser proposed %(count)d duties (busiest person: %(max)d sessions, "
                "least busy: %(min)d)."
            ) % {"count": summary.created, "max": summary.max_load, "min": summary.min_load}
        elif action == "add":
            session_pk = int(request.POST.get("session") or 0)
            sessions = sel.invigilation_day_sessions(center=center, day=date)
            session = next((s for s in sessions if s.pk == session_pk), None)
            if session is None:
                raise Http404
            added = services.assignment_add(
                actor=user,
                session=session,
                invigilator=_invigilator_of(center, request.POST.get("invigilator")),
                chief=request.POST.get("chief") == "on",
            )
            notice = _("%(person)s added to %(room)s.") % {
                "person": sel.person_label(added.invigilator),
                "room": sel.session_label(session),
            }
        elif action == "remove":
            services.assignment_remove(
                actor=user, assignment=_assignment_of(center, request.POST.get("assignment"))
            )
            notice = _("Removed from the room.")
        elif action == "swap":
            swapped = services.assignment_swap(
                actor=user,
                assignment=_assignment_of(center, request.POST.get("assignment")),
                invigilator=_invigilator_of(center, request.POST.get("invigilator")),
            )
            notice = _("%(person)s now takes this place.") % {
                "person": sel.person_label(swapped.invigilator)
            }
        elif action == "chief":
            services.assignment_make_chief(
                actor=user, assignment=_assignment_of(center, request.POST.get("assignment"))
            )
            notice = _("Chief invigilator changed.")
        elif action == "publish":
            count = services.roster_publish(actor=user, center=center, day=date)
            notice = _("Roster published: %(count)d invigilators were told.") % {"count": count}
        else:
            errors = [_("Unknown action.")]
    except ValidationError as error:
        errors = _errors(error)
    except services.RosterInfeasible as error:
        infeasible = error
    if not request.headers.get("HX-Request"):
        for message in errors:
            messages.error(request, message)
        if notice:
            messages.success(request, notice)
        if infeasible is None:
            return redirect("scheduling:roster_day", center.pk, date.isoformat())
    # htmx swaps only 2xx responses: a refusal is a normal page that says why, in words.
    return _render_roster(
        request, center, date, errors=errors, infeasible=infeasible, notice=notice
    )


# --- The invigilator's own pages --------------------------------------------------------------


def _require_invigilator(user) -> list[Invigilator]:
    profiles = sel.invigilator_profiles_for_user(user=user)
    if not profiles or not user_can(user, "scheduling.respond_invigilatorassignment"):
        raise PermissionDenied
    return profiles


@login_required
def my_duties(request):
    """An invigilator's own duties, with confirm and decline."""
    _require_invigilator(request.user)
    duties = list(sel.my_duties(user=request.user))
    teams = sel.session_teams(sessions=[duty.session for duty in duties])
    for duty in duties:
        duty.team = [a for a in teams[duty.session_id] if a.pk != duty.pk]
    return render(request, "scheduling/my_duties.html", {"duties": duties})


def _own_duty(user, pk: int) -> InvigilatorAssignment:
    return get_object_or_404(sel.my_duties(user=user, upcoming_only=False), pk=pk)


@login_required
@require_POST
def duty_confirm(request, pk: int):
    _require_invigilator(request.user)
    try:
        services.assignment_confirm(actor=request.user, assignment=_own_duty(request.user, pk))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Duty confirmed. Thank you."))
    return redirect("scheduling:my_duties")


@login_required
@require_POST
def duty_decline(request, pk: int):
    _require_invigilator(request.user)
    try:
        services.assignment_decline(
            actor=request.user,
            assignment=_own_duty(request.user, pk),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Duty declined. Your center has been told."))
    return redirect("scheduling:my_duties")


@login_required
def my_availability(request):
    """An invigilator marks exam days (morning/afternoon) and declares affiliations and relatives."""
    profiles = _require_invigilator(request.user)
    today = timezone.localdate()
    if request.method == "POST":
        profile = next((p for p in profiles if str(p.pk) == request.POST.get("invigilator")), None)
        if profile is None:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "declare":
                services.invigilator_declare(
                    actor=request.user,
                    invigilator=profile,
                    affiliations=request.POST.get("affiliations", ""),
                    relatives=request.POST.get("relatives", ""),
                )
                messages.success(request, _("Declaration saved."))
            else:
                count = services.availability_set(
                    actor=request.user, invigilator=profile, answers=_posted_answers(request)
                )
                messages.success(
                    request, _("Availability saved (%(count)d changes).") % {"count": count}
                )
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        return redirect("scheduling:my_availability")
    return render(
        request,
        "scheduling/my_availability.html",
        {
            "calendars": [_calendar(profile, today) for profile in profiles],
            "half_days": HalfDay.choices,
            "today": today,
        },
    )


def _posted_answers(request) -> dict[tuple[dt.date, str], bool]:
    """The availability form's ticks: ``(date, half-day) -> available``."""
    answers: dict[tuple[dt.date, str], bool] = {}
    dates = request.POST.getlist("date")
    extra = request.POST.get("extra_date", "").strip()
    if extra:
        dates.append(extra)
    for value in dates:
        try:
            date = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError(_("Enter a valid date.")) from exc
        prefix = "extra" if value == extra and extra else value
        for half in HalfDay.values:
            answers[(date, half)] = request.POST.get(f"{prefix}-{half}") == "on"
    return answers


def _calendar(profile: Invigilator, today: dt.date) -> dict:
    """One pool member's availability form: the center's exam days and any day already said."""
    exam_days = set(sel.availability_days(center=profile.center, start=today))
    known = profile.availability.filter(date__gte=today).values_list("date", flat=True)
    dates = sorted(exam_days | set(known))
    answers_map = sel.availability_for(invigilators=[profile], dates=dates)
    rows = [
        {
            "date": d,
            "exam_day": d in exam_days,
            "halves": [
                (value, label, answers_map.get((profile.pk, d, value)))
                for value, label in HalfDay.choices
            ],
        }
        for d in dates
    ]
    return {"profile": profile, "rows": rows}


@login_required
def pool_availability(request, pk: int):
    """The manager enters a pool member's availability (given by phone or e-mail)."""
    profile = get_object_or_404(Invigilator.objects.select_related("center", "user"), pk=pk)
    if not user_can(request.user, "scheduling.change_invigilatoravailability", profile):
        raise PermissionDenied
    today = timezone.localdate()
    if request.method == "POST":
        try:
            count = services.availability_set(
                actor=request.user, invigilator=profile, answers=_posted_answers(request)
            )
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(
                request, _("Availability saved (%(count)d changes).") % {"count": count}
            )
        return redirect("scheduling:pool_availability", pk=profile.pk)
    return render(
        request,
        "scheduling/pool_availability.html",
        {"cal": _calendar(profile, today), "half_days": HalfDay.choices, "today": today},
    )
