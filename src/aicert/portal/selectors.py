"""What each role's dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from aicert.accounts.roles import Role


@dataclass
class DashboardPanel:
    """One panel of a dashboard: a title, figures or links, or an empty state saying what will come."""

    key: str
    title: str
    empty_text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, int]] = field(default_factory=list)


def dashboard_panels(*, user) -> list[DashboardPanel]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from aicert.analysis.selectors import analysis_links_for_dashboard
    from aicert.catalog.models import Certification, Level, TrainingCourse
    from aicert.centers.models import Center, Room, Venue
    from aicert.centers.selectors import center_list_for_user
    from aicert.delivery.selectors import form_links_for_dashboard, room_links_for_dashboard
    from aicert.registration.selectors import accommodation_links_for_dashboard
    from aicert.results.selectors import (
        candidate_results_links_for_dashboard,
        results_links_for_dashboard,
    )
    from aicert.scoring.selectors import candidate_links_for_dashboard, scoring_links_for_dashboard

    roles = user.roles
    panels: list[DashboardPanel] = []
    if Role.FOUNDATION_ADMIN in roles or user.is_superuser:
        panels.append(
            DashboardPanel(
                key="foundation_admin",
                title=_("Program administration"),
                figures=[
                    (_("Certifications"), Certification.objects.count()),
                    (_("Levels"), Level.objects.count()),
                    (_("Regional centers"), Center.objects.count()),
                    (_("Training courses"), TrainingCourse.objects.count()),
                ],
                links=[
                    (_("Administration site"), reverse("admin:index")),
                    (_("Catalogue"), reverse("catalog:certification_list")),
                    (_("Bank statements and fees"), reverse("payments:statement_list")),
                    *accommodation_links_for_dashboard(user=user),
                    *scoring_links_for_dashboard(user=user),
                    *results_links_for_dashboard(user=user),
                ],
            )
        )
    if Role.ITEM_WRITER in roles:
        panels.append(
            DashboardPanel(
                "item_writer",
                _("My items"),
                _("Items you write, with their review status, will appear here."),
                links=[
                    (_("Item bank"), reverse("itembank:item_list")),
                    (_("Write a new item"), reverse("itembank:item_create")),
                ],
            )
        )
    if Role.ITEM_REVIEWER in roles:
        panels.append(
            DashboardPanel(
                "item_reviewer",
                _("My review queue"),
                _("Items assigned to you for review will appear here."),
                links=[(_("My review queue"), reverse("itembank:review_queue"))],
            )
        )
    if Role.PSYCHOMETRICIAN in roles:
        panels.append(
            DashboardPanel(
                "psychometrician",
                _("Forms and item statistics"),
                _(
                    "Parallel forms to assemble and item analyses after each sitting will appear here."
                ),
                links=form_links_for_dashboard(user=user)
                + analysis_links_for_dashboard(user=user)
                + scoring_links_for_dashboard(user=user)
                + results_links_for_dashboard(user=user),
            )
        )
    if Role.MARKER in roles:
        panels.append(
            DashboardPanel(
                "marker",
                _("My marking queue"),
                _("Constructed responses assigned to you for marking will appear here."),
                links=scoring_links_for_dashboard(user=user),
            )
        )
    if Role.CENTER_MANAGER in roles:
        centers = list(center_list_for_user(user=user))
        panels.append(
            DashboardPanel(
                "center_manager",
                _("My center"),
                figures=[
                    (_("Venues"), Venue.objects.filter(center__in=centers).count()),
                    (_("Rooms"), Room.objects.filter(venue__center__in=centers).count()),
                ],
                links=[
                    (_("Venues, rooms and invigilators"), reverse("centers:center_manage")),
                    *room_links_for_dashboard(user=user),
                    *results_links_for_dashboard(user=user),
                    (_("Administration site"), reverse("admin:index")),
                ],
                empty_text=_("Exam sessions you schedule will appear here."),
            )
        )
        from aicert.scheduling.selectors import dashboard_panel_for_center_manager

        panels.append(dashboard_panel_for_center_manager(user=user))
    if Role.INVIGILATOR in roles:
        from aicert.scheduling.invigilation_selectors import dashboard_panel_for_invigilator

        panels.append(dashboard_panel_for_invigilator(user=user))
        panels[-1].links = [*room_links_for_dashboard(user=user), *panels[-1].links]
    if Role.EMPLOYER in roles:
        panels.append(
            DashboardPanel(
                "employer",
                _("Talent"),
                _(
                    "Certificates you verify and certified people who agreed to be found will appear here."
                ),
            )
        )
    if not panels or not (roles - {Role.EMPLOYER}):
        panels.append(
            DashboardPanel(
                "candidate",
                _("My certification"),
                _(
                    "Your registrations, admission tickets, results and certificates will appear here."
                ),
                links=[
                    (_("Browse certifications"), reverse("catalog:certification_list")),
                    (_("Find a regional center"), reverse("centers:center_list")),
                ],
            )
        )
        from aicert.delivery.selectors import dashboard_panel_for_candidate_exam
        from aicert.registration.selectors import dashboard_panel_for_candidate

        exam = dashboard_panel_for_candidate_exam(user=user)
        if exam is not None:
            panels.insert(0, exam)
        panels.append(dashboard_panel_for_candidate(user=user))
        panels[-1].links = [
            *panels[-1].links,
            *candidate_links_for_dashboard(user=user),
            *candidate_results_links_for_dashboard(user=user),
        ]
    return panels
