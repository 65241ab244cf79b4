"""The demo's full sitting (aicert.demo.sitting_seed): built through the real services, once.

One test on purpose: it seeds the item bank and simulates a sitting (about a minute on SQLite).
The past sitting is simulated with fewer candidates than ``scripts/demo`` (120, not 240); the
code path is the same.
"""

import datetime as dt

import pytest
from django.utils import timezone

from aicert.accounts.models import User
from aicert.analysis.models import AnalysisRun
from aicert.credentials.models import Certificate
from aicert.delivery import services as delivery
from aicert.delivery.models import Attempt, AttemptStatus, FormStatus
from aicert.demo.seed import DEMO_PASSWORD, demo_seed
from aicert.demo.sitting_seed import GRADUATE_EMAIL, LIVE_LEAD_MINUTES, sitting_demo_seed
from aicert.registration.models import Registration, RegistrationStatus
from aicert.registration.tickets import ticket_number, ticket_number_registration_id
from aicert.results.models import Result, ResultRelease, ResultStatus
from aicert.scheduling.models import Session


def _counts():
    return (
        Session.objects.count(),
        Registration.objects.count(),
        Attempt.objects.count(),
        Result.objects.count(),
        AnalysisRun.objects.count(),
        User.objects.count(),
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=False)
def test_full_sitting_seed_past_marking_live_and_idempotent(client):
    demo_seed(items=True)
    now = timezone.now()
    counts = sitting_demo_seed(now=now, n_candidates=120)
    assert counts["past_attempts"] == 120 and counts["past_sessions"] == 3
    assert counts["live_created"] == 1 and counts["marking_awaiting"] > 0

    # The past sitting: every simulated attempt submitted, scored and released.
    graduate = User.objects.get(email=GRADUATE_EMAIL)
    past = Session.objects.filter(registrations__candidate=graduate).get()
    assert past.starts_at < now - dt.timedelta(days=20)
    past_sessions = Session.objects.filter(subject=past.subject, starts_at=past.starts_at)
    centers = set(past_sessions.values_list("room__venue__center__organisation__slug", flat=True))
    assert centers == {"center-north", "center-central", "center-south"}
    attempts = Attempt.objects.filter(registration__session__in=past_sessions)
    assert attempts.count() == 120
    assert not attempts.exclude(status=AttemptStatus.SUBMITTED).exists()
    assert not attempts.filter(needs_marking=True).exists()
    assert attempts.filter(score_points__isnull=True).count() == 0
    results = Result.objects.filter(session__in=past_sessions)
    assert results.count() == 120
    assert set(results.values_list("status", flat=True)) == {ResultStatus.RELEASED}
    assert ResultRelease.objects.filter(
        session__in=past_sessions, released_at__isnull=False
    ).count() == len(past_sessions)
    run = AnalysisRun.objects.get(form=attempts.first().form)
    assert run.n_candidates == 120 and run.n_flagged > 0
    assert run.items.exclude(flags=[]).exists()

    # The graduate signs in with the demo password and opens a released score report.
    assert client.login(email=GRADUATE_EMAIL, password=DEMO_PASSWORD)
    mine = Result.objects.get(candidate=graduate)
    assert mine.status == ResultStatus.RELEASED and mine.scaled_score >= 70
    page = client.get(f"/results/{mine.pk}/")
    assert page.status_code == 200
    client.logout()

    # The live session: soon, two published parallel forms, four paid and seated candidates.
    candidate = User.objects.get(email="candidate@aicert.example")
    registration = Registration.objects.get(
        candidate=candidate, session__starts_at__gt=now, session__room__name="W302"
    )
    live = registration.session
    assert now < live.starts_at <= now + dt.timedelta(minutes=LIVE_LEAD_MINUTES + 1)
    assert live.duration_minutes == 90 and live.subject != past.subject
    forms = [sf.form for sf in live.session_forms.select_related("form")]
    assert len(forms) == 2 and {f.status for f in forms} == {FormStatus.PUBLISHED}
    assert not any(
        fi.item_version.item_type == "constructed_response" for f in forms for fi in f.items.all()
    )
    live_registrations = Registration.objects.filter(session=live)
    assert live_registrations.count() == 4
    assert set(live_registrations.values_list("status", flat=True)) == {
        RegistrationStatus.CONFIRMED
    }
    assert registration.seat_label
    assert live.ticket_release_on <= timezone.localdate()
    assert ticket_number_registration_id(ticket_number(registration)) == registration.pk

    # Seeding again creates nothing new; the live session moves to start soon again.
    before = _counts()
    later = now + dt.timedelta(minutes=10)
    again = sitting_demo_seed(now=later)
    assert again["past_attempts"] == 0 and again["live_created"] == 0
    assert again["live_retimed"] == 1 and again["marking_sat"] == 0
    assert _counts() == before
    live.refresh_from_db()
    assert later < live.starts_at <= later + dt.timedelta(minutes=LIVE_LEAD_MINUTES + 1)
    assert demo_seed(items=True, sitting=True)["live_created"] == 0
    assert _counts() == before
    # The past sitting's graduate holds the demo's valid certificate (credentials_seed).
    assert Certificate.objects.get(holder__email=GRADUATE_EMAIL).status == "active"

    # The click-through, in services: check in by ticket, authorise, sit, release, report.
    invigilator = User.objects.get(email="invigilator.south@aicert.example")
    admin = User.objects.get(email="admin@aicert.example")
    live.refresh_from_db()
    registration.refresh_from_db()
    delivery.check_in_record(
        actor=invigilator,
        registration=registration,
        id_checked=True,
        now=live.starts_at - dt.timedelta(minutes=1),
    )
    (attempt,) = delivery.session_authorize_attempts(
        actor=invigilator, session=live, now=live.starts_at - dt.timedelta(seconds=30)
    )
    attempt = delivery.attempt_start(actor=candidate, attempt=attempt, now=live.starts_at)
    delivery.attempt_submit(
        actor=candidate, attempt=attempt, now=live.starts_at + dt.timedelta(minutes=5)
    )
    from aicert.results.services import result_release_schedule

    done = live.starts_at + dt.timedelta(minutes=6)
    result_release_schedule(actor=admin, session=live, release_at=done, now=done)
    assert Result.objects.get(candidate=candidate, session=live).status == ResultStatus.RELEASED
    # Once somebody checked in, seeding leaves the live session alone.
    starts_at = live.starts_at
    assert sitting_demo_seed(now=later + dt.timedelta(hours=1))["live_retimed"] == 0
    live.refresh_from_db()
    assert live.starts_at == starts_at
