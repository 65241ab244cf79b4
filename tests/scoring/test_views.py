"""Scoring pages: who may open what (role and object), blindness, and the flows through the UI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.roles import Role
from aicert.scoring import selectors, services
from aicert.scoring.models import Appeal, ItemChallenge, MarkingKind, MarkingTask, ScoringOverride
from tests.factories import UserFactory, enrol_totp, grant
from tests.scoring.conftest import ANSWER_TEXT

STAFF_PAGES = [
    ("scoring:marker_queue", ()),
    ("scoring:adjudication_queue", ()),
    ("scoring:agreement_statistics", ()),
    ("scoring:challenge_list", ()),
    ("scoring:appeal_list", ()),
]


@pytest.fixture
def login(client):
    def as_(user):
        if user.requires_mfa:
            enrol_totp(user)
        client.force_login(user)
        return client

    return as_


@pytest.fixture
def marked_task(sworld, sit):
    attempt = sit()
    services.marking_assign_for_attempt(attempt=attempt)
    return attempt, MarkingTask.objects.filter(response__attempt=attempt).order_by("kind")


def test_anonymous_is_sent_to_sign_in(client, sworld):
    for name, args in [*STAFF_PAGES, ("scoring:my_challenges", ()), ("scoring:my_appeals", ())]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_center_managers_and_candidates_see_none_of_the_staff_pages(login, manager, dworld, sworld):
    for user in (manager, dworld.candidate, dworld.invigilator):
        client = login(user)
        for name, args in STAFF_PAGES:
            assert client.get(reverse(name, args=args)).status_code == 403, (user, name)


def test_marker_queue_and_marking_page_are_blind(login, marked_task, dworld, sworld):
    attempt, tasks = marked_task
    dworld.candidate.display_name = "王小明考生"
    dworld.candidate.save(update_fields=["display_name"])
    task = tasks.get(kind=MarkingKind.FIRST)
    client = login(task.marker)
    queue = client.get(reverse("scoring:marker_queue"))
    assert queue.status_code == 200
    assert reverse("scoring:mark", args=[task.pk]) in queue.content.decode()
    page = client.get(reverse("scoring:mark", args=[task.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert ANSWER_TEXT in html and "概念正確" in html and "例子恰當且有分析" in html
    for secret in (
        dworld.candidate.display_name,
        dworld.candidate.email,
        str(dworld.center),
        str(dworld.session.room),
        attempt.seed,
    ):
        assert secret not in html, secret


def test_marker_cannot_see_the_other_marks(login, marked_task):
    _attempt, tasks = marked_task
    first, second = tasks.get(kind="first"), tasks.get(kind="second")
    services.mark_submit(
        actor=first.marker, task=first, criterion_scores=[2, 3], comment="滿分理由XYZ"
    )
    client = login(second.marker)
    html = client.get(reverse("scoring:mark", args=[second.pk])).content.decode()
    assert "滿分理由XYZ" not in html
    # Nor open the other marker's task.
    assert client.get(reverse("scoring:mark", args=[first.pk])).status_code == 404


def test_marking_through_the_page(login, marked_task):
    _attempt, tasks = marked_task
    task = tasks.get(kind="first")
    client = login(task.marker)
    url = reverse("scoring:mark", args=[task.pk])
    bad = client.post(url, {"criterion_0": "2", "comment": "x"})
    assert bad.status_code == 400
    task.refresh_from_db()
    assert task.status == "assigned"
    done = client.post(url, {"criterion_0": "2", "criterion_1": "1", "comment": "清楚"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == "submitted" and task.total == 3 and task.criterion_scores == [2, 1]


def test_adjudication_queue_for_senior_markers_and_admins_only(login, marked_task, sworld, dworld):
    _attempt, tasks = marked_task
    first, second = tasks.get(kind="first"), tasks.get(kind="second")
    services.mark_submit(actor=first.marker, task=first, criterion_scores=[0, 0], comment="a")
    services.mark_submit(actor=second.marker, task=second, criterion_scores=[2, 3], comment="b")
    adjudication = MarkingTask.objects.get(kind=MarkingKind.ADJUDICATION)
    plain = UserFactory(email="plain@example.org")
    grant(plain, dworld.foundation, Role.MARKER)
    assert login(plain).get(reverse("scoring:adjudication_queue")).status_code == 403
    client = login(dworld.admin)
    assert (
        str(adjudication.pk) in client.get(reverse("scoring:adjudication_queue")).content.decode()
    )
    response = client.post(
        reverse("scoring:mark", args=[adjudication.pk]),
        {"criterion_0": "1", "criterion_1": "2", "comment": "裁定"},
    )
    assert response.status_code == 302
    adjudication.refresh_from_db()
    assert adjudication.marker == dworld.admin and adjudication.total == 3


def test_statistics_for_psychometricians_and_admins(login, dworld, sworld):
    for user in (dworld.psychometrician, dworld.admin):
        assert login(user).get(reverse("scoring:agreement_statistics")).status_code == 200
    assert login(sworld.markers[0]).get(reverse("scoring:agreement_statistics")).status_code == 403


def test_candidate_challenges_through_the_page(login, sit, dworld, sworld):
    attempt = sit()
    dworld.session.starts_at = timezone.now() - dt.timedelta(hours=2)
    dworld.session.save(update_fields=["starts_at"])
    attempt.submitted_at = timezone.now() - dt.timedelta(hours=1)
    attempt.save(update_fields=["submitted_at"])
    client = login(dworld.candidate)
    page = client.get(reverse("scoring:my_challenges"))
    assert page.status_code == 200 and f'value="{attempt.pk}"' in page.content.decode()
    # No item content is shown to the candidate after the exam.
    assert "偏差與變異" not in page.content.decode()
    response = client.post(
        reverse("scoring:my_challenges"), {"attempt": attempt.pk, "number": 2, "reason": "題意不清"}
    )
    assert response.status_code == 302
    challenge = ItemChallenge.objects.get()
    assert challenge.form_item_id == selectors.displayed_form_item_ids(attempt=attempt)[1]
    bad = client.post(
        reverse("scoring:my_challenges"), {"attempt": attempt.pk, "number": 9, "reason": "x"}
    )
    assert bad.status_code == 400
    # Another candidate can neither see nor challenge this attempt.
    other = login(dworld.other_candidate)
    assert (
        f'value="{attempt.pk}"' not in other.get(reverse("scoring:my_challenges")).content.decode()
    )
    assert "題意不清" not in other.get(reverse("scoring:my_challenges")).content.decode()
    forged = other.post(
        reverse("scoring:my_challenges"), {"attempt": attempt.pk, "number": 1, "reason": "x"}
    )
    assert forged.status_code == 404
    assert ItemChallenge.objects.count() == 1


def test_psychometrician_decides_through_the_page(login, sit, dworld, sworld, no_results):
    attempt = sit(answers={1: 1, 2: True})
    fi = sworld.form.items.get(pk=sworld.choice_fi)
    ItemChallenge.objects.create(
        attempt=attempt, form_item=fi, displayed_number=1, reason="B 對", created_at=timezone.now()
    )
    client = login(dworld.psychometrician)
    listing = client.get(reverse("scoring:challenge_list"))
    assert reverse("scoring:challenge_review", args=[fi.pk]) in listing.content.decode()
    url = reverse("scoring:challenge_review", args=[fi.pk])
    page = client.get(url)
    assert page.status_code == 200 and "B 對" in page.content.decode()
    assert dworld.candidate.display_name not in page.content.decode()
    refused = client.post(url, {"action": "rekey", "reason": "r"})  # no option chosen
    assert refused.status_code == 400 and not ScoringOverride.objects.exists()
    response = client.post(url, {"action": "rekey", "options": ["1"], "reason": "原答案有誤"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score_points == Decimal(2)
    assert login(dworld.admin).get(url).status_code == 403


def test_appeal_through_the_pages(login, sit, dworld, sworld, monkeypatch, no_results):
    attempt = sit(answers={1: 1, 2: True})
    monkeypatch.setattr(
        "aicert.scoring.selectors.results_released_at",
        lambda *, attempt: timezone.now() - dt.timedelta(days=1),
    )
    client = login(dworld.candidate)
    assert f'value="{attempt.pk}"' in client.get(reverse("scoring:my_appeals")).content.decode()
    forged = login(dworld.other_candidate).post(
        reverse("scoring:my_appeals"), {"attempt": attempt.pk, "reason": "x"}
    )
    assert forged.status_code == 404
    client = login(dworld.candidate)
    assert (
        client.post(
            reverse("scoring:my_appeals"), {"attempt": attempt.pk, "reason": "請重閱"}
        ).status_code
        == 302
    )
    appeal = Appeal.objects.get()
    admin = login(dworld.admin)
    assert (
        "請重閱" in admin.get(reverse("scoring:appeal_detail", args=[appeal.pk])).content.decode()
    )
    admin.post(reverse("scoring:appeal_start", args=[appeal.pk]))
    admin.post(
        reverse("scoring:appeal_decide", args=[appeal.pk]),
        {"outcome": "dismissed", "note": "評分無誤"},
    )
    appeal.refresh_from_db()
    assert appeal.status == "dismissed"
    page = login(dworld.candidate).get(reverse("scoring:my_appeals")).content.decode()
    assert "評分無誤" in page
    # Others cannot open the appeal pages.
    for user in (dworld.psychometrician, sworld.markers[0], dworld.candidate):
        assert (
            login(user).get(reverse("scoring:appeal_detail", args=[appeal.pk])).status_code == 403
        )


def test_marker_queue_query_count_is_flat(
    login, sworld, sit, dworld, django_assert_max_num_queries
):
    for i in range(4):
        sit(candidate=UserFactory(email=f"q{i}@example.org"))
    services.marking_assign_pending()
    client = login(sworld.markers[0])
    client.get(reverse("scoring:marker_queue"))
    for i in range(4, 8):
        sit(candidate=UserFactory(email=f"q{i}@example.org"))
    services.marking_assign_pending()
    with django_assert_max_num_queries(15):
        response = client.get(reverse("scoring:marker_queue"))
    assert response.status_code == 200
