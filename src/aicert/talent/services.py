"""Writes of talent: employer applications and their approval, bulk verifications, API keys
and their calls, the holder's consent and profile, search logs and contact requests."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aicert.accounts.models import Organisation, User
from aicert.accounts.permissions import require_permission
from aicert.accounts.roles import OrganisationKind, Role
from aicert.accounts.services import membership_grant, organisation_upsert
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.models import CompetencyDomain, Level
from aicert.centers.models import County, Region
from aicert.credentials.selectors import certificates_check
from aicert.talent import locks, tasks
from aicert.talent.bulkfile import ParsedFile
from aicert.talent.consent import CONSENT_VERSION, consent_text
from aicert.talent.models import (
    ApiCall,
    ApiKey,
    ApplicationStatus,
    BulkStatus,
    BulkVerification,
    BulkVerificationChunk,
    ContactRequest,
    ContactStatus,
    EmployerApplication,
    JobPosting,
    TalentConsent,
    TalentProfile,
    TalentSearch,
    TalentView,
    ViewKind,
)
from aicert.talent.taxid import is_valid_business_number

API_CALLS_PER_MINUTE = 60
API_KEY_PREFIX = "aic_"
BULK_CHUNK = 500


# --- Employer applications -------------------------------------------------------------------


def _clean_tax_id(tax_id: str) -> str:
    value = tax_id.strip().replace(" ", "").replace("-", "")
    if not (len(value) == 8 and value.isascii() and value.isdigit()):
        raise ValidationError({"tax_id": _("A business number is 8 digits.")})
    if not is_valid_business_number(value):
        raise ValidationError(
            {"tax_id": _("This business number's check digit is wrong: check it for typos.")}
        )
    return value


@transaction.atomic
def employer_application_submit(
    *,
    applicant: User,
    name_zh: str,
    name_en: str,
    tax_id: str,
    contact_name: str,
    contact_phone: str,
    website: str = "",
) -> EmployerApplication:
    """A signed-in person asks to recruit for a company; the foundation decides."""
    tax_id = _clean_tax_id(tax_id)
    if EmployerApplication.objects.filter(
        applicant=applicant, status=ApplicationStatus.PENDING
    ).exists():
        raise ValidationError(_("You already have an application awaiting approval."))
    application = EmployerApplication(
        applicant=applicant,
        name_zh=name_zh.strip(),
        name_en=name_en.strip(),
        tax_id=tax_id,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        website=website.strip(),
    )
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # a second submit at the same moment
        raise ValidationError(_("You already have an application awaiting approval.")) from error
    audit_record(
        actor=applicant,
        action="talent.employer_application_submit",
        target=application,
        changes={"tax_id": tax_id, "name_zh": application.name_zh},
    )
    return application


def _employer_organisation_for(application: EmployerApplication) -> Organisation:
    """The employer organisation of this business number: the existing one, or a new one."""
    existing = (
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER, tax_id=application.tax_id)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    slug = f"employer-{application.tax_id}"
    base = slugify(application.name_en)[:30]
    if base:
        slug = f"{base}-{application.tax_id}"
    return organisation_upsert(
        slug=slug,
        kind=OrganisationKind.EMPLOYER,
        name_zh=application.name_zh,
        name_en=application.name_en or application.name_zh,
        tax_id=application.tax_id,
        website=application.website,
    )


@transaction.atomic
def employer_application_decide(
    *, actor: Actor, application: EmployerApplication, approve: bool, note: str = ""
) -> EmployerApplication:
    """Approve (the applicant becomes the organisation's recruiter) or reject an application."""
    require_permission(actor, "talent.decide_employerapplication", application)
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Tell the applicant why the application is rejected.")})
    now = timezone.now()
    status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    # Decided once: the conditional update is the check (a second decision changes no row).
    changed = EmployerApplication.objects.filter(
        pk=application.pk, status=ApplicationStatus.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, decision_note=note)
    if not changed:
        raise ValidationError(_("This application has already been decided."))
    application.refresh_from_db()
    if approve:
        organisation = _employer_organisation_for(application)
        application.organisation = organisation
        application.save(update_fields=["organisation"])
        membership_grant(
            actor=actor, user=application.applicant, organisation=organisation, role=Role.EMPLOYER
        )
    audit_record(
        actor=actor,
        action="talent.employer_application_decide",
        target=application,
        changes={"status": status, "note": note, "organisation": application.organisation_id},
    )
    return application


# --- Verification ----------------------------------------------------------------------------


def _recruiter_of(actor: Actor, organisation: Organisation, perm: str) -> User:
    require_permission(actor, perm)
    assert actor is not None
    if not actor.is_superuser and not any(
        m.organisation_id == organisation.pk and m.role == Role.EMPLOYER
        for m in actor.active_memberships
    ):
        raise PermissionDenied
    return actor


@transaction.atomic
def bulk_verification_create(
    *, actor: Actor, organisation: Organisation, filename: str, parsed: ParsedFile
) -> BulkVerification:
    """Queue the check of an uploaded file's rows; the task fills in the results."""
    recruiter = _recruiter_of(actor, organisation, "talent.add_bulkverification")
    bulk = BulkVerification.objects.create(
        organisation=organisation,
        requested_by=recruiter,
        filename=filename[:200],
        header=parsed.header,
        total_rows=len(parsed.rows),
        rows=parsed.rows,
        errors=parsed.errors,
    )
    pk = bulk.pk
    transaction.on_commit(lambda: tasks.bulk_verification_run.enqueue(bulk_id=pk))
    return bulk


def _result_row(row: dict[str, Any], check: Any) -> dict[str, Any]:
    def iso(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return {
        "line": row["line"],
        "status": check.status,
        "level": check.level_name,
        "issued_on": iso(check.issued_on),
        "valid_from": iso(check.valid_from),
        "expires_on": iso(check.expires_on),
        "status_changed_on": iso(check.status_changed_on),
    }


def bulk_verification_run(*, bulk_id: int) -> BulkVerification:
    """Check a queued file's rows, a chunk at a time, saving each chunk's answers as a
    :class:`BulkVerificationChunk` and the progress counters after it (the page polls them).
    Each answer is written once, so a file costs time linear in its rows. Run by the task; a
    finished one is left as it is, a broken-off one starts again from its first row."""
    bulk = BulkVerification.objects.get(pk=bulk_id)
    if bulk.status == BulkStatus.DONE:
        return bulk
    bulk.status = BulkStatus.RUNNING
    bulk.processed_rows = 0
    bulk.valid_count = 0
    bulk.save(update_fields=["status", "processed_rows", "valid_count"])
    BulkVerificationChunk.objects.filter(bulk=bulk).delete()
    rows = bulk.rows
    for index, start in enumerate(range(0, len(rows), BULK_CHUNK)):
        chunk = rows[start : start + BULK_CHUNK]
        checks = certificates_check([(r["number"], r["name"]) for r in chunk])
        # The answers first, then the counters: the progress never claims an unsaved row.
        BulkVerificationChunk.objects.create(
            bulk=bulk,
            index=index,
            results=[_result_row(row, check) for row, check in zip(chunk, checks, strict=True)],
        )
        bulk.valid_count += sum(int(check.is_valid) for check in checks)
        bulk.processed_rows += len(chunk)
        bulk.save(update_fields=["processed_rows", "valid_count"])
    bulk.status = BulkStatus.DONE
    bulk.finished_at = timezone.now()
    bulk.save(update_fields=["status", "finished_at"])
    return bulk


def bulk_verification_fail(*, bulk_id: int) -> None:
    """Mark a verification whose task broke down as failed (the page then says so)."""
    BulkVerification.objects.filter(pk=bulk_id).exclude(status=BulkStatus.DONE).update(
        status=BulkStatus.FAILED, finished_at=timezone.now()
    )


# --- API keys and calls ----------------------------------------------------------------------


def api_key_hash(raw: str) -> str:
    """SHA-256 of a key: the keys are 256-bit random, so a fast hash is as safe as a slow one."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, actor: Actor, organisation: Organisation, name: str) -> tuple[ApiKey, str]:
    """A new key for ``organisation``; returns it with the secret, which is never shown again."""
    recruiter = _recruiter_of(actor, organisation, "talent.add_apikey")
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name (e.g. the system that uses it).")})
    raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name[:100],
        prefix=raw[:10],
        key_hash=api_key_hash(raw),
        created_by=recruiter,
    )
    audit_record(
        actor=recruiter,
        action="talent.api_key_create",
        target=key,
        changes={"organisation": organisation.slug, "prefix": key.prefix},
    )
    return key, raw


@transaction.atomic
def api_key_revoke(*, actor: Actor, key: ApiKey) -> ApiKey:
    """Revoke a key at once: calls with it are refused from now on."""
    recruiter = _recruiter_of(actor, key.organisation, "talent.change_apikey")
    key = locks.api_key_row_lock(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(
            actor=recruiter,
            action="talent.api_key_revoke",
            target=key,
            changes={"prefix": key.prefix},
        )
    return key


@transaction.atomic
def api_call_admit(
    *, key_id: int, ip: str | None, count: int, now: dt.datetime | None = None
) -> int:
    """Log one call of the key and say whether it may go on: 0, or the seconds to wait.

    At most :data:`API_CALLS_PER_MINUTE` admitted calls per key in any 60 seconds; refused calls
    are logged too (status 429) but do not count against the limit.
    """
    now = now or timezone.now()
    key = locks.api_key_row_lock(pk=key_id)
    window = now - dt.timedelta(seconds=60)
    recent = list(
        ApiCall.objects.filter(key=key, at__gt=window, status_code=200)
        .order_by("at")
        .values_list("at", flat=True)[:API_CALLS_PER_MINUTE]
    )
    if len(recent) >= API_CALLS_PER_MINUTE:
        ApiCall.objects.create(
            key=key, organisation_id=key.organisation_id, at=now, count=0, ip=ip, status_code=429
        )
        wait = (recent[0] + dt.timedelta(seconds=60) - now).total_seconds()
        return max(1, int(wait) + 1)
    ApiCall.objects.create(
        key=key, organisation_id=key.organisation_id, at=now, count=count, ip=ip, status_code=200
    )
    key.last_used_at = now
    key.save(update_fields=["last_used_at"])
    return 0


# --- Consent and profile ---------------------------------------------------------------------


@transaction.atomic
def talent_consent_give(*, user: User) -> TalentConsent:
    """The holder agrees to the current text; any older consent of theirs is closed first."""
    now = timezone.now()
    standing = TalentConsent.objects.filter(user=user, withdrawn_at__isnull=True).first()
    if standing is not None and standing.version == CONSENT_VERSION:
        return standing
    if standing is not None:
        standing.withdrawn_at = now
        standing.save(update_fields=["withdrawn_at"])
    consent = TalentConsent.objects.create(
        user=user, version=CONSENT_VERSION, text=consent_text(), given_at=now
    )
    TalentProfile.objects.get_or_create(user=user)
    audit_record(
        actor=user,
        action="talent.consent_give",
        target=consent,
        changes={"version": CONSENT_VERSION},
    )
    return consent


@transaction.atomic
def talent_consent_withdraw(*, user: User) -> TalentConsent | None:
    """The holder withdraws: out of every search and profile view from this moment."""
    standing = TalentConsent.objects.filter(user=user, withdrawn_at__isnull=True).first()
    if standing is None:
        return None
    standing.withdrawn_at = timezone.now()
    standing.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=user,
        action="talent.consent_withdraw",
        target=standing,
        changes={"version": standing.version},
    )
    return standing


_EMAIL = re.compile(r"\S+@\S+|[@＠]")
_PHONE = re.compile(r"(?:\d[\s\-().]*){7,}")

PROFILE_FIELDS = (
    "show_name", "show_county", "show_levels", "show_domains", "show_selfassess", "headline",
)  # fmt: skip


@transaction.atomic
def talent_profile_update(*, user: User, **choices: Any) -> TalentProfile:
    """What the holder shows employers (only the fields of :data:`PROFILE_FIELDS`)."""
    unknown = set(choices) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown profile fields: {sorted(unknown)}")
    headline = str(choices.get("headline", ""))
    if _EMAIL.search(headline) or _PHONE.search(headline):
        # Results never show contact data: contact goes through a request the holder accepts.
        raise ValidationError(
            {
                "headline": _(
                    "Leave contact details out of the headline: employers write to you "
                    "through a contact request."
                )
            }
        )
    profile, _created = TalentProfile.objects.get_or_create(user=user)
    for name, value in choices.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else bool(value))
    profile.full_clean()
    profile.save(update_fields=[*choices, "updated_at"])
    audit_record(
        actor=user,
        action="talent.profile_update",
        target=profile,
        changes={k: v for k, v in choices.items() if k != "headline"},
    )
    return profile


# --- Search logs -----------------------------------------------------------------------------


@transaction.atomic
def talent_search_log(
    *,
    actor: Actor,
    organisation: Organisation,
    filters: dict[str, Any],
    profile_ids: Iterable[int],
) -> TalentSearch:
    """Record a search and every person it showed (each holder sees it in "who viewed me")."""
    recruiter = _recruiter_of(actor, organisation, "talent.view_talentprofile")
    ids = list(profile_ids)
    now = timezone.now()
    search = TalentSearch.objects.create(
        organisation=organisation,
        recruiter=recruiter,
        filters=filters,
        result_count=len(ids),
        at=now,
    )
    TalentView.objects.bulk_create(
        TalentView(
            profile_id=pk,
            organisation=organisation,
            recruiter=recruiter,
            search=search,
            kind=ViewKind.SEARCH_RESULT,
            at=now,
        )
        for pk in ids
    )
    return search


@transaction.atomic
def talent_profile_view_log(
    *, actor: Actor, organisation: Organisation, profile: TalentProfile
) -> TalentView:
    recruiter = _recruiter_of(actor, organisation, "talent.view_talentprofile")
    return TalentView.objects.create(
        profile=profile,
        organisation=organisation,
        recruiter=recruiter,
        kind=ViewKind.PROFILE,
        at=timezone.now(),
    )


# --- Contact requests ------------------------------------------------------------------------


def _opted_in(profile: TalentProfile) -> bool:
    return TalentConsent.objects.filter(
        user_id=profile.user_id, version=CONSENT_VERSION, withdrawn_at__isnull=True
    ).exists()


@transaction.atomic
def contact_request_send(
    *, actor: Actor, organisation: Organisation, profile: TalentProfile, message: str
) -> ContactRequest:
    """A recruiter asks a holder (who is in the search) to get in touch."""
    recruiter = _recruiter_of(actor, organisation, "talent.add_contactrequest")
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a message to the person.")})
    if len(message) > 2000:
        raise ValidationError({"message": _("The message is longer than 2,000 characters.")})
    if not _opted_in(profile):
        raise ValidationError(_("This person is no longer in the talent search."))
    if ContactRequest.objects.filter(
        profile=profile, organisation=organisation, status=ContactStatus.PENDING
    ).exists():
        raise ValidationError(_("Your organisation already awaits this person's answer."))
    try:
        with transaction.atomic():
            contact = ContactRequest.objects.create(
                profile=profile,
                organisation=organisation,
                sender=recruiter,
                message=message,
                created_at=timezone.now(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Your organisation already awaits this person's answer.")
        ) from error
    audit_record(
        actor=recruiter,
        action="talent.contact_request_send",
        target=contact,
        changes={"organisation": organisation.slug, "profile": profile.pk},
    )
    return contact


def _own_request(user: User, contact: ContactRequest) -> ContactRequest:
    if contact.profile.user_id != user.pk:
        raise PermissionDenied
    return locks.contact_request_row_lock(pk=contact.pk)


@transaction.atomic
def contact_request_answer(*, user: User, contact: ContactRequest, accept: bool) -> ContactRequest:
    """The holder accepts (and may then read the message) or declines a request."""
    contact = _own_request(user, contact)
    if contact.status != ContactStatus.PENDING:
        raise ValidationError(_("You have already answered this request."))
    contact.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    contact.answered_at = timezone.now()
    contact.save(update_fields=["status", "answered_at"])
    audit_record(
        actor=user,
        action="talent.contact_request_answer",
        target=contact,
        changes={"status": contact.status},
    )
    return contact


@transaction.atomic
def contact_request_share_email(*, user: User, contact: ContactRequest) -> ContactRequest:
    """After accepting, the holder gives the recruiter their e-mail address."""
    contact = _own_request(user, contact)
    if contact.status != ContactStatus.ACCEPTED:
        raise ValidationError(_("Accept the request before sharing your e-mail address."))
    if not contact.shared_email:
        contact.shared_email = user.email
        contact.shared_at = timezone.now()
        contact.save(update_fields=["shared_email", "shared_at"])
        audit_record(
            actor=user,
            action="talent.contact_request_share_email",
            target=contact,
            changes={"organisation": contact.organisation_id},
        )
    return contact


# --- Job postings ----------------------------------------------------------------------------

POSTING_FIELDS = ("title", "description", "link", "closes_on", "region", "county")


def _job_posting_clean(
    *,
    title: str,
    description: str,
    link: str,
    closes_on: dt.date,
    levels: Iterable[Level],
    domains: Iterable[CompetencyDomain],
    region: Region,
    county: County | None,
) -> tuple[dict[str, Any], list[Level], list[CompetencyDomain]]:
    """The posting's fields, checked; a ValidationError names each field that is wrong."""
    levels, domains = list(levels), list(domains)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the job a title.")
    if not description.strip():
        errors["description"] = _("Describe the job.")
    if link and not re.match(r"^https?://", link):
        errors["link"] = _("The link must start with https:// or http://.")
    if closes_on < timezone.localdate():
        errors["closes_on"] = _("The closing date is in the past.")
    if not levels:
        errors["levels"] = _("Choose at least one level you hire for.")
    certification_ids = {level.certification_id for level in levels}
    if any(domain.certification_id not in certification_ids for domain in domains):
        errors["domains"] = _(
            "Each competency domain must belong to a chosen level's certification."
        )
    if county is not None and county.region_id != region.pk:
        errors["county"] = _("The county or city is not in the chosen region.")
    if errors:
        raise ValidationError(errors)
    fields = {
        "title": title.strip(),
        "description": description.strip(),
        "link": link,
        "closes_on": closes_on,
        "region": region,
        "county": county,
    }
    return fields, levels, domains


@transaction.atomic
def job_posting_create(*, actor: Actor, organisation: Organisation, **posting: Any) -> JobPosting:
    """An approved employer's recruiter publishes a posting (``posting``: title, description,
    link, closes_on, levels, domains, region, county). An organisation exists, with its
    recruiter, only once the foundation approved the application, so an applicant still
    waiting is refused here like anyone else who does not recruit for ``organisation``."""
    recruiter = _recruiter_of(actor, organisation, "talent.add_jobposting")
    if organisation.kind != OrganisationKind.EMPLOYER:
        raise PermissionDenied
    fields, levels, domains = _job_posting_clean(**posting)
    job = JobPosting.objects.create(organisation=organisation, created_by=recruiter, **fields)
    job.levels.set(levels)
    job.domains.set(domains)
    audit_record(
        actor=recruiter,
        action="talent.job_posting_create",
        target=job,
        changes={"title": job.title, "closes_on": job.closes_on.isoformat()},
    )
    return job


@transaction.atomic
def job_posting_update(*, actor: Actor, posting: JobPosting, **changes: Any) -> JobPosting:
    """The posting's own organisation edits it (all its fields at once, as the form sends
    them); no other organisation may. Closing it early = a closing date of today."""
    recruiter = _recruiter_of(actor, posting.organisation, "talent.change_jobposting")
    job = locks.job_posting_row_lock(pk=posting.pk)
    fields, levels, domains = _job_posting_clean(**changes)
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=[*POSTING_FIELDS, "updated_at"])
    job.levels.set(levels)
    job.domains.set(domains)
    audit_record(
        actor=recruiter,
        action="talent.job_posting_update",
        target=job,
        changes={"title": job.title, "closes_on": job.closes_on.isoformat()},
    )
    return job


@transaction.atomic
def job_posting_hide(
    *, actor: Actor, posting: JobPosting, hide: bool, reason: str = ""
) -> JobPosting:
    """The foundation hides a posting from holders (with a reason the employer sees), or shows
    it again."""
    require_permission(actor, "talent.hide_jobposting", posting)
    job = locks.job_posting_row_lock(pk=posting.pk)
    reason = reason.strip()
    if hide and not reason:
        raise ValidationError({"reason": _("Say why the posting is hidden.")})
    if hide:
        job.hidden_at, job.hidden_by, job.hidden_reason = timezone.now(), actor, reason
    else:
        job.hidden_at, job.hidden_by, job.hidden_reason = None, None, ""
    job.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="talent.job_posting_hide" if hide else "talent.job_posting_show",
        target=job,
        changes={"reason": reason} if hide else {},
    )
    return job
