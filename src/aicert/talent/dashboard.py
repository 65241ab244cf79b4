"""Talent's dashboard links: the recruiter's pages, the foundation's queue, the holder's."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.accounts.permissions import user_can
from aicert.accounts.roles import OrganisationKind, Role
from aicert.credentials.selectors import certificates_of_holder


def employer_links(*, user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if user_can(user, "talent.add_bulkverification"):
        links.append((_("Verify a certificate"), reverse("talent:verify")))
        links.append((_("Verify many certificates"), reverse("talent:bulk_list")))
    if user_can(user, "talent.view_talentprofile"):
        links.append((_("Find certified people"), reverse("talent:search")))
        links.append((_("Contact requests sent"), reverse("talent:sent")))
    if user_can(user, "talent.add_apikey"):
        links.append((_("API keys"), reverse("talent:keys")))
    if user_can(user, "talent.add_jobposting"):
        links.append((_("Job postings"), reverse("talent:postings")))
    return links


def foundation_links(*, user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if user_can(user, "talent.decide_employerapplication"):
        links.append((_("Employer applications"), reverse("talent:applications")))
    if user_can(user, "talent.view_apicall"):
        links.append((_("Verification API calls"), reverse("talent:api_calls")))
    if user_can(user, "talent.hide_jobposting"):
        links.append((_("Employers' job postings"), reverse("talent:postings_manage")))
    return links


def holder_links(*, user: Any) -> list[tuple[str, str]]:
    """The candidate panel's talent links. A member of an employer organisation (approved: the
    organisation exists only once the foundation approved its application) is not offered to
    register a company, and sees "be found" only if they hold a certificate themself."""
    if user.is_anonymous:
        return []
    of_employer = Role.EMPLOYER in user.roles or any(
        m.organisation.kind == OrganisationKind.EMPLOYER for m in user.active_memberships
    )
    links: list[tuple[str, str]] = []
    if not of_employer or certificates_of_holder(user).exists():
        links.append((pgettext("talent", "Be found by employers"), reverse("talent:mine")))
    if not of_employer:
        links.append((_("Register your company as an employer"), reverse("talent:apply")))
    return links
