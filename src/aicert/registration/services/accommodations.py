"""Writes for exam accommodations: requests with their documents (health data, private storage),
withdrawal, the foundation's decision, opening a document, and deletion with the candidate's data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.registration import locks, tasks
from aicert.registration.models import (
    ACCOMMODATION_DOCUMENT_MAX_BYTES,
    ACCOMMODATION_DOCUMENT_TYPES,
    ACCOMMODATION_DOCUMENTS_PER_REQUEST,
    HEALTH_CONSENT_VERSION,
    AccommodationDocument,
    AccommodationRequest,
    AccommodationStatus,
    ConsentPurpose,
    ExtraTime,
    private_storage,
)
from aicert.registration.services.profile import consent_give

_MAGIC_BYTES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def _accommodation_notify(request: AccommodationRequest) -> None:
    pk = request.pk
    transaction.on_commit(lambda: tasks.accommodation_email_send.enqueue(request_id=pk))


def _check_document(upload: Any) -> str:
    """The content type of an acceptable supporting document, or a ValidationError."""
    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    content_type = ACCOMMODATION_DOCUMENT_TYPES.get(suffix)
    if content_type is None:
        raise ValidationError(
            _("%(name)s: upload a PDF, JPEG or PNG file.") % {"name": name}, code="file_type"
        )
    if upload.size > ACCOMMODATION_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": ACCOMMODATION_DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="file_empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in _MAGIC_BYTES[content_type]):
        raise ValidationError(
            _("%(name)s is not really a PDF, JPEG or PNG file.") % {"name": name},
            code="file_content",
        )
    return content_type


@transaction.atomic
def accommodation_request_create(
    *,
    user: User,
    extra_time_percent: int = 0,
    separate_room: bool = False,
    large_print: bool = False,
    accessible_seat: bool = False,
    details: str = "",
    documents: list[Any],
    health_consent: bool,
) -> AccommodationRequest:
    """A candidate asks for accommodations, with documents and consent to process health data.

    The consent is separate from the privacy notice and explicit (a ticked box for the versioned
    text of ``registration/health_consent_notice.html``); it is recorded as a
    :class:`ConsentRecord` (purpose ``health_data``) before anything is stored. One request may
    wait for review at a time. Files: 1 to ``ACCOMMODATION_DOCUMENTS_PER_REQUEST``, PDF/JPEG/PNG
    (checked by content, not only the name), at most ``ACCOMMODATION_DOCUMENT_MAX_BYTES`` each.
    """
    errors: dict[str, list[str]] = {}
    if not health_consent:
        errors["health_consent"] = [
            _("Without your consent we cannot process health information about you.")
        ]
    if extra_time_percent not in ExtraTime.values:
        errors["extra_time_percent"] = [_("Choose +25 % or +50 % (or no extra time).")]
    elif not (extra_time_percent or separate_room or large_print or accessible_seat):
        errors["__all__"] = [_("Choose at least one accommodation.")]
    if not documents:
        errors["documents"] = [
            _("Attach a supporting document (for example a medical certificate).")
        ]
    elif len(documents) > ACCOMMODATION_DOCUMENTS_PER_REQUEST:
        errors["documents"] = [
            _("Attach at most %(count)s files.") % {"count": ACCOMMODATION_DOCUMENTS_PER_REQUEST}
        ]
    else:
        content_types = []
        for upload in documents:
            try:
                content_types.append(_check_document(upload))
            except ValidationError as error:
                errors.setdefault("documents", []).extend(error.messages)
    if AccommodationRequest.objects.filter(
        candidate=user, status=AccommodationStatus.PENDING
    ).exists():
        errors.setdefault("__all__", []).append(
            _("You already have a request waiting for review: withdraw it to make a new one.")
        )
    if errors:
        raise ValidationError(errors)
    consent = consent_give(
        user=user, purpose=ConsentPurpose.HEALTH_DATA, notice_version=HEALTH_CONSENT_VERSION
    )
    try:
        with transaction.atomic():
            request = AccommodationRequest.objects.create(
                candidate=user,
                extra_time_percent=extra_time_percent,
                separate_room=separate_room,
                large_print=large_print,
                accessible_seat=accessible_seat,
                details=details.strip(),
                health_consent=consent,
            )
    except IntegrityError as exc:  # a second tab submitted at the same moment
        raise ValidationError(
            _("You already have a request waiting for review: withdraw it to make a new one.")
        ) from exc
    stored: list[str] = []
    try:
        for upload, content_type in zip(documents, content_types, strict=True):
            document = AccommodationDocument(
                request=request,
                original_name=Path(upload.name).name[:200],
                content_type=content_type,
                size=upload.size,
            )
            document.file.save(upload.name, upload, save=False)
            # Saving names the file (the type allows None only for an empty file field).
            assert document.file.name is not None
            stored.append(document.file.name)
            document.save()
        audit_record(
            actor=user,
            action="accommodation.request",
            target=request,
            changes={"needs": _needs_for_audit(request), "documents": len(stored)},
        )
    except BaseException:
        # Files are not transactional: remove what was written before the rollback.
        for name in stored:
            private_storage().delete(name)
        raise
    return request


def _needs_for_audit(request: AccommodationRequest) -> dict[str, Any]:
    return {
        "extra_time_percent": request.extra_time_percent,
        "separate_room": request.separate_room,
        "large_print": request.large_print,
        "accessible_seat": request.accessible_seat,
    }


@transaction.atomic
def accommodation_request_withdraw(*, user: User, request_id: int) -> AccommodationRequest:
    """The candidate withdraws their own pending request (the documents stay as its record)."""
    request = locks.accommodation_request_row_lock(pk=request_id)
    if request.candidate_id != user.pk:
        raise PermissionDenied
    if request.status != AccommodationStatus.PENDING:
        raise ValidationError(_("Only a request waiting for review can be withdrawn."))
    request.status = AccommodationStatus.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=user, action="accommodation.withdraw", target=request)
    return request


@transaction.atomic
def accommodation_request_decide(
    *,
    actor: Actor,
    request_id: int,
    approve: bool,
    note: str = "",
    valid_until: dt.date | None = None,
    now: dt.datetime | None = None,
) -> AccommodationRequest:
    """A foundation admin approves or rejects a pending request; the candidate is emailed.

    A rejection must say why (``note``). An approval replaces the candidate's previous approved
    accommodation (status ``superseded``) and applies to sittings up to ``valid_until`` (empty:
    no end). Seats already assigned do not move; the manager's seat list shows the new needs.
    """
    if not user_can(actor, "registration.decide_accommodationrequest"):
        raise PermissionDenied
    now = now or timezone.now()
    request = locks.accommodation_request_row_lock(pk=request_id)
    if request.status != AccommodationStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if request.candidate_id == actor.pk:
        raise PermissionDenied(_("Nobody decides their own accommodation request."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the request is rejected.")})
    if approve and valid_until is not None and valid_until < timezone.localtime(now).date():
        raise ValidationError({"valid_until": _("The end date is in the past.")})
    if approve:
        previous = locks.accommodation_request_rows_lock(
            queryset=AccommodationRequest.objects.filter(
                candidate_id=request.candidate_id, status=AccommodationStatus.APPROVED
            )
        )
        for old in previous:
            old.status = AccommodationStatus.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="accommodation.supersede", target=old)
    request.status = AccommodationStatus.APPROVED if approve else AccommodationStatus.REJECTED
    request.decision_note = note
    request.valid_until = valid_until if approve else None
    request.decided_by = actor
    request.decided_at = now
    request.save(
        update_fields=[
            "status",
            "decision_note",
            "valid_until",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="accommodation.approve" if approve else "accommodation.reject",
        target=request,
        changes={
            "needs": _needs_for_audit(request),
            "valid_until": valid_until.isoformat() if approve and valid_until else None,
        },
    )
    _accommodation_notify(request)
    return request


def accommodation_document_open(*, user: User, document_id: int) -> AccommodationDocument:
    """A supporting document for its candidate or a reviewer; a reviewer's access is audited.

    ``PermissionDenied`` for anyone else (callers answer 404, so existence does not leak).
    """
    document = AccommodationDocument.objects.select_related("request").get(pk=document_id)
    if document.request.candidate_id == getattr(user, "pk", None):
        return document
    if not user_can(user, "registration.view_accommodationrequest"):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=user,
            action="accommodation.document_view",
            target=document.request,
            changes={"document": document.pk},
        )
    return document
