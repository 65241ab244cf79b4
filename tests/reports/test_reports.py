import pytest
from django.urls import reverse

from aicert.accounts.roles import Role
from aicert.centers.models import County, Region
from aicert.reports.models import ReportFact
from aicert.reports.services import facts_refresh
from aicert.shared.suppression import suppress
from tests.factories import CenterFactory, RegistrationFactory, person
from tests.factories.centers import RoomFactory, VenueFactory
from tests.factories.scheduling import SessionFactory

pytestmark = pytest.mark.django_db


def test_suppression_hides_small_cells_and_the_complementary_one():
    shown = suppress({"a": 3, "b": 50, "c": 40}, limit=10)
    assert shown == {"a": "<10", "b": "50", "c": "x"}  # c is hidden but not small
    assert suppress({"a": 12, "b": 50}, limit=10) == {"a": "12", "b": "50"}
    assert suppress({"a": 3, "b": 4, "c": 40}, limit=10) == {"a": "<10", "b": "<10", "c": "40"}


def _world():
    center = CenterFactory()
    session = SessionFactory(room=RoomFactory(venue=VenueFactory(center=center)))
    for _ in range(12):
        RegistrationFactory(session=session, sat=True)
    for _ in range(3):
        RegistrationFactory(session=session, absent=True)
    return center


def test_refresh_counts_registrations_and_attendance():
    _world()
    facts_refresh()
    total = {
        m: sum(f.value for f in ReportFact.objects.filter(metric=m))
        for m in ("registrations", "attended", "absent")
    }
    assert total == {"registrations": 15, "attended": 12, "absent": 3}
    assert set(ReportFact.objects.values_list("region_code", flat=True)) == {"south"}


def test_dashboard_and_csv_are_suppressed_named_and_region_scoped(
    staff_login, django_assert_max_num_queries
):
    center = _world()
    chiayi = VenueFactory(center=center, county=County.objects.get(code="chiayi-county"))
    small = SessionFactory(room=RoomFactory(venue=chiayi))
    for _ in range(4):
        RegistrationFactory(session=small, sat=True)
    facts_refresh()
    foundation = CenterFactory(region=Region.objects.get(code="north"))
    admin = person("admin", Role.FOUNDATION_ADMIN, foundation.organisation)
    client = staff_login(admin)
    with django_assert_max_num_queries(19):
        page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    body = page.content.decode()
    # Names in the reader's language, not codes; 4 in Chiayi County is hidden, and so is
    # Tainan's 15 (else the total 19 would give the 4 away).
    assert '<th scope="row">臺南市</th>' in body and '<th scope="row">嘉義縣</th>' in body
    assert '<th scope="row">tainan-city' not in body
    assert "<td>4</td>" not in body and "<td>15</td>" not in body and "&lt;10" in body
    assert "<td>19</td>" in body
    assert body.count("<svg") >= 5 and "<title" in body and "<desc" in body
    csv = client.get(reverse("reports:export_csv") + "?view=counties").content.decode("utf-8-sig")
    lines = csv.replace("\r", "").splitlines()
    assert lines[0].startswith("縣市,")
    assert any(line.startswith("嘉義縣,0,0,") for line in lines)
    csv = client.get(reverse("reports:export_csv") + "?view=breakdown").content.decode("utf-8-sig")
    assert "嘉義縣,<10,<10,0,0" in csv.replace("\r", "")
    assert "臺南市,x,x,0,0" in csv.replace("\r", "")
    client.cookies["aicert_language"] = "en"
    english = client.get(reverse("reports:dashboard")).content.decode()
    assert "Chiayi County" in english and "Registrations" in english


def test_bad_filters_give_form_errors_not_a_crash(staff_login):
    _world()
    facts_refresh()
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    client = staff_login(admin)
    for query in ("?period=2026-13", "?by=nonsense", "?county=atlantis", "?level=x' OR 1=1"):
        page = client.get(reverse("reports:dashboard") + query)
        assert page.status_code == 400, query
        assert 'role="alert"' in page.content.decode()
    assert client.get(reverse("reports:export_csv") + "?view=nothing").status_code == 404


def test_gender_breakdown_is_for_the_foundation_only(staff_login):
    center = _world()
    facts_refresh()
    manager = person("m.south", Role.CENTER_MANAGER, center.organisation)
    client = staff_login(manager)
    assert client.get(reverse("reports:dashboard") + "?by=gender").status_code == 400
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    page = staff_login(admin).get(reverse("reports:dashboard") + "?by=age_band")
    assert page.status_code == 200


def test_other_region_manager_and_stranger_are_refused(staff_login, client):
    center = _world()
    facts_refresh()
    north = CenterFactory(region=Region.objects.get(code="north"))
    manager = person("m.north", Role.CENTER_MANAGER, north.organisation)
    c = staff_login(manager)
    page = c.get(reverse("reports:dashboard"))
    assert page.status_code == 200 and '<th scope="row">臺南市' not in page.content.decode()
    assert c.get(reverse("reports:dashboard") + "?region=south").status_code == 403
    south = person("m.south", Role.CENTER_MANAGER, center.organisation)
    body = staff_login(south).get(reverse("reports:dashboard")).content.decode()
    assert '<th scope="row">臺南市' in body
    stranger = person("nobody")
    client.force_login(stranger)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_xlsx_export_is_suppressed_and_task_refreshes(staff_login):
    import io

    from openpyxl import load_workbook

    from aicert.reports.tasks import report_facts_refresh

    center = _world()
    small = SessionFactory(room=RoomFactory(venue=VenueFactory(center=center)))
    RegistrationFactory(session=small, sat=True)
    report_facts_refresh.call()
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    data = staff_login(admin).get(reverse("reports:export_xlsx")).content
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "breakdown", "trend", "counties", "county_level", "certificates", "certificates_trend",
        "domains", "selfassess", "notes",
    ]  # fmt: skip
    rows = list(book["breakdown"].iter_rows(values_only=True))
    assert rows[1][0] == "縣市"
    assert ("臺南市", "16", "13", "0", "0", "—") in rows
