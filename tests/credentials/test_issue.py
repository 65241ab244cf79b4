"""Certificates come from level passes, go with a rescore that takes the pass away, and answer
a check by number and name with no more than its status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aicert.audit.models import AuditEvent
from aicert.credentials import numbering, selectors, services
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.delivery.models import Response
from aicert.registration.models import LevelAchievement
from aicert.registration.services import candidate_profile_save
from tests.results.test_release_level import release_now, scores, tenths
from tests.scheduling.fixtures import national_id


def pass_level(world, django_capture_on_commit_callbacks=None):
    scores(world, world.candidate, tenths(8), tenths(8))
    release_now(world, world.session_a)
    release_now(world, world.session_b)
    return Certificate.objects.get(holder=world.candidate, level=world.level)


@pytest.fixture
def named(rworld):
    candidate_profile_save(
        user=rworld.candidate,
        legal_name_zh="王小明",
        legal_name_en="Wang Hsiao-ming",
        id_number=national_id(4242),
        birth_date=dt.date(2000, 1, 1),
        phone="0912-000-000",
    )
    return rworld


def test_check_character_catches_typing_mistakes():
    number = numbering.certificate_number(year=2026, serial=123)
    assert numbering.is_well_formed(number)
    digits = number.replace("-", "")[3:-1]
    for i in range(len(digits)):  # every single wrong digit
        for d in "0123456789":
            if d != digits[i]:
                typo = digits[:i] + d + digits[i + 1 :]
                assert not numbering.is_well_formed(
                    numbering.certificate_number(year=int(typo[:4]), serial=int(typo[4:]))[:-1]
                    + number[-1]
                )
    for i in range(len(digits) - 1):  # every swap of adjacent different digits
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            candidate = f"AIC-{swapped[:4]}-{swapped[4:]}-{number[-1]}"
            assert not numbering.is_well_formed(candidate)
    assert numbering.normalise(" aic 2026 0000123 " + number[-1].lower()) == number


def test_a_level_pass_issues_a_certificate_in_the_same_transaction(
    named, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = pass_level(named)
    assert certificate.status == CertificateStatus.ACTIVE
    assert numbering.is_well_formed(certificate.number)
    assert certificate.holder_name_zh == "王小明"
    achievement = LevelAchievement.objects.get(user=named.candidate, level=named.level)
    assert certificate.valid_from == certificate.issued_on == achievement.achieved_on
    if named.level.validity_months:
        assert certificate.expires_on > certificate.valid_from
    assert AuditEvent.objects.filter(
        action="credentials.certificate_issue", target_id=str(certificate.pk)
    ).exists()
    assert [e.kind for e in certificate.events.all()] == ["issued"]
    assert any(certificate.number in m.body for m in mail.outbox)


def test_a_rescore_that_takes_the_pass_away_revokes_with_reason_and_mails(
    named, django_capture_on_commit_callbacks
):
    a, _b = scores(named, named.candidate, tenths(6), tenths(8))
    release_now(named, named.session_a)
    release_now(named, named.session_b)
    certificate = Certificate.objects.get(holder=named.candidate)
    response = Response.objects.filter(attempt=a.attempt, points=1).first()
    response.points = 0
    response.save(update_fields=["points"])
    from aicert.results import services as results_services

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        results_services.result_refresh(
            attempt=a.attempt, actor=named.psychometrician, reason="re-key"
        )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert "rescore" in certificate.status_reason
    assert [e.kind for e in certificate.events.all()] == ["issued", "revoked"]
    change = AuditEvent.objects.get(action="credentials.certificate_status_change")
    assert change.changes == {
        "before": "active",
        "after": "revoked",
        "reason": certificate.status_reason,
    }
    # The result's correction notice (results) and the revocation notice (credentials).
    revoked_mail = [m for m in mail.outbox if certificate.number in m.body]
    assert len(revoked_mail) == 1 and certificate.status_reason in revoked_mail[0].body
    check = selectors.certificate_check(number=certificate.number, holder_name="王小明")
    assert check.status == CertificateStatus.REVOKED and not check.is_valid


def test_check_by_number_and_name_tells_only_the_status(named):
    certificate = pass_level(named)
    good = selectors.certificate_check(
        number=certificate.number.lower(), holder_name="wang hsiao ming"
    )
    assert good.is_valid and good.level_code == named.level.code
    wrong_name = selectors.certificate_check(number=certificate.number, holder_name="陳大文")
    assert wrong_name.status == selectors.CHECK_NOT_FOUND
    assert wrong_name.level_code == "" and wrong_name.expires_on is None
    assert selectors.certificate_check(number="AIC-2026-0000001-0", holder_name="x").status in {
        selectors.CHECK_NOT_FOUND,
        selectors.CHECK_MALFORMED,
    }
    assert selectors.certificate_check(number="hello", holder_name="x").status == "malformed"
    # Past its expiry date it reads expired even before the periodic job ran.
    certificate.expires_on = certificate.valid_from + dt.timedelta(days=1)
    certificate.save(update_fields=["expires_on"])
    later = certificate.valid_from + dt.timedelta(days=5)
    assert (
        selectors.certificate_check(
            number=certificate.number, holder_name="王小明", today=later
        ).status
        == CertificateStatus.EXPIRED
    )
    assert services.certificates_expire_due(today=later) == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED
    assert services.certificates_expire_due(today=later) == 0
    rows = selectors.certificates_check(
        [(certificate.number, "王小明"), ("nope", "x")], today=later
    )
    assert [r.status for r in rows] == ["expired", "malformed"]


def test_manual_status_changes_need_the_foundation_and_a_reason(named):
    certificate = pass_level(named)
    with pytest.raises(PermissionDenied):
        services.certificate_status_change(
            certificate=certificate, status="suspended", reason="x", actor=named.candidate
        )
    with pytest.raises(ValidationError):
        services.certificate_status_change(
            certificate=certificate, status="suspended", reason=" ", actor=named.admin
        )
    services.certificate_status_change(
        certificate=certificate, status="suspended", reason="under investigation", actor=named.admin
    )
    services.certificate_status_change(
        certificate=certificate, status="active", reason="cleared", actor=named.admin
    )
    services.certificate_status_change(
        certificate=certificate, status="revoked", reason="fraud", actor=named.admin
    )
    with pytest.raises(ValidationError):  # revoked is final
        services.certificate_status_change(
            certificate=certificate, status="active", reason="oops", actor=named.admin
        )
    certificate.refresh_from_db()
    assert [e.kind for e in certificate.events.all()] == [
        "issued",
        "suspended",
        "reinstated",
        "revoked",
    ]


def test_backfill_issues_for_achievements_recorded_before_certificates(named):
    certificate = pass_level(named)
    certificate.events.all().delete()
    certificate.delete()
    assert services.certificates_issue_missing() == 1
    assert services.certificates_issue_missing() == 0
    assert Certificate.objects.get(holder=named.candidate).status == CertificateStatus.ACTIVE


def test_holder_sees_own_certificate_and_nobody_else_does(named, client):
    certificate = pass_level(named)
    client.force_login(named.candidate)
    assert certificate.number in client.get("/certificates/").content.decode()
    page = client.get(f"/certificates/{certificate.number}/")
    assert page.status_code == 200 and "王小明" in page.content.decode()
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(f"/certificates/{certificate.number}/").status_code == 404


def test_a_revoked_or_suspended_certificate_is_no_prerequisite(named):
    from aicert.registration import selectors as registration_selectors

    certificate = pass_level(named)
    holds = registration_selectors.candidate_holds_level
    assert holds(user=named.candidate, level=named.level)
    services.certificate_status_change(
        certificate=certificate, status="suspended", reason="inquiry", actor=named.admin
    )
    assert not holds(user=named.candidate, level=named.level)
    services.certificate_status_change(
        certificate=certificate, status="active", reason="cleared", actor=named.admin
    )
    assert holds(user=named.candidate, level=named.level)
    services.certificate_status_change(
        certificate=certificate, status="revoked", reason="fraud", actor=named.admin
    )
    assert not holds(user=named.candidate, level=named.level)
