"""Certificates active/expired at month ends and certified people, from a hand-built world."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from aicert.centers.models import County
from aicert.credentials.models import Certificate, CertificateEvent
from aicert.registration.models import CandidateProfile
from aicert.reports.metrics.certificates import CertificatesFamily
from tests.factories import person
from tests.factories.catalog import LevelFactory

pytestmark = pytest.mark.django_db

_serial = iter(range(1, 10_000))


def _holder(name: str, county: str):
    user = person(name)
    n = next(_serial)
    CandidateProfile.objects.create(
        user=user,
        legal_name_zh=name,
        id_kind="national_id",
        id_number_encrypted="x",
        id_number_hash=f"h{n}",
        birth_date=dt.date(1990, 1, 1),
        phone="0912",
        county=County.objects.get(code=county),
    )
    return user


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _cert(holder, level, valid_from, expires_on, events=()):
    n = next(_serial)
    cert = Certificate.objects.create(
        number=f"C{n}",
        holder=holder,
        level=level,
        issued_on=valid_from,
        valid_from=valid_from,
        expires_on=expires_on,
        status_changed_at=_at(valid_from),
        basis="test",
        status_list_index=n,
    )
    CertificateEvent.objects.create(
        certificate=cert,
        kind="issued",
        at=_at(valid_from),
        valid_from=valid_from,
        expires_on=expires_on,
    )
    for kind, day in events:
        CertificateEvent.objects.create(
            certificate=cert,
            kind=kind,
            at=_at(day),
            valid_from=valid_from,
            expires_on=expires_on,
        )
    return cert


def _facts(today):
    return Counter(
        {
            (r.metric, r.period, r.county_code, r.level_code): r.value
            for r in CertificatesFamily(today=today).rows()
        }
    )


def test_active_expired_revoked_and_people_at_month_ends():
    a, b = LevelFactory(code="assoc"), LevelFactory(code="prof")
    ann = _holder("ann", "tainan-city")
    bob = _holder("bob", "tainan-city")
    cat = _holder("cat", "taipei-city")
    # Ann: two levels from January, one expiring 15 Feb; both from the same person.
    _cert(ann, a, dt.date(2026, 1, 10), dt.date(2026, 2, 15))
    _cert(ann, b, dt.date(2026, 1, 20), None)
    # Bob: revoked mid-February; Cat: suspended in February, reinstated in March.
    _cert(bob, a, dt.date(2026, 1, 5), dt.date(2028, 1, 4), [("revoked", dt.date(2026, 2, 14))])
    _cert(
        cat,
        a,
        dt.date(2026, 1, 5),
        dt.date(2028, 1, 4),
        [("suspended", dt.date(2026, 2, 3)), ("reinstated", dt.date(2026, 3, 3))],
    )
    f = _facts(dt.date(2026, 3, 20))
    assert f[("certificates_active", "2026-01", "tainan-city", "assoc")] == 2
    assert f[("certificates_active", "2026-01", "tainan-city", "prof")] == 1
    assert f[("certified_people", "2026-01", "tainan-city", "")] == 2  # Ann counted once
    assert f[("certificates_active", "2026-01", "taipei-city", "assoc")] == 1
    # End of February: Ann's associate expired, Bob revoked, Cat suspended.
    assert f[("certificates_active", "2026-02", "tainan-city", "assoc")] == 0
    assert f[("certificates_expired", "2026-02", "tainan-city", "assoc")] == 1
    assert f[("certificates_active", "2026-02", "tainan-city", "prof")] == 1
    assert f[("certified_people", "2026-02", "tainan-city", "")] == 1
    assert f[("certificates_active", "2026-02", "taipei-city", "assoc")] == 0
    assert f[("certificates_expired", "2026-02", "taipei-city", "assoc")] == 0
    # March (as of the 20th): Cat is back.
    assert f[("certificates_active", "2026-03", "taipei-city", "assoc")] == 1
    assert f[("certified_people", "2026-03", "taipei-city", "")] == 1
    assert {p for (_m, p, _c, _l) in f} == {"2026-01", "2026-02", "2026-03"}


def test_region_of_holder_county_and_no_certificates():
    assert list(CertificatesFamily(today=dt.date(2026, 3, 1)).rows()) == []
    lv = LevelFactory(code="assoc")
    _cert(_holder("dan", "kaohsiung-city"), lv, dt.date(2026, 3, 1), None)
    rows = list(CertificatesFamily(today=dt.date(2026, 3, 1)).rows())
    assert {(r.metric, r.region_code, r.value) for r in rows} == {
        ("certificates_active", "south", 1),
        ("certified_people", "south", 1),
    }


def test_dashboard_table_map_and_csv_show_certified_per_10k_suppressed(staff_login):
    from django.urls import reverse

    from aicert.accounts.roles import Role
    from aicert.reports.services import facts_refresh
    from tests.factories import CenterFactory

    lv = LevelFactory(code="assoc")
    today = timezone.localdate()
    start = today.replace(day=1)
    for i in range(12):
        _cert(_holder(f"t{i}", "tainan-city"), lv, start, None)
    for i in range(3):
        _cert(_holder(f"k{i}", "kaohsiung-city"), lv, start, None)
    facts_refresh()
    admin = person("admin", Role.FOUNDATION_ADMIN, CenterFactory().organisation)
    client = staff_login(admin)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert 'id="table-certificates"' in body
    assert 'id="map-certified-10k"' in body
    population = County.objects.get(code="tainan-city").population
    # Tainan's 12 is shown, and so its density; Kaohsiung's 3 is hidden (<10) and so is the
    # total's complement partner (Tainan then is x: total 15 minus it would give it away).
    csv = client.get(reverse("reports:export_csv") + "?view=certificates").content.decode()
    lines = {line.split(",")[0]: line for line in csv.strip().splitlines()[1:]}
    tainan = next(v for k, v in lines.items() if "臺南" in k or "Tainan" in k)
    kaohsiung = next(v for k, v in lines.items() if "高雄" in k or "Kaohsiung" in k)
    assert "<10" in kaohsiung and ",3," not in kaohsiung
    assert ",x," in tainan and ",12," not in tainan and tainan.endswith("—")
    # Alone, Tainan's 12 is shown with its density.
    only = client.get(reverse("reports:export_csv") + "?view=certificates&county=tainan-city")
    row = only.content.decode().strip().splitlines()[1]
    assert ",12," in row
    if population:
        assert f"{10000 * 12 / population:.2f}" in row
