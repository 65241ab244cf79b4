"""Writes for the candidate profile, consent and data rights (deletion requests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.registration import identity, locks, selectors
from aicert.registration.models import (
    PRIVACY_NOTICE_VERSION,
    AccommodationDocument,
    AccommodationRequest,
    CandidateProfile,
    ConsentPurpose,
    ConsentRecord,
    DeletionRequest,
    DeletionRequestStatus,
    Gender,
    private_storage,
)


@transaction.atomic
def candidate_profile_save(
    *,
    user: User,
    legal_name_zh: str,
    legal_name_en: str,
    birth_date: dt.date,
    phone: str,
    id_number: str | None = None,
    county: Any = None,
    organisation_name: str = "",
    gender: str | None = None,
) -> CandidateProfile:
    """Create or update a candidate's profile.

    ``id_number`` is required for a new profile and optional afterwards (``None`` keeps the stored
    one). It must pass the checksum of one of the three formats and belong to no other account
    (checked through the keyed hash; the unique constraint is the last word).
    """
    profile = locks.candidate_profile_row_lock(user=user)
    created = profile is None
    profile = profile or CandidateProfile(user=user)
    errors: dict[str, str] = {}
    if not legal_name_zh.strip() and not legal_name_en.strip():
        errors["legal_name_zh"] = _("Enter your legal name in Chinese or in English.")
    if id_number:
        try:
            number, kind = identity.validate(id_number)
        except ValueError as exc:
            errors["id_number"] = (
                _("This identity number's check digit is wrong: please check it.")
                if str(exc) == "checksum"
                else _(
                    "Enter a national ID (A123456789) or a resident certificate number "
                    "(A800000014 or AB12345678)."
                )
            )
        else:
            profile.set_id_number(number, kind.value)
            clash = CandidateProfile.objects.filter(id_number_hash=profile.id_number_hash)
            if clash.exclude(user=user).exists():
                errors["id_number"] = _(
                    "This identity number is already registered to another account."
                )
    elif created:
        errors["id_number"] = _("Enter your identity number.")
    if errors:
        raise ValidationError(errors)
    profile.legal_name_zh = legal_name_zh.strip()
    profile.legal_name_en = legal_name_en.strip()
    profile.birth_date = birth_date
    profile.phone = phone.strip()
    profile.county = county
    profile.organisation_name = organisation_name.strip()
    if gender is not None:  # None keeps what is stored; "" clears it
        if gender and gender not in Gender.values:
            raise ValidationError({"gender": _("Choose one of the listed options.")})
        profile.gender = gender
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"id_number": _("This identity number is already registered to another account.")}
        ) from exc
    audit_record(
        actor=user,
        action="candidate_profile.create" if created else "candidate_profile.update",
        target=profile,
        changes={"id_number": profile.id_number_masked} if id_number else {},
    )
    return profile


@transaction.atomic
def consent_give(
    *,
    user: User,
    purpose: str = ConsentPurpose.EXAM_REGISTRATION,
    notice_version: str = PRIVACY_NOTICE_VERSION,
) -> ConsentRecord:
    """Record explicit consent to a version of the privacy notice (idempotent)."""
    record, created = ConsentRecord.objects.get_or_create(
        user=user, notice_version=notice_version, purpose=purpose
    )
    if created:
        audit_record(
            actor=user,
            action="consent.give",
            target=record,
            changes={"notice_version": notice_version, "purpose": purpose},
        )
    return record


@transaction.atomic
def deletion_request_create(*, user: User, reason: str = "") -> DeletionRequest:
    """Ask for one's personal data to be deleted; one pending request at a time."""
    if selectors.deletion_request_pending(user=user):
        raise ValidationError(_("Your deletion request is already waiting to be processed."))
    request = DeletionRequest.objects.create(user=user, user_email=user.email, reason=reason)
    audit_record(actor=user, action="deletion_request.create", target=request)
    return request


@transaction.atomic
def deletion_request_process(
    *, actor: Actor, request: DeletionRequest, approve: bool, note: str = ""
) -> DeletionRequest:
    """The foundation decides a deletion request.

    Approved: the candidate profile (identity number, names, contact) is deleted; registrations
    and consent records stay as the legal record of what happened (PDPA Art. 11 allows keeping
    what a legal duty requires). Refused: the note says why.
    """
    if not user_can(actor, "registration.change_deletionrequest"):
        raise PermissionDenied
    request = locks.deletion_request_row_lock(pk=request.pk)
    if request.status != DeletionRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if approve and request.user_id:
        CandidateProfile.objects.filter(user_id=request.user_id).delete()
        _accommodations_delete(user_id=request.user_id)
    request.status = DeletionRequestStatus.PROCESSED if approve else DeletionRequestStatus.REFUSED
    request.processed_at = timezone.now()
    request.processed_by = actor
    request.outcome_note = note
    request.save(update_fields=["status", "processed_at", "processed_by", "outcome_note"])
    audit_record(
        actor=actor, action="deletion_request.decide", target=request, changes={"approve": approve}
    )
    return request


def _accommodations_delete(*, user_id: int) -> None:
    """Delete a person's accommodation requests and, once committed, their documents' files.

    Health data is kept no longer than needed: an approved deletion request removes it all
    (the health-data consent records stay, as the record of what was agreed).
    """
    names = list(
        AccommodationDocument.objects.filter(request__candidate_id=user_id).values_list(
            "file", flat=True
        )
    )
    AccommodationRequest.objects.filter(candidate_id=user_id).delete()
    storage = private_storage()

    def files_delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(files_delete)
