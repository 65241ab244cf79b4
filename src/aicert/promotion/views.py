"""Promotion pages: the public regional pages, feeds and event RSVPs; writing for managers.

The public pages only read (# read-only: a replica may answer them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aicert.accounts.permissions import require_permission
from aicert.centers.models import County, Region
from aicert.promotion import feeds, selectors, services
from aicert.promotion.forms import AnnouncementForm, EventForm, RsvpForm
from aicert.promotion.models import Announcement, Event
from aicert.promotion.rendering import markdown_safe
from aicert.shared.clock import aware_now
from aicert.shared.forms import apply_form_errors


def _page(request, region_code: str, county_code: str = ""):
    try:
        page = selectors.regional_page(region_code=region_code, county_code=county_code)
    except (Region.DoesNotExist, County.DoesNotExist) as missing:
        raise Http404 from missing
    now = aware_now()
    for session in page.sessions:
        session.is_open = session.registration_open(now)
    for announcement in page.announcements:
        announcement.html = markdown_safe(announcement.body)
    return render(request, "promotion/region.html", {"page": page})


def region_page(request, code: str):
    """A region's public page (# read-only)."""
    return _page(request, code)


def county_page(request, code: str, county: str):
    """A county's public page (# read-only)."""
    return _page(request, code, county)


def announcement_detail(request, pk: int):
    """One live announcement (# read-only)."""
    announcement = get_object_or_404(Announcement.objects.select_related("region"), pk=pk)
    now = aware_now()
    if announcement.publish_at > now or (
        announcement.expires_at is not None and announcement.expires_at <= now
    ):
        raise Http404
    return render(
        request,
        "promotion/announcement.html",
        {"announcement": announcement, "html": markdown_safe(announcement.body)},
    )


def event_detail(request, pk: int):
    """An event and its RSVP form; a reply takes a place or joins the waiting list."""
    try:
        event = selectors.event_get_public(pk=pk)
    except Event.DoesNotExist as missing:
        raise Http404 from missing
    initial = {}
    if request.user.is_authenticated:
        initial = {"email": request.user.email}
    form = RsvpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rsvp = services.event_rsvp(
                event_id=event.pk,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            if rsvp.status == "confirmed":
                messages.success(request, _("Your place is confirmed; we sent you an e-mail."))
            else:
                messages.info(request, _("The event is full: you are on the waiting list."))
            return redirect("promotion:event", pk=event.pk)
    return render(
        request,
        "promotion/event.html",
        {"event": event, "form": form, "places_left": max(event.capacity - event.places_taken, 0)},
    )


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, pk: int):
    """One event as iCalendar (# read-only)."""
    event = get_object_or_404(Event, pk=pk)
    base = request.build_absolute_uri("/").rstrip("/")
    return _ics(feeds.events_calendar([event], name=event.title, base_url=base), f"event-{pk}.ics")


def region_ics(request, code: str):
    """A region's upcoming events as iCalendar (# read-only)."""
    region = get_object_or_404(Region, code=code)
    events = list(selectors.events_upcoming(region=region))
    base = request.build_absolute_uri("/").rstrip("/")
    name = _("AI certification events · %(region)s") % {"region": region.name}
    return _ics(feeds.events_calendar(events, name=name, base_url=base), f"events-{code}.ics")


def _limit_regions(form, user, perm: str) -> None:
    everywhere, ids = selectors.regions_writable(user=user, perm=perm)
    field = form.fields["region"]
    if not everywhere:
        field.queryset = Region.objects.filter(pk__in=ids)
        field.required = True
        field.empty_label = None


@login_required
def announcement_create(request):
    """A center manager (their region) or the foundation (any, or all) writes an announcement."""
    require_permission(request.user, "promotion.add_announcement")
    form = AnnouncementForm(request.POST or None)
    _limit_regions(form, request.user, "promotion.add_announcement")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            announcement = services.announcement_create(actor=request.user, **data)
        except PermissionDenied:
            form.add_error("region", _("You may not write for this region."))
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Announcement saved."))
            return redirect("promotion:announcement", pk=announcement.pk)
    return render(request, "promotion/form.html", {"form": form, "title": _("New announcement")})


@login_required
def event_create(request):
    """A center manager (their region) or the foundation puts an event on a region's page."""
    require_permission(request.user, "promotion.add_event")
    form = EventForm(request.POST or None)
    _limit_regions(form, request.user, "promotion.add_event")
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("region", _("You may not write for this region."))
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Event saved."))
            return redirect("promotion:event", pk=event.pk)
    return render(request, "promotion/form.html", {"form": form, "title": _("New event")})
