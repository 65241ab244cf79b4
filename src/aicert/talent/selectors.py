"""Reads of talent: a recruiter's organisation, verifications, keys and calls, and the
consent-first talent search (only people who agreed, only what each chose to show)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from aicert.accounts.models import Organisation, User
from aicert.accounts.roles import Role
from aicert.accounts.types import RequestUser
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.registration.models import CandidateProfile
from aicert.results.models import DomainScore, ResultStatus
from aicert.selfassess.models import PracticeAttempt
from aicert.shared.i18n import is_english, localized
from aicert.talent.consent import CONSENT_VERSION
from aicert.talent.models import (
    ApiCall,
    ApiKey,
    ApplicationStatus,
    BulkVerification,
    BulkVerificationChunk,
    ContactRequest,
    EmployerApplication,
    JobPosting,
    TalentConsent,
    TalentProfile,
    TalentView,
)

SEARCH_LIMIT = 100
# Domain strength bands (percent of the domain's points in released score reports).
STRENGTH_BANDS = (80, 70, 60)


def employer_organisation_of(user: RequestUser) -> Organisation | None:
    """The employer organisation the user recruits for (the first, if several)."""
    if user.is_anonymous:
        return None
    for membership in sorted(user.active_memberships, key=lambda m: m.organisation_id):
        if membership.role == Role.EMPLOYER:
            return membership.organisation
    return None


def applications_pending() -> QuerySet[EmployerApplication]:
    return EmployerApplication.objects.filter(status=ApplicationStatus.PENDING).select_related(
        "applicant"
    )


def applications_decided(limit: int = 50) -> list[EmployerApplication]:
    return list(
        EmployerApplication.objects.exclude(status=ApplicationStatus.PENDING)
        .select_related("applicant", "decided_by", "organisation")
        .order_by("-decided_at", "-pk")[:limit]
    )


def applications_of(*, user: RequestUser) -> QuerySet[EmployerApplication]:
    return EmployerApplication.objects.filter(applicant_id=user.pk).select_related("organisation")


def bulk_verifications_of(*, organisation: Organisation) -> QuerySet[BulkVerification]:
    # The rows and results stay in the database: a list needs only the counters.
    return (
        BulkVerification.objects.filter(organisation=organisation)
        .select_related("requested_by")
        .defer("rows", "errors")
    )


def bulk_verification_get(*, organisation: Organisation, pk: int) -> BulkVerification:
    """One of the organisation's verifications; ``DoesNotExist`` for anyone else's."""
    return BulkVerification.objects.get(organisation=organisation, pk=pk)


def bulk_verification_progress(*, organisation: Organisation, pk: int) -> BulkVerification:
    """The counters only (the page polls them every second)."""
    return (
        BulkVerification.objects.only(
            "pk", "status", "total_rows", "processed_rows", "valid_count", "organisation_id"
        )
        .filter(organisation=organisation)
        .get(pk=pk)
    )


def bulk_results(bulk: BulkVerification) -> list[dict[str, Any]]:
    """Every row's answer so far, in file order (the chunks' answers one after another)."""
    answers: list[dict[str, Any]] = []
    for results in (
        BulkVerificationChunk.objects.filter(bulk=bulk)
        .order_by("index")
        .values_list("results", flat=True)
    ):
        answers.extend(results)
    return answers


def bulk_result_table(bulk: BulkVerification) -> tuple[list[str], list[list[Any]]]:
    """The downloadable table: the original row, then the answer (in file order, bad rows
    with their error). Status words are the codes of :class:`CertificateCheck` ("active",
    "revoked", "not_found"...), stable for a program that reads the file."""
    width = max(
        [len(bulk.header)]
        + [len(r["cells"]) for r in bulk.rows]
        + [len(e["cells"]) for e in bulk.errors]
    )
    header = list(bulk.header) + [""] * (width - len(bulk.header))
    if not bulk.header:
        header = [f"column {i + 1}" for i in range(width)]
    header = ["line", *header]
    header += ["status", "level", "issued_on", "valid_from", "expires_on", "status_changed_on"]
    header.append("error")
    answers = {r["line"]: r for r in bulk_results(bulk)}
    table: list[tuple[int, list[Any]]] = []
    for row in bulk.rows:
        cells = row["cells"] + [""] * (width - len(row["cells"]))
        answer = answers.get(row["line"])
        if answer is None:
            tail = ["pending", "", "", "", "", "", ""]
        else:
            tail = [
                answer["status"],
                answer["level"],
                answer["issued_on"],
                answer["valid_from"],
                answer["expires_on"],
                answer["status_changed_on"],
                "",
            ]
        table.append((row["line"], [row["line"], *cells, *tail]))
    for error in bulk.errors:
        cells = error["cells"] + [""] * (width - len(error["cells"]))
        table.append(
            (error["line"], [error["line"], *cells, "error", "", "", "", "", "", error["error"]])
        )
    table.sort(key=lambda item: item[0])
    return header, [row for _line, row in table]


def bulk_status_counts(bulk: BulkVerification) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for answer in bulk_results(bulk):
        counts[answer["status"]] += 1
    if bulk.errors:
        counts["error"] = len(bulk.errors)
    return dict(counts)


def api_keys_of(*, organisation: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation=organisation).select_related("created_by")


def api_key_by_hash(*, key_hash: str) -> ApiKey | None:
    """The standing key with this hash (a revoked key answers nothing)."""
    return (
        ApiKey.objects.select_related("organisation")
        .filter(key_hash=key_hash, revoked_at__isnull=True)
        .first()
    )


def api_calls_recent(*, organisation_id: int | None = None, limit: int = 200) -> list[ApiCall]:
    """The latest calls of the verification API (the foundation's log page)."""
    calls = ApiCall.objects.select_related("key", "organisation")
    if organisation_id:
        calls = calls.filter(organisation_id=organisation_id)
    return list(calls.order_by("-at", "-pk")[:limit])


def api_call_totals() -> list[dict[str, Any]]:
    """Calls and certificates checked per organisation (all time)."""
    rows = (
        ApiCall.objects.values("organisation_id", "organisation__name_zh", "organisation__name_en")
        .annotate(
            calls=Count("pk"),
            checked=Sum("count"),
            refused=Count("pk", filter=Q(status_code=429)),
            last=Max("at"),
        )
        .order_by("organisation__name_zh")
    )
    return [dict(row) for row in rows]


# --- Talent search ---------------------------------------------------------------------------


def consent_standing(*, user: User) -> TalentConsent | None:
    """The holder's consent to the current text, if they have given it and not withdrawn it."""
    return TalentConsent.objects.filter(
        user_id=user.pk, version=CONSENT_VERSION, withdrawn_at__isnull=True
    ).first()


def consent_history(*, user: User) -> QuerySet[TalentConsent]:
    return TalentConsent.objects.filter(user_id=user.pk).order_by("-given_at", "-pk")


def profile_of(*, user: User) -> TalentProfile | None:
    return TalentProfile.objects.filter(user_id=user.pk).first()


@dataclass
class TalentCard:
    """One person as an employer sees them: only what they chose; never contact data."""

    profile_id: int
    name: str = ""
    county: str = ""
    region: str = ""
    headline: str = ""
    levels: list[dict[str, Any]] = field(default_factory=list)
    domains: list[dict[str, Any]] = field(default_factory=list)
    selfassess: dict[str, Any] | None = None


def _visible_profiles() -> QuerySet[TalentProfile]:
    """Profiles whose holder agreed to the current text and has not withdrawn."""
    return TalentProfile.objects.filter(
        user__talent_consents__version=CONSENT_VERSION,
        user__talent_consents__withdrawn_at__isnull=True,
    )


def _valid_certificates(today: dt.date) -> Q:
    return Q(status=CertificateStatus.ACTIVE) & (
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )


def _latest_domain_scores(user_ids: list[int]) -> dict[int, dict[int, DomainScore]]:
    """Per person, per domain, the score of their latest released result."""
    latest: dict[int, dict[int, DomainScore]] = defaultdict(dict)
    scores = (
        DomainScore.objects.filter(
            result__candidate_id__in=user_ids, result__status=ResultStatus.RELEASED
        )
        .select_related("domain", "result")
        .order_by("result__released_at", "result__pk")
    )
    for score in scores:
        latest[score.result.candidate_id][score.domain_id] = score
    return latest


def _band(percent: Decimal) -> int | None:
    return next((band for band in STRENGTH_BANDS if percent >= band), None)


def _cards(profiles: list[TalentProfile], today: dt.date) -> dict[int, TalentCard]:
    user_ids = [p.user_id for p in profiles]
    people = {
        c.user_id: c
        for c in CandidateProfile.objects.filter(user_id__in=user_ids).select_related(
            "county__region"
        )
    }
    certificates: dict[int, list[Certificate]] = defaultdict(list)
    for certificate in (
        Certificate.objects.filter(_valid_certificates(today), holder_id__in=user_ids)
        .select_related("level__certification")
        .order_by("level__certification_id", "level__rank")
    ):
        certificates[certificate.holder_id].append(certificate)
    domains = _latest_domain_scores([p.user_id for p in profiles if p.show_domains])
    practice: dict[int, PracticeAttempt] = {}
    for attempt in (
        PracticeAttempt.objects.filter(
            user_id__in=[p.user_id for p in profiles if p.show_selfassess],
            status=PracticeAttempt.Status.FINISHED,
        )
        .select_related("level")
        .order_by("finished_at", "pk")
    ):
        practice[attempt.user_id] = attempt
    cards = {}
    for profile in profiles:
        person = people.get(profile.user_id)
        card = TalentCard(profile_id=profile.pk, headline=profile.headline)
        if profile.show_name:
            card.name = (person.legal_name_zh or person.legal_name_en) if person else ""
            card.name = card.name or profile.user.display_name
        if profile.show_county and person and person.county:
            card.county = person.county.name
            card.region = person.county.region.name
        if profile.show_levels:
            card.levels = [
                {
                    "level_id": c.level_id,
                    "name": f"{c.level.certification.name} · {c.level.name}",
                    "expires_on": c.expires_on,
                }
                for c in certificates.get(profile.user_id, [])
            ]
        if profile.show_domains:
            card.domains = [
                {
                    "domain_id": s.domain_id,
                    "code": s.domain.code,
                    "name": s.domain.name,
                    "percent": s.percent,
                    "band": _band(s.percent),
                }
                for s in sorted(
                    domains.get(profile.user_id, {}).values(), key=lambda s: s.domain.code
                )
            ]
        latest = practice.get(profile.user_id) if profile.show_selfassess else None
        if latest is not None and latest.profile:
            attempt = latest
            readiness = attempt.profile.get("readiness", {})
            card.selfassess = {
                "level": attempt.level.name,
                "finished_at": attempt.finished_at,
                "readiness": readiness.get("probability"),
                "domains": [
                    {
                        "code": d.get("code"),
                        "name": localized_pair(d.get("name_zh", ""), d.get("name_en", "")),
                    }
                    for d in attempt.profile.get("domains", [])
                    if d.get("p_below", 1) < 0.5
                ],
            }
        cards[profile.pk] = card
    return cards


def localized_pair(zh: str, en: str) -> str:
    return (en or zh) if is_english() else (zh or en)


@dataclass(frozen=True)
class TalentFilters:
    level_id: int | None = None
    domain_id: int | None = None
    min_percent: int | None = None
    region_id: int | None = None
    county_id: int | None = None
    valid_until: dt.date | None = None

    def as_log(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in self.__dict__.items()
            if v is not None
        }


def talent_search(
    *, filters: TalentFilters, today: dt.date | None = None, limit: int = SEARCH_LIMIT
) -> list[TalentCard]:
    """People who agreed to be found and hold a valid certificate, narrowed by ``filters``.

    A filter matches only on what a person shows: someone who hides their county is never found
    by county (a search must not reveal what they keep hidden).
    """
    today = today or timezone.localdate()
    valid = Certificate.objects.filter(_valid_certificates(today))
    if filters.valid_until:
        valid = valid.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=filters.valid_until))
    profiles = _visible_profiles()
    if filters.level_id:
        profiles = profiles.filter(
            show_levels=True,
            user_id__in=valid.filter(level_id=filters.level_id).values("holder_id"),
        )
    else:
        profiles = profiles.filter(user_id__in=valid.values("holder_id"))
    if filters.county_id or filters.region_id:
        located = CandidateProfile.objects.all()
        if filters.county_id:
            located = located.filter(county_id=filters.county_id)
        if filters.region_id:
            located = located.filter(county__region_id=filters.region_id)
        profiles = profiles.filter(show_county=True, user_id__in=located.values("user_id"))
    if filters.domain_id:
        profiles = profiles.filter(show_domains=True)
    candidates = list(profiles.select_related("user").distinct().order_by("pk"))
    cards = _cards(candidates, today)
    found = []
    for profile in candidates:
        card = cards[profile.pk]
        if filters.domain_id:
            score = next((d for d in card.domains if d["domain_id"] == filters.domain_id), None)
            if score is None or score["percent"] < (filters.min_percent or 0):
                continue
        found.append(card)
        if len(found) >= limit:
            break
    return found


def talent_card(
    *, profile_id: int, today: dt.date | None = None
) -> tuple[TalentProfile, TalentCard]:
    """One person who is in the search now; ``DoesNotExist`` for anyone else (withdrawn too)."""
    today = today or timezone.localdate()
    profile = _visible_profiles().select_related("user").distinct().get(pk=profile_id)
    return profile, _cards([profile], today)[profile.pk]


def viewers_of(*, user: User) -> list[dict[str, Any]]:
    """Which organisations saw the holder, how often, and when last (the holder's page)."""
    rows = (
        TalentView.objects.filter(profile__user_id=user.pk)
        .values("organisation_id", "organisation__name_zh", "organisation__name_en", "kind")
        .annotate(times=Count("pk"), last=Max("at"))
        .order_by("-last")
    )
    merged: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = merged.setdefault(
            row["organisation_id"],
            {
                "organisation": localized_pair(
                    row["organisation__name_zh"], row["organisation__name_en"]
                ),
                "search": 0,
                "profile": 0,
                "last": row["last"],
            },
        )
        entry[row["kind"]] += row["times"]
        entry["last"] = max(entry["last"], row["last"])
    return sorted(merged.values(), key=lambda e: e["last"], reverse=True)


def contact_requests_of_holder(*, user: User) -> list[ContactRequest]:
    return list(
        ContactRequest.objects.filter(profile__user_id=user.pk).select_related("organisation")
    )


def contact_request_of_holder(*, user: User, pk: int) -> ContactRequest:
    return ContactRequest.objects.select_related("profile", "organisation").get(
        pk=pk, profile__user_id=user.pk
    )


def contact_requests_sent(*, organisation: Organisation) -> list[ContactRequest]:
    return list(
        ContactRequest.objects.filter(organisation=organisation).select_related("sender", "profile")
    )


def organisation_name(organisation: Organisation) -> str:
    return localized(organisation, "name")


# --- Job postings ----------------------------------------------------------------------------


def _postings() -> QuerySet[JobPosting]:
    return JobPosting.objects.select_related(
        "organisation", "region", "county", "hidden_by"
    ).prefetch_related("levels__certification", "domains")


def job_postings_of(*, organisation: Organisation) -> QuerySet[JobPosting]:
    """An employer's own postings, open and closed, hidden ones included (with the reason)."""
    return _postings().filter(organisation=organisation).order_by("-closes_on", "-pk")


def job_posting_of(*, organisation: Organisation, pk: int) -> JobPosting:
    """One of the organisation's own postings (DoesNotExist for another's)."""
    return _postings().get(organisation=organisation, pk=pk)


def job_postings_all() -> QuerySet[JobPosting]:
    """The foundation's list: every posting, the newest first."""
    return _postings().order_by("-created_at", "-pk")


def job_postings_for_holder(*, user: User, today: dt.date | None = None) -> list[JobPosting]:
    """Open, not hidden postings that want a level the holder has a valid certificate of, in
    the holder's region (and county, when the posting names one). Nothing without a county on
    the holder's profile: the match is by where they live."""
    today = today or timezone.localdate()
    person = CandidateProfile.objects.filter(user=user).select_related("county").first()
    if person is None or person.county is None:
        return []
    level_ids = Certificate.objects.filter(_valid_certificates(today), holder=user).values(
        "level_id"
    )
    return list(
        _postings()
        .filter(
            hidden_at__isnull=True,
            closes_on__gte=today,
            region_id=person.county.region_id,
            levels__in=level_ids,
        )
        .filter(Q(county__isnull=True) | Q(county_id=person.county_id))
        .distinct()
        .order_by("closes_on", "pk")
    )
