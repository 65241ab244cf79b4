"""A candidate finds a released result, reads the score report and opens its PDF."""

from __future__ import annotations

import pytest
from django.conf import settings

from aicert.results import services
from tests.browser.exam_helpers import candidate_context
from tests.results.conftest import now_after, rworld, sit  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_candidate_reads_score_report(live_server, browser, rworld, artifacts):  # noqa: F811
    attempt = sit(rworld, candidate=rworld.candidate, session=rworld.session_a, earned=[1, 0, 1, 1])
    services.result_refresh(attempt=attempt, reason="submit")
    services.result_release_schedule(
        actor=rworld.admin,
        session=rworld.session_a,
        release_at=now_after(rworld.session_a),
        now=now_after(rworld.session_a),
    )
    rworld.candidate.preferred_language = "en"
    rworld.candidate.save(update_fields=["preferred_language"])
    context, page = candidate_context(browser, live_server.url, rworld.candidate)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/results/")
    page.get_by_role("link", name="Score report").click()
    assert page.locator("#scaled-score").inner_text() == "75.00"
    chart = page.get_by_role("img", name="Domain profile")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    assert page.locator("#domain-table tbody tr").count() == 4
    assert "Machine learning basics" in page.locator("#study-next").inner_text()
    page.screenshot(path=str(artifacts / "score-report.png"), full_page=True)
    href = page.get_by_role("link", name="Download as PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    context.close()


def test_foundation_releases_a_session(live_server, browser, rworld, artifacts):  # noqa: F811
    from tests.factories import UserFactory, enrol_totp

    for i, person in enumerate([rworld.candidate, rworld.other_candidate, UserFactory()]):
        sit(
            rworld,
            candidate=person,
            session=rworld.session_a,
            earned=[1, 1, int(i > 0), int(i > 1)],
        )
    sit(
        rworld,
        candidate=UserFactory(),
        session=rworld.session_a,
        earned=[1, 1, 1, 1],
        needs_marking=True,
    )
    services.results_compute_pending()
    enrol_totp(rworld.admin)
    rworld.admin.preferred_language = "en"
    rworld.admin.save(update_fields=["preferred_language"])
    context, page = candidate_context(browser, live_server.url, rworld.admin)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/results/release/")
    row = page.locator(f"#session-{rworld.session_a.pk}")
    assert row.locator("td.num").all_inner_texts() == ["4", "3", "1", "3"]
    row.get_by_role("button", name="Release").click()
    assert "awaiting markers" in page.locator(".messages").inner_text()
    row = page.locator(f"#session-{rworld.session_a.pk}")
    row.get_by_label("Release even though marking is pending").check()
    row.get_by_label("Reason (required when forcing)").fill("Marker unavailable; appeal open")
    row.get_by_role("button", name="Release").click()
    assert "Results released." in page.locator(".messages").inner_text()
    page.screenshot(path=str(artifacts / "results-release.png"), full_page=True)
    page.goto(f"{live_server.url}/results/sessions/{rworld.session_a.pk}/")
    assert page.get_by_role("img", name="Distribution of scaled scores").is_visible()
    page.screenshot(path=str(artifacts / "results-session.png"), full_page=True)
    context.close()
