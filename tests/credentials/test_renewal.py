"""Renewal keeps the number: a re-exam pass in the window starts a new period on the pass date;
approved CPD hours extend it from the day after the old expiry (continuous validity)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.credentials import services
from aicert.credentials.models import Certificate, CertificateStatus, CpdStatus
from aicert.credentials.validity import add_months
from aicert.results import services as results_services
from tests.credentials.test_issue import named, pass_level  # noqa: F401 - fixture
from tests.results.conftest import make_session, sit
from tests.results.test_release_level import release_now, tenths


def _resit_a(world, months_later: int, n_right: int = 9):
    """Sit subject A again ``months_later`` months after the first sitting and release it."""
    starts_at = world.session_a.starts_at + dt.timedelta(days=round(30.4 * months_later))
    session = make_session(world.subject_a, world.session_a.room, starts_at)
    attempt = sit(
        world,
        candidate=world.candidate,
        session=session,
        earned=tenths(n_right),
        domains=[world.d11] * 10,
    )
    results_services.result_refresh(attempt=attempt, reason="submit")
    release_now(world, session)
    return session


@pytest.fixture
def short(named):  # noqa: F811
    """The level valid 12 months, renewal window 6 months, 10 CPD hours."""
    level = named.level
    level.validity_months, level.renewal_window_months = 12, 6
    level.renewal_cpd_hours, level.renewal_by_reexam = 10, True
    level.save()
    return named


def test_a_pass_inside_the_window_renews_from_the_pass_date_with_the_same_number(
    short, django_capture_on_commit_callbacks
):
    certificate = pass_level(short)
    number, first_expiry = certificate.number, certificate.expires_on
    assert first_expiry == add_months(certificate.valid_from, 12) - dt.timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = _resit_a(short, 8)
    certificate.refresh_from_db()
    passed_on = timezone.localtime(session.starts_at).date()
    assert certificate.number == number
    assert certificate.valid_from == passed_on
    assert certificate.expires_on == add_months(passed_on, 12) - dt.timedelta(days=1)
    assert [e.kind for e in certificate.events.all()] == ["issued", "renewed"]
    renew = AuditEvent.objects.get(action="credentials.certificate_renew")
    assert renew.changes["route"] == "re-exam"
    assert renew.changes["before"]["expires_on"] == str(first_expiry)
    assert len([m for m in mail.outbox if number in m.body]) == 1


def test_a_pass_before_the_window_changes_nothing(short):
    certificate = pass_level(short)
    _resit_a(short, 3)
    again = Certificate.objects.get(pk=certificate.pk)
    assert (again.valid_from, again.expires_on) == (certificate.valid_from, certificate.expires_on)
    assert [e.kind for e in again.events.all()] == ["issued"]


def test_a_pass_after_expiry_makes_an_expired_certificate_valid_again(short):
    certificate = pass_level(short)
    # The second sitting must be combinable with subject B's result (within 365 days).
    short.level.validity_months = 6
    short.level.save(update_fields=["validity_months"])
    certificate.expires_on = add_months(certificate.valid_from, 6) - dt.timedelta(days=1)
    certificate.save(update_fields=["expires_on"])
    assert services.certificates_expire_due(today=certificate.expires_on + dt.timedelta(days=3))
    _resit_a(short, 9)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert [e.kind for e in certificate.events.all()] == ["issued", "expired", "renewed"]


def test_no_reexam_renewal_when_the_level_does_not_allow_it(short):
    short.level.renewal_by_reexam = False
    short.level.save(update_fields=["renewal_by_reexam"])
    certificate = pass_level(short)
    _resit_a(short, 8)
    assert [e.kind for e in Certificate.objects.get(pk=certificate.pk).events.all()] == ["issued"]


def _in_window(certificate) -> dt.datetime:
    day = add_months(certificate.expires_on, -2)
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)


def test_approved_cpd_hours_renew_from_the_day_after_expiry(short):
    certificate = pass_level(short)
    now = _in_window(certificate)
    old_expiry = certificate.expires_on
    kwargs = dict(
        activity="生成式 AI 實務工作坊", provider="臺灣人工智慧學校", actor=short.candidate
    )
    first = services.cpd_record_submit(
        certificate=certificate,
        hours=Decimal("6"),
        completed_on=now.date() - dt.timedelta(days=5),
        now=now,
        **kwargs,
    )
    second = services.cpd_record_submit(
        certificate=certificate,
        hours=Decimal("4.5"),
        completed_on=now.date() - dt.timedelta(days=1),
        now=now,
        **kwargs,
    )
    with pytest.raises(PermissionDenied):  # the holder does not approve their own hours
        services.cpd_record_review(record=first, approve=True, note="", actor=short.candidate)
    services.cpd_record_review(record=first, approve=True, note="", actor=short.admin, now=now)
    certificate.refresh_from_db()
    assert certificate.expires_on == old_expiry  # 6 of 10 hours: not yet
    assert services.cpd_hours_approved(certificate) == Decimal(6)
    services.cpd_record_review(record=second, approve=True, note="", actor=short.admin, now=now)
    certificate.refresh_from_db()
    assert certificate.valid_from == old_expiry + dt.timedelta(days=1)
    assert certificate.expires_on == add_months(
        old_expiry + dt.timedelta(days=1), 12
    ) - dt.timedelta(days=1)
    assert [e.kind for e in certificate.events.all()] == ["issued", "renewed"]
    # The hours are spent: they do not count toward the next period.
    assert services.cpd_hours_approved(certificate) == Decimal(0)
    with pytest.raises(ValidationError):  # decided once
        services.cpd_record_review(record=second, approve=False, note="x", actor=short.admin)


def test_cpd_submission_rules(short):
    certificate = pass_level(short)
    early = dt.datetime.combine(
        certificate.valid_from + dt.timedelta(days=10), dt.time(10), tzinfo=dt.UTC
    )
    ok = dict(hours=Decimal(5), activity="課程", provider="學校", actor=short.candidate)
    with pytest.raises(ValidationError) as outside:
        services.cpd_record_submit(
            certificate=certificate, completed_on=early.date(), now=early, **ok
        )
    assert "__all__" in outside.value.message_dict
    now = _in_window(certificate)
    with pytest.raises(ValidationError) as bad:
        services.cpd_record_submit(
            certificate=certificate,
            hours=Decimal(0),
            activity=" ",
            provider="",
            completed_on=now.date() + dt.timedelta(days=1),
            actor=short.candidate,
            now=now,
        )
    assert set(bad.value.message_dict) == {"hours", "activity", "provider", "completed_on"}
    with pytest.raises(ValidationError) as before_period:
        services.cpd_record_submit(
            certificate=certificate,
            completed_on=certificate.valid_from - dt.timedelta(days=1),
            now=now,
            **ok,
        )
    assert "completed_on" in before_period.value.message_dict
    with pytest.raises(PermissionDenied):
        services.cpd_record_submit(
            certificate=certificate,
            completed_on=now.date(),
            now=now,
            **{**ok, "actor": short.other_candidate},
        )
    record = services.cpd_record_submit(
        certificate=certificate, completed_on=now.date(), now=now, **ok
    )
    with pytest.raises(ValidationError):  # a rejection says why
        services.cpd_record_review(record=record, approve=False, note=" ", actor=short.admin)
    services.cpd_record_review(
        record=record, approve=False, note="證明文件不足", actor=short.admin, now=now
    )
    record.refresh_from_db()
    assert record.status == CpdStatus.REJECTED and record.reviewer == short.admin
    assert AuditEvent.objects.filter(action="credentials.cpd_record_review").count() == 1


def test_expiry_reminders_go_once_per_offset_in_the_holders_language(
    short, django_capture_on_commit_callbacks
):
    from aicert.credentials.models import ReminderOffset, ReminderSent

    assert sorted(ReminderOffset.objects.values_list("days_before", flat=True)) == [7, 30, 90]
    certificate = pass_level(short)
    short.candidate.preferred_language = "en"
    short.candidate.save(update_fields=["preferred_language"])
    expiry = certificate.expires_on
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=120)) == 0
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=90)) == 1
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=89)) == 0
        # The job missed days: it sends the 30-day reminder once, not also a late 90-day one.
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=20)) == 1
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=7)) == 1
        assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=6)) == 0
    assert list(
        ReminderSent.objects.order_by("-days_before").values_list("days_before", flat=True)
    ) == [90, 30, 7]
    assert len(mail.outbox) == 3
    first = mail.outbox[0]
    assert "expires in 90 days" in first.subject and certificate.number in first.body
    assert "10 hours of training" in first.body and "exam again" in first.body
    # A suspended certificate is not reminded; the offsets are data.
    ReminderOffset.objects.create(days_before=3)
    certificate.status = CertificateStatus.SUSPENDED
    certificate.save(update_fields=["status"])
    assert services.certificate_reminders_send(today=expiry - dt.timedelta(days=3)) == 0
