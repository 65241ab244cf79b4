"""Talent search, consent first: only holders who agreed (to the current text) and hold a valid
certificate; only what each shows; withdrawal removes them at once; every search and view
logged and visible to the holder; contact through a request the holder accepts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.centers.models import County, Region
from aicert.results.models import DomainScore, Result, ResultStatus
from aicert.talent import selectors, services
from aicert.talent.models import ContactStatus, TalentConsent, TalentView
from aicert.talent.selectors import TalentFilters
from tests.factories import (
    AttemptFactory,
    CompetencyDomainFactory,
    RegistrationFactory,
    SubjectFactory,
)


def opt_in(user, **choices):
    services.talent_consent_give(user=user)
    if choices:
        services.talent_profile_update(user=user, **choices)
    return user.talent_profile


def found(**filters):
    return {c.profile_id for c in selectors.talent_search(filters=TalentFilters(**filters))}


def release_domain_score(holder, domain, percent):
    subject = SubjectFactory(level__certification=domain.certification)
    registration = RegistrationFactory(candidate=holder, subject=subject, sat=True)
    attempt = AttemptFactory(registration=registration, submitted=True)
    now = timezone.now()
    result = Result.objects.create(
        attempt=attempt,
        candidate=holder,
        subject=subject,
        session=registration.session,
        raw_points=percent,
        raw_max=100,
        percent=percent,
        scaled_score=percent,
        passed=True,
        status=ResultStatus.RELEASED,
        released_at=now,
        computed_at=now,
    )
    DomainScore.objects.create(
        result=result, domain=domain, points=percent, max_points=100, percent=percent, item_count=10
    )


def test_nobody_is_found_without_consent(tworld):
    assert found() == set()
    alice = opt_in(tworld.alice)
    assert found() == {alice.pk}


def test_only_valid_certificate_holders_appear(tworld):
    opt_in(tworld.carol)  # her only certificate is revoked
    assert found() == set()


def test_filters_by_level_and_region_and_county(tworld):
    alice, bob = opt_in(tworld.alice), opt_in(tworld.bob)
    assert found(level_id=tworld.level.pk) == {alice.pk}
    assert found(level_id=tworld.level2.pk) == {bob.pk}
    south = Region.objects.get(counties__code="tainan-city")
    assert found(region_id=south.pk) == {alice.pk}
    assert found(county_id=County.objects.get(code="taipei-city").pk) == {bob.pk}
    assert (
        found(level_id=tworld.level.pk, county_id=County.objects.get(code="taipei-city").pk)
        == set()
    )


def test_a_filter_never_matches_what_a_person_hides(tworld):
    alice = opt_in(tworld.alice, show_county=False, show_levels=False)
    assert found() == {alice.pk}
    assert found(county_id=County.objects.get(code="tainan-city").pk) == set()
    assert found(level_id=tworld.level.pk) == set()
    card = selectors.talent_search(filters=TalentFilters())[0]
    assert card.county == "" and card.levels == [] and card.name == ""


def test_results_show_only_chosen_fields_and_never_contact_data(tworld):
    opt_in(tworld.alice, show_name=True, headline="Data engineer, Tainan")
    card = selectors.talent_search(filters=TalentFilters())[0]
    assert card.name == "林小美" and card.headline == "Data engineer, Tainan"
    assert card.county and card.levels[0]["level_id"] == tworld.level.pk
    text = repr(card)
    assert "alice@example.org" not in text and "0912" not in text
    with pytest.raises(ValidationError):
        services.talent_profile_update(user=tworld.alice, headline="mail me: a@b.tw")
    with pytest.raises(ValidationError):
        services.talent_profile_update(user=tworld.alice, headline="call 0912 345 678")


def test_domain_strength_filter(tworld):
    domain = CompetencyDomainFactory(certification=tworld.level.certification)
    alice, bob = opt_in(tworld.alice), opt_in(tworld.bob)
    release_domain_score(tworld.alice, domain, 85)
    release_domain_score(tworld.bob, domain, 65)
    assert found(domain_id=domain.pk, min_percent=80) == {alice.pk}
    assert found(domain_id=domain.pk, min_percent=60) == {alice.pk, bob.pk}
    services.talent_profile_update(user=tworld.alice, show_domains=False)
    assert found(domain_id=domain.pk, min_percent=60) == {bob.pk}


def test_withdrawal_removes_them_at_once(client, tworld):
    alice = opt_in(tworld.alice)
    client.force_login(tworld.recruiter)
    assert client.get(reverse("talent:person", args=[alice.pk])).status_code == 200
    services.talent_consent_withdraw(user=tworld.alice)
    assert found() == set()
    assert client.get(reverse("talent:person", args=[alice.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.contact_request_send(
            actor=tworld.recruiter, organisation=tworld.employer, profile=alice, message="Hi"
        )
    # Consent is versioned and kept: the record says what was agreed and when it ended.
    consent = TalentConsent.objects.get(user=tworld.alice)
    assert consent.version == 1 and consent.text and consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="talent.consent_withdraw").exists()
    # Opting in again makes a new consent row.
    opt_in(tworld.alice)
    assert TalentConsent.objects.filter(user=tworld.alice).count() == 2
    assert found() == {alice.pk}


def test_searches_and_views_are_logged_and_the_holder_sees_who(client, tworld):
    alice = opt_in(tworld.alice)
    client.force_login(tworld.recruiter)
    page = client.get(reverse("talent:search"), {"level": tworld.level.pk, "go": "1"})
    assert page.status_code == 200 and len(page.context["cards"]) == 1
    client.get(reverse("talent:person", args=[alice.pk]))
    assert set(TalentView.objects.values_list("kind", flat=True)) == {"search", "profile"}
    client.force_login(tworld.alice)
    mine = client.get(reverse("talent:mine"))
    viewers = mine.context["viewers"]
    assert viewers[0]["organisation"] == "艾克米公司"
    assert (viewers[0]["search"], viewers[0]["profile"]) == (1, 1)


def test_bad_search_input_is_not_an_error(client, tworld):
    client.force_login(tworld.recruiter)
    for params in ({"level": "x"}, {"valid_until": "yesterday"}, {"min_percent": "70"}):
        assert client.get(reverse("talent:search"), params).status_code == 200
    assert client.get(reverse("talent:person", args=[999999])).status_code == 404
    client.force_login(tworld.alice)
    assert client.get(reverse("talent:search")).status_code == 403


def test_contact_request_accept_then_share_email(client, tworld):
    alice = opt_in(tworld.alice)
    client.force_login(tworld.recruiter)
    response = client.post(
        reverse("talent:person", args=[alice.pk]), {"message": "We are hiring a data engineer."}
    )
    assert response.status_code == 302
    contact = alice.contact_requests.get()
    assert contact.status == ContactStatus.PENDING
    # One pending request per organisation and person.
    with pytest.raises(ValidationError):
        services.contact_request_send(
            actor=tworld.recruiter, organisation=tworld.employer, profile=alice, message="Again"
        )
    # The holder sees the organisation, not the message, until they accept.
    client.force_login(tworld.alice)
    page = client.get(reverse("talent:mine")).content.decode()
    assert "艾克米公司" in page and "data engineer" not in page
    # Someone else cannot answer it.
    with pytest.raises(PermissionDenied):
        services.contact_request_answer(user=tworld.bob, contact=contact, accept=True)
    with pytest.raises(ValidationError):  # sharing needs an accepted request
        services.contact_request_share_email(user=tworld.alice, contact=contact)
    client.post(reverse("talent:invitation_answer", args=[contact.pk]), {"answer": "accept"})
    page = client.get(reverse("talent:mine")).content.decode()
    assert "We are hiring a data engineer." in page
    # Before sharing, the recruiter sees no e-mail.
    client.force_login(tworld.recruiter)
    assert "alice@example.org" not in client.get(reverse("talent:sent")).content.decode()
    client.force_login(tworld.alice)
    client.post(reverse("talent:invitation_share", args=[contact.pk]))
    client.force_login(tworld.recruiter)
    assert "alice@example.org" in client.get(reverse("talent:sent")).content.decode()
    # Another organisation sees nothing of it, and the holder's invitation URLs are theirs alone.
    client.force_login(tworld.other_recruiter)
    assert "alice@example.org" not in client.get(reverse("talent:sent")).content.decode()
    assert client.post(reverse("talent:invitation_answer", args=[contact.pk])).status_code == 404
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"talent.contact_request_send", "talent.contact_request_answer",
            "talent.contact_request_share_email", "talent.consent_give"} <= actions  # fmt: skip


def test_decline(tworld):
    alice = opt_in(tworld.alice)
    contact = services.contact_request_send(
        actor=tworld.recruiter, organisation=tworld.employer, profile=alice, message="Hi"
    )
    services.contact_request_answer(user=tworld.alice, contact=contact, accept=False)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECLINED
    with pytest.raises(ValidationError):
        services.contact_request_answer(user=tworld.alice, contact=contact, accept=True)


def test_holder_pages_without_consent(client, tworld):
    client.force_login(tworld.alice)
    assert client.get(reverse("talent:mine")).status_code == 200
    client.post(reverse("talent:consent_give"))  # box not ticked
    assert not TalentConsent.objects.exists()
    client.post(reverse("talent:consent_give"), {"agree": "yes"})
    assert TalentConsent.objects.filter(withdrawn_at__isnull=True).count() == 1
    response = client.post(
        reverse("talent:profile_update"), {"show_name": "on", "headline": "x" * 500}
    )
    assert response.status_code == 302
    assert client.get(reverse("talent:consent_give")).status_code == 405
