"""The holder's page (PDF, LinkedIn, share link, publication choice, CPD), the foundation's
certificate pages and the public verification page."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.test import override_settings

from aicert.credentials import sharing
from aicert.credentials.models import Certificate, CertificateStatus, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_login(client):
    """Demo staff accounts come with their authenticator enrolled: signing in is enough."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def certs(demo_user):
    from aicert.demo.credentials_seed import credentials_seed

    credentials_seed(create_graduate=True)  # the graduate, without seeding the whole sitting
    return {c.holder.email: c for c in Certificate.objects.select_related("holder", "level")}


def test_holder_page_offers_pdf_linkedin_share_and_history(client, certs, demo_user):
    graduate = certs["graduate@aicert.example"]
    client.force_login(demo_user("graduate@aicert.example"))
    page = client.get(f"/certificates/{graduate.number}/").content.decode()
    assert "certificate.pdf" in page and sharing.share_token(graduate.number) in page
    assert "<svg" in page  # the QR code of the share link
    link = next(
        part.split('"')[0] for part in page.split('href="') if "linkedin.com" in part
    ).replace("&amp;", "&")
    params = parse_qs(urlparse(link).query)
    assert params["startTask"] == ["CERTIFICATION_NAME"]
    assert params["certId"] == [graduate.number]
    assert params["expirationYear"] == [str(graduate.expires_on.year)]
    assert "/verify/" in params["certUrl"][0]
    assert 'id="cpd-form"' in page  # inside the renewal window, the level renews by CPD
    assert 'id="history"' in page


def test_pdf_is_bilingual_with_roc_date_and_number(client, certs, demo_user, tmp_path):
    graduate = certs["graduate@aicert.example"]
    client.force_login(demo_user("graduate@aicert.example"))
    response = client.get(f"/certificates/{graduate.number}/certificate.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "c.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert graduate.number in text
    roc = f"中華民國{graduate.issued_on.year - 1911}年{graduate.issued_on.month}月"
    assert roc in text and "CERTIFICATE" in text and "許雅琪" in text
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "+" in fonts  # an embedded subset (ABCDEF+NotoSans...)


def test_nobody_else_gets_the_holders_pdf_and_revoked_ones_are_not_printed(
    client, certs, demo_user
):
    graduate = certs["graduate@aicert.example"]
    client.force_login(demo_user("holder.active@aicert.example"))
    assert client.get(f"/certificates/{graduate.number}/certificate.pdf").status_code == 404
    revoked = certs["holder.revoked@aicert.example"]
    client.force_login(demo_user("holder.revoked@aicert.example"))
    assert client.get(f"/certificates/{revoked.number}/certificate.pdf").status_code == 404
    page = client.get(f"/certificates/{revoked.number}/").content.decode()
    assert "certificate.pdf" not in page and revoked.status_reason in page


def test_public_page_by_share_token_and_by_typed_name(client, certs):
    graduate = certs["graduate@aicert.example"]
    url = sharing.verification_url(graduate.number)
    page = client.get(urlparse(url).path + "?" + urlparse(url).query).content.decode()
    assert 'id="verify-result"' in page and "許雅琪" not in page  # default: name not shown
    # A wrong token asks for the name and tells nothing.
    wrong = client.get(f"/verify/{graduate.number}/?t=0000").content.decode()
    assert 'id="verify-ask-name"' in wrong and 'id="verify-result"' not in wrong
    typed = client.get("/verify/", {"number": graduate.number.lower(), "name": "許雅琪"})
    assert (
        "The name you typed matches" in typed.content.decode() or "相符" in typed.content.decode()
    )
    nope = client.get("/verify/", {"number": graduate.number, "name": "陳大文"}).content.decode()
    assert graduate.level.name_zh not in nope and graduate.level.name_en not in nope


def test_public_page_shows_revoked_with_date_and_no_reason(client, certs):
    revoked = certs["holder.revoked@aicert.example"]
    page = client.get(
        f"/verify/{revoked.number}/", {"t": sharing.share_token(revoked.number)}
    ).content.decode()
    assert "status-revoked" in page and revoked.status_reason not in page
    expired = certs["holder.expired@aicert.example"]
    page = client.get(
        f"/verify/{expired.number}/", {"t": sharing.share_token(expired.number)}
    ).content.decode()
    assert "status-expired" in page


def test_holder_chooses_what_the_public_page_shows(client, certs, demo_user):
    graduate = certs["graduate@aicert.example"]
    client.force_login(demo_user("graduate@aicert.example"))
    response = client.post(
        f"/certificates/{graduate.number}/publication/", {"publication": Publication.NAME}
    )
    assert response.status_code == 302
    assert (
        client.post(
            f"/certificates/{graduate.number}/publication/", {"publication": "everything"}
        ).status_code
        == 400
    )
    client.logout()
    token = sharing.share_token(graduate.number)
    assert "許雅琪" in client.get(f"/verify/{graduate.number}/?t={token}").content.decode()
    Certificate.objects.filter(pk=graduate.pk).update(publication=Publication.STATUS_ONLY)
    page = client.get(f"/verify/{graduate.number}/?t={token}").content.decode()
    assert "許雅琪" not in page and graduate.level.name_zh not in page
    assert "status-active" in page


@override_settings(CREDENTIALS_VERIFY_LIMIT=3)
def test_public_look_ups_are_rate_limited_per_address(client):
    for i in range(3):
        assert (
            client.get("/verify/", {"number": f"AIC-2026-000000{i}-0", "name": "x"}).status_code
            == 200
        )
    assert client.get("/verify/", {"number": "AIC-2026-0000009-0", "name": "x"}).status_code == 429
    other = client.get("/verify/", {"number": "x", "name": "x"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    # A bare visit (no look-up) is never counted.
    assert client.get("/verify/").status_code == 200


def test_foundation_searches_and_revokes_a_certificate(client, certs, demo_user, staff_login):
    active = certs["holder.active@aicert.example"]
    admin = staff_login(demo_user("admin@aicert.example"))
    listing = admin.get("/certificates/manage/", {"q": "陳冠宇"}).content.decode()
    assert active.number in listing and certs["graduate@aicert.example"].number not in listing
    by_status = admin.get("/certificates/manage/", {"status": "revoked"}).content.decode()
    assert certs["holder.revoked@aicert.example"].number in by_status
    assert active.number not in by_status
    bad = admin.post(f"/certificates/manage/{active.number}/", {"status": "revoked", "reason": " "})
    assert bad.status_code == 400
    done = admin.post(
        f"/certificates/manage/{active.number}/", {"status": "revoked", "reason": "冒名應試"}
    )
    assert done.status_code == 302
    active.refresh_from_db()
    assert active.status == CertificateStatus.REVOKED
    illegal = admin.post(
        f"/certificates/manage/{active.number}/", {"status": "active", "reason": "oops"}
    )
    assert illegal.status_code == 400  # revoked is final: an error on the form, not a 500


def test_staff_pages_are_the_foundations_only(client, certs, demo_user, staff_login):
    active = certs["holder.active@aicert.example"]
    client.force_login(demo_user("graduate@aicert.example"))
    assert client.get("/certificates/manage/").status_code == 403
    assert client.get(f"/certificates/manage/{active.number}/").status_code == 404
    assert client.get("/certificates/manage/cpd/").status_code == 403
    manager = staff_login(demo_user("manager.south@aicert.example"))
    assert manager.get("/certificates/manage/").status_code == 403
    assert (
        manager.post(
            f"/certificates/manage/{active.number}/", {"status": "revoked", "reason": "x"}
        ).status_code
        == 404
    )


def test_holder_submits_cpd_and_the_foundation_approves_it_in_the_queue(
    client, certs, demo_user, staff_login
):
    graduate = certs["graduate@aicert.example"]
    client.force_login(demo_user("graduate@aicert.example"))
    bad = client.post(f"/certificates/{graduate.number}/cpd/", {"activity": "", "hours": "-1"})
    assert bad.status_code == 400
    today = graduate.valid_from.replace(year=graduate.valid_from.year + 2).isoformat()
    ok = client.post(
        f"/certificates/{graduate.number}/cpd/",
        {"activity": "AI 治理研習", "provider": "數位發展部", "hours": "12", "completed_on": today},
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    record = graduate.cpd_records.get()
    admin = staff_login(demo_user("admin@aicert.example"))
    assert "AI 治理研習" in admin.get("/certificates/manage/cpd/").content.decode()
    old_expiry = graduate.expires_on
    response = admin.post(f"/certificates/manage/cpd/{record.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    graduate.refresh_from_db()
    assert graduate.valid_from > old_expiry  # renewed: the new period follows the old one


def test_dashboards_link_to_the_certificate_pages(client, certs, demo_user, staff_login):
    client.force_login(demo_user("graduate@aicert.example"))
    assert 'href="/certificates/"' in client.get("/dashboard/").content.decode()
    admin = staff_login(demo_user("admin@aicert.example"))
    page = admin.get("/dashboard/").content.decode()
    assert 'href="/certificates/manage/"' in page and 'href="/certificates/manage/cpd/"' in page


def test_foundation_list_queries_do_not_grow_with_certificates(
    certs, demo_user, staff_login, django_assert_max_num_queries
):
    from aicert.credentials.services import certificates_issue_missing
    from aicert.registration.models import LevelAchievement
    from tests.factories import UserFactory

    admin = staff_login(demo_user("admin@aicert.example"))
    with django_assert_max_num_queries(14) as few:
        before = admin.get("/certificates/manage/")
    assert before.status_code == 200
    listed_before = before.content.decode().count("/certificates/manage/AIC-")
    assert listed_before == len(certs)
    level = certs["graduate@aicert.example"].level
    passed_on = certs["graduate@aicert.example"].valid_from
    for _ in range(15):
        LevelAchievement.objects.create(
            user=UserFactory(), level=level, achieved_on=passed_on, source="test"
        )
    assert certificates_issue_missing() == 15
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = admin.get("/certificates/manage/").content.decode()
    assert page.count("/certificates/manage/AIC-") == listed_before + 15


def test_reminder_offsets_are_edited_in_the_admin(certs, demo_user, staff_login):
    admin = staff_login(demo_user("admin@aicert.example"))
    page = admin.get("/admin/credentials/reminderoffset/")
    assert page.status_code == 200 and "90" in page.content.decode()
    assert admin.get("/admin/credentials/certificate/").status_code == 200
