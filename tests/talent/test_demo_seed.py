"""The talent demo seed: the demo employer has a 統一編號, holders with a valid certificate are
opted in, graduate@ is left for the walk-through, and running it twice changes nothing."""

from __future__ import annotations

import datetime as dt

from aicert.accounts.models import Organisation
from aicert.credentials import services as credentials
from aicert.demo.sitting_seed import GRADUATE_EMAIL
from aicert.demo.talent_seed import talent_seed
from aicert.talent.models import TalentConsent
from aicert.talent.taxid import is_valid_business_number
from tests.factories import LevelFactory, person


def test_talent_seed(demo):
    # The demo's own example holders (credentials_seed) with a valid certificate are opted in.
    before = talent_seed()["talent_opted_in"]
    tax_id = Organisation.objects.get(slug="demo-employer").tax_id
    assert is_valid_business_number(tax_id)
    level = LevelFactory()
    graduate = person("graduate")
    graduate.email = GRADUATE_EMAIL
    graduate.save(update_fields=["email"])
    holder = person("holder")
    for user in (graduate, holder):
        credentials.certificate_issue(
            holder=user, level=level, passed_on=dt.date(2026, 1, 5), basis="t", actor=None
        )
    assert talent_seed()["talent_opted_in"] == before + 1
    assert talent_seed()["talent_opted_in"] == before + 1
    assert TalentConsent.objects.filter(user=holder).count() == 1
    assert not TalentConsent.objects.filter(user=graduate).exists()


def test_the_demo_employer_has_the_published_api_key(demo, client):
    from aicert.demo.talent_seed import DEMO_API_KEY
    from aicert.talent.models import ApiKey

    talent_seed()
    talent_seed()
    key = ApiKey.objects.get(organisation__slug="demo-employer")
    assert key.key_hash != DEMO_API_KEY and DEMO_API_KEY not in key.key_hash  # only its hash
    answer = client.post(
        "/api/v1/verifications",
        {"certificates": [{"number": "AIC-2026-0000001-0", "name": "x"}]},
        content_type="application/json",
        headers={"authorization": f"Bearer {DEMO_API_KEY}"},
    )
    assert answer.status_code == 200, answer.content
    wrong = client.post(
        "/api/v1/verifications",
        {"certificates": [{"number": "AIC-2026-0000001-0", "name": "x"}]},
        content_type="application/json",
        headers={"authorization": "Bearer aic_not-the-key"},
    )
    assert wrong.status_code == 401


def test_the_demo_employer_posts_one_open_job_that_holders_of_its_level_see(demo, client):
    """The demo seeds it for graduate@'s level and region (the walk-through's holder) when
    graduate@ holds a certificate, else for the first certificate's; here: any holder of the
    level who lives in the region sees it."""
    from django.utils import timezone

    from aicert.centers.models import County
    from aicert.registration.services import candidate_profile_save
    from aicert.talent.models import JobPosting
    from tests.scheduling.fixtures import national_id

    talent_seed()
    assert talent_seed()["job_postings"] == 1  # made once
    posting = JobPosting.objects.get(organisation__slug="demo-employer")
    assert posting.closes_on > timezone.localdate() and posting.hidden_at is None
    level = posting.levels.get()
    reader = person("reader")
    candidate_profile_save(
        user=reader,
        legal_name_zh="讀者",
        legal_name_en="Reader",
        id_number=national_id(7),
        birth_date=dt.date(1996, 6, 6),
        phone="0912-345-678",
        county=County.objects.filter(region=posting.region).order_by("position").first(),
    )
    client.force_login(reader)
    assert f'id="posting-{posting.pk}"' not in client.get("/talent/").content.decode()
    credentials.certificate_issue(
        holder=reader, level=level, passed_on=dt.date(2026, 1, 5), basis="t", actor=None
    )
    assert f'id="posting-{posting.pk}"' in client.get("/talent/").content.decode()
