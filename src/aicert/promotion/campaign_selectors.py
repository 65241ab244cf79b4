"""Reads of partner campaigns: who may follow which, and each campaign's registrations,
attendance and passes by group code, level and session (# read-only).

Outside the foundation every count below the small-cell threshold shows as "<10", and so does
the next smallest of a column whose total is shown (:mod:`aicert.shared.suppression`); a pass
rate shows only where both of its counts do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from aicert.accounts.roles import Role
from aicert.accounts.types import RequestUser
from aicert.catalog.models import Level
from aicert.promotion.models import PartnerCampaign
from aicert.registration.models import GroupBooking, Registration, RegistrationStatus
from aicert.results.models import Result, ResultStatus
from aicert.scheduling.models import Session
from aicert.shared.suppression import suppress, suppress_total, threshold

METRICS = ("registrations", "attended", "passed")
# Who took part: checked in, or sat (absent and cancelled people did not).
ATTENDED = (RegistrationStatus.CHECKED_IN, RegistrationStatus.SAT)
NOT_COUNTED = (RegistrationStatus.CANCELLED, RegistrationStatus.TRANSFERRED)


def sees_exact_counts(user: RequestUser) -> bool:
    """The foundation sees every count as it is; everybody else sees small cells hidden."""
    if user.is_anonymous:
        return False
    return user.is_superuser or any(
        m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships
    )


def _managed_region_ids(user: RequestUser) -> set[int]:
    if user.is_anonymous:
        return set()
    return {
        m.organisation.center.region_id
        for m in user.active_memberships
        if m.role == Role.CENTER_MANAGER and getattr(m.organisation, "center", None)
    }


def campaigns_visible(*, user: RequestUser) -> QuerySet[PartnerCampaign]:
    """The campaigns ``user`` may follow: the foundation every one; a center manager those of
    their region; a school's contact person those holding one of the school's codes they are
    the contact of (a school never sees another's)."""
    campaigns = PartnerCampaign.objects.select_related("organisation", "region")
    if user.is_anonymous or not user.is_active:
        return campaigns.none()
    if sees_exact_counts(user):
        return campaigns.all()
    mine = PartnerCampaign.objects.filter(
        Q(group_bookings__contact_id=user.pk) | Q(region_id__in=_managed_region_ids(user))
    )
    return campaigns.filter(pk__in=mine.values("pk"))


@dataclass
class Counts:
    registrations: int = 0
    attended: int = 0
    passed: int = 0

    def add(self, other: Counts) -> None:
        self.registrations += other.registrations
        self.attended += other.attended
        self.passed += other.passed


@dataclass
class ShownRow:
    """One line of a campaign table as shown: counts as text ("<10" when hidden)."""

    key: str
    label: str
    detail: str
    registrations: str
    attended: str
    passed: str
    pass_rate: str


@dataclass
class CampaignReport:
    campaign: PartnerCampaign
    codes: list[GroupBooking]
    exact: bool
    total: ShownRow
    by_code: list[ShownRow] = field(default_factory=list)
    by_level: list[ShownRow] = field(default_factory=list)
    by_session: list[ShownRow] = field(default_factory=list)


def _rate(passed: str, attended: str) -> str:
    if not (passed.isdigit() and attended.isdigit()) or int(attended) == 0:
        return "—"
    return f"{int(passed) / int(attended):.0%}"


def _shown_rows(
    cells: dict[str, Counts], labels: dict[str, tuple[str, str]], exact: bool
) -> list[ShownRow]:
    """Rows of one table whose column totals are shown: hidden cells and their complements."""
    by_metric: dict[str, dict[str, str]] = {}
    for metric in METRICS:
        column = {key: getattr(counts, metric) for key, counts in cells.items()}
        by_metric[metric] = (
            {key: str(value) for key, value in column.items()} if exact else suppress(column)
        )
    rows = []
    for key in cells:
        shown = {metric: by_metric[metric][key] for metric in METRICS}
        rows.append(
            ShownRow(
                key=key,
                label=labels[key][0],
                detail=labels[key][1],
                pass_rate=_rate(shown["passed"], shown["attended"]),
                **shown,
            )
        )
    return rows


def _total_row(counts: Counts, label: str, exact: bool) -> ShownRow:
    shown = {
        metric: str(getattr(counts, metric)) if exact else suppress_total(getattr(counts, metric))
        for metric in METRICS
    }
    return ShownRow(
        key="total",
        label=label,
        detail="",
        pass_rate=_rate(shown["passed"], shown["attended"]),
        **shown,
    )


def _counted(campaign: PartnerCampaign) -> list[dict[str, Any]]:
    """Registrations of the campaign's codes per (code, session, level): how many, attended,
    passed (a released result that reached the pass mark). One query."""
    passed = Result.objects.filter(
        session_id=OuterRef("session_id"),
        candidate_id=OuterRef("candidate_id"),
        subject_id=OuterRef("subject_id"),
        status=ResultStatus.RELEASED,
        passed=True,
    )
    rows = (
        Registration.objects.filter(group__partner_campaigns=campaign)
        .exclude(status__in=NOT_COUNTED)
        .annotate(has_passed=Exists(passed))
        .values("group_id", "session_id", "subject__level_id")
        .annotate(
            registrations=Count("pk"),
            attended=Count("pk", filter=Q(status__in=ATTENDED)),
            passed=Count("pk", filter=Q(has_passed=True)),
        )
        .order_by()
    )
    return [dict(row) for row in rows]


def campaign_report(
    *, campaign: PartnerCampaign, user: RequestUser, total_label: str
) -> CampaignReport:
    """A campaign's counts by code, level and session, hidden where small unless ``user`` is
    the foundation. A fixed number of queries whatever the rows."""
    exact = sees_exact_counts(user)
    codes = list(campaign.group_bookings.order_by("code"))
    groups = _counted(campaign)
    sessions = {
        s.pk: s
        for s in Session.objects.filter(pk__in={g["session_id"] for g in groups}).select_related(
            "subject__level__certification", "room__venue"
        )
    }
    levels = {
        level.pk: level
        for level in Level.objects.filter(
            pk__in={g["subject__level_id"] for g in groups}
        ).select_related("certification")
    }
    code_of = {c.pk: c.code for c in codes}
    total = Counts()
    # Every code of the campaign has its line, used or not yet.
    by_code: dict[str, Counts] = {str(c.pk): Counts() for c in codes}
    by_level: dict[str, Counts] = defaultdict(Counts)
    by_session: dict[str, dict[str, Counts]] = defaultdict(dict)
    for g in groups:
        counts = Counts(g["registrations"], g["attended"], g["passed"])
        total.add(counts)
        by_code.setdefault(str(g["group_id"]), Counts()).add(counts)
        level_key = str(g["subject__level_id"])
        by_level[level_key].add(counts)
        by_session[level_key][f"{g['group_id']}-{g['session_id']}"] = counts
    report = CampaignReport(
        campaign=campaign,
        codes=codes,
        exact=exact,
        total=_total_row(total, total_label, exact),
    )
    report.by_code = _shown_rows(
        dict(sorted(by_code.items(), key=lambda kv: code_of.get(int(kv[0]), ""))),
        {key: (code_of.get(int(key), key), "") for key in by_code},
        exact,
    )
    level_order = sorted(
        by_level, key=lambda k: (levels[int(k)].certification_id, levels[int(k)].rank)
    )
    report.by_level = _shown_rows(
        {k: by_level[k] for k in level_order},
        {k: (str(levels[int(k)]), "") for k in level_order},
        exact,
    )
    for level_key in level_order:
        # Each level's sessions add up to its line above: hidden within that level.
        cells = dict(
            sorted(
                by_session[level_key].items(),
                key=lambda kv: (sessions[int(kv[0].split("-")[1])].starts_at, kv[0]),
            )
        )
        labels = {}
        for key in cells:
            group_id, session_id = (int(part) for part in key.split("-"))
            session = sessions[session_id]
            labels[key] = (code_of.get(group_id, ""), f"{levels[int(level_key)]} · {session}")
        report.by_session.extend(_shown_rows(cells, labels, exact))
    return report


def small_cell_limit() -> int:
    """The threshold under which counts are hidden (for the page's note)."""
    return threshold()
