"""Promotion pages: the public regional pages, feeds and event RSVPs; writing for managers.

The public pages only read (# read-only: a replica may answer them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from aicert.accounts.permissions import require_permission
from aicert.centers.models import County, Region
from aicert.promotion import (
    campaign_selectors,
    feeds,
    selectors,
    services,
    subscription_services,
)
from aicert.promotion.forms import (
    AnnouncementForm,
    EventForm,
    PartnerCampaignForm,
    RsvpForm,
    SubscribeForm,
    SubscriptionKindsForm,
)
from aicert.promotion.models import Announcement, Event, Subscription, SubscriptionStatus
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


def _language() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh-hant"


# Subscription requests per network address and hour: the form mails whoever is typed in, so
# one address may not use it to flood inboxes (each inbox also gets at most one link per ten
# minutes, in the service).
SUBSCRIBE_REQUESTS_PER_HOUR = 20


def _subscribe_allowed(request) -> bool:
    key = f"promotion:subscribe:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= SUBSCRIBE_REQUESTS_PER_HOUR
    except ValueError:  # expired between add and incr
        return True


def subscribe(request):
    """Anyone subscribes to a region's (or every region's) news by e-mail (double opt-in)."""
    if request.method == "POST" and not _subscribe_allowed(request):
        form = SubscribeForm(request.POST)
        form.add_error(None, _("Too many requests from your network: please try again later."))
        return render(request, "promotion/subscribe.html", {"form": form}, status=429)
    initial: dict[str, object] = {"region": request.GET.get("region", "")}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subscription = subscription_services.subscription_request(
                email=data["email"],
                kinds=data["kinds"],
                region=data["region"],
                level=data["level"],
                language=_language(),
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            confirmed = subscription.status == SubscriptionStatus.CONFIRMED
            # The same words whether or not the address was known: the page tells nobody who
            # is subscribed.
            return render(
                request,
                "promotion/subscription_sent.html",
                {"confirmed": confirmed, "email": data["email"]},
            )
    return render(request, "promotion/subscribe.html", {"form": form})


@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token: str):
    """The double opt-in link: GET shows a button (mail scanners only GET), POST confirms."""
    try:
        subscription_services.confirm_token_read(token)
    except ValidationError as error:
        return render(
            request, "promotion/subscription_link.html", {"error": error.messages[0]}, status=400
        )
    if request.method == "POST":
        try:
            subscription = subscription_services.subscription_confirm(token=token)
        except ValidationError as error:
            return render(
                request,
                "promotion/subscription_link.html",
                {"error": error.messages[0]},
                status=400,
            )
        return render(request, "promotion/subscription_link.html", {"confirmed": subscription})
    return render(request, "promotion/subscription_link.html", {"confirm": True})


@csrf_exempt  # RFC 8058: mail programs POST without a form; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """One-click unsubscribe: GET shows a button (scanners must not unsubscribe anybody); POST
    unsubscribes, from the button or from a mail program's own unsubscribe command."""
    try:
        subscription = subscription_services.subscription_from_unsubscribe_token(token)
    except ValidationError as error:
        return render(
            request, "promotion/subscription_link.html", {"error": error.messages[0]}, status=400
        )
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        subscription_services.subscription_unsubscribe(
            subscription_id=subscription.pk,
            via="one_click" if one_click else "link",
            actor=request.user if request.user.is_authenticated else None,
        )
        if one_click:
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(request, "promotion/subscription_link.html", {"unsubscribed": subscription})
    return render(
        request,
        "promotion/subscription_link.html",
        {
            "unsubscribe": subscription,
            "already": subscription.status == SubscriptionStatus.UNSUBSCRIBED,
        },
    )


@login_required
def subscriptions(request):
    """A signed-in person's subscriptions: what each brings, change or end them."""
    if request.method == "POST":
        try:
            pk = int(request.POST.get("subscription", ""))
        except ValueError:
            return HttpResponse(status=400)
        try:
            if request.POST.get("action") == "unsubscribe":
                subscription_services.subscription_unsubscribe(
                    subscription_id=pk, via="account", actor=request.user
                )
                messages.success(request, _("Unsubscribed."))
            else:
                kinds = SubscriptionKindsForm(request.POST)
                if not kinds.is_valid():
                    messages.error(request, _("Choose at least one kind of news."))
                    return redirect("promotion:subscriptions")
                subscription_services.subscription_change(
                    actor=request.user, subscription_id=pk, kinds=kinds.cleaned_data["kinds"]
                )
                messages.success(request, _("Subscription saved."))
        except (PermissionDenied, Subscription.DoesNotExist) as missing:
            raise Http404 from missing
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("promotion:subscriptions")
    rows = selectors.subscriptions_of(user=request.user)
    for row in rows:
        row.form = SubscriptionKindsForm(
            initial={"kinds": [k for k in subscription_services.KINDS if getattr(row, k)]},
            auto_id=f"id_s{row.pk}_%s",
        )
    return render(request, "promotion/subscriptions.html", {"subscriptions": rows})


@login_required
def campaign_list(request):
    """The partner campaigns this person follows (# read-only)."""
    campaigns = list(
        campaign_selectors.campaigns_visible(user=request.user).order_by("-starts_on", "pk")
    )
    may_add = selectors.regions_writable(user=request.user, perm="promotion.add_partnercampaign")
    return render(
        request,
        "promotion/campaign_list.html",
        {"campaigns": campaigns, "may_add": may_add[0] or bool(may_add[1])},
    )


# Bars of the campaign chart: one group per group code, a bar per count (hidden counts: no bar).
_BAR_COLOURS = {"registrations": "#2b6cb0", "attended": "#38a169", "passed": "#d69e2e"}
_BAR_HEIGHT, _GROUP_GAP, _BAR_MAX = 14, 12, 320


def _campaign_bars(rows) -> tuple[list[dict[str, object]], int]:
    values = [
        int(getattr(row, metric))
        for row in rows
        for metric in campaign_selectors.METRICS
        if getattr(row, metric).isdigit()
    ]
    top = max(values, default=0) or 1
    bars, y = [], 0
    for row in rows:
        group = {"label": row.label, "y": y, "bars": []}
        for i, metric in enumerate(campaign_selectors.METRICS):
            text = getattr(row, metric)
            width = _BAR_MAX * int(text) // top if text.isdigit() else 0
            group["bars"].append(
                {
                    "y": i * _BAR_HEIGHT,
                    "width": width,
                    "text": text,
                    "text_x": 150 + width + 6,
                    "colour": _BAR_COLOURS[metric],
                }
            )
        bars.append(group)
        y += 3 * _BAR_HEIGHT + _GROUP_GAP
    return bars, y + 4


@login_required
def campaign_detail(request, pk: int):
    """One campaign's registrations, attendance and passes (# read-only); another school's
    campaign is not found."""
    campaign = get_object_or_404(campaign_selectors.campaigns_visible(user=request.user), pk=pk)
    report = campaign_selectors.campaign_report(
        campaign=campaign, user=request.user, total_label=_("All codes")
    )
    bars, height = _campaign_bars(report.by_code)
    return render(
        request,
        "promotion/campaign_detail.html",
        {
            "report": report,
            "limit": campaign_selectors.small_cell_limit(),
            "bars": bars,
            "chart_height": height,
            "colours": _BAR_COLOURS,
        },
    )


@login_required
def campaign_create(request):
    """A center manager (their region) or the foundation follows a partner's group codes."""
    require_permission(request.user, "promotion.add_partnercampaign")
    form = PartnerCampaignForm(request.POST or None)
    _limit_regions(form, request.user, "promotion.add_partnercampaign")
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.partner_campaign_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("region", _("You may not write for this region."))
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("promotion:campaign", pk=campaign.pk)
    return render(
        request, "promotion/form.html", {"form": form, "title": _("New partner campaign")}
    )
