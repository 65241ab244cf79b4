"""Reading certificates: a holder's own, and the check an employer or the public runs."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.credentials import numbering
from aicert.credentials.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    CpdRecord,
    CpdStatus,
    Publication,
)
from aicert.credentials.sharing import share_token_valid

# What a check can answer besides a certificate's own status.
CHECK_MALFORMED = "malformed"  # not a certificate number at all (shape or check character)
CHECK_NOT_FOUND = "not_found"  # well formed, but no certificate has it


@dataclass(frozen=True)
class CertificateCheck:
    """The answer to "is this certificate, of this person, valid?" and nothing more personal.

    ``status`` is a :class:`CertificateStatus` value, or ``malformed`` / ``not_found``. When the
    name does not match, only the fact is told (no level, no dates): a number alone never
    reveals whose certificate it is.
    """

    number: str
    holder_name_matches: bool
    status: str
    level_code: str = ""
    level_name: str = ""
    issued_on: dt.date | None = None
    valid_from: dt.date | None = None
    expires_on: dt.date | None = None
    status_changed_on: dt.date | None = None

    @property
    def is_valid(self) -> bool:
        return self.holder_name_matches and self.status == CertificateStatus.ACTIVE


def effective_status(certificate: Certificate, today: dt.date) -> CertificateStatus:
    """The status as of ``today``: an active certificate past its expiry date is expired even
    before the periodic job has marked it."""
    if (
        certificate.status == CertificateStatus.ACTIVE
        and certificate.expires_on is not None
        and certificate.expires_on < today
    ):
        return CertificateStatus.EXPIRED
    return CertificateStatus(certificate.status)


def _name_key(name: str) -> str:
    """A name compared forgivingly: Unicode width and case folded, spaces and dots ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def holder_name_matches(certificate: Certificate, name: str) -> bool:
    key = _name_key(name)
    if not key:
        return False
    names = (certificate.holder_name_zh, certificate.holder_name_en)
    return any(key == _name_key(n) for n in names if n)


def _check(
    certificate: Certificate | None, number: str, name: str, today: dt.date
) -> CertificateCheck:
    if certificate is None:
        status = CHECK_NOT_FOUND if numbering.is_well_formed(number) else CHECK_MALFORMED
        return CertificateCheck(number=number, holder_name_matches=False, status=status)
    if not holder_name_matches(certificate, name):
        return CertificateCheck(number=number, holder_name_matches=False, status=CHECK_NOT_FOUND)
    status = effective_status(certificate, today)
    changed: dt.date | None = timezone.localtime(certificate.status_changed_at).date()
    if status == CertificateStatus.EXPIRED and certificate.status == CertificateStatus.ACTIVE:
        changed = certificate.expires_on
    return CertificateCheck(
        number=certificate.number,
        holder_name_matches=True,
        status=status,
        level_code=certificate.level.code,
        level_name=certificate.level.name,
        issued_on=certificate.issued_on,
        valid_from=certificate.valid_from,
        expires_on=certificate.expires_on,
        status_changed_on=changed,
    )


def certificate_check(
    *, number: str, holder_name: str, today: dt.date | None = None
) -> CertificateCheck:
    """Check one certificate by its number and the holder's name (as an employer types them)."""
    today = today or timezone.localdate()
    canonical = numbering.normalise(number)
    certificate = (
        Certificate.objects.select_related("level").filter(number=canonical).first()
        if numbering.is_well_formed(canonical)
        else None
    )
    return _check(certificate, canonical, holder_name, today)


def certificates_check(
    rows: Iterable[tuple[str, str]], *, today: dt.date | None = None
) -> list[CertificateCheck]:
    """Check many (number, holder name) rows in one query per 1,000 rows (bulk verification)."""
    today = today or timezone.localdate()
    canonical = [(numbering.normalise(number), name) for number, name in rows]
    wanted = sorted({n for n, _ in canonical if numbering.is_well_formed(n)})
    found: dict[str, Certificate] = {}
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        for certificate in Certificate.objects.select_related("level").filter(number__in=chunk):
            found[certificate.number] = certificate
    return [_check(found.get(number), number, name, today) for number, name in canonical]


def certificates_of_holder(holder: User) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(holder=holder)
        .select_related("level")
        .order_by("-issued_on", "number")
    )


def certificate_history(certificate: Certificate) -> QuerySet[CertificateEvent]:
    return certificate.events.order_by("at", "pk")


def certificates_search(*, query: str = "", status: str = "") -> QuerySet[Certificate]:
    """The foundation's list: by number (any typed form), holder name or e-mail, and status."""
    rows = Certificate.objects.select_related("level", "holder").order_by("-issued_on", "-pk")
    query = query.strip()
    if query:
        canonical = numbering.normalise(query)
        rows = rows.filter(
            Q(number=canonical)
            | Q(number__icontains=query)
            | Q(holder_name_zh__icontains=query)
            | Q(holder_name_en__icontains=query)
            | Q(holder__email__iexact=query)
        )
    if status in CertificateStatus.values:
        rows = rows.filter(status=status)
    return rows


def certificate_of_holder(*, holder: User, number: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("level__certification", "holder")
        .filter(number=number, holder=holder)
        .first()
    )


def cpd_records_of_certificate(certificate: Certificate) -> QuerySet[CpdRecord]:
    return certificate.cpd_records.select_related("reviewer").order_by("-submitted_at", "-pk")


def cpd_queue() -> QuerySet[CpdRecord]:
    """CPD records waiting for the foundation, oldest first."""
    return (
        CpdRecord.objects.filter(status=CpdStatus.SUBMITTED)
        .select_related("certificate__level", "holder")
        .order_by("submitted_at", "pk")
    )


def cpd_recent_decisions(limit: int = 20) -> list[CpdRecord]:
    return list(
        CpdRecord.objects.exclude(status=CpdStatus.SUBMITTED)
        .select_related("certificate__level", "reviewer")
        .order_by("-decided_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class PublicVerification:
    """What the public verification page may show: never more than the holder chose.

    ``found`` False: nothing matches (or the link's token is wrong); ``holder_name`` is set only
    when the holder publishes it; ``level_name`` and dates are left out when the holder chose
    "only whether it is valid".
    """

    number: str
    found: bool
    status: str = ""
    status_on: dt.date | None = None
    level_name: str = ""
    certification_name: str = ""
    valid_from: dt.date | None = None
    expires_on: dt.date | None = None
    holder_name: str = ""
    name_matched: bool = False

    @property
    def is_valid(self) -> bool:
        return self.found and self.status == CertificateStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return str(CertificateStatus(self.status).label) if self.found else ""


def _status_on(certificate: Certificate, status: str) -> dt.date | None:
    if status == CertificateStatus.ACTIVE:
        return certificate.expires_on  # "valid until"
    if status == CertificateStatus.EXPIRED:
        return certificate.expires_on  # "expired on" (the last day it was valid)
    return timezone.localtime(certificate.status_changed_at).date()


def public_verification(
    *, number: str, holder_name: str = "", token: str = "", today: dt.date | None = None
) -> PublicVerification:
    """Verify by the link's share token, or by number and the holder's name as typed."""
    today = today or timezone.localdate()
    canonical = numbering.normalise(number)
    certificate = (
        Certificate.objects.select_related("level__certification").filter(number=canonical).first()
        if numbering.is_well_formed(canonical)
        else None
    )
    if certificate is None:
        return PublicVerification(number=canonical, found=False)
    by_token = share_token_valid(certificate.number, token)
    name_matched = holder_name_matches(certificate, holder_name)
    if not (by_token or name_matched):
        return PublicVerification(number=canonical, found=False)
    status = effective_status(certificate, today)
    shown_name = ""
    if certificate.publication == Publication.NAME:
        shown_name = " ".join(
            n for n in (certificate.holder_name_zh, certificate.holder_name_en) if n
        )
    status_only = certificate.publication == Publication.STATUS_ONLY
    return PublicVerification(
        number=certificate.number,
        found=True,
        status=status,
        status_on=_status_on(certificate, status),
        level_name="" if status_only else certificate.level.name,
        certification_name="" if status_only else certificate.level.certification.name,
        valid_from=None if status_only else certificate.valid_from,
        expires_on=certificate.expires_on,
        holder_name=shown_name,
        name_matched=name_matched,
    )


def levels_withdrawn(*, user: User, level_ids: list[int]) -> set[int]:
    """Of ``level_ids``, the levels whose certificate is revoked or suspended and which the user
    holds no other standing certificate of (registration asks this for prerequisites)."""
    rows = Certificate.objects.filter(holder=user, level_id__in=level_ids).values_list(
        "level_id", "status"
    )
    in_good_standing = {
        level_id
        for level_id, status in rows
        if status in (CertificateStatus.ACTIVE, CertificateStatus.EXPIRED)
    }
    withdrawn = {level_id for level_id, _status in rows}
    return withdrawn - in_good_standing
