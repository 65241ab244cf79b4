"""An invigilator runs the exam-day room in Chromium: check-in by typed ticket number, authorise,
pause and resume, extend time (the candidate's side is the exam player's own test)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from aicert.delivery import services
from aicert.delivery.models import Attempt, AttemptStatus, CheckIn
from aicert.registration.models import RegistrationStatus
from aicert.registration.tickets import ticket_number
from aicert.scheduling.models import Session
from tests.browser.signin import sign_in
from tests.delivery.conftest import dworld, make_item, mixed_form  # noqa: F401 (fixtures)
from tests.delivery.test_room import make_candidate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_after_module"),
]

SECRET = "JBSWY3DPEHPK3PXP"


def _sign_in(browser, base: str, email: str):
    return sign_in(browser, base, email, password="pass-word-123", second_factor=SECRET, width=1300)


def test_invigilator_checks_in_authorises_pauses_resumes_extends(
    live_server,
    browser,
    dworld,  # noqa: F811
    mixed_form,  # noqa: F811
    artifacts,
):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    base = live_server.url
    session = dworld.session
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        registration_opens_at=timezone.now() - dt.timedelta(days=20),
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
    )
    session.refresh_from_db()
    services.session_form_attach(actor=dworld.psychometrician, session=session, form=mixed_form)
    registration = make_candidate(dworld, 1, "B3", name_zh="林怡君")
    make_candidate(dworld, 2, "A1", name_zh="張家豪")
    TOTP.activate(dworld.invigilator, SECRET)
    EmailAddress.objects.create(
        user=dworld.invigilator, email=dworld.invigilator.email, verified=True, primary=True
    )

    context, page = _sign_in(browser, base, dworld.invigilator.email)
    # The dashboard leads to the room; the room list to check-in.
    page.locator("a[href='/delivery/room/']").first.click()
    page.locator(f"a[href='/delivery/room/{session.pk}/check-in/']").click()
    # No camera in CI: the typed-code field is always there.
    page.fill("input[name=code]", ticket_number(registration))
    page.locator("#code-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/check-in/{registration.pk}/$"))
    profile = registration.candidate.candidate_profile
    card = page.locator("dl.candidate-card")
    assert profile.id_number_masked in card.inner_text()
    assert profile.id_number not in page.content()
    assert "林怡君1" in page.locator("h1").inner_text()
    for box in page.locator("input[type=checkbox][name^=check_]").all():
        box.check()
    page.screenshot(path=str(artifacts / "room_check_in_card.png"), full_page=True)
    page.locator("button[name=action][value=present]").click()
    page.wait_for_url(re.compile(rf"/room/{session.pk}/check-in/$"))
    assert page.locator(".seat.taken.state-checked_in", has_text="B3").count() == 1
    assert page.locator(".seat.taken.state-not_checked_in", has_text="A1").count() == 1
    page.screenshot(path=str(artifacts / "room_check_in_seat_map.png"), full_page=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN
    assert CheckIn.objects.get().late is False

    # The console: authorise every checked-in candidate.
    page.goto(f"{base}/delivery/room/{session.pk}/")
    page.locator("#authorize-all").click()
    page.locator(f"#roster-{registration.pk}.state-ready").wait_for()
    attempt = Attempt.objects.get(registration=registration)
    assert attempt.form == mixed_form

    # Time passes: the session begins and the candidate starts in the exam player.
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - dt.timedelta(seconds=5))
    services.attempt_start(actor=registration.candidate, attempt=attempt)
    # The roster refreshes itself (htmx polling): no reload needed.
    row = page.locator(f"#roster-{registration.pk}.state-in_progress")
    row.wait_for(timeout=12000)
    assert re.match(r"0:\d\d:\d\d", row.locator(".time-left").inner_text())
    page.screenshot(path=str(artifacts / "room_console_in_progress.png"), full_page=True)

    row.get_by_role("button", name=re.compile("暫停|Pause")).click()
    paused = page.locator(f"#roster-{registration.pk}.state-paused")
    paused.wait_for()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PAUSED
    page.screenshot(path=str(artifacts / "room_console_paused.png"), full_page=True)
    paused.get_by_role("button", name=re.compile("繼續|Resume")).click()
    page.locator(f"#roster-{registration.pk}.state-in_progress").wait_for()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.paused_seconds >= 0
    deadline = attempt.deadline_at

    page.locator(f"#roster-{registration.pk} a[href$='/attempts/{attempt.pk}/']").click()
    page.fill("#extend-form input[name=minutes]", "10")
    page.fill("#extend-form input[name=reason]", "電腦當機重新開機")
    page.locator("#extend-form button[type=submit]").click()
    page.locator(".messages .success").wait_for()
    attempt.refresh_from_db()
    assert attempt.extended_seconds == 600
    assert attempt.deadline_at == deadline + dt.timedelta(minutes=10)
    assert page.locator("table tbody tr", has_text="電腦當機重新開機").count() == 1
    page.screenshot(path=str(artifacts / "room_attempt_extended.png"), full_page=True)
    context.close()


# Linux Chromium has no BarcodeDetector (it ships on Android, ChromeOS and macOS): stand in a
# detector that "reads" the ticket's token from a camera stream, to drive the page's scanning
# code end to end (camera permission, video, detection loop, form submission).
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code"]; }
  constructor(options) { this.formats = options.formats; }
  async detect(source) {
    window.__detectCalls = (window.__detectCalls || 0) + 1;
    return window.__detectCalls < 3 ? [] : [{ rawValue: window.__ticketToken, format: "qr_code" }];
  }
};
navigator.mediaDevices.getUserMedia = async function () {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  return canvas.captureStream(5);
};
"""


def test_check_in_by_scanning_the_ticket_qr_code(
    live_server,
    browser,
    dworld,  # noqa: F811
    artifacts,
):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from aicert.registration.tickets import admission_token

    base = live_server.url
    session = dworld.session
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() + dt.timedelta(minutes=20),
        registration_opens_at=timezone.now() - dt.timedelta(days=20),
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
    )
    registration = make_candidate(dworld, 1, "C2", name_zh="黃志明")
    TOTP.activate(dworld.invigilator, SECRET)
    EmailAddress.objects.create(
        user=dworld.invigilator, email=dworld.invigilator.email, verified=True, primary=True
    )
    context, page = _sign_in(browser, base, dworld.invigilator.email)
    token = admission_token(registration)
    page.add_init_script(FAKE_CAMERA + f"window.__ticketToken = {token!r};")
    page.goto(f"{base}/delivery/room/{session.pk}/check-in/")
    scan = page.locator("#scan-start")
    scan.wait_for()  # shown only where the browser can read QR codes
    scan.click()
    page.wait_for_url(re.compile(rf"/check-in/{registration.pk}/$"))
    assert "黃志明1" in page.locator("h1").inner_text()
    for box in page.locator("input[type=checkbox][name^=check_]").all():
        box.check()
    page.locator("button[name=action][value=present]").click()
    page.wait_for_url(re.compile(rf"/room/{session.pk}/check-in/$"))
    assert page.locator(".seat.taken.state-checked_in", has_text="C2").count() == 1
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN
    context.close()
