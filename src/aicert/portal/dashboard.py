"""The dashboard's panels for each role: titles and empty states only.

What goes in them (links, figures, whole panels of their own) comes from the apps that own it,
registered in each app's ``contributions.py`` (:mod:`aicert.shared.dashboard`); the portal
knows no app but the roles.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.accounts.roles import Role, sees_candidate_dashboard
from aicert.shared.dashboard import DashboardPanel, Section, dashboard

# Panel order on the page. Apps place their own panels between these (see their contributions).
ORDER_FOUNDATION_ADMIN = 100
ORDER_PSYCHOMETRICIAN = 400
ORDER_CENTER_MANAGER = 600
ORDER_EMPLOYER = 800
ORDER_CANDIDATE = 900


def _foundation_admin(*, user: Any) -> DashboardPanel | None:
    if Role.FOUNDATION_ADMIN not in user.roles and not user.is_superuser:
        return None
    return DashboardPanel(
        "foundation_admin",
        _("Program administration"),
        sections=[
            (Section.CONTENT, pgettext("dashboard section", "Content")),
            (Section.SESSIONS, pgettext("dashboard section", "Sessions and registration")),
            (Section.RESULTS, pgettext("dashboard section", "Results and certificates")),
            (Section.REPORTS, pgettext("dashboard section", "Reports")),
            (Section.ADMINISTRATION, pgettext("dashboard section", "Administration")),
        ],
    )


def _psychometrician(*, user: Any) -> DashboardPanel | None:
    if Role.PSYCHOMETRICIAN not in user.roles:
        return None
    return DashboardPanel(
        "psychometrician",
        _("Forms and item statistics"),
        _("Parallel forms to assemble and item analyses after each sitting will appear here."),
    )


def _center_manager(*, user: Any) -> DashboardPanel | None:
    if Role.CENTER_MANAGER not in user.roles:
        return None
    return DashboardPanel(
        "center_manager",
        _("My center"),
        empty_text=_("Exam sessions you schedule will appear here."),
    )


def _employer(*, user: Any) -> DashboardPanel | None:
    if Role.EMPLOYER not in user.roles:
        return None
    return DashboardPanel(
        "employer",
        _("Talent"),
        _("Certificates you verify and certified people who agreed to be found will appear here."),
    )


def _candidate(*, user: Any) -> DashboardPanel | None:
    if not sees_candidate_dashboard(user.roles):
        return None
    return DashboardPanel(
        "candidate",
        _("My certification"),
        _("Your registrations, admission tickets, results and certificates will appear here."),
    )


def _admin_site_link(*, user: Any) -> list[tuple[str, str]]:
    return [(_("Administration site"), reverse("admin:index"))]


def register() -> None:
    """Register the role panels (from ``PortalConfig.ready``)."""
    dashboard.panel("foundation_admin", _foundation_admin, order=ORDER_FOUNDATION_ADMIN)
    dashboard.panel("psychometrician", _psychometrician, order=ORDER_PSYCHOMETRICIAN)
    dashboard.panel("center_manager", _center_manager, order=ORDER_CENTER_MANAGER)
    dashboard.panel("employer", _employer, order=ORDER_EMPLOYER)
    dashboard.panel("candidate", _candidate, order=ORDER_CANDIDATE)
    # The Django admin: first for the foundation, last for a center manager (after their pages).
    dashboard.links("foundation_admin", _admin_site_link, order=10, section=Section.ADMINISTRATION)
    dashboard.links("center_manager", _admin_site_link, order=90)


def dashboard_panels(*, user: Any) -> list[DashboardPanel]:
    """What the signed-in user's dashboard shows, panel by panel."""
    return dashboard.panels_for(user=user)
