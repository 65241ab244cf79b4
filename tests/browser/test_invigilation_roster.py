"""A center manager runs the optimiser for a demo day, adjusts it, publishes; the invigilator
confirms the duty — in Chromium."""

import re

import pytest

from tests.browser.signin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _sign_in(browser, base: str, email: str):
    return sign_in(browser, base, email, locale="en-US", timeout=20000)


def test_manager_runs_optimiser_adjusts_publishes_invigilator_confirms(
    live_server, browser, demo, demo_user, artifacts
):
    from django.utils import timezone

    from aicert.registration.models import Registration
    from aicert.scheduling.invigilation_selectors import TAIPEI
    from aicert.scheduling.models import AssignmentStatus, InvigilatorAssignment

    base = live_server.url
    session = Registration.objects.get(candidate__email="candidate@aicert.example").session
    day = timezone.localtime(session.starts_at, TAIPEI).date().isoformat()
    invigilator = demo_user("invigilator.south@aicert.example")

    context, manager = _sign_in(browser, base, "manager.south@aicert.example")
    manager.locator("a[href$='/sessions/invigilation/']").first.click()
    manager.locator(f"tr[data-day='{day}']").wait_for()
    manager.screenshot(path=str(artifacts / "invigilation-days.png"), full_page=True)
    manager.locator(f"tr[data-day='{day}'] a").click()
    manager.wait_for_url(re.compile(rf"/sessions/invigilation/\d+/{day}/"))

    # Run the optimiser (htmx swaps the roster in place).
    manager.click("button[data-action=propose]")
    manager.locator("#roster [data-state=proposed]").wait_for()
    assert manager.locator("#roster li[data-chief]").count() == 3
    manager.screenshot(path=str(artifacts / "invigilation-proposal.png"), full_page=True)

    # A change that breaks a rule is refused in words: the demo invigilator declared the
    # candidate's school, so adding them to the candidate's room is a conflict of interest.
    row = manager.locator(f"tr[data-session='{session.pk}']")
    assigned = InvigilatorAssignment.objects.filter(session=session, invigilator__user=invigilator)
    assert not assigned.exists()
    profile_pk = invigilator.invigilator_profiles.get().pk
    row.locator("select[name=invigilator]").last.select_option(str(profile_pk))
    row.locator("button[data-action=add]").click()
    alert = manager.locator("#roster [data-errors]")
    alert.wait_for()
    assert "利益衝突" in alert.inner_text()  # the demo manager reads Traditional Chinese
    assert "南臺科技大學" in alert.inner_text()
    manager.screenshot(path=str(artifacts / "invigilation-refused.png"), full_page=True)

    # A valid change: in the last session of the day, swap the assistant for someone else free.
    last = manager.locator("tr[data-session]").last
    assistant = last.locator("li[data-assignment]:not([data-chief])").first
    before = assistant.get_attribute("data-invigilator")
    options = assistant.locator("select[name=invigilator] option").all()
    team = {
        li.get_attribute("data-invigilator") for li in last.locator("li[data-assignment]").all()
    }
    choice = next(o.get_attribute("value") for o in options if o.get_attribute("value") not in team)
    assistant.locator("select[name=invigilator]").select_option(choice)
    with manager.expect_response(lambda r: r.request.method == "POST"):
        assistant.locator("button[data-action=swap]").click()
    manager.locator("#roster .message.success, #roster [data-errors]").first.wait_for()
    assert manager.locator("#roster [data-errors]").count() == 0, manager.locator(
        "#roster [data-errors]"
    ).inner_text()
    assert before not in {
        li.get_attribute("data-invigilator")
        for li in manager.locator("tr[data-session]").last.locator("li[data-assignment]").all()
    }

    # Publish.
    manager.click("button[data-action=publish]")
    manager.locator("#roster [data-state=published]").wait_for()
    assert "監試名單已公告" in manager.locator("#roster").inner_text()
    manager.screenshot(path=str(artifacts / "invigilation-published.png"), full_page=True)
    context.close()

    # The invigilator sees the duty on the dashboard and confirms it.
    context, inv_page = _sign_in(browser, base, "invigilator.south@aicert.example")
    assert "待您回覆的勤務" in inv_page.locator("main").inner_text()
    inv_page.goto(base + "/sessions/duties/")
    duty = InvigilatorAssignment.objects.filter(invigilator__user=invigilator).first()
    inv_page.locator(f"tr[data-duty='{duty.pk}'] button[data-action=confirm]").click()
    inv_page.locator(f"tr[data-duty='{duty.pk}'] [data-status=confirmed]").wait_for()
    inv_page.screenshot(path=str(artifacts / "invigilation-duties.png"), full_page=True)
    duty.refresh_from_db()
    assert duty.status == AssignmentStatus.CONFIRMED
    # Their availability calendar: the demo day is ticked (seeded), and it can be changed.
    inv_page.click("a[href$='/sessions/availability/']")
    assert inv_page.locator(f"tr[data-date='{day}'] input[name='{day}-am']").is_checked()
    inv_page.screenshot(path=str(artifacts / "invigilation-availability.png"), full_page=True)
    context.close()
