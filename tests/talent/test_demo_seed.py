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
    assert talent_seed() == {"talent_opted_in": before + 1}
    assert talent_seed() == {"talent_opted_in": before + 1}
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
