"""Reading certificates: a holder's own, and the check an employer or the public runs."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from aicert.accounts.models import User
from aicert.credentials import numbering
from aicert.credentials.models import Certificate, CertificateEvent, CertificateStatus

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
