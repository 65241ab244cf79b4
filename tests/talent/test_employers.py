"""Employer sign-up: a company with a valid 統一編號 applies, the foundation approves (the
applicant becomes its recruiter) or rejects with a reason; both audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aicert.accounts.models import Membership
from aicert.accounts.roles import OrganisationKind, Role
from aicert.audit.models import AuditEvent
from aicert.credentials import services as credentials
from aicert.talent import services
from aicert.talent.models import ApplicationStatus, EmployerApplication
from tests.factories import person

COMPANY = {
    "name_zh": "台灣積體電路製造股份有限公司",
    "name_en": "Taiwan Semiconductor Manufacturing Co.",
    "tax_id": "22099131",
    "contact_name": "王經理",
    "contact_phone": "03-5636688",
}


def test_application_refuses_a_wrong_check_digit(tworld):
    applicant = person("hr")
    with pytest.raises(ValidationError) as error:
        services.employer_application_submit(
            applicant=applicant, **{**COMPANY, "tax_id": "22099132"}
        )
    assert "tax_id" in error.value.error_dict
    assert not EmployerApplication.objects.exists()


def test_approval_makes_the_applicant_the_recruiter(tworld):
    applicant = person("hr")
    application = services.employer_application_submit(applicant=applicant, **COMPANY)
    with pytest.raises(ValidationError):  # one pending application at a time
        services.employer_application_submit(applicant=applicant, **COMPANY)
    with pytest.raises(PermissionDenied):
        services.employer_application_decide(
            actor=tworld.recruiter, application=application, approve=True
        )
    services.employer_application_decide(actor=tworld.admin, application=application, approve=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    organisation = application.organisation
    assert organisation.kind == OrganisationKind.EMPLOYER and organisation.tax_id == "22099131"
    assert Membership.objects.filter(
        user=applicant, organisation=organisation, role=Role.EMPLOYER
    ).exists()
    assert AuditEvent.objects.filter(action="talent.employer_application_decide").exists()
    with pytest.raises(ValidationError):  # decided once
        services.employer_application_decide(
            actor=tworld.admin, application=application, approve=False, note="no"
        )


def test_a_second_recruiter_of_the_same_company_joins_its_organisation(tworld):
    first, second = person("hr1"), person("hr2")
    for applicant in (first, second):
        application = services.employer_application_submit(applicant=applicant, **COMPANY)
        services.employer_application_decide(
            actor=tworld.admin, application=application, approve=True
        )
    orgs = {m.organisation_id for m in Membership.objects.filter(user__in=[first, second])}
    assert len(orgs) == 1


def test_rejection_needs_a_reason_and_grants_nothing(tworld):
    applicant = person("hr")
    application = services.employer_application_submit(applicant=applicant, **COMPANY)
    with pytest.raises(ValidationError):
        services.employer_application_decide(
            actor=tworld.admin, application=application, approve=False
        )
    services.employer_application_decide(
        actor=tworld.admin, application=application, approve=False, note="Not a real company."
    )
    assert not Membership.objects.filter(user=applicant).exists()


def test_sign_up_pages(client, tworld):
    applicant = person("hr")
    client.force_login(applicant)
    response = client.post(reverse("talent:apply"), {**COMPANY, "tax_id": "1234567"})
    assert response.status_code == 200
    assert "8" in response.content.decode()  # "A business number is 8 digits."
    response = client.post(reverse("talent:apply"), COMPANY)
    assert response.status_code == 302
    # Not the foundation: no queue.
    assert client.get(reverse("talent:applications")).status_code == 403
    client.force_login(tworld.admin)
    page = client.get(reverse("talent:applications"))
    assert page.status_code == 200 and "22099131" in page.content.decode()
    application = EmployerApplication.objects.get()
    response = client.post(
        reverse("talent:application_decide", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=applicant, role=Role.EMPLOYER).exists()
    # Garbage decisions never break the page.
    response = client.post(
        reverse("talent:application_decide", args=[application.pk]), {"decision": "maybe"}
    )
    assert response.status_code == 302


def test_dashboards_link_to_the_talent_pages(client, tworld):
    client.force_login(tworld.recruiter)
    page = client.get(reverse("portal:dashboard")).content.decode()
    for name in ("talent:verify", "talent:bulk_list", "talent:search", "talent:keys"):
        assert reverse(name) in page
    client.force_login(tworld.alice)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("talent:mine") in page and reverse("talent:search") not in page
    client.force_login(tworld.admin)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("talent:applications") in page and reverse("talent:api_calls") in page


def href(name: str) -> str:
    return f'href="{reverse(name)}"'


def test_a_recruiter_is_not_offered_the_candidates_talent_links(client, tworld):
    """A member of an approved employer is not asked to register a company, nor to be found by
    employers (that is for holders); a candidate is offered both."""
    client.force_login(tworld.recruiter)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("talent:verify") in page
    assert href("talent:apply") not in page and href("talent:mine") not in page
    client.force_login(tworld.alice)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert href("talent:apply") in page and href("talent:mine") in page


def test_a_recruiter_who_holds_a_certificate_may_still_be_found(client, tworld):
    credentials.certificate_issue(
        holder=tworld.recruiter,
        level=tworld.level2,
        passed_on=timezone.localdate(),
        basis="test",
        actor=None,
    )
    client.force_login(tworld.recruiter)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert href("talent:mine") in page and href("talent:apply") not in page
