"""Build the demo world: the foundation, three centers, the certification and one account per role."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import transaction
from django.utils import timezone

from aicert.accounts.models import User
from aicert.accounts.roles import OrganisationKind, Role
from aicert.accounts.services import membership_grant, organisation_upsert
from aicert.catalog.models import (
    Certification,
    CompetencyDomain,
    Level,
    PassRule,
    Subject,
    TrainingCourse,
)
from aicert.catalog.services import blueprint_replace, level_set_prerequisites
from aicert.centers.models import (
    Center,
    CenterAppointment,
    County,
    Region,
    Room,
    Venue,
)
from aicert.centers.services import center_set_counties, invigilator_enrol, reference_data_load
from aicert.demo import catalog_data, centers_data
from aicert.demo.credentials_seed import credentials_seed
from aicert.demo.invigilation_seed import invigilation_demo_seed
from aicert.demo.itembank_seed import itembank_seed
from aicert.demo.payments_seed import payments_seed
from aicert.demo.people import DEMO_PASSWORD
from aicert.demo.promotion_seed import promotion_seed
from aicert.demo.reports_seed import reports_seed
from aicert.demo.selfassess_seed import selfassess_seed
from aicert.demo.sitting_seed import sitting_demo_seed
from aicert.demo.talent_seed import talent_seed
from aicert.registration import selectors as registration_selectors
from aicert.registration.models import ACTIVE_STATUSES, RefundPolicy, Registration
from aicert.registration.services import candidate_profile_save, consent_give, registration_create
from aicert.scheduling.models import (
    Session,
    SessionStatus,
)
from aicert.scheduling.services import session_create


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str | None  # None: a candidate (no organisation role)
    organisation: str | None
    # Staff demo accounts come with an authenticator enrolled (see demo_totp_secret).
    has_totp: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@aicert.example",
        "林雅婷",
        Role.FOUNDATION_ADMIN,
        "taiwan-ai-academy",
        True,
    ),
    DemoAccount("writer@aicert.example", "陳建宏", Role.ITEM_WRITER, "taiwan-ai-academy", True),
    DemoAccount(
        "reviewer@aicert.example",
        "王淑芬",
        Role.ITEM_REVIEWER,
        "taiwan-ai-academy",
        True,
    ),
    DemoAccount(
        "reviewer2@aicert.example",
        "張志明",
        Role.ITEM_REVIEWER,
        "taiwan-ai-academy",
        True,
    ),
    DemoAccount(
        "psychometrician@aicert.example",
        "黃怡君",
        Role.PSYCHOMETRICIAN,
        "taiwan-ai-academy",
        True,
    ),
    DemoAccount("marker@aicert.example", "李冠廷", Role.MARKER, "taiwan-ai-academy", True),
    DemoAccount("marker2@aicert.example", "周雅雯", Role.MARKER, "taiwan-ai-academy", True),
    DemoAccount(
        "manager.south@aicert.example",
        "吳佩珊",
        Role.CENTER_MANAGER,
        "center-south",
        True,
    ),
    DemoAccount(
        "manager.north@aicert.example",
        "劉家豪",
        Role.CENTER_MANAGER,
        "center-north",
        True,
    ),
    DemoAccount(
        "invigilator.south@aicert.example",
        "蔡宗翰",
        Role.INVIGILATOR,
        "center-south",
        True,
    ),
    DemoAccount("employer@aicert.example", "鄭美玲", Role.EMPLOYER, "demo-employer", False),
    DemoAccount("candidate@aicert.example", "許雅筑", None, None, False),
]


def _foundation():
    return organisation_upsert(
        slug="taiwan-ai-academy",
        kind=OrganisationKind.FOUNDATION,
        name_zh="財團法人台灣人工智慧學校基金會",
        name_en="Taiwan AI Academy Foundation",
        website="https://aicert.example",
    )


def _catalog(foundation) -> Certification:
    data = catalog_data.CERTIFICATION
    certification, _ = Certification.objects.update_or_create(
        code=data["code"],
        defaults={**{k: v for k, v in data.items() if k != "code"}, "issuer": foundation},
    )
    domains: dict[str, CompetencyDomain] = {}
    for code, zh, en, children in catalog_data.DOMAINS:
        parent, _ = CompetencyDomain.objects.update_or_create(
            certification=certification,
            code=code,
            defaults={"name_zh": zh, "name_en": en, "parent": None},
        )
        domains[code] = parent
        for child_code, child_zh, child_en in children:
            domains[child_code], _ = CompetencyDomain.objects.update_or_create(
                certification=certification,
                code=child_code,
                defaults={"name_zh": child_zh, "name_en": child_en, "parent": parent},
            )
    levels: dict[str, Level] = {}
    for spec in catalog_data.LEVELS:
        level, _ = Level.objects.update_or_create(
            certification=certification,
            code=spec["code"],
            defaults={
                "rank": spec["rank"],
                "name_zh": spec["name_zh"],
                "name_en": spec["name_en"],
                "summary_zh": spec["summary_zh"],
                "summary_en": spec["summary_en"],
                "validity_months": spec["validity_months"],
                "renewal_cpd_hours": spec["renewal_cpd_hours"],
            },
        )
        levels[spec["code"]] = level
        average, floor = spec["pass"]
        PassRule.objects.update_or_create(
            level=level, defaults={"average_min": Decimal(average), "subject_min": Decimal(floor)}
        )
        for position, (code, zh, en, minutes, items, blueprint) in enumerate(
            spec["subjects"], start=1
        ):
            subject, _ = Subject.objects.update_or_create(
                level=level,
                code=code,
                defaults={
                    "name_zh": zh,
                    "name_en": en,
                    "position": position,
                    "duration_minutes": minutes,
                    "item_count": items,
                },
            )
            blueprint_replace(
                subject=subject,
                entries=[
                    (domains[d].pk, (Decimal(n) * 100 / items).quantize(Decimal("0.01")), n)
                    for d, n in blueprint.items()
                ],
            )
    level_set_prerequisites(level=levels["professional"], prerequisites=[levels["associate"]])
    level_set_prerequisites(level=levels["expert"], prerequisites=[levels["professional"]])
    for code, zh, en, provider, hours, mode, domain_codes, level_codes in catalog_data.COURSES:
        course, _ = TrainingCourse.objects.update_or_create(
            code=code,
            defaults={
                "title_zh": zh,
                "title_en": en,
                "provider": provider,
                "hours": hours,
                "mode": mode,
            },
        )
        course.domains.set([domains[c] for c in domain_codes])
        course.levels.set([levels[c] for c in level_codes])
    return certification


def _centers() -> dict[str, Center]:
    centers = {}
    for spec in centers_data.CENTERS:
        organisation = organisation_upsert(
            slug=spec["slug"],
            kind=OrganisationKind.CENTER,
            name_zh=spec["name_zh"],
            name_en=spec["name_en"],
        )
        center, _ = Center.objects.update_or_create(
            organisation=organisation,
            defaults={
                "region": Region.objects.get(code=spec["region"]),
                "host_institution_zh": spec["host_zh"],
                "host_institution_en": spec["host_en"],
                "address": spec["address"],
                "phone": spec["phone"],
                "email": spec["email"],
                "promotion_note_zh": f"{spec['host_zh']}每季舉辦考前說明會，歡迎轄區學校與企業洽詢團體報名。",
                "promotion_note_en": f"{spec['host_en']} holds an information session before every sitting; schools and employers in the area may ask about group registration.",
            },
        )
        center_set_counties(
            actor=None,
            center=center,
            counties=list(County.objects.filter(code__in=spec["counties"])),
        )
        CenterAppointment.objects.update_or_create(
            center=center,
            term_start=dt.date(2026, 1, 1),
            defaults={
                "agreement_date": dt.date(2025, 11, 14),
                "term_end": dt.date(2028, 12, 31),
                "duties": "提供考場、指派監試人員、辦理轄區推廣。Provide exam venues, assign invigilators and promote the exams in the region.",
            },
        )
        for name_zh, name_en, county, address_zh, address_en, step_free, rooms in spec["venues"]:
            venue, _ = Venue.objects.update_or_create(
                center=center,
                name_zh=name_zh,
                defaults={
                    "name_en": name_en,
                    "county": County.objects.get(code=county),
                    "address_zh": address_zh,
                    "address_en": address_en,
                    "wheelchair_access": step_free,
                    "elevator": step_free,
                    "accessible_toilet": step_free,
                },
            )
            for name, room_en, rows, cols, seats, blocked, accessible in rooms:
                Room.objects.update_or_create(
                    venue=venue,
                    name=name,
                    defaults={
                        "name_en": room_en,
                        "seat_rows": rows,
                        "seat_columns": cols,
                        "seat_count": seats,
                        "seat_layout": {"blocked": blocked, "accessible": accessible},
                        "accessible": bool(accessible),
                    },
                )
        centers[spec["slug"]] = center
    return centers


def _accounts(centers: dict[str, Center]) -> list[User]:
    employer = organisation_upsert(
        slug="demo-employer",
        kind=OrganisationKind.EMPLOYER,
        name_zh="南科智慧製造股份有限公司",
        name_en="Southern Science Park Smart Manufacturing Co.",
    )
    organisation_upsert(
        slug="demo-school",
        kind=OrganisationKind.SCHOOL,
        name_zh="臺南市立高級工業職業學校",
        name_en="Tainan Municipal Industrial Vocational High School",
    )
    organisations = {"taiwan-ai-academy": _foundation(), "demo-employer": employer}
    organisations.update({slug: c.organisation for slug, c in centers.items()})
    users = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(account.email, DEMO_PASSWORD, display_name=account.name)
        elif user.display_name != account.name:  # a demo seeded before the names changed
            user.display_name = account.name
            user.save(update_fields=["display_name"])
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.role:
            membership_grant(
                actor=None,
                user=user,
                organisation=organisations[account.organisation],
                role=account.role,
            )
        if (
            account.has_totp
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, demo_totp_secret(account.email))
        users.append(user)
    south = centers["center-south"]
    invigilator = User.objects.get(email="invigilator.south@aicert.example")
    invigilator_enrol(
        actor=None, center=south, user=invigilator, chief_eligible=True, affiliations="南臺科技大學"
    )
    return users


def _second_saturday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7)


def _sessions(centers: dict[str, Center]) -> list:
    """Sessions at each center on the second Saturday of the next three months (idempotent).

    Registration opens 60 days before and closes 7 days before, so the nearest one is open now.
    """

    if not RefundPolicy.objects.filter(is_active=True).exists():
        RefundPolicy.objects.create(
            name="2026 standard", full_refund_days_before=14, documented_reason_percent=50
        )
    taipei = ZoneInfo("Asia/Taipei")
    today = timezone.localdate()
    subjects = list(
        Subject.objects.filter(level__code="associate").order_by("position")[:2]
    ) + list(Subject.objects.filter(level__code="professional").order_by("position")[:1])
    sessions = []
    for offset in (1, 2, 3):
        year, month = (
            today.year + (today.month + offset - 1) // 12,
            (today.month + offset - 1) % 12 + 1,
        )
        day = _second_saturday(year, month)
        for center in centers.values():
            room = Room.objects.filter(venue__center=center).order_by("venue__pk", "name").first()
            for subject, hour in zip(subjects, (9, 13, 16), strict=False):
                starts_at = dt.datetime(day.year, day.month, day.day, hour, 30, tzinfo=taipei)
                session = Session.objects.filter(room=room, starts_at=starts_at).first()
                if session is None:
                    session = session_create(
                        actor=None,
                        subject=subject,
                        room=room,
                        starts_at=starts_at,
                        capacity=room.seat_count,
                        registration_opens_at=starts_at - dt.timedelta(days=60),
                        registration_closes_at=starts_at - dt.timedelta(days=7),
                        ticket_release_on=day - dt.timedelta(days=10),
                        fee=1200 if subject.level.code == "associate" else 1800,
                        status=SessionStatus.PUBLISHED,
                    )
                sessions.append(session)
    return sessions


def _demo_candidate(sessions: list) -> None:
    """The demo candidate: a profile (a well-known valid test ID), consent, one registration."""

    user = User.objects.get(email="candidate@aicert.example")
    if registration_selectors.profile_get(user=user) is None:
        candidate_profile_save(
            user=user,
            legal_name_zh="許雅筑",
            legal_name_en="HSU, YA-CHU",
            id_number="A123456789",
            birth_date=dt.date(2001, 5, 20),
            phone="0912-345-678",
            county=County.objects.get(code="tainan-city"),
            organisation_name="南臺科技大學 資訊工程系",
        )
    consent_give(user=user)
    south = [
        s
        for s in sessions
        if s.room.venue.center.organisation.slug == "center-south"
        and s.subject.level.code == "associate"
        and s.registration_open()
    ]
    if (
        south
        and not Registration.objects.filter(
            candidate=user, subject=south[0].subject, status__in=ACTIVE_STATUSES
        ).exists()
    ):
        registration_create(candidate=user, session=south[0])


@transaction.atomic
def demo_seed(
    *, items: bool = True, sitting: bool = False, history: bool = False
) -> dict[str, int]:
    """Create or refresh the demo world; safe to run any number of times.

    ``items`` also seeds the demo item bank (about 750 reviewed items, several seconds); tests
    that do not need items pass False. ``sitting`` (only with ``items``; ``seed_demo`` passes
    True) adds the full sitting of :mod:`aicert.demo.sitting_seed`: a past sitting released and
    analysed, the marking queue and a live session starting in a few minutes. ``history`` (with
    ``sitting``; ``seed_demo`` passes True) adds a year of past sittings for the report charts
    (:mod:`aicert.demo.reports_seed`, about a minute).
    """
    reference_data_load()
    foundation = _foundation()
    _catalog(foundation)
    centers = _centers()
    users = _accounts(centers)
    sessions = _sessions(centers)
    _demo_candidate(sessions)
    payments_seed(sessions)  # candidates awaiting payment, matching bank_statement_sample.csv

    invigilators = invigilation_demo_seed()  # a staffable southern pool with availability
    counts = {
        "centers": len(centers),
        "accounts": len(users),
        "rooms": Room.objects.count(),
        "sessions": len(sessions),
        "invigilators": invigilators,
    }
    if items:
        counts.update(itembank_seed())
        if sitting:
            counts.update(sitting_demo_seed())
        counts.update(selfassess_seed())  # practice banks, regional courses, a practice history
    counts.update(promotion_seed())  # a year of news and events, subscribers, a partner school
    counts.update(credentials_seed())  # the graduate's and three example certificates
    counts.update(reports_seed(history=items and sitting and history))  # dashboards' facts
    counts.update(talent_seed())  # the demo employer's 統一編號; a few holders opted in
    return counts


def demo_totp_secret(email: str) -> str | None:
    """The demo authenticator secret of a staff demo account, derived from its email.

    Public by design (anyone can read this code): it exists so the demo can be clicked through.
    Real accounts enrol their own secret through the MFA pages.
    """
    if not any(a.email == email and a.has_totp for a in DEMO_ACCOUNTS):
        return None
    digest = hashlib.sha256(f"aicert-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def demo_totp_code(email: str) -> str:
    """The current six-digit code for a staff demo account (RFC 6238, as allauth checks it)."""

    secret = demo_totp_secret(email)
    if secret is None:
        raise ValueError(f"{email} is not a demo staff account")
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
