"""Reads of regions, centers, venues and rooms."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from aicert.accounts.permissions import scope_queryset
from aicert.accounts.types import RequestUser
from aicert.centers.models import Center, Invigilator, Region, Room, Venue


def region_list_with_centers() -> QuerySet[Region]:
    """Regions with their counties and the centers serving them, for the public page."""
    return Region.objects.prefetch_related(
        "counties",
        Prefetch(
            "centers",
            queryset=Center.objects.select_related("organisation").prefetch_related(
                "counties_served",
                Prefetch(
                    "venues", queryset=Venue.objects.filter(is_active=True).select_related("county")
                ),
            ),
        ),
    )


def center_list_for_user(*, user: RequestUser) -> QuerySet[Center]:
    """The centers a user may manage, with venues and rooms."""
    return (
        scope_queryset(user, "centers.view_center", Center.objects.all())
        .select_related("organisation", "region")
        .prefetch_related(
            Prefetch(
                "venues",
                queryset=Venue.objects.select_related("county").prefetch_related(
                    Prefetch("rooms", queryset=Room.objects.order_by("name"))
                ),
            ),
            "counties_served",
            "appointments",
            Prefetch("invigilators", queryset=_invigilators()),
        )
    )


def _invigilators():
    return Invigilator.objects.select_related("user").order_by("user__email")


def room_list_for_user(*, user: RequestUser, perm: str = "centers.view_room") -> QuerySet[Room]:
    """Rooms a user holds ``perm`` on; other centers' rooms are simply not there (404)."""
    return scope_queryset(user, perm, Room.objects.select_related("venue__center__organisation"))


def venue_list_for_user(*, user: RequestUser, perm: str = "centers.view_venue") -> QuerySet[Venue]:
    return scope_queryset(user, perm, Venue.objects.select_related("center__organisation"))


def center_seat_totals() -> dict[int, int]:
    return dict(
        Center.objects.annotate(n=Count("venues__rooms__seat_count")).values_list("pk", "n")
    )
