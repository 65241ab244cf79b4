"""The demo's promotion: news and events in every region, subscribers, the partner school."""

from __future__ import annotations

from django.urls import reverse

from aicert.demo.promotion_seed import CAMPAIGN_NAME, PARTNER_CONTACT, promotion_seed
from aicert.promotion.models import Announcement, Event, PartnerCampaign, Subscription


def test_demo_seeds_each_region_and_the_partner_campaign_once(demo, client):
    regions = set(Announcement.objects.values_list("region__code", flat=True))
    assert {"north", "central", "south", "east"} <= regions
    titles = set(Event.objects.filter(region__code="south").values_list("title_en", flat=True))
    assert {
        "STUST campus day: try the AI certification",
        "Chiayi information session",
        "Online preparation workshop: generative AI",
    } <= titles
    assert Subscription.objects.filter(status="confirmed", consent_source="demo").count() == 3
    campaign = PartnerCampaign.objects.get(name_zh=CAMPAIGN_NAME)
    assert campaign.group_bookings.count() == 2
    # Seeding again changes nothing.
    counts = promotion_seed()
    assert (counts["announcements"], counts["events"]) == (0, 0)
    assert PartnerCampaign.objects.count() == 1
    # The school's contact person follows the campaign.
    from aicert.accounts.models import User

    client.force_login(User.objects.get(email=PARTNER_CONTACT))
    page = client.get(reverse("promotion:campaign", args=[campaign.pk]))
    assert page.status_code == 200 and "stust-2026" in page.content.decode()
