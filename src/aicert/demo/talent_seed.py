"""The employer side of the demo: the demo employer's business number, and a few certified
demo holders who agreed to be found (never graduate@, whose opt-in is the walk-through's step).

Works whether or not certificates exist yet: holders without a valid certificate are not opted
in (the search shows only holders with one). The demo employer has one API key with a fixed,
published value (:data:`DEMO_API_KEY`, demo only: aicert.demo is never installed in production);
real keys are made at /talent/keys/ and shown once. The demo employer has one open job posting
for graduate@'s level in graduate@'s region, so graduate@ sees it on /talent/.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Value, When
from django.utils import timezone

from aicert.accounts.models import Membership, Organisation, User
from aicert.accounts.roles import Role
from aicert.centers.models import Region
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.demo.sitting_seed import GRADUATE_EMAIL
from aicert.registration.models import CandidateProfile
from aicert.talent import services
from aicert.talent.models import ApiKey, JobPosting

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
    return {"talent_opted_in": opted, "job_postings": _job_posting_seed(employer)}


DEMO_POSTING_TITLE = "AI 導入專案經理（AI Adoption Project Manager）"


def _job_posting_seed(employer: Organisation | None) -> int:
    """One open posting by the demo employer, published through the service as its recruiter
    would; for graduate@'s level and region when graduate@ holds a certificate. Made once."""
    if employer is None:
        return 0
    if JobPosting.objects.filter(organisation=employer, title=DEMO_POSTING_TITLE).exists():
        return 1
    membership = (
        Membership.objects.filter(organisation=employer, role=Role.EMPLOYER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    certificate = (
        Certificate.objects.filter(status=CertificateStatus.ACTIVE)
        .select_related("level")
        # graduate@'s certificate first, when there is one.
        .order_by(Case(When(holder__email=GRADUATE_EMAIL, then=Value(0)), default=Value(1)), "pk")
        .first()
    )
    if membership is None or certificate is None:
        return 0
    person = CandidateProfile.objects.filter(user=certificate.holder_id).first()
    county = person.county if person is not None else None
    region = county.region if county is not None else Region.objects.order_by("position").first()
    if region is None:
        return 0
    services.job_posting_create(
        actor=membership.user,
        organisation=employer,
        title=DEMO_POSTING_TITLE,
        description=(
            "帶領製造業客戶導入生成式 AI：需求訪談、概念驗證、模型評估與上線後的成效追蹤。"
            "Lead generative-AI projects for manufacturing clients, from discovery and proof of "
            "concept to model evaluation and follow-up after go-live."
        ),
        link="https://example.com/careers/ai-adoption-pm",
        closes_on=timezone.localdate() + dt.timedelta(days=60),
        levels=[certificate.level],
        domains=[],
        region=region,
        county=None,
    )
    return 1
