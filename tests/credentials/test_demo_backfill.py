"""The backfill command issues what achievements lack; the demo holds four example certificates."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from aicert.credentials import selectors
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.demo.credentials_seed import DEMO_HOLDERS, credentials_seed
from aicert.registration.models import LevelAchievement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_user(demo_user):
    """The demo with its graduate (the sitting seed is too slow here: the holder is made)."""
    credentials_seed(create_graduate=True)
    return demo_user


def test_demo_holders_hold_valid_revoked_and_expired_certificates(demo_user):
    by_email = {c.holder.email: c for c in Certificate.objects.select_related("holder", "level")}
    graduate = by_email["graduate@aicert.example"]
    assert selectors.effective_status(graduate, graduate.valid_from) == CertificateStatus.ACTIVE
    assert by_email["holder.active@aicert.example"].status == CertificateStatus.ACTIVE
    revoked = by_email["holder.revoked@aicert.example"]
    assert revoked.status == CertificateStatus.REVOKED and revoked.status_reason
    assert [e.kind for e in revoked.events.all()] == ["issued", "revoked"]
    assert by_email["holder.expired@aicert.example"].status == CertificateStatus.EXPIRED
    renewed = by_email["holder.renewed@aicert.example"]
    assert renewed.status == CertificateStatus.ACTIVE and renewed.valid_from > renewed.issued_on
    assert [e.kind for e in renewed.events.all()] == ["issued", "renewed"]
    # The graduate's certificate is inside its renewal window (expires in about four months).
    assert graduate.expires_on is not None
    # A second seed changes nothing.
    before = list(Certificate.objects.order_by("pk").values_list("number", "status"))
    assert credentials_seed() == {"certificates_issued": 0, "certificates_expired": 0}
    assert list(Certificate.objects.order_by("pk").values_list("number", "status")) == before
    assert LevelAchievement.objects.filter(source="demo:earlier-programme").count() == len(
        DEMO_HOLDERS
    )


def test_backfill_command_issues_each_missing_certificate_once(demo_user, capsys):
    certificate = Certificate.objects.get(holder__email="holder.active@aicert.example")
    certificate.events.all().delete()
    certificate.delete()
    call_command("certificates_issue_missing")
    assert "1 certificate(s) issued" in capsys.readouterr().out
    call_command("certificates_issue_missing")
    assert "0 certificate(s) issued" in capsys.readouterr().out
    reissued = Certificate.objects.get(holder__email="holder.active@aicert.example")
    assert reissued.status == CertificateStatus.ACTIVE
    # The foundation's revocation stands: the backfill never re-issues a revoked certificate.
    assert not Certificate.objects.filter(
        holder__email="holder.revoked@aicert.example", status=CertificateStatus.ACTIVE
    ).exists()
