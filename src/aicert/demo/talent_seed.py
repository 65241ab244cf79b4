"""The employer side of the demo: the demo employer's business number, and a few certified
demo holders who agreed to be found (never graduate@, whose opt-in is the walk-through's step).

Works whether or not certificates exist yet: holders without a valid certificate are not opted
in (the search shows only holders with one). No API key is created: a recruiter makes one at
/talent/keys/ (it is shown once).
"""

from __future__ import annotations

from django.utils import timezone

from aicert.accounts.models import Organisation, User
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.demo.sitting_seed import GRADUATE_EMAIL
from aicert.talent import services

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
