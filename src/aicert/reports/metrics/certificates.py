"""Certificates active and expired at each month's end, by the holder's county (its region) and
level, and the distinct people holding at least one active certificate (``certified_people``).

These are stocks, not flows: a month's fact is the count *at that month's end* (the current
month: at the refresh date), so facts of different months are never summed.

At a date D a certificate is *active* if the validity period in force at D has
``valid_from <= D <= expires_on`` (or no expiry) and it is not suspended or revoked at D;
*expired* if that period ended before D and it is not suspended or revoked. The period and the
suspension/revocation at D come from the :class:`CertificateEvent` history (each event records
the period after it, dated by its local day); the state of the first event holds from the start
(an imported certificate's history begins before its "issued" event is written). A certificate
without events is read from its row (blocked from ``status_changed_at`` if suspended/revoked).
Simplification: the holder's county is the one on the profile today.

Two queries (certificates, events); then each certificate is walked once over the month ends
(Python work grows with certificates x months, queries stay at two).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone

from aicert.credentials.models import Certificate, CertificateEvent, CertificateEventKind
from aicert.reports.metrics.base import FactRow

_BLOCK = {CertificateEventKind.SUSPENDED: True, CertificateEventKind.REVOKED: True}
_UNBLOCK = {CertificateEventKind.REINSTATED}


def _month(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _period(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


class CertificatesFamily:
    name = "certificates"

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today

    def _month_end(self, m: int, today: dt.date) -> dt.date:
        if m == _month(today):
            return today
        nxt = m + 1
        return dt.date(nxt // 12, nxt % 12 + 1, 1) - dt.timedelta(days=1)

    def rows(self) -> Iterator[FactRow]:
        today = self.today or timezone.localdate()
        certs = list(
            Certificate.objects.values(
                "pk",
                "holder_id",
                "level__code",
                "valid_from",
                "expires_on",
                "status",
                "status_changed_at",
                "holder__candidate_profile__county__code",
                "holder__candidate_profile__county__region__code",
            ).order_by("pk")
        )
        if not certs:
            return
        history: dict[int, list[tuple[dt.date, str, dt.date, dt.date | None]]] = defaultdict(list)
        for e in CertificateEvent.objects.values_list(
            "certificate_id", "at", "kind", "valid_from", "expires_on"
        ).order_by("certificate_id", "at", "pk"):
            history[e[0]].append((timezone.localtime(e[1]).date(), e[2], e[3], e[4]))
        last = _month(today)
        first = min(_month(c["valid_from"]) for c in certs)
        for events in history.values():
            first = min(first, *(_month(ev[2]) for ev in events))
        ends = [self._month_end(m, today) for m in range(first, last + 1)]
        # Per cell, the count at each month end.
        diffs: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0] * len(ends))
        people: dict[tuple[int, str, str], set[int]] = defaultdict(set)
        for c in certs:
            county = c["holder__candidate_profile__county__code"] or ""
            region = c["holder__candidate_profile__county__region__code"] or ""
            level = c["level__code"] or ""
            for i, (active, expired) in enumerate(self._states(c, history.get(c["pk"]), ends)):
                if active:
                    diffs[("certificates_active", region, county, level)][i] += 1
                    people[(c["holder_id"], region, county)].add(i)
                elif expired:
                    diffs[("certificates_expired", region, county, level)][i] += 1
        counts: dict[tuple[str, str, str, str, int], int] = defaultdict(int)
        for (metric, region, county, level), per_month in diffs.items():
            for i, n in enumerate(per_month):
                if n:
                    counts[(metric, region, county, level, i)] += n
        for (_holder, region, county), months in people.items():
            for i in months:
                counts[("certified_people", region, county, "", i)] += 1
        for (metric, region, county, level, i), n in counts.items():
            yield FactRow(
                metric=metric,
                period=_period(first + i),
                region_code=region,
                county_code=county,
                level_code=level,
                value=n,
            )

    @staticmethod
    def _states(cert, events, ends: list[dt.date]) -> Iterator[tuple[bool, bool]]:
        """(active, expired) at each month end."""
        if not events:
            changed = timezone.localtime(cert["status_changed_at"]).date()
            blocked_from = changed if cert["status"] in ("suspended", "revoked") else None
            for d in ends:
                blocked = blocked_from is not None and d >= blocked_from
                yield _state(d, cert["valid_from"], cert["expires_on"], blocked)
            return
        k = 0
        _day, _kind, valid_from, expires_on = events[0]
        blocked = False
        revoked = False
        for d in ends:
            while k < len(events) and events[k][0] <= d:
                day, kind, valid_from, expires_on = events[k]
                if not revoked:
                    if kind in _BLOCK:
                        blocked = True
                        revoked = kind == CertificateEventKind.REVOKED
                    elif kind in _UNBLOCK:
                        blocked = False
                k += 1
            yield _state(d, valid_from, expires_on, blocked)


def _state(
    d: dt.date, valid_from: dt.date, expires_on: dt.date | None, blocked: bool
) -> tuple[bool, bool]:
    if blocked or d < valid_from:
        return False, False
    if expires_on is None or d <= expires_on:
        return True, False
    return False, True
