"""A CPD record's certificate of attendance: the holder attaches a PDF or image (checked by its
bytes, size-limited, private storage); only the holder and the foundation's reviewers open it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aicert.audit.models import AuditEvent
from aicert.credentials.models import CPD_EVIDENCE_MAX_BYTES, Certificate, CpdRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def graduate(demo_user, private_root):
    from aicert.demo.credentials_seed import credentials_seed

    credentials_seed(create_graduate=True)
    return Certificate.objects.select_related("level").get(holder__email="graduate@aicert.example")


def submit(client, certificate, evidence):
    completed = certificate.valid_from.replace(year=certificate.valid_from.year + 2).isoformat()
    data = {"activity": "AI 治理研習", "provider": "數位發展部", "hours": "12"}
    data["completed_on"] = completed
    if evidence is not None:
        data["evidence"] = evidence
    return client.post(f"/certificates/{certificate.number}/cpd/", data)


def test_holder_attaches_a_pdf_that_only_holder_and_reviewer_open(
    client, graduate, demo_user, private_root
):
    holder = demo_user("graduate@aicert.example")
    client.force_login(holder)
    upload = SimpleUploadedFile("研習證明.pdf", PDF, content_type="application/octet-stream")
    assert submit(client, graduate, upload).status_code == 302
    record = CpdRecord.objects.get(certificate=graduate)
    assert record.evidence_content_type == "application/pdf"  # from the bytes, not the browser
    assert record.evidence_name == "研習證明.pdf"
    stored = private_root / record.evidence.name
    assert stored.read_bytes() == PDF and "研習證明" not in record.evidence.name
    url = f"/certificates/cpd/{record.pk}/evidence/"
    assert url in client.get(f"/certificates/{graduate.number}/").content.decode()
    own = client.get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert own["Content-Type"] == "application/pdf" and "no-store" in own["Cache-Control"]
    # The foundation's reviewer sees the link on the review page and opens it (audited).
    client.force_login(demo_user("admin@aicert.example"))
    assert url in client.get(f"/certificates/manage/cpd/{record.pk}/").content.decode()
    assert b"".join(client.get(url).streaming_content) == PDF
    assert AuditEvent.objects.filter(action="credentials.cpd_evidence_view").count() == 1
    # Nobody else: another holder, an employer, a center manager, the public.
    for email in ("candidate@aicert.example", "employer@aicert.example", "reviewer@aicert.example"):
        client.force_login(demo_user(email))
        assert client.get(url).status_code == 404, email
    client.logout()
    assert client.get(url).status_code == 302


def test_an_image_is_accepted(client, graduate, demo_user):
    client.force_login(demo_user("graduate@aicert.example"))
    upload = SimpleUploadedFile("scan.jpg", PNG, content_type="image/jpeg")
    assert submit(client, graduate, upload).status_code == 302
    assert CpdRecord.objects.get().evidence_content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("certificate.pdf", b"MZ\x90\x00 this is an executable", ("PDF、JPEG 或 PNG",)),
        ("certificate.pdf", b"", ("empty", "空")),
        ("big.pdf", b"%PDF-" + b"0" * CPD_EVIDENCE_MAX_BYTES, ("超過 5 MB",)),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_kept(
    client, graduate, demo_user, private_root, name, content, words
):
    client.force_login(demo_user("graduate@aicert.example"))
    response = submit(client, graduate, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    said = " ".join(response.context["cpd_form"].errors.get("evidence", []))
    assert any(word in said for word in words), said
    assert not CpdRecord.objects.exists()
    assert not private_root.exists() or not any(p.is_file() for p in private_root.rglob("*"))


def test_a_record_without_a_file_has_no_download(client, graduate, demo_user):
    client.force_login(demo_user("graduate@aicert.example"))
    assert submit(client, graduate, None).status_code == 302
    record = CpdRecord.objects.get()
    assert not record.evidence
    assert client.get(f"/certificates/cpd/{record.pk}/evidence/").status_code == 404
    client.force_login(demo_user("admin@aicert.example"))
    page = client.get(f"/certificates/manage/cpd/{record.pk}/").content.decode()
    assert 'id="cpd-evidence"' in page and "/evidence/" not in page
