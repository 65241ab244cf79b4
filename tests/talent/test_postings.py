"""Job postings: an approved employer publishes which levels it hires for and where; holders
with a valid certificate of such a level in that region see it while it is open and not hidden;
only its own organisation edits it; the foundation hides it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.catalog.models import Level
from aicert.centers.models import County
from aicert.talent import services
from aicert.talent.models import JobPosting
from tests.factories import CompetencyDomainFactory, person


def posting_fields(tworld, **overrides):
    tainan = County.objects.get(code="tainan-city")
    fields = {
        "title": "AI 應用工程師",
        "description": "導入生成式 AI 於客服流程。",
        "link": "https://jobs.example.com/42",
        "closes_on": timezone.localdate() + dt.timedelta(days=30),
        "levels": [tworld.level],
        "domains": [],
        "region": tainan.region,
        "county": None,
    }
    return {**fields, **overrides}


def publish(tworld, **overrides):
    return services.job_posting_create(
        actor=tworld.recruiter, organisation=tworld.employer, **posting_fields(tworld, **overrides)
    )


def form_data(tworld, **overrides):
    tainan = County.objects.get(code="tainan-city")
    data = {
        "title": "資料科學家",
        "description": "建立需求預測模型。",
        "link": "",
        "closes_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        "levels": [str(tworld.level.pk)],
        "region": str(tainan.region_id),
        "county": "",
    }
    return {**data, **overrides}


def seen_by(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("talent:mine")).content.decode()


def test_holders_of_the_level_in_the_region_see_it(client, tworld):
    posting = publish(tworld)
    taipei = County.objects.get(code="taipei-city")
    for_bob = publish(
        tworld, title="Taipei only", levels=[tworld.level2], region=taipei.region, county=taipei
    )
    alice_page = seen_by(client, tworld.alice)
    assert f'id="posting-{posting.pk}"' in alice_page and "AI 應用工程師" in alice_page
    assert "https://jobs.example.com/42" in alice_page and "艾克米公司" in alice_page
    assert f'id="posting-{for_bob.pk}"' not in alice_page  # another level and region
    bob_page = seen_by(client, tworld.bob)
    assert f'id="posting-{for_bob.pk}"' in bob_page
    assert f'id="posting-{posting.pk}"' not in bob_page  # level2 only, Taipei
    # Carol lives in Tainan but her certificate of the level is revoked.
    assert f'id="posting-{posting.pk}"' not in seen_by(client, tworld.carol)
    # What the holder sees is what the employer wrote: never the recruiter's account.
    assert tworld.recruiter.email not in alice_page
    assert AuditEvent.objects.filter(action="talent.job_posting_create").count() == 2


def test_a_county_posting_is_not_shown_elsewhere_in_its_region(client, tworld):
    chiayi = County.objects.filter(region__counties__code="tainan-city").exclude(
        code="tainan-city"
    )[0]
    posting = publish(tworld, county=chiayi, region=chiayi.region)
    assert f'id="posting-{posting.pk}"' not in seen_by(client, tworld.alice)


def test_hidden_and_closed_postings_are_not_shown(client, tworld):
    posting = publish(tworld)
    with pytest.raises(PermissionDenied):  # a recruiter cannot hide, not even their own
        services.job_posting_hide(actor=tworld.recruiter, posting=posting, hide=True, reason="x")
    with pytest.raises(ValidationError):  # hiding needs a reason the employer is shown
        services.job_posting_hide(actor=tworld.admin, posting=posting, hide=True, reason=" ")
    services.job_posting_hide(actor=tworld.admin, posting=posting, hide=True, reason="薪資不實")
    assert f'id="posting-{posting.pk}"' not in seen_by(client, tworld.alice)
    client.force_login(tworld.recruiter)
    assert "薪資不實" in client.get(reverse("talent:postings")).content.decode()
    services.job_posting_hide(actor=tworld.admin, posting=posting, hide=False)
    assert f'id="posting-{posting.pk}"' in seen_by(client, tworld.alice)
    JobPosting.objects.filter(pk=posting.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert f'id="posting-{posting.pk}"' not in seen_by(client, tworld.alice)
    assert AuditEvent.objects.filter(action="talent.job_posting_hide").count() == 1
    assert AuditEvent.objects.filter(action="talent.job_posting_show").count() == 1


def test_foundation_hides_from_its_page(client, tworld):
    posting = publish(tworld)
    client.force_login(tworld.recruiter)
    url = reverse("talent:posting_hide", args=[posting.pk])
    assert client.post(url, {"action": "hide", "reason": "x"}).status_code == 403
    assert client.get(reverse("talent:postings_manage")).status_code == 403
    client.force_login(tworld.admin)
    page = client.get(reverse("talent:postings_manage")).content.decode()
    assert f'id="posting-{posting.pk}"' in page
    client.post(url, {"action": "hide", "reason": ""})  # no reason: refused, shown as a message
    posting.refresh_from_db()
    assert posting.hidden_at is None
    client.post(url, {"action": "hide", "reason": "已徵得"})
    posting.refresh_from_db()
    assert posting.hidden_at is not None and posting.hidden_by == tworld.admin


def test_another_organisation_cannot_edit(client, tworld):
    posting = publish(tworld)
    with pytest.raises(PermissionDenied):
        services.job_posting_update(
            actor=tworld.other_recruiter, posting=posting, **posting_fields(tworld, title="Mine")
        )
    client.force_login(tworld.other_recruiter)
    edit = reverse("talent:posting_edit", args=[posting.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, form_data(tworld, title="Mine")).status_code == 404
    assert posting.title not in client.get(reverse("talent:postings")).content.decode()
    posting.refresh_from_db()
    assert posting.title == "AI 應用工程師"
    # Its own organisation edits it.
    client.force_login(tworld.recruiter)
    assert client.get(edit).status_code == 200
    response = client.post(edit, form_data(tworld, title="資深 AI 工程師"))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "資深 AI 工程師" and posting.link == ""


def test_an_organisation_not_approved_cannot_post(client, tworld):
    applicant = person("hr")
    services.employer_application_submit(
        applicant=applicant,
        name_zh="待審公司",
        name_en="Pending Co.",
        tax_id="22099131",
        contact_name="王經理",
        contact_phone="03-5636688",
    )
    client.force_login(applicant)
    assert client.get(reverse("talent:postings")).status_code == 403
    assert client.post(reverse("talent:postings"), form_data(tworld)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.job_posting_create(
            actor=applicant, organisation=tworld.employer, **posting_fields(tworld)
        )
    client.force_login(tworld.alice)  # a holder is no employer either
    assert client.post(reverse("talent:postings"), form_data(tworld)).status_code == 403
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"closes_on": "2020-01-01"}, "closes_on"),
        ({"closes_on": "31/31/2099"}, "closes_on"),
        ({"levels": ["999999"]}, "levels"),
        ({"levels": []}, "levels"),
        ({"region": "999999"}, "region"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_is_a_clear_error(client, tworld, change, field):
    client.force_login(tworld.recruiter)
    response = client.post(reverse("talent:postings"), form_data(tworld, **change))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not JobPosting.objects.exists()


def test_rules_the_service_checks(tworld):
    taipei = County.objects.get(code="taipei-city")
    other = CompetencyDomainFactory()  # of another certification
    cases = [
        ({"closes_on": timezone.localdate() - dt.timedelta(days=1)}, "closes_on"),
        ({"county": taipei}, "county"),  # Taipei is not in Tainan's region
        ({"domains": [other]}, "domains"),
        ({"levels": Level.objects.none()}, "levels"),
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as error:
            publish(tworld, **change)
        assert field in error.value.error_dict
    assert not JobPosting.objects.exists()
    # Today is still open.
    assert publish(tworld, closes_on=timezone.localdate()).pk


def test_the_pages_need_a_login(client, tworld):
    for name in ("talent:postings", "talent:postings_manage"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]


def test_pages_in_traditional_chinese(client, tworld):
    publish(tworld)
    client.force_login(tworld.recruiter)
    page = client.get(reverse("talent:postings"), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "刊登職缺" in page and "Publish a job posting" not in page
    client.force_login(tworld.alice)
    page = client.get(reverse("talent:mine"), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "適合您的職缺" in page and "Job postings for you" not in page
