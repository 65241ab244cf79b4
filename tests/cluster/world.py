"""The cluster test's world, written into the running cluster's database (no HTTP).

``python -m tests.cluster.world SITTERS RUSHERS SEATS`` (run with the cluster's application
environment) writes

* a sitting under way: a published form of one item of each of five types, a session that began
  five minutes ago and ``SITTERS`` checked-in candidates, each with an attempt an invigilator
  authorised (still *ready*: the candidate starts it over HTTP);
* a registration rush: a session open for registration with ``SEATS`` seats and ``RUSHERS``
  candidates with a complete profile and consent;

and every candidate a signed-in Django session. It prints what the test needs as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import string
import sys

CSRF_CHARS = string.ascii_letters + string.digits
ITEM_TYPES = ("single_choice", "multiple_response", "true_false", "numeric", "short_text")


def answer(item_type: str, k: int):
    """The answer of change ``k`` of an item of this type (valid for the content below)."""
    return {
        "single_choice": k % 4,
        "multiple_response": sorted({k % 4, (k + 1) % 4}),
        "true_false": k % 2 == 0,
        "numeric": str(k * 0.5),
        "short_text": f"answer {k}",
    }[item_type]


def _content(item_type: str, n: int) -> dict:
    options = [{"text": f"選項 {i}", "correct": i == 1} for i in range(4)]
    return {
        "single_choice": {"stem": f"第 {n} 題", "options": options},
        "multiple_response": {"stem": f"第 {n} 題", "options": options},
        "true_false": {"stem": f"第 {n} 題", "key": True},
        "numeric": {"stem": f"第 {n} 題", "value": 1.5, "tolerance": 0.01},
        "short_text": {"stem": f"第 {n} 題", "answers": ["LLM"]},
    }[item_type]


def _national_id(n: int) -> str:
    from aicert.registration import identity

    body = f"B1{n:07d}"
    return next(body + str(d) for d in range(10) if identity.checksum_ok(body + str(d)))


def build(sitters: int, rushers: int, seats: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.utils import timezone

    from aicert.accounts.models import Membership, User
    from aicert.accounts.roles import OrganisationKind, Role
    from aicert.accounts.services import organisation_upsert
    from aicert.catalog.models import Certification, CompetencyDomain, Level, Subject
    from aicert.centers.models import Center, County, Region, Room, Venue
    from aicert.delivery import services as delivery
    from aicert.delivery.models import Form, FormItem
    from aicert.itembank.models import Item, ItemStatus, ItemVersion
    from aicert.registration import crypto
    from aicert.registration.models import (
        PRIVACY_NOTICE_VERSION,
        CandidateProfile,
        ConsentRecord,
        Registration,
        RegistrationStatus,
    )
    from aicert.scheduling.models import Session, SessionStatus
    from tests.factories import person, roster

    now = timezone.now()
    tag = secrets.token_hex(3)  # a world per run: the cluster's database may hold an older one
    foundation = organisation_upsert(
        slug="foundation", kind=OrganisationKind.FOUNDATION, name_zh="基金會", name_en="Foundation"
    )
    certification = Certification.objects.create(
        code=f"aap-{tag}", name_zh="AI 應用規劃師", name_en="AI Application Planner",
        issuer=foundation,
    )  # fmt: skip
    level = Level.objects.create(
        certification=certification, code="associate", rank=1, name_zh="初級", name_en="Associate"
    )
    subject = Subject.objects.create(
        level=level, code="foundations", name_zh="人工智慧基礎概論", name_en="AI foundations",
        duration_minutes=60, item_count=len(ITEM_TYPES),
    )  # fmt: skip
    domain = CompetencyDomain.objects.create(
        certification=certification, code="1.1", name_zh="機器學習", name_en="Machine learning"
    )
    password = make_password(None)
    staff = User.objects.create(email=f"psychometrician-{tag}@cluster.example", password=password)
    Membership.objects.create(user=staff, organisation=foundation, role=Role.PSYCHOMETRICIAN)
    form = Form.objects.create(
        subject=subject, code=f"foundations-{tag}",
        assembly_batch="00000000-0000-0000-0000-000000000001", created_by=staff,
    )  # fmt: skip
    for n, item_type in enumerate(ITEM_TYPES, start=1):
        item = Item.objects.create(
            level=level, subject=subject, domain=domain, cognitive_level="understand",
            difficulty="medium", author=staff, status=ItemStatus.ACTIVE,
        )  # fmt: skip
        version = ItemVersion.objects.create(
            item=item, number=1, item_type=item_type, content_zh=_content(item_type, n),
            created_by=staff,
        )  # fmt: skip
        FormItem.objects.create(form=form, item_version=version, position=n)
    delivery.form_lock(actor=staff, form=form)
    form = delivery.form_publish(actor=staff, form=form)

    center_org = organisation_upsert(
        slug=f"center-{tag}", kind=OrganisationKind.CENTER, name_zh="南區", name_en="South"
    )
    center = Center.objects.create(
        organisation=center_org, region=Region.objects.get(code="south"),
        host_institution_zh="大學", host_institution_en="University", address="臺南市",
    )  # fmt: skip
    venue = Venue.objects.create(
        center=center, name_zh="體育館", name_en="Gymnasium",
        county=County.objects.get(code="tainan-city"), address_zh="臺南市",
    )  # fmt: skip
    hall = Room.objects.create(
        venue=venue, name="Hall", seat_rows=10, seat_columns=25, seat_count=250
    )
    sitting = Session.objects.create(
        subject=subject, room=hall, starts_at=now - dt.timedelta(minutes=5), duration_minutes=60,
        capacity=sitters, registration_opens_at=now - dt.timedelta(days=30),
        registration_closes_at=now - dt.timedelta(days=7),
        ticket_release_on=(now - dt.timedelta(days=10)).date(), status=SessionStatus.PUBLISHED,
    )  # fmt: skip
    invigilator = person(f"invigilator-{tag}", Role.INVIGILATOR, center_org)
    roster(invigilator, sitting)  # invigilators act only in the sessions they are rostered for

    rush_starts = now + dt.timedelta(days=30)
    rush = Session.objects.create(
        subject=subject, room=hall, starts_at=rush_starts, duration_minutes=60, capacity=seats,
        fee=1200, registration_opens_at=now - dt.timedelta(minutes=1),
        registration_closes_at=rush_starts - dt.timedelta(days=7),
        ticket_release_on=(rush_starts - dt.timedelta(days=10)).date(),
        status=SessionStatus.PUBLISHED,
    )  # fmt: skip

    store = SessionStore()
    backend = "aicert.accounts.backends.AuthenticationBackend"
    expire = now + dt.timedelta(hours=2)
    signed_in = []

    def sign_in(user) -> dict:
        key = secrets.token_hex(16)
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        signed_in.append(
            DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        return {"cookie": key, "csrf": "".join(secrets.choice(CSRF_CHARS) for _ in range(32))}

    form_items = list(
        FormItem.objects.filter(form=form)
        .order_by("position")
        .values_list("pk", "item_version__item_type")
    )
    sitting_out = []
    for i in range(sitters):
        user = User.objects.create(
            email=f"sitter{i}-{tag}@cluster.example", password=password, display_name=f"考生{i}"
        )
        registration = Registration.objects.create(
            candidate=user, session=sitting, subject=subject, status=RegistrationStatus.CHECKED_IN
        )
        attempt = delivery.attempt_authorize(
            actor=invigilator, registration=registration, form=form
        )
        sitting_out.append({"attempt": attempt.pk, "items": form_items, **sign_in(user)})

    users = User.objects.bulk_create(
        [
            User(email=f"rush{i}-{tag}@cluster.example", password=password, display_name=f"報{i}")
            for i in range(rushers)
        ]
    )
    base = int(tag, 16) % 9000 * 1000  # distinct identity numbers per world (7 digits)
    profiles = []
    for i, user in enumerate(users):
        number = _national_id(base + i + 1)
        profiles.append(
            CandidateProfile(
                user=user,
                legal_name_zh=f"考生{i}",
                id_kind="national_id",
                id_number_encrypted=crypto.encrypt(number),
                id_number_hash=crypto.index_hash(number),
                birth_date=dt.date(2000, 1, 1),
                phone="0912-000-000",
            )  # fmt: skip
        )
    CandidateProfile.objects.bulk_create(profiles)
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose="exam_registration"
            )
            for user in users
        ]
    )
    rush_out = [{"user": user.pk, **sign_in(user)} for user in users]
    DjangoSession.objects.bulk_create(signed_in)
    return {
        "sitting_session": sitting.pk,
        "sitters": sitting_out,
        "rush_session": rush.pk,
        "seats": seats,
        "rushers": rush_out,
    }


if __name__ == "__main__":
    sitters, rushers, seats = (int(a) for a in sys.argv[1:4])
    print(json.dumps(build(sitters, rushers, seats)))
