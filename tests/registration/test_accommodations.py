"""Accommodations: request with consent and documents, the foundation's decision, who sees what."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.registration.models import (
    HEALTH_CONSENT_VERSION,
    AccommodationRequest,
    AccommodationStatus,
    ConsentPurpose,
    ConsentRecord,
)
from aicert.registration.selectors import registration_extra_time_percent
from aicert.registration.services import (
    accommodation_request_create,
    accommodation_request_decide,
    accommodation_request_withdraw,
    registration_create,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="certificate.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def ask(user, **kwargs):
    data = {
        "extra_time_percent": 25,
        "separate_room": True,
        "details": "Dyslexia diagnosed 2019",
        "documents": [pdf()],
        "health_consent": True,
    }
    data.update(kwargs)
    return accommodation_request_create(user=user, **data)


# --- Request ----------------------------------------------------------------------------------


def test_request_records_separate_health_consent_and_stores_file_privately(
    make_candidate, private_files, settings
):
    candidate = make_candidate()
    request = ask(candidate)
    assert request.status == AccommodationStatus.PENDING
    consent = request.health_consent
    assert consent.purpose == ConsentPurpose.HEALTH_DATA
    assert consent.notice_version == HEALTH_CONSENT_VERSION
    assert ConsentRecord.objects.filter(user=candidate, purpose="health_data").count() == 1
    (document,) = request.documents.all()
    assert document.original_name == "certificate.pdf"
    assert document.content_type == "application/pdf"
    path = private_files / document.file.name
    assert path.read_bytes() == PDF
    # Stored under a random name outside MEDIA_ROOT, and without any public URL.
    assert "certificate" not in document.file.name
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018
    # The audit log has the needs, not the health details.
    event = AuditEvent.objects.get(action="accommodation.request")
    assert event.changes["needs"]["extra_time_percent"] == 25
    assert "Dyslexia" not in str(event.changes) and "Dyslexia" not in event.target_repr


def test_request_needs_consent(make_candidate):
    candidate = make_candidate()
    with pytest.raises(ValidationError) as error:
        ask(candidate, health_consent=False)
    assert "health_consent" in error.value.error_dict
    assert not AccommodationRequest.objects.exists()
    assert not ConsentRecord.objects.filter(purpose="health_data").exists()


@pytest.mark.parametrize(
    ("upload", "code_text"),
    [
        (SimpleUploadedFile("x.exe", b"MZ..."), "請上傳 PDF、JPEG 或 PNG"),
        (SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"), "內容並非"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)), "超過 5 MB"),
        (SimpleUploadedFile("empty.png", b""), "空的檔案"),
    ],
)
def test_bad_documents_are_refused_with_a_clear_error(
    make_candidate, private_files, upload, code_text
):
    candidate = make_candidate()
    with pytest.raises(ValidationError) as error:
        ask(candidate, documents=[pdf(), upload])
    assert code_text in " ".join(error.value.message_dict["documents"])
    assert not AccommodationRequest.objects.exists()
    assert not private_files.exists() or not any(private_files.rglob("*.*"))


def test_request_needs_a_document_and_a_need(make_candidate):
    candidate = make_candidate()
    with pytest.raises(ValidationError) as error:
        ask(candidate, documents=[])
    assert "documents" in error.value.error_dict
    with pytest.raises(ValidationError):
        ask(candidate, extra_time_percent=0, separate_room=False)
    with pytest.raises(ValidationError):
        ask(candidate, extra_time_percent=30)


def test_one_pending_request_at_a_time_and_withdraw(make_candidate):
    candidate = make_candidate()
    first = ask(candidate)
    with pytest.raises(ValidationError):
        ask(candidate, documents=[SimpleUploadedFile("scan.png", PNG)])
    with pytest.raises(PermissionDenied):
        accommodation_request_withdraw(user=make_candidate(), request_id=first.pk)
    accommodation_request_withdraw(user=candidate, request_id=first.pk)
    first.refresh_from_db()
    assert first.status == AccommodationStatus.WITHDRAWN
    second = ask(candidate, documents=[SimpleUploadedFile("scan.png", PNG)])
    assert second.documents.get().content_type == "image/png"


# --- Decision ---------------------------------------------------------------------------------


def test_approve_emails_candidate_and_extra_time_reaches_registration(
    world, make_session, make_candidate, django_capture_on_commit_callbacks
):
    candidate = make_candidate(language="en")
    registration = registration_create(candidate=candidate, session=make_session(fee=0))
    assert registration_extra_time_percent(registration) == 0
    request = ask(candidate, extra_time_percent=50)
    assert registration_extra_time_percent(registration) == 0  # pending is not approved
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accommodation_request_decide(
            actor=world.admin, request_id=request.pk, approve=True, note="OK"
        )
    request.refresh_from_db()
    assert request.status == AccommodationStatus.APPROVED
    assert request.decided_by == world.admin
    assert registration_extra_time_percent(registration) == 50
    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert "approved" in message.subject
    assert "+50 % time" in message.body and "separate room" in message.body
    assert "Dyslexia" not in message.body
    assert AuditEvent.objects.filter(action="accommodation.approve").exists()


def test_reject_needs_a_note_and_emails_in_chinese(
    world, make_candidate, django_capture_on_commit_callbacks
):
    candidate = make_candidate(language="zh-hant")
    request = ask(candidate)
    with pytest.raises(ValidationError):
        accommodation_request_decide(actor=world.admin, request_id=request.pk, approve=False)
    with django_capture_on_commit_callbacks(execute=True):
        accommodation_request_decide(
            actor=world.admin, request_id=request.pk, approve=False, note="證明文件不足"
        )
    request.refresh_from_db()
    assert request.status == AccommodationStatus.REJECTED
    (message,) = mail.outbox
    assert "未獲核准" in message.subject
    assert "證明文件不足" in message.body
    with pytest.raises(ValidationError):  # decided once
        accommodation_request_decide(actor=world.admin, request_id=request.pk, approve=True)


def test_only_the_foundation_decides(world, make_candidate):
    candidate = make_candidate()
    request = ask(candidate)
    for actor in (candidate, world.manager, make_candidate()):
        with pytest.raises(PermissionDenied):
            accommodation_request_decide(actor=actor, request_id=request.pk, approve=True)
    request.refresh_from_db()
    assert request.status == AccommodationStatus.PENDING


def test_new_approval_supersedes_and_end_date_limits(world, make_session, make_candidate):
    candidate = make_candidate()
    first = ask(candidate, extra_time_percent=25)
    accommodation_request_decide(actor=world.admin, request_id=first.pk, approve=True)
    second = ask(candidate, extra_time_percent=50, documents=[pdf("new.pdf")])
    accommodation_request_decide(
        actor=world.admin,
        request_id=second.pk,
        approve=True,
        valid_until=timezone.localdate() + dt.timedelta(days=10),
    )
    first.refresh_from_db()
    assert first.status == AccommodationStatus.SUPERSEDED
    soon = registration_create(
        candidate=candidate, session=make_session(fee=0, days=5, closes_before_days=1)
    )
    late = registration_create(
        candidate=candidate, session=make_session(fee=0, days=40, subject=world.genai)
    )
    assert registration_extra_time_percent(soon) == 50
    assert registration_extra_time_percent(late) == 0  # after valid_until


# --- Pages and who sees what ------------------------------------------------------------------


def test_candidate_requests_through_the_page(client, make_candidate, private_files):
    candidate = make_candidate(language="en")
    client.force_login(candidate)
    url = reverse("registration:accommodations")
    page = client.get(url)
    assert page.status_code == 200
    assert f'data-version="{HEALTH_CONSENT_VERSION}"' in page.content.decode()
    refused = client.post(url, {"extra_time_percent": "25", "documents": [pdf()], "details": "x"})
    assert refused.status_code == 200 and not AccommodationRequest.objects.exists()
    assert "health_consent" in refused.context["form"].errors
    response = client.post(
        url,
        {
            "extra_time_percent": "25",
            "large_print": "on",
            "details": "Low vision",
            "documents": [pdf("a.pdf"), SimpleUploadedFile("b.png", PNG)],
            "health_consent": "on",
        },
    )
    assert response.status_code == 302
    request = AccommodationRequest.objects.get(candidate=candidate)
    assert request.large_print and request.documents.count() == 2
    page = client.get(url).content.decode()
    assert "a.pdf" in page and "撤回" in page


def test_document_download_permissions(client, world, make_candidate, staff_login):
    candidate = make_candidate()
    document = ask(candidate).documents.get()
    url = reverse("registration:accommodation_document", args=[document.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(make_candidate())
    assert client.get(url).status_code == 404  # another candidate
    staff_login(world.manager)
    assert client.get(url).status_code == 404  # center manager: never health documents
    client.force_login(candidate)
    own = client.get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert own["Content-Disposition"].startswith("attachment")
    assert own["Cache-Control"] == "private, no-store"
    staff_login(world.admin)
    admin = client.get(url)
    assert admin.status_code == 200 and b"".join(admin.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        action="accommodation.document_view", actor=world.admin
    ).exists()
    assert (
        client.get(reverse("registration:accommodation_document", args=[999999])).status_code == 404
    )


def test_review_pages_only_for_the_foundation(client, world, make_candidate, staff_login):
    candidate = make_candidate()
    request = ask(candidate)
    urls = [
        reverse("registration:accommodation_review_list"),
        reverse("registration:accommodation_review", args=[request.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(candidate)
    for url in urls:
        assert client.get(url).status_code == 403
    staff_login(world.manager)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(urls[1], {"decision": "approve"}).status_code == 403
    staff_login(world.admin)
    listing = client.get(urls[0]).content.decode()
    assert "考生" in listing and "延長 25% 時間" in listing
    detail = client.get(urls[1]).content.decode()
    assert "Dyslexia diagnosed 2019" in detail
    assert (
        reverse("registration:accommodation_document", args=[request.documents.get().pk]) in detail
    )
    refused = client.post(urls[1], {"decision": "reject", "note": ""})
    assert refused.status_code == 200
    response = client.post(urls[1], {"decision": "approve", "note": "", "valid_until": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccommodationStatus.APPROVED


def test_other_candidate_cannot_withdraw_through_the_page(client, make_candidate):
    request = ask(make_candidate())
    client.force_login(make_candidate())
    response = client.post(reverse("registration:accommodation_withdraw", args=[request.pk]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == AccommodationStatus.PENDING


def test_data_export_and_deletion_cover_health_data(
    world, make_candidate, private_files, django_capture_on_commit_callbacks
):
    from aicert.registration.selectors import candidate_data_export
    from aicert.registration.services import deletion_request_create, deletion_request_process

    candidate = make_candidate()
    request = ask(candidate)
    path = private_files / request.documents.get().file.name
    exported = candidate_data_export(user=candidate)["accommodation_requests"]
    assert exported[0]["details"] == "Dyslexia diagnosed 2019"
    assert exported[0]["documents"] == ["certificate.pdf"]
    deletion = deletion_request_create(user=candidate)
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request_process(actor=world.admin, request=deletion, approve=True)
    assert not AccommodationRequest.objects.filter(candidate=candidate).exists()
    assert not path.exists()
