"""The employer side of the demo: the demo employer's business number, and a few certified
demo holders who agreed to be found (never graduate@, whose opt-in is the walk-through's step).

Works whether or not certificates exist yet: holders without a valid certificate are not opted
in (the search shows only holders with one). The demo employer has one API key with a fixed,
published value (:data:`DEMO_API_KEY`, demo only: aicert.demo is never installed in production);
real keys are made at /talent/keys/ and shown once.
"""

from __future__ import annotations

from django.utils import timezone

from aicert.accounts.models import Organisation, User
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.demo.sitting_seed import GRADUATE_EMAIL
from aicert.talent import services
from aicert.talent.models import ApiKey

# Published in the README so the API can be tried at once; a real key is random and shown once.
DEMO_API_KEY = services.API_KEY_PREFIX + "demo-employer-2026-published-not-secret"
DEMO_EMPLOYER_TAX_ID = "22099131"  # a well-formed 統一編號 (checksum), for the demo company
HEADLINES = (
    "資料分析師，熟悉 Python 與機器學習模型評估",
    "Product manager bringing generative AI to manufacturing",
    "AI 導入顧問，專注中小企業流程自動化",
    "Junior ML engineer, computer vision",
    "數位轉型專案經理",
)


def talent_seed(*, holders: int = 5) -> dict[str, int]:
    Organisation.objects.filter(slug="demo-employer", tax_id="").update(tax_id=DEMO_EMPLOYER_TAX_ID)
    employer = Organisation.objects.filter(slug="demo-employer").first()
    if employer is not None:
        # Stored the normal way (only its hash); created once, so re-seeding changes nothing.
        ApiKey.objects.get_or_create(
            key_hash=services.api_key_hash(DEMO_API_KEY),
            defaults={
                "organisation": employer,
                "name": "Demo key (published in the README)",
                "prefix": DEMO_API_KEY[:10],
            },
        )
    today = timezone.localdate()
    holder_ids = (
        Certificate.objects.filter(status=CertificateStatus.ACTIVE)
        .exclude(expires_on__lt=today)
        .exclude(holder__email=GRADUATE_EMAIL)
        .order_by("holder_id")
        .values_list("holder_id", flat=True)
        .distinct()[:holders]
    )
    opted = 0
    for index, holder in enumerate(User.objects.filter(pk__in=list(holder_ids)).order_by("pk")):
        services.talent_consent_give(user=holder)
        services.talent_profile_update(
            user=holder,
            show_name=index % 2 == 0,
            show_county=True,
            show_levels=True,
            show_domains=True,
            headline=HEADLINES[index % len(HEADLINES)],
        )
        opted += 1
    return {"talent_opted_in": opted}
