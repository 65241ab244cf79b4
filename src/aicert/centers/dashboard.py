"""What the centers show on dashboards: their number, a manager's venues and rooms."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from aicert.centers.models import Center, Room, Venue
from aicert.centers.selectors import center_list_for_user


def center_figures(*, user: Any) -> list[tuple[str, int]]:
    return [(_("Regional centers"), Center.objects.count())]


def manager_figures(*, user: Any) -> list[tuple[str, int]]:
    centers = list(center_list_for_user(user=user))
    return [
        (_("Venues"), Venue.objects.filter(center__in=centers).count()),
        (_("Rooms"), Room.objects.filter(venue__center__in=centers).count()),
    ]


def manager_links(*, user: Any) -> list[tuple[str, str]]:
    return [(_("Venues, rooms and invigilators"), reverse("centers:center_manage"))]


def candidate_links(*, user: Any) -> list[tuple[str, str]]:
    return [(_("Find a regional center"), reverse("centers:center_list"))]
