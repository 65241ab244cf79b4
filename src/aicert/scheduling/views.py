"""Session pages: the public calendar and iCal feed, and a center's session management."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission, scope_queryset, user_can
from aicert.centers.models import Room
from aicert.scheduling import selectors, services
from aicert.scheduling.forms import CalendarFilterForm, SessionForm
from aicert.scheduling.ical import sessions_to_ical
from aicert.scheduling.models import Session
from aicert.shared.forms import apply_form_errors


def session_calendar(request):
    """Upcoming published sessions with seats left; anyone may look."""
    form = CalendarFilterForm(request.GET or None)
    now = timezone.now()
    sessions = list(selectors.session_list_public(filters=form.filters(), now=now))
    for session in sessions:
        session.is_open = session.registration_open(now)
    query = request.GET.urlencode()
    return render(
        request,
        "scheduling/session_calendar.html",
        {
            "form": form,
            "sessions": sessions,
            # The template tells "opens on <date>" from "closed" by comparing with this.
            "now": now,
            "ical_url": reverse("scheduling:session_ical") + (f"?{query}" if query else ""),
        },
    )


def session_ical(request):
    """The same sessions as an iCalendar feed (text/calendar) to subscribe to."""
    form = CalendarFilterForm(request.GET or None)
    sessions = selectors.session_list_public(filters=form.filters())
    body = sessions_to_ical(
        sessions,
        host=request.get_host().split(":")[0],
        url_for=lambda s: request.build_absolute_uri(
            reverse("scheduling:session_detail", args=[s.pk])
        ),
        name=_("AI certification exam sessions"),
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="aicert-sessions.ics"'
    return response


def session_detail(request, pk: int):
    try:
        session = selectors.session_get_public(pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "scheduling/session_detail.html",
        {"session": session, "open": session.registration_open()},
    )


def _rooms(user, perm: str):
    return scope_queryset(
        user, perm, Room.objects.select_related("venue__center__organisation")
    ).order_by("venue__center", "venue__name_en", "name")


@login_required
def session_manage(request):
    require_permission(request.user, "scheduling.view_session")
    sessions = selectors.session_list_for_user(user=request.user)
    return render(
        request,
        "scheduling/session_manage.html",
        {"sessions": sessions, "can_add": user_can(request.user, "scheduling.add_session")},
    )


@login_required
def session_create(request):
    require_permission(request.user, "scheduling.add_session")
    form = SessionForm(request.POST or None, rooms=_rooms(request.user, "scheduling.add_session"))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_create(actor=request.user, **form.service_data())
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Session scheduled."))
            return redirect("scheduling:session_manage")
    return render(request, "scheduling/session_form.html", {"form": form, "session": None})


@login_required
def session_edit(request, pk: int):
    session = get_object_or_404(
        selectors.session_list_for_user(user=request.user, perm="scheduling.change_session"),
        pk=pk,
    )
    form = SessionForm(
        request.POST or None,
        instance=Session.objects.get(pk=session.pk),
        rooms=_rooms(request.user, "scheduling.change_session"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.service_data())
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Session saved."))
            return redirect("scheduling:session_manage")
    return render(request, "scheduling/session_form.html", {"form": form, "session": session})
