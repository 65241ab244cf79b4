"""Registration in Chromium: the southern center's manager schedules a two-seat session; three
candidates register from the calendar; the third lands on the waiting list; when the first
cancels, the third is offered the freed seat by e-mail and accepts it."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from aicert.demo.seed import DEMO_PASSWORD
from tests.browser.totp import fresh_demo_totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _context(browser):
    context = browser.new_context(locale="zh-TW", viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def _sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def _candidate(n: int):
    """A candidate with a verified e-mail, a complete profile and consent (as after sign-up)."""
    from allauth.account.models import EmailAddress

    from aicert.registration.services import candidate_profile_save, consent_give
    from tests.factories import UserFactory
    from tests.scheduling.fixtures import national_id

    user = UserFactory(
        email=f"rush{n}@example.org", display_name=f"考生{n}", preferred_language="zh-hant"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    candidate_profile_save(
        user=user,
        legal_name_zh=f"王小{'一二三'[n - 1]}",
        legal_name_en=f"Candidate {n}",
        id_number=national_id(7000 + n),
        birth_date=dt.date(1999, 5, n),
        phone="0912-345-678",
    )
    consent_give(user=user)
    return user


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_manager_schedules_candidates_register_one_waits_and_is_promoted(
    live_server, browser, demo, artifacts
):
    from aicert.catalog.models import Level
    from aicert.centers.models import Room
    from aicert.registration.models import Registration
    from aicert.scheduling.models import Session

    base = live_server.url
    subject = Level.objects.get(code="associate").subjects.order_by("position").first()
    room = Room.objects.filter(venue__center__organisation__slug="center-south").first()
    day = timezone.localdate() + dt.timedelta(days=45)
    starts = dt.datetime(day.year, day.month, day.day, 13, 30, tzinfo=ZoneInfo("Asia/Taipei"))

    # The manager schedules the session through the form.
    context, manager = _context(browser)
    _sign_in(manager, base, "manager.south@aicert.example", DEMO_PASSWORD)
    manager.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    manager.fill("input[name=code]", fresh_demo_totp_code("manager.south@aicert.example"))
    manager.locator("main form button[type=submit]").first.click()
    manager.wait_for_url(re.compile(r"/dashboard/"))
    manager.goto(base + "/sessions/manage/new/")
    manager.select_option("select[name=subject]", str(subject.pk))
    manager.select_option("select[name=room]", str(room.pk))
    manager.fill("input[name=starts_at]", _local(starts))
    manager.fill("input[name=capacity]", "2")
    manager.fill("input[name=fee]", "1500")
    manager.fill(
        "input[name=registration_opens_at]", _local(timezone.now() - dt.timedelta(hours=1))
    )
    manager.fill("input[name=registration_closes_at]", _local(starts - dt.timedelta(days=10)))
    manager.fill("input[name=ticket_release_on]", (day - dt.timedelta(days=7)).isoformat())
    manager.select_option("select[name=status]", "published")
    manager.locator("main form.form button[type=submit]").click()
    manager.wait_for_url(re.compile(r"/sessions/manage/$"))
    session = Session.objects.get(room=room, starts_at=starts)
    assert (session.capacity, session.fee, session.status) == (2, 1500, "published")
    context.close()

    # Three candidates register from the session's page; the third finds it full.
    candidates = [_candidate(n) for n in (1, 2, 3)]
    pages = {}
    for n, user in enumerate(candidates, start=1):
        context, page = _context(browser)
        _sign_in(page, base, user.email, "pass-word-123")
        page.wait_for_url(re.compile(r"/dashboard/"))
        page.goto(base + f"/sessions/{session.pk}/")
        page.locator(f"a[href='/registration/sessions/{session.pk}/register/']").first.click()
        heading = page.locator("main h1").inner_text()
        assert heading == ("登記候補" if n == 3 else "報名"), heading
        if n == 3:
            page.screenshot(path=str(artifacts / "registration-waitlist-join.png"), full_page=True)
        page.locator("main form.form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/registration/$"))
        pages[n] = page
    statuses = {r.candidate.email: r.status for r in Registration.objects.filter(session=session)}
    assert statuses == {
        "rush1@example.org": "pending_payment",
        "rush2@example.org": "pending_payment",
        "rush3@example.org": "waitlisted",
    }
    assert "候補" in pages[3].locator("main").inner_text()

    # The first cancels from "my registrations"; the seat goes to the waiting list at once.
    first = pages[1]
    first.locator("a[href$='/cancel/']").first.click()
    first.locator("main form.form button[type=submit]").click()
    first.wait_for_url(re.compile(r"/registration/$"))
    waiting = Registration.objects.get(session=session, candidate=candidates[2])
    assert waiting.status == "offered" and waiting.offer_expires_at > timezone.now()
    assert any(m.to == ["rush3@example.org"] for m in mail.outbox)

    # The third sees the offer and accepts it: their seat now awaits payment.
    third = pages[3]
    third.reload()
    third.get_by_role("button", name="確認遞補").click()
    third.wait_for_url(re.compile(r"/registration/$"))
    waiting.refresh_from_db()
    assert waiting.status == "pending_payment"
    assert Registration.objects.filter(session=session, status__in=["pending_payment"]).count() == 2
    third.screenshot(path=str(artifacts / "registration-promoted.png"), full_page=True)
