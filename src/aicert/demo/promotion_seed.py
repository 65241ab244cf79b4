"""Demo promotion: a year of announcements and events for each region (the Tainan campus day,
the Chiayi information session, the online preparation workshop coming up), a few confirmed
subscriptions, and the partner school campaign of Southern Taiwan University of Science and
Technology (its group codes on the southern registrations of the past sitting, when seeded).

Everything goes through promotion's and registration's services, as a manager's clicks would;
idempotent (what exists is left alone).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from aicert.accounts.models import User
from aicert.accounts.roles import OrganisationKind
from aicert.accounts.services import organisation_upsert
from aicert.catalog.models import Level
from aicert.centers.models import County, Region
from aicert.demo.people import DEMO_PASSWORD
from aicert.promotion.models import Announcement, Event, EventKind, PartnerCampaign
from aicert.promotion.services import announcement_create, event_create, partner_campaign_create
from aicert.promotion.subscription_services import subscription_seed
from aicert.registration.models import GroupBooking, Registration, RegistrationStatus
from aicert.registration.services import group_booking_create

PARTNER_CONTACT = "partner.stust@aicert.example"
# The partner school's contact person (a person's name, not a role label).
PARTNER_CONTACT_NAME = "郭怡萱"
CAMPAIGN_NAME = "南臺科大 2026 AI 認證推廣"

# (region, author, Chinese title, English title, days ago, Chinese body, English body)
_HISTORY = [
    ("報名開始：人工智慧基礎概論", "Registration opens: Introduction to AI", 330,
     "本年度第一梯次開放報名，名額有限。", "The year's first sitting is open for registration."),
    ("成績公布與證書寄送", "Results released, certificates on their way", 270,
     "第一梯次成績已公布，可於「我的成績」查詢。", "Results of the first sitting are out."),
    ("暑期考前工作坊", "Summer preparation workshops", 200,
     "暑假期間各區舉辦考前工作坊，歡迎參加。", "Preparation workshops in every region this summer."),
    ("第二梯次報名開始", "Second sitting: registration opens", 120,
     "第二梯次開放報名，團體報名請洽區域中心。", "Registration for the second sitting is open."),
    ("考場交通與無障礙資訊", "Getting to the venues, accessibility", 45,
     "各考場交通方式與無障礙設施已更新。", "Directions and accessibility of every venue, updated."),
]  # fmt: skip

_PINNED = (
    "**2027 年度考試日程公布**\n\n各級別考試日期請見下方「近期考試場次」，團體報名享優惠。",
    "**The 2027 exam calendar is out**\n\nSee the upcoming sessions below; groups register together.",
)


def _author(region: Region) -> User:
    managers = {"south": "manager.south@aicert.example", "north": "manager.north@aicert.example"}
    return User.objects.get(email=managers.get(region.code, "admin@aicert.example"))


def _announcements(now: dt.datetime) -> int:
    made = 0
    for region in Region.objects.order_by("position"):
        author = _author(region)
        entries = [
            (title_zh, title_en, now - dt.timedelta(days=days), body_zh, body_en, False)
            for title_zh, title_en, days, body_zh, body_en in _HISTORY
        ]
        entries.append(
            (
                "2027 年度考試日程",
                "The 2027 exam calendar",
                now - dt.timedelta(days=3),
                *_PINNED,
                True,
            )
        )
        for title_zh, title_en, publish_at, body_zh, body_en, pinned in entries:
            if Announcement.objects.filter(region=region, title_zh=title_zh).exists():
                continue
            announcement_create(
                actor=author,
                region=region,
                title_zh=title_zh,
                title_en=title_en,
                body_zh=body_zh,
                body_en=body_en,
                publish_at=publish_at,
                pinned=pinned,
            )
            made += 1
    return made


def _events(now: dt.datetime) -> int:
    today = timezone.localdate(now)

    def at(days: int, hour: int) -> dt.datetime:
        day = today + dt.timedelta(days=days)
        return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo("Asia/Taipei"))

    south = Region.objects.get(code="south")
    plans = [
        # region, county, kind, zh, en, start, hours, place, online, capacity
        (south, "tainan-city", EventKind.CAMPUS_DAY, "南臺科大校園日：AI 認證體驗",
         "STUST campus day: try the AI certification", at(12, 10), 4,
         "南臺科技大學 W 棟 國際會議廳（臺南市永康區南臺街 1 號）", "", 120),
        (south, "chiayi-city", EventKind.INFO_SESSION, "嘉義考試說明會", "Chiayi information session",
         at(19, 14), 2, "嘉義市政府 文化局 第一會議室", "", 60),
        (south, None, EventKind.PREP_WORKSHOP, "線上考前工作坊：生成式 AI 應用",
         "Online preparation workshop: generative AI", at(26, 19), 2, "",
         "https://meet.aicert.example/prep-workshop", 300),
        (south, "tainan-city", EventKind.INFO_SESSION, "臺南考試說明會（春季）",
         "Tainan information session (spring)", at(-240, 14), 2, "臺南市立圖書館 新總館 演講廳", "", 80),
    ]  # fmt: skip
    for region in Region.objects.exclude(code="south").order_by("position"):
        plans.append(
            (region, None, EventKind.INFO_SESSION, f"{region.name_zh}考試說明會",
             f"{region.name_en} information session", at(15, 14), 2, "",
             "https://meet.aicert.example/info-session", 200)
        )  # fmt: skip
        plans.append(
            (region, None, EventKind.PREP_WORKSHOP, f"{region.name_zh}暑期工作坊",
             f"{region.name_en} summer workshop", at(-150, 10), 3, "",
             "https://meet.aicert.example/summer", 100)
        )  # fmt: skip
    made = 0
    for region, county, kind, zh, en, starts, hours, place, online, capacity in plans:
        if Event.objects.filter(region=region, title_zh=zh).exists():
            continue
        event_create(
            actor=_author(region),
            region=region,
            county=County.objects.get(code=county) if county else None,
            kind=kind,
            title_zh=zh,
            title_en=en,
            description_zh="免費參加，請先回覆保留名額。",
            description_en="Free; please reply to keep a place.",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            place=place,
            online_url=online,
            capacity=capacity,
        )
        made += 1
    return made


def _subscriptions() -> int:
    south = Region.objects.get(code="south")
    associate = Level.objects.filter(code="associate").first()
    candidate = User.objects.filter(email="candidate@aicert.example").first()
    seeded = [
        subscription_seed(
            email="subscriber.tainan@aicert.example",
            kinds=["sessions", "announcements", "events"],
            region=south,
        ),
        subscription_seed(
            email="subscriber.en@aicert.example",
            kinds=["sessions", "events"],
            level=associate,
            language="en",
        ),
        subscription_seed(
            email="candidate@aicert.example",
            kinds=["sessions", "announcements"],
            region=south,
            user=candidate,
        ),
    ]
    return len(seeded)


def _partner_campaign() -> int:
    """The southern university's campaign: two codes (students, staff) on the southern
    registrations of the past sitting, followed by its contact person."""
    school = organisation_upsert(
        slug="demo-stust",
        kind=OrganisationKind.SCHOOL,
        name_zh="南臺科技大學",
        name_en="Southern Taiwan University of Science and Technology",
    )
    contact = User.objects.filter(email=PARTNER_CONTACT).first()
    if contact is None:
        contact = User.objects.create_user(
            PARTNER_CONTACT, DEMO_PASSWORD, display_name=PARTNER_CONTACT_NAME
        )
    elif contact.display_name != PARTNER_CONTACT_NAME:  # seeded before the names changed
        contact.display_name = PARTNER_CONTACT_NAME
        contact.save(update_fields=["display_name"])
    EmailAddress.objects.update_or_create(
        user=contact, email=PARTNER_CONTACT, defaults={"verified": True, "primary": True}
    )
    manager = User.objects.get(email="manager.south@aicert.example")
    codes = []
    for code in ("stust-2026", "stust-staff-2026"):
        booking = GroupBooking.objects.filter(code=code).first()
        if booking is None:
            booking = group_booking_create(
                actor=manager, organisation=school, code=code, contact=contact
            )
        codes.append(booking)
    # Demo only: the southern candidates of the past sitting registered through the school.
    past = list(
        Registration.objects.filter(
            group__isnull=True,
            session__room__venue__center__organisation__slug="center-south",
            session__starts_at__lt=timezone.now(),
            status__in=[RegistrationStatus.SAT, RegistrationStatus.ABSENT],
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:48]
    )
    if not Registration.objects.filter(group__in=codes).exists():
        Registration.objects.filter(pk__in=past[:34]).update(group=codes[0])
        Registration.objects.filter(pk__in=past[34:]).update(group=codes[1])
    if not PartnerCampaign.objects.filter(name_zh=CAMPAIGN_NAME).exists():
        partner_campaign_create(
            actor=manager,
            organisation=school,
            region=Region.objects.get(code="south"),
            name_zh=CAMPAIGN_NAME,
            name_en="STUST 2026 AI certification campaign",
            starts_on=dt.date(timezone.localdate().year, 1, 1),
            group_bookings=codes,
        )
    return len(codes)


def promotion_seed() -> dict[str, int]:
    """Seed the demo's promotion; how many announcements and events were made, subscriptions
    and partner codes there are."""
    now = timezone.now()
    return {
        "announcements": _announcements(now),
        "events": _events(now),
        "subscriptions": _subscriptions(),
        "partner_codes": _partner_campaign(),
    }
