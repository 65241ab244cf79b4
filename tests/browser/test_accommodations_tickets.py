"""Accommodations and admission tickets in Chromium: a candidate asks for extra time with a
medical certificate; the foundation approves it; the center manager seats the session (the
candidate gets an accessible seat), sees the needs without any diagnosis and prints all tickets;
the candidate downloads their ticket, with their Chinese name and the ROC date in it."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.utils import timezone

from aicert.demo.seed import DEMO_PASSWORD
from tests.browser.totp import fresh_demo_totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _sign_in(browser, base: str, email: str, staff: bool):
    context = browser.new_context(locale="zh-TW", viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(40000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    if staff:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.fill("input[name=code]", fresh_demo_totp_code(email))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    return context, page


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_accommodation_approved_and_tickets_printed(
    live_server, browser, demo, artifacts, tmp_path
):
    from aicert.registration.models import AccommodationRequest, Registration

    base = live_server.url
    registration = Registration.objects.get(candidate__email="candidate@aicert.example")
    # The exam is confirmed (paid) and its tickets were released yesterday.
    registration.status, registration.amount_paid = "confirmed", registration.fee_amount
    registration.save(update_fields=["status", "amount_paid"])
    session = registration.session
    session.ticket_release_on = timezone.localdate() - dt.timedelta(days=1)
    session.save(update_fields=["ticket_release_on"])
    certificate = tmp_path / "診斷證明.pdf"
    certificate.write_bytes(b"%PDF-1.4\n% demo certificate\n%%EOF\n")

    # 1. The candidate asks for +25 % time and an accessible seat, with the certificate.
    context, candidate = _sign_in(browser, base, "candidate@aicert.example", staff=False)
    candidate.goto(base + "/registration/")
    candidate.locator("a[href$='/registration/accommodations/']").first.click()
    assert candidate.locator("#health-consent-notice").is_visible()
    candidate.select_option("select[name=extra_time_percent]", "25")
    candidate.check("input[name=accessible_seat]")
    candidate.fill("textarea[name=details]", "右手骨折，書寫緩慢")
    candidate.set_input_files("input[name=documents]", str(certificate))
    candidate.locator("main form.form button[type=submit]").click()
    assert candidate.locator(".errorlist").count() >= 1  # consent not ticked: refused, kept
    assert candidate.locator("textarea[name=details]").input_value() == "右手骨折，書寫緩慢"
    candidate.set_input_files("input[name=documents]", str(certificate))
    candidate.check("input[name=health_consent]")
    candidate.locator("main form.form button[type=submit]").click()
    candidate.wait_for_url(re.compile(r"/registration/accommodations/$"))
    request = AccommodationRequest.objects.get(candidate__email="candidate@aicert.example")
    assert request.status == "pending" and request.documents.count() == 1
    assert candidate.locator(f"#accommodation-{request.pk}").is_visible()
    candidate.screenshot(path=str(artifacts / "accommodation-candidate.png"), full_page=True)

    # 2. The foundation admin approves it from the dashboard queue.
    admin_context, admin = _sign_in(browser, base, "admin@aicert.example", staff=True)
    admin.locator("a[href$='/registration/accommodations/review/']").first.click()
    admin.locator(f"a[href$='/accommodations/review/{request.pk}/']").click()
    assert "右手骨折" in admin.locator("main").inner_text()
    admin.check("input[name=decision][value=approve]")
    admin.screenshot(path=str(artifacts / "accommodation-review.png"), full_page=True)
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/accommodations/review/$"))
    request.refresh_from_db()
    assert request.status == "approved"

    # 3. The southern manager seats the session and prints every ticket.
    manager_context, manager = _sign_in(browser, base, "manager.south@aicert.example", staff=True)
    manager.goto(base + "/sessions/manage/")
    manager.locator(f"a[href$='/registration/sessions/{session.pk}/seats/']").click()
    manager.locator(f"form[action$='/sessions/{session.pk}/seats/assign/'] button").click()
    manager.wait_for_url(re.compile(rf"/sessions/{session.pk}/seats/$"))
    registration.refresh_from_db()
    accessible = set(session.room.seat_layout.get("accessible", []))
    assert registration.seat_label
    if accessible:
        assert registration.seat_label in accessible
    needs = manager.locator("#needs").inner_text()
    assert "許雅筑" in needs and "25%" in needs
    assert "骨折" not in manager.locator("main").inner_text()
    manager.screenshot(path=str(artifacts / "seats-manager.png"), full_page=True)
    printed = manager.request.get(base + f"/registration/sessions/{session.pk}/tickets.pdf")
    assert printed.ok and printed.headers["content-type"] == "application/pdf"
    assert "許雅筑" in _text(printed.body(), tmp_path)

    # 4. The candidate downloads their own ticket from "My registrations".
    candidate.goto(base + "/registration/")
    link = candidate.locator(f"a[href$='/registration/{registration.pk}/ticket.pdf']")
    ticket = candidate.request.get(base + link.get_attribute("href"))
    assert ticket.ok
    text = _text(ticket.body(), tmp_path)
    start = timezone.localtime(session.starts_at)
    assert "許雅筑" in text and "HSU, YA-CHU" in text
    assert f"民國{start.year - 1911}年{start.month}月{start.day}日" in text
    assert registration.seat_label in text and "A12****789" in text
    for ctx in (context, admin_context, manager_context):
        ctx.close()
