"""Issuing certificates and changing their status. Every change is audited and in the history.

1. A level pass (``results.events.LevelAchieved``) issues the holder's certificate of that level
   inside the transaction that recorded the pass: a pass without its certificate never commits.
2. A rescore that takes the pass away (``LevelAchievementWithdrawn``) revokes it with the reason,
   in that same transaction, and the holder is e-mailed once it commits.
3. The foundation suspends, reinstates and revokes by hand (:func:`certificate_status_change`).
4. A periodic job marks certificates past their expiry date expired (:func:`certificates_expire_due`).
5. Renewal keeps the number and starts a new validity period (event RENEWED, audited, mailed):

   * **by re-exam** (``results.events.LevelPassedAgain``, level.renewal_by_reexam): a pass inside
     the renewal window (``level.renewal_window_months`` before expiry) or after expiry starts a
     new period on the pass date;
   * **by CPD hours** (``level.renewal_cpd_hours`` > 0): hours the holder submits inside the
     renewal window, once the foundation has approved enough of them, renew with *continuous
     validity*: the new period starts the day after the old expiry, as professional bodies
     (e.g. PMI, ISC2) extend a certification cycle from its end date rather than from the day
     the paperwork was approved, so renewing early never shortens the holder's validity.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aicert.accounts.models import User
from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.catalog.models import Level
from aicert.credentials import locks, numbering, tasks
from aicert.credentials.models import (
    CPD_EVIDENCE_MAX_BYTES,
    STATUS_LIST_SIZE,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CpdRecord,
    CpdStatus,
    Publication,
    ReminderOffset,
    ReminderSent,
)
from aicert.credentials.validity import add_months, expiry_for
from aicert.registration.models import CandidateProfile, LevelAchievement
from aicert.results.events import LevelAchieved, LevelAchievementWithdrawn, LevelPassedAgain

# A certificate may move between these statuses by hand; "expired" only by the calendar (and
# back to active by a renewal), "revoked" is final.
_MANUAL_TRANSITIONS: dict[str, set[str]] = {
    CertificateStatus.ACTIVE: {CertificateStatus.SUSPENDED, CertificateStatus.REVOKED},
    CertificateStatus.EXPIRED: {CertificateStatus.REVOKED},
    CertificateStatus.SUSPENDED: {CertificateStatus.ACTIVE, CertificateStatus.REVOKED},
    CertificateStatus.REVOKED: set(),
}
_EVENT_OF_STATUS: dict[str, str] = {
    CertificateStatus.SUSPENDED: CertificateEventKind.SUSPENDED,
    CertificateStatus.REVOKED: CertificateEventKind.REVOKED,
    CertificateStatus.ACTIVE: CertificateEventKind.REINSTATED,
}


def _holder_names(holder: User) -> tuple[str, str]:
    profile = CandidateProfile.objects.filter(user=holder).first()
    if profile is None:
        return holder.display_name or holder.email, ""
    return profile.legal_name_zh, profile.legal_name_en


def _status_list_entry() -> tuple[int, int]:
    """A free (list, index) chosen at random: the position says nothing about issue order."""
    list_number = 1
    while True:
        used = Certificate.objects.filter(status_list_number=list_number).count()
        if used < STATUS_LIST_SIZE * 0.9:
            break
        list_number += 1
    for _attempt in range(100):
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if not Certificate.objects.filter(
            status_list_number=list_number, status_list_index=index
        ).exists():
            return list_number, index
    raise RuntimeError("no free status list entry found")  # at <= 90 % full: p < 0.9**100


def _record(
    certificate: Certificate, kind: str, *, actor: Actor, reason: str = "", now: dt.datetime
) -> None:
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=kind,
        at=now,
        valid_from=certificate.valid_from,
        expires_on=certificate.expires_on,
        reason=reason,
        actor=actor,
    )


@transaction.atomic
def certificate_issue(
    *,
    holder: User,
    level: Level,
    passed_on: dt.date,
    basis: str,
    actor: Actor,
    now: dt.datetime | None = None,
) -> Certificate:
    """Issue ``holder``'s certificate of ``level``, valid from ``passed_on`` by the level's rule.

    Idempotent: a holder who already has a standing (not revoked) certificate of the level gets
    that one back unchanged. Called by the system (results' pass event, the import command), so
    it checks no permission itself.
    """
    now = now or timezone.now()
    standing = (
        Certificate.objects.filter(holder=holder, level=level)
        .exclude(status=CertificateStatus.REVOKED)
        .first()
    )
    if standing is not None:
        return standing
    name_zh, name_en = _holder_names(holder)
    list_number, index = _status_list_entry()
    # The number comes from the row's own id, so it is taken after the insert (same transaction).
    placeholder = f"pending-{secrets.token_hex(6)}"
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                number=placeholder,
                holder=holder,
                holder_name_zh=name_zh,
                holder_name_en=name_en,
                level=level,
                status=CertificateStatus.ACTIVE,
                issued_on=passed_on,
                valid_from=passed_on,
                expires_on=expiry_for(passed_on, level.validity_months),
                status_changed_at=now,
                basis=basis,
                status_list_number=list_number,
                status_list_index=index,
            )
    except IntegrityError:
        # A concurrent pass of the same holder and level issued it first.
        return Certificate.objects.exclude(status=CertificateStatus.REVOKED).get(
            holder=holder, level=level
        )
    certificate.number = numbering.certificate_number(year=passed_on.year, serial=certificate.pk)
    certificate.save(update_fields=["number"])
    _record(certificate, CertificateEventKind.ISSUED, actor=actor, now=now)
    audit_record(
        actor=actor,
        action="credentials.certificate_issue",
        target=certificate,
        changes={
            "holder": holder.pk,
            "level": level.code,
            "valid_from": str(certificate.valid_from),
            "expires_on": str(certificate.expires_on) if certificate.expires_on else None,
            "basis": basis,
        },
    )
    transaction.on_commit(
        lambda: tasks.certificate_email_send.enqueue(certificate_id=certificate.pk, kind="issued")
    )
    return certificate


def _status_set(
    certificate: Certificate, status: str, *, reason: str, actor: Actor, now: dt.datetime
) -> Certificate:
    before = certificate.status
    certificate.status = status
    certificate.status_reason = reason
    certificate.status_changed_at = now
    certificate.save(update_fields=["status", "status_reason", "status_changed_at"])
    kind = CertificateEventKind.EXPIRED if status == CertificateStatus.EXPIRED else None
    _record(certificate, kind or _EVENT_OF_STATUS[status], actor=actor, reason=reason, now=now)
    audit_record(
        actor=actor,
        action="credentials.certificate_status_change",
        target=certificate,
        changes={"before": before, "after": status, "reason": reason},
    )
    return certificate


@transaction.atomic
def certificate_status_change(
    *, certificate: Certificate, status: str, reason: str, actor: Actor
) -> Certificate:
    """Suspend, reinstate or revoke a certificate by hand (the foundation), with a reason."""
    require_permission(actor, "credentials.change_certificate_status", certificate)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate's status changes.")})
    certificate = locks.certificate_row_lock(pk=certificate.pk)
    if status not in _MANUAL_TRANSITIONS[certificate.status]:
        raise ValidationError(
            {
                "status": _("A certificate that is %(before)s cannot become %(after)s.")
                % {
                    "before": CertificateStatus(certificate.status).label,
                    "after": CertificateStatus(status).label,
                }
            }
        )
    if status == CertificateStatus.ACTIVE and _past_expiry(certificate, timezone.localdate()):
        status = CertificateStatus.EXPIRED
    _status_set(certificate, status, reason=reason, actor=actor, now=timezone.now())
    kind = {"active": "reinstated", "expired": "reinstated"}.get(status, status)
    pk = certificate.pk
    transaction.on_commit(
        lambda: tasks.certificate_email_send.enqueue(certificate_id=pk, kind=kind)
    )
    return certificate


def _past_expiry(certificate: Certificate, today: dt.date) -> bool:
    return certificate.expires_on is not None and certificate.expires_on < today


@transaction.atomic
def certificate_revoke_for_withdrawn_pass(
    *, holder: User, level: Level, reason: str, actor: Actor
) -> Certificate | None:
    """Revoke the standing certificate a pass supported, now that the pass is gone (a rescore)."""
    standing = (
        Certificate.objects.filter(holder=holder, level=level)
        .exclude(status=CertificateStatus.REVOKED)
        .first()
    )
    if standing is None:
        return None
    certificate = locks.certificate_row_lock(pk=standing.pk)
    _status_set(
        certificate, CertificateStatus.REVOKED, reason=reason, actor=actor, now=timezone.now()
    )
    pk = certificate.pk
    transaction.on_commit(
        lambda: tasks.certificate_email_send.enqueue(certificate_id=pk, kind="revoked")
    )
    return certificate


def certificates_expire_due(*, today: dt.date | None = None) -> int:
    """Periodic: mark active certificates past their expiry date expired (each audited)."""
    today = today or timezone.localdate()
    count = 0
    due = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, expires_on__lt=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            certificate = locks.certificate_row_lock(pk=pk)
            if certificate.status != CertificateStatus.ACTIVE or not _past_expiry(
                certificate, today
            ):
                continue
            _status_set(
                certificate,
                CertificateStatus.EXPIRED,
                reason=_("Past its expiry date."),
                actor=None,
                now=timezone.now(),
            )
            count += 1
    return count


def certificates_issue_missing() -> int:
    """Issue a certificate for every level achievement that has none (achievements recorded
    before this app existed, or a pass whose issue failed). Returns how many were issued."""
    issued = 0
    achievements = LevelAchievement.objects.select_related("user", "level").order_by("pk")
    for achievement in achievements:
        has_one = Certificate.objects.filter(holder=achievement.user, level=achievement.level)
        if has_one.exclude(status=CertificateStatus.REVOKED).exists():
            continue
        if has_one.exists():
            continue  # revoked by hand: a backfill never re-issues what the foundation revoked
        certificate_issue(
            holder=achievement.user,
            level=achievement.level,
            passed_on=achievement.achieved_on,
            basis=achievement.source or f"registration.levelachievement:{achievement.pk}",
            actor=None,
        )
        issued += 1
    return issued


# --- renewal ---------------------------------------------------------------------------------------


def renewal_window_opens(certificate: Certificate) -> dt.date | None:
    """The first day a renewal may be earned (None: the certificate never expires)."""
    if certificate.expires_on is None:
        return None
    return add_months(certificate.expires_on, -certificate.level.renewal_window_months)


def in_renewal_window(certificate: Certificate, day: dt.date) -> bool:
    """Inside the window before expiry, or past expiry (only re-exam renews then)."""
    opens = renewal_window_opens(certificate)
    return opens is not None and day >= opens


def _renew(
    certificate: Certificate,
    *,
    valid_from: dt.date,
    basis: str,
    actor: Actor,
    route: str,
    now: dt.datetime,
) -> Certificate:
    before = {
        "status": certificate.status,
        "valid_from": str(certificate.valid_from),
        "expires_on": str(certificate.expires_on) if certificate.expires_on else None,
    }
    certificate.valid_from = valid_from
    certificate.expires_on = expiry_for(valid_from, certificate.level.validity_months)
    certificate.basis = basis
    fields = ["valid_from", "expires_on", "basis"]
    if certificate.status == CertificateStatus.EXPIRED:
        certificate.status = CertificateStatus.ACTIVE
        certificate.status_reason = ""
        certificate.status_changed_at = now
        fields += ["status", "status_reason", "status_changed_at"]
    certificate.save(update_fields=fields)
    _record(certificate, CertificateEventKind.RENEWED, actor=actor, reason=route, now=now)
    audit_record(
        actor=actor,
        action="credentials.certificate_renew",
        target=certificate,
        changes={
            "before": before,
            "after": {
                "status": certificate.status,
                "valid_from": str(certificate.valid_from),
                "expires_on": str(certificate.expires_on) if certificate.expires_on else None,
            },
            "route": route,
            "basis": basis,
        },
    )
    pk = certificate.pk
    transaction.on_commit(
        lambda: tasks.certificate_email_send.enqueue(certificate_id=pk, kind="renewed")
    )
    return certificate


@transaction.atomic
def certificate_renew_by_reexam(
    *,
    holder: User,
    level: Level,
    passed_on: dt.date,
    basis: str,
    actor: Actor,
    now: dt.datetime | None = None,
) -> Certificate | None:
    """A holder passed ``level`` again: renew their certificate when the level's rule allows.

    Renews (same number, new period from ``passed_on``) when the level renews by re-exam, the
    certificate is valid or expired (not suspended) and the pass falls inside the renewal window
    or after expiry; a pass earlier than that changes nothing. A holder whose certificate was
    revoked gets a new certificate (a new number). Called by the system (results' event).
    """
    now = now or timezone.now()
    standing = (
        Certificate.objects.filter(holder=holder, level=level)
        .exclude(status=CertificateStatus.REVOKED)
        .first()
    )
    if standing is None:
        return certificate_issue(
            holder=holder, level=level, passed_on=passed_on, basis=basis, actor=actor, now=now
        )
    certificate = locks.certificate_row_lock(pk=standing.pk)
    if (
        not level.renewal_by_reexam
        or certificate.status == CertificateStatus.SUSPENDED
        or passed_on <= certificate.valid_from
        or not in_renewal_window(certificate, passed_on)
    ):
        return None
    return _renew(
        certificate, valid_from=passed_on, basis=basis, actor=actor, route="re-exam", now=now
    )


def _cpd_hours_counted(certificate: Certificate) -> Decimal:
    total = Decimal(0)
    if certificate.expires_on is None:
        return total
    for record in CpdRecord.objects.filter(
        certificate=certificate,
        status=CpdStatus.APPROVED,
        period_expires_on=certificate.expires_on,
    ):
        total += record.hours
    return total


def cpd_hours_approved(certificate: Certificate) -> Decimal:
    """Approved CPD hours that count toward renewing the current validity period."""
    if certificate.expires_on is None:
        return Decimal(0)
    return _cpd_hours_counted(certificate)


@transaction.atomic
def cpd_record_submit(
    *,
    certificate: Certificate,
    hours: Decimal,
    activity: str,
    provider: str,
    completed_on: dt.date,
    actor: User,
    evidence: Any = None,
    now: dt.datetime | None = None,
) -> CpdRecord:
    """The holder reports training hours toward renewing ``certificate`` (the foundation reviews).

    Only the holder, only for a valid certificate of a level renewed by CPD hours, only inside
    the renewal window; the training must be done within the current validity period.
    ``evidence``, optional, is an uploaded certificate of attendance: a PDF, JPEG or PNG (by
    its content, not its name) of at most ``CPD_EVIDENCE_MAX_BYTES``, kept in private storage.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if certificate.holder_id != actor.pk:
        raise PermissionDenied
    certificate = locks.certificate_row_lock(pk=certificate.pk)
    level = certificate.level
    errors: dict[str, str] = {}
    if not level.renewal_cpd_hours or certificate.expires_on is None:
        errors["__all__"] = _("This certificate is not renewed by training hours.")
    elif certificate.status != CertificateStatus.ACTIVE or certificate.expires_on < today:
        errors["__all__"] = _("Only a valid certificate can be renewed by training hours.")
    elif not in_renewal_window(certificate, today):
        errors["__all__"] = _(
            "Training hours can be submitted from %(day)s, when the renewal window opens."
        ) % {"day": renewal_window_opens(certificate)}
    if not activity.strip():
        errors["activity"] = _("Name the training activity.")
    if not provider.strip():
        errors["provider"] = _("Name who provided the training.")
    if hours <= 0 or hours > 200:
        errors["hours"] = _("Hours must be more than 0 and at most 200.")
    if completed_on > today:
        errors["completed_on"] = _("The training cannot be completed in the future.")
    elif completed_on < certificate.valid_from:
        errors["completed_on"] = _(
            "Only training done during the current validity period (from %(day)s) counts."
        ) % {"day": certificate.valid_from}
    evidence_type = ""
    if evidence is not None:
        try:
            evidence_type = cpd_evidence_type(evidence)
        except ValidationError as error:
            errors["evidence"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    assert certificate.expires_on is not None
    record = CpdRecord(
        holder=actor,
        certificate=certificate,
        hours=hours,
        activity=activity.strip(),
        provider=provider.strip(),
        completed_on=completed_on,
        period_expires_on=certificate.expires_on,
        submitted_at=now,
    )
    if evidence is not None:
        record.evidence_name = Path(evidence.name or "evidence").name[:200]
        record.evidence_content_type = evidence_type
        record.evidence.save(evidence.name or "evidence", evidence, save=False)
    try:
        record.save()
        audit_record(
            actor=actor,
            action="credentials.cpd_record_submit",
            target=record,
            changes={
                "certificate": certificate.number,
                "hours": str(hours),
                "activity": activity,
                "evidence": record.evidence_name,
            },
        )
    except BaseException:
        # Files are not transactional: remove the one written before the rollback.
        if record.evidence.name:
            record.evidence.storage.delete(record.evidence.name)
        raise
    return record


_EVIDENCE_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def cpd_evidence_type(upload: Any) -> str:
    """The content type of an acceptable certificate of attendance, read from its first bytes
    (a renamed file of another kind is refused), or a ValidationError saying what is wrong."""
    if upload.size > CPD_EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The certificate of attendance is larger than %(limit)s MB.")
            % {"limit": CPD_EVIDENCE_MAX_BYTES // (1024 * 1024)}
        )
    if upload.size == 0:
        raise ValidationError(_("The certificate of attendance is an empty file."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in _EVIDENCE_MAGIC:
        if head.startswith(magic):
            return content_type
    raise ValidationError(
        _("The certificate of attendance must be a PDF, JPEG or PNG file (this one is not).")
    )


def cpd_evidence_open(*, user: Actor, record_id: int) -> CpdRecord:
    """A CPD record with its certificate of attendance, for its holder or a CPD reviewer (a
    reviewer's opening is audited). DoesNotExist when there is no such record or file;
    PermissionDenied for anyone else (callers answer 404 to both, so nothing leaks)."""
    record = CpdRecord.objects.select_related("certificate").get(pk=record_id)
    if not record.evidence:
        raise CpdRecord.DoesNotExist
    if user is not None and record.holder_id == user.pk:
        return record
    require_permission(user, "credentials.review_cpdrecord", record)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="credentials.cpd_evidence_view",
            target=record,
            changes={"certificate": record.certificate.number},
        )
    return record


@transaction.atomic
def cpd_record_review(
    *,
    record: CpdRecord,
    approve: bool,
    note: str,
    actor: Actor,
    now: dt.datetime | None = None,
) -> CpdRecord:
    """The foundation approves or rejects a CPD record; enough approved hours renew the
    certificate from the day after its current expiry (continuous validity)."""
    require_permission(actor, "credentials.review_cpdrecord", record)
    if actor is not None and actor.pk == record.holder_id:
        raise PermissionDenied  # nobody approves their own training hours
    now = now or timezone.now()
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the training hours are not accepted.")})
    certificate = locks.certificate_row_lock(pk=record.certificate_id)
    record = locks.cpd_record_row_lock(pk=record.pk)
    if record.status != CpdStatus.SUBMITTED:
        raise ValidationError(_("This record has already been decided."))
    record.status = CpdStatus.APPROVED if approve else CpdStatus.REJECTED
    record.reviewer = actor
    record.decided_at = now
    record.decision_note = note
    record.save(update_fields=["status", "reviewer", "decided_at", "decision_note"])
    audit_record(
        actor=actor,
        action="credentials.cpd_record_review",
        target=record,
        changes={"status": record.status, "note": note},
    )
    level = certificate.level
    if (
        approve
        and level.renewal_cpd_hours
        and certificate.expires_on is not None
        and record.period_expires_on == certificate.expires_on
        and certificate.status in (CertificateStatus.ACTIVE, CertificateStatus.EXPIRED)
        and _cpd_hours_counted(certificate) >= level.renewal_cpd_hours
    ):
        _renew(
            certificate,
            valid_from=certificate.expires_on + dt.timedelta(days=1),
            basis=f"credentials.cpd:{certificate.expires_on}",
            actor=actor,
            route="CPD",
            now=now,
        )
    return record


@transaction.atomic
def certificate_publication_set(
    *, certificate: Certificate, publication: str, actor: User
) -> Certificate:
    """The holder chooses what the public verification page shows of them."""
    if certificate.holder_id != actor.pk:
        raise PermissionDenied
    if publication not in Publication.values:
        raise ValidationError({"publication": _("Choose one of the options.")})
    certificate = locks.certificate_row_lock(pk=certificate.pk)
    before = certificate.publication
    if before != publication:
        certificate.publication = publication
        certificate.save(update_fields=["publication"])
        audit_record(
            actor=actor,
            action="credentials.certificate_publication_set",
            target=certificate,
            changes={"before": before, "after": publication},
        )
    return certificate


# --- expiry reminders ------------------------------------------------------------------------------


def _reminder_enqueue(certificate_id: int, days_before: int) -> Callable[[], None]:
    def enqueue() -> None:
        tasks.certificate_reminder_send.enqueue(
            certificate_id=certificate_id, days_before=days_before
        )

    return enqueue


def certificate_reminders_send(*, today: dt.date | None = None) -> int:
    """Periodic: remind holders whose valid certificate expires in one of the reminder offsets'
    days (90/30/7 by default, :class:`ReminderOffset` rows), once per certificate, offset and
    validity period (the unique :class:`ReminderSent` row); a job that missed a day catches up
    with the offset most recently passed, never with every earlier one. Returns how many."""
    today = today or timezone.localdate()
    offsets = sorted(
        ReminderOffset.objects.filter(is_active=True).values_list("days_before", flat=True)
    )
    if not offsets:
        return 0
    horizon = today + dt.timedelta(days=max(offsets))
    due = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, expires_on__gte=today, expires_on__lte=horizon
    ).values_list("pk", "expires_on")
    sent = 0
    for pk, expires_on in list(due):
        if expires_on is None:  # excluded by the filter; says so to the type checker
            continue
        left = (expires_on - today).days
        # The smallest offset not above the days left: the reminder this moment calls for.
        offset = next((days for days in offsets if days >= left), None)
        if offset is None:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        certificate_id=pk,
                        days_before=offset,
                        expires_on=expires_on,
                        sent_at=timezone.now(),
                    )
            except IntegrityError:
                continue  # already reminded for this offset and period
            transaction.on_commit(_reminder_enqueue(pk, offset))
        sent += 1
    return sent


# --- results events (subscribed in contributions) ------------------------------------------------


def on_level_achieved(event: LevelAchieved) -> None:
    certificate_issue(
        holder=User.objects.get(pk=event.user_id),
        level=Level.objects.get(pk=event.level_id),
        passed_on=event.achieved_on,
        basis=f"results.levelresult:{event.level_result_id}",
        actor=event.actor,
    )


def on_level_passed_again(event: LevelPassedAgain) -> None:
    certificate_renew_by_reexam(
        holder=User.objects.get(pk=event.user_id),
        level=Level.objects.get(pk=event.level_id),
        passed_on=event.passed_on,
        basis=f"results.levelresult:{event.level_result_id}",
        actor=event.actor,
    )


def on_level_achievement_withdrawn(event: LevelAchievementWithdrawn) -> None:
    certificate_revoke_for_withdrawn_pass(
        holder=User.objects.get(pk=event.user_id),
        level=Level.objects.get(pk=event.level_id),
        reason=event.reason,
        actor=event.actor,
    )
