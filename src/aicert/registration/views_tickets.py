"""Admission tickets and seats: the candidate's ticket PDF; the manager's seat map, seat
assignment button and "print all tickets" for a session of their own center."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import user_can
from aicert.registration import selectors, services
from aicert.registration.admission_ticket import admission_tickets_pdf
from aicert.registration.models import Registration
from aicert.registration.tickets import ticket_number
from aicert.scheduling.models import Session

_TICKET_RELATED = (
    "candidate__candidate_profile",
    "session__subject__level",
    "session__room__venue__center__organisation",
)


def _pdf_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def ticket_pdf(request, pk: int):
    """The signed-in candidate's own admission ticket, from the release date on."""
    try:
        registration = Registration.objects.select_related(*_TICKET_RELATED).get(
            pk=pk, candidate=request.user
        )
    except Registration.DoesNotExist as exc:
        raise Http404 from exc
    if not selectors.registration_ticket_available(registration):
        release = registration.session.ticket_release_on
        if not selectors.ticket_is_released(session=registration.session):
            messages.error(
                request,
                _("Admission tickets for this session are available from %(date)s.")
                % {"date": date_format(release, "Y-m-d")},
            )
        else:
            messages.error(request, _("This registration has no admission ticket (yet)."))
        return redirect("registration:my_registrations")
    body = admission_tickets_pdf([registration])
    return _pdf_response(body, f"admission-ticket-{ticket_number(registration)}.pdf")


def _session_for(user, pk: int, perm: str) -> Session:
    try:
        session = Session.objects.select_related("subject__level", "room__venue__center").get(pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    if not user_can(user, perm, session):
        raise PermissionDenied
    return session


@login_required
def session_seats(request, pk: int):
    """The seat map and list of a session, with each candidate's needs (no health details)."""
    session = _session_for(request.user, pk, "registration.assign_seats")
    rows = selectors.session_seat_list(session=session)
    by_seat = {row.seat: row for row in rows if row.seat}
    grid = [
        [{**cell, "row": by_seat.get(cell["label"])} for cell in seat_row]
        for seat_row in session.room.seat_grid()
    ]
    return render(
        request,
        "registration/session_seats.html",
        {
            "session": session,
            "rows": rows,
            "grid": grid,
            "unseated": [row for row in rows if not row.seat],
            "separate": [row for row in rows if row.in_separate_room],
            "needs": [row for row in rows if row.needs],
            "released": selectors.ticket_is_released(session=session),
            "can_print": user_can(request.user, "registration.print_tickets", session),
        },
    )


@login_required
@require_POST
def session_seats_assign(request, pk: int):
    session = _session_for(request.user, pk, "registration.assign_seats")
    try:
        result = services.session_seats_assign(session_id=session.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(new)s candidates seated; %(kept)s kept their seats.")
            % {"new": len(result.assigned), "kept": result.kept},
        )
        if result.moved:
            messages.info(
                request,
                _(
                    "%(count)s seated candidates got another seat (a separate room approved or "
                    "no longer in force, or a seat blocked since): give them their new tickets."
                )
                % {"count": result.moved},
            )
        if result.unseated:
            messages.error(
                request,
                _("%(count)s candidates could not be seated: the room has no free seat left.")
                % {"count": len(result.unseated)},
            )
        if result.accessible_missing:
            messages.warning(
                request,
                _(
                    "%(count)s candidates need a wheelchair-accessible seat but none was free: "
                    "mark more accessible seats in the room's layout and assign again."
                )
                % {"count": len(result.accessible_missing)},
            )
    return redirect("registration:session_seats", pk=session.pk)


@login_required
def session_tickets_pdf(request, pk: int):
    """Every seated candidate's ticket of a session, one page each, for the manager to print."""
    session = _session_for(request.user, pk, "registration.print_tickets")
    now = timezone.now()
    if not selectors.ticket_is_released(session=session, now=now):
        messages.error(
            request,
            _("Admission tickets for this session are available from %(date)s.")
            % {"date": date_format(session.ticket_release_on, "Y-m-d")},
        )
        return redirect("registration:session_seats", pk=session.pk)
    registrations = [
        r
        for r in Registration.objects.filter(session=session, seat_label__isnull=False)
        .select_related(*_TICKET_RELATED)
        .order_by("seat_label", "pk")
        if selectors.registration_ticket_available(r, now=now)
    ]
    if not registrations:
        messages.error(request, _("No candidate of this session has a seat yet."))
        return redirect("registration:session_seats", pk=session.pk)
    registrations.sort(key=lambda r: selectors.seat_sort_key(r.seat_label))
    return _pdf_response(
        admission_tickets_pdf(registrations, now=now), f"admission-tickets-session-{session.pk}.pdf"
    )
