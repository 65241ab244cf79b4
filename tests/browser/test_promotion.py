"""Promotion in Chromium, as new users would: a visitor subscribes to the south's news from the
region page and confirms from the mailed link; manager.south@ (with MFA) publishes an
announcement and an event for Tainan; the visitor receives both mails, RSVPs and gets a place,
and unsubscribes from a mail's link; the partner school's contact follows its campaign. Pages
are photographed in zh-Hant and en under test-artifacts/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR = "visitor.tainan@example.org"


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _path(body: str, name: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/regions/{name}/\S+/)", body)
    assert match, body
    return match.group(1)


def _mails_to(email: str) -> list:
    return [m for m in mail.outbox if m.to == [email]]


def _context(browser, base: str, language: str):
    context = browser.new_context(locale="zh-TW", viewport={"width": 1300, "height": 1000})
    context.add_cookies([{"name": "aicert_language", "value": language, "url": base}])
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def test_manager_publishes_visitor_subscribes_rsvps_and_gets_the_mails(
    live_server, browser, demo, artifacts
):
    from aicert.promotion.models import Announcement, Event, EventRsvp, Subscription

    base = live_server.url

    # A visitor finds the south's page and subscribes to its news.
    context, visitor = _context(browser, base, "zh-hant")
    visitor.goto(base + "/regions/south/")
    visitor.locator("a.subscribe").click()
    visitor.wait_for_url(re.compile(r"/regions/subscribe/\?region=south"))
    assert visitor.locator("select[name=region]").input_value() == "south"
    visitor.fill("input[name=email]", VISITOR)
    visitor.check("input[name=consent]")
    visitor.screenshot(path=str(artifacts / "promotion-subscribe-zh.png"), full_page=True)
    visitor.locator("form.subscribe button[type=submit]").click()
    assert visitor.locator("[data-subscription=pending]").is_visible()
    assert Subscription.objects.get(email=VISITOR).status == "pending"
    [confirmation] = _mails_to(VISITOR)
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    visitor.goto(base + _path(confirmation.body, "subscriptions/confirm"))
    assert Subscription.objects.get(email=VISITOR).status == "pending"  # a GET confirms nothing
    visitor.get_by_role("button", name="確認訂閱").click()
    assert visitor.locator("[data-subscription=confirmed]").is_visible()
    assert Subscription.objects.get(email=VISITOR).status == "confirmed"

    # The southern manager signs in (second factor) and publishes from the dashboard.
    manager_context, manager = sign_in(browser, base, "manager.south@aicert.example")
    manager.locator("a[href='/regions/announcements/new/']").first.click()
    region_options = manager.locator("select[name=region] option").all_inner_texts()
    assert region_options == ["南區"]  # their own region only
    manager.fill("input[name=title_zh]", "臺南場次開放報名")
    manager.fill("input[name=title_en]", "Tainan sessions open")
    manager.fill("textarea[name=body_zh]", "**歡迎報名**：名額有限。")
    manager.fill("textarea[name=body_en]", "**Welcome**: seats are limited.")
    manager.fill("input[name=publish_at]", _local(timezone.now() - dt.timedelta(minutes=2)))
    manager.locator("main form button[type=submit]").click()
    manager.wait_for_url(re.compile(r"/regions/announcements/\d+/$"))
    assert "歡迎報名" in manager.locator("main").inner_text()
    announcement = Announcement.objects.get(title_zh="臺南場次開放報名")

    manager.goto(base + "/dashboard/")
    manager.locator("a[href='/regions/events/new/']").first.click()
    manager.select_option("select[name=county]", label="臺南市")
    manager.select_option("select[name=kind]", "campus_day")
    manager.fill("input[name=title_zh]", "臺南校園日")
    manager.fill("input[name=title_en]", "Tainan campus day")
    starts = timezone.now() + dt.timedelta(days=9)
    manager.fill("input[name=starts_at]", _local(starts))
    manager.fill("input[name=ends_at]", _local(starts + dt.timedelta(hours=3)))
    manager.fill("input[name=place]", "南臺科技大學 W 棟")
    manager.fill("input[name=capacity]", "2")
    manager.screenshot(path=str(artifacts / "promotion-event-form-zh.png"), full_page=True)
    manager.locator("main form button[type=submit]").click()
    manager.wait_for_url(re.compile(r"/regions/events/\d+/$"))
    event = Event.objects.get(title_zh="臺南校園日")
    assert event.region.code == "south" and event.county.code == "tainan-city"
    manager_context.close()

    # The visitor's mails: the announcement and the event, each with its unsubscribe link.
    news = [m for m in _mails_to(VISITOR) if m is not confirmation]
    assert len(news) == 2, [m.subject for m in news]
    assert "臺南場次開放報名" in news[0].subject and "臺南校園日" in news[1].subject
    for message in news:
        assert "/regions/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
        assert "/regions/unsubscribe/" in message.body
    assert f"/regions/announcements/{announcement.pk}/" in news[0].body

    # The visitor follows the event mail and replies: a place, confirmed by mail.
    event_path = re.search(r"https?://[^/\s]+(/regions/events/\d+/)", news[1].body).group(1)
    visitor.goto(base + event_path)
    visitor.fill("input[name=name]", "王小華")
    visitor.fill("input[name=email]", VISITOR)
    visitor.locator("form.rsvp button[type=submit]").click()
    visitor.wait_for_url(re.compile(rf"{event_path}$"))
    assert EventRsvp.objects.get(event=event, email=VISITOR).status == "confirmed"
    assert visitor.locator("[data-places-left]").inner_text().startswith("1")
    assert any("臺南校園日" in m.subject for m in _mails_to(VISITOR)[3:])
    visitor.goto(base + "/regions/south/")
    assert "臺南場次開放報名" in visitor.locator("section.announcements").inner_text()
    visitor.screenshot(path=str(artifacts / "promotion-region-zh.png"), full_page=True)

    # One click from a mail: a page with a button; the press unsubscribes.
    visitor.goto(base + _path(news[0].body, "unsubscribe"))
    assert Subscription.objects.get(email=VISITOR).status == "confirmed"
    visitor.get_by_role("button", name="取消訂閱").click()
    assert visitor.locator("[data-subscription=unsubscribed]").is_visible()
    assert Subscription.objects.get(email=VISITOR).status == "unsubscribed"
    context.close()

    # The same pages in English.
    context, english = _context(browser, base, "en")
    english.goto(base + "/regions/south/")
    assert "Tainan sessions open" in english.locator("section.announcements").inner_text()
    english.screenshot(path=str(artifacts / "promotion-region-en.png"), full_page=True)
    english.goto(base + "/regions/subscribe/?region=south")
    assert "Subscribe to news by e-mail" in english.locator("main h1").inner_text()
    english.screenshot(path=str(artifacts / "promotion-subscribe-en.png"), full_page=True)
    context.close()


def test_partner_school_follows_its_campaign_in_both_languages(
    live_server, browser, demo, artifacts
):
    from aicert.catalog.models import Level
    from aicert.centers.models import Room
    from aicert.demo.promotion_seed import CAMPAIGN_NAME, PARTNER_CONTACT
    from aicert.promotion.models import PartnerCampaign
    from tests.factories import FormFactory, SessionFactory
    from tests.promotion.builders import sitting

    base = live_server.url
    campaign = PartnerCampaign.objects.get(name_zh=CAMPAIGN_NAME)
    students = campaign.group_bookings.get(code="stust-2026")
    staff = campaign.group_bookings.get(code="stust-staff-2026")
    # A past sitting at the southern center: 30 students (24 passed), 12 staff (7 passed).
    subject = Level.objects.get(code="associate").subjects.order_by("position").first()
    room = Room.objects.filter(venue__center__organisation__slug="center-south").first()
    past = SessionFactory(
        subject=subject, room=room, starts_at=timezone.now() - dt.timedelta(days=30)
    )
    form = FormFactory(subject=subject)
    for n in range(30):
        sitting(past, students, passed=n < 24, form=form)
    for n in range(12):
        sitting(past, staff, passed=n < 7, form=form)
    for language, suffix in (("zh-TW", "zh"), ("en-US", "en")):
        context, page = sign_in(browser, base, PARTNER_CONTACT, second_factor=None, locale=language)
        page.context.add_cookies(
            [
                {
                    "name": "aicert_language",
                    "value": "en" if suffix == "en" else "zh-hant",
                    "url": base,
                }
            ]
        )
        page.goto(base + "/regions/partners/")
        page.locator(f"tr[data-campaign='{campaign.pk}'] a").click()
        page.wait_for_url(re.compile(rf"/regions/partners/{campaign.pk}/$"))
        text = page.locator("main").inner_text()
        assert "stust-2026" in text
        assert page.locator("[data-suppressed]").is_visible()  # not the foundation: small cells
        # 30 and 12 registrations show; 7 passes hide, and so does the 24 beside them.
        assert page.locator("tr[data-code='stust-2026'] td").all_inner_texts()[1:] == [
            "30", "30", "x", "—",
        ]  # fmt: skip
        assert ("合作推廣專案" if suffix == "zh" else "Partner campaigns") in text
        page.screenshot(path=str(artifacts / f"promotion-campaign-{suffix}.png"), full_page=True)
        context.close()
