import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.audit.models import AuditEvent
from aicert.catalog.models import TrainingCourse
from aicert.centers.models import County, Region
from aicert.registration.models import CandidateProfile
from aicert.selfassess import selectors, services
from tests.factories.accounts import FoundationFactory, UserFactory, person
from tests.factories.catalog import CompetencyDomainFactory, LevelFactory, TrainingCourseFactory
from tests.factories.centers import CenterFactory

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def places(db):
    south = Region.objects.get(code="south")
    north = Region.objects.get(code="north")
    center = CenterFactory(region=south)
    manager = person("mgr", Role.CENTER_MANAGER, center.organisation)
    admin = person("admin", Role.FOUNDATION_ADMIN, FoundationFactory())
    level = LevelFactory()
    domain = CompetencyDomainFactory(certification=level.certification, code="1")
    return {
        "south": south,
        "north": north,
        "tainan": County.objects.get(code="tainan-city"),
        "kaohsiung": County.objects.get(code="kaohsiung-city"),
        "taipei": County.objects.get(code="taipei-city"),
        "manager": manager,
        "admin": admin,
        "level": level,
        "domain": domain,
    }


def _data(**over):
    data = {
        "code": "ml-basics",
        "title_zh": "機器學習入門",
        "title_en": "Machine learning basics",
        "provider": "成功大學推廣教育中心",
        "hours": 18,
        "mode": TrainingCourse.Mode.CLASSROOM,
        "url": "https://example.org/ml",
        "region": None,
        "county": None,
        "price": 3600,
        "starts_on": TODAY + dt.timedelta(days=20),
        "ends_on": TODAY + dt.timedelta(days=50),
        "is_active": True,
    }
    data.update(over)
    return data


def test_a_center_manager_adds_a_course_for_their_region_only(places):
    course = services.training_course_save(
        actor=places["manager"],
        course=None,
        data=_data(region=places["south"], county=places["tainan"]),
        domains=[places["domain"]],
        levels=[places["level"]],
    )
    assert course.region == places["south"] and course.price == 3600
    assert AuditEvent.objects.filter(action="catalog.training_course_create").count() == 1
    for region in (places["north"], None):
        with pytest.raises(PermissionDenied):
            services.training_course_save(
                actor=places["manager"],
                course=None,
                data=_data(code="other", region=region),
                domains=[places["domain"]],
                levels=[],
            )


def test_a_center_manager_cannot_edit_or_move_another_regions_course(places):
    theirs = TrainingCourseFactory(region=places["north"], domains=[places["domain"]])
    mine = TrainingCourseFactory(region=places["south"], domains=[places["domain"]])
    with pytest.raises(PermissionDenied):
        services.training_course_save(
            actor=places["manager"],
            course=theirs,
            data=_data(code=theirs.code, region=places["south"]),
            domains=[places["domain"]],
            levels=[],
        )
    with pytest.raises(PermissionDenied):  # moving my course to another region
        services.training_course_save(
            actor=places["manager"],
            course=mine,
            data=_data(code=mine.code, region=places["north"]),
            domains=[places["domain"]],
            levels=[],
        )
    mine.refresh_from_db()
    assert mine.region == places["south"]


def test_the_foundation_adds_a_nationwide_course_and_rules_are_checked(places):
    course = services.training_course_save(
        actor=places["admin"], course=None, data=_data(), domains=[places["domain"]], levels=[]
    )
    assert course.region is None
    with pytest.raises(ValidationError) as error:
        services.training_course_save(
            actor=places["admin"],
            course=None,
            data=_data(
                code="bad",
                region=places["north"],
                county=places["tainan"],
                ends_on=TODAY,
            ),
            domains=[],
            levels=[],
        )
    assert set(error.value.message_dict) == {"domains", "county", "ends_on"}


def test_recommendations_weakest_domain_first_then_near_then_upcoming(places):
    level, user = places["level"], UserFactory()
    weak = places["domain"]
    other = CompetencyDomainFactory(certification=level.certification, code="2")
    CandidateProfile.objects.create(
        user=user,
        legal_name_zh="林小華",
        id_kind="national_id",
        id_number_encrypted="x",
        id_number_hash="h-reco",
        birth_date="1990-01-01",
        phone="0912345678",
        county=places["tainan"],
    )

    def course(code, domain, **fields):
        c = TrainingCourseFactory(code=code, domains=[domain], **fields)
        c.levels.add(level)
        return c

    course("far", weak, region=places["north"], county=places["taipei"])
    course("online", weak, starts_on=TODAY + dt.timedelta(days=3))
    course("region-late", weak, region=places["south"], county=places["kaohsiung"],
           starts_on=TODAY + dt.timedelta(days=40))  # fmt: skip
    course("region-soon", weak, region=places["south"], starts_on=TODAY + dt.timedelta(days=5))
    course("county", weak, region=places["south"], county=places["tainan"])
    course("ended", weak, region=places["south"], county=places["tainan"],
           starts_on=TODAY - dt.timedelta(days=30), ends_on=TODAY - dt.timedelta(days=1))  # fmt: skip
    course("withdrawn", weak, is_active=False)
    course("other-domain", other, region=places["south"], county=places["tainan"])
    TrainingCourseFactory(code="other-level", domains=[weak]).levels.add(LevelFactory())
    got = selectors.courses_recommend(
        user=user, level_id=level.pk, weakest=["1", "2"], today=TODAY, limit=10
    )
    assert [s.course.code for s in got] == [
        "county",
        "region-soon",
        "region-late",
        "online",
        "far",
        "other-domain",
    ]
    assert got[0].nearness == selectors.NEAR_COUNTY and got[1].upcoming


def test_course_pages_scoped_to_the_managers_region(client, staff_login, places):
    theirs = TrainingCourseFactory(region=places["north"], domains=[places["domain"]])
    mine = TrainingCourseFactory(region=places["south"], domains=[places["domain"]])
    client.force_login(UserFactory())
    assert client.get(reverse("selfassess:courses")).status_code == 403
    staff_login(places["manager"])
    listing = client.get(reverse("selfassess:courses")).content.decode()
    assert mine.title in listing and theirs.title not in listing
    assert client.get(reverse("selfassess:course_edit", args=[theirs.pk])).status_code == 403
    page = client.get(reverse("selfassess:course_create"))
    assert 'value=""' not in page.content.decode().split('name="region"')[1].split("</select>")[0]
    # A POST for another region is refused by the form's choices, nothing saved.
    post = {
        **{k: v for k, v in _data().items() if v is not None},
        "region": places["north"].pk,
        "domains": [places["domain"].pk],
        "is_active": "on",
    }
    response = client.post(reverse("selfassess:course_create"), post)
    assert response.status_code == 400 and not TrainingCourse.objects.filter(code="ml-basics")
    post["region"] = places["south"].pk
    post["county"] = places["tainan"].pk
    response = client.post(reverse("selfassess:course_create"), post)
    assert response.status_code == 302
    assert TrainingCourse.objects.get(code="ml-basics").county == places["tainan"]
    edit = client.post(
        reverse("selfassess:course_edit", args=[mine.pk]),
        {**post, "code": mine.code, "price": "-5"},
    )
    assert edit.status_code == 400  # a clear form error, not a 500
