"""A center manager sees and edits only their own center's objects, in pages and in the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from aicert.accounts.permissions import require_permission, scope_queryset, user_can
from aicert.accounts.roles import Role
from aicert.centers.models import Center, CenterAppointment, Invigilator, Room, Venue
from tests.factories import UserFactory, enrol_totp, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def south_manager(demo_user):
    return demo_user("manager.south@aicert.example")


@pytest.fixture
def north_room(demo):
    return Room.objects.filter(venue__center__organisation__slug="center-north").first()


@pytest.fixture
def south_room(demo):
    return Room.objects.filter(venue__center__organisation__slug="center-south").first()


SCOPED = [
    (Center, "centers.view_center", "organisation__slug"),
    (CenterAppointment, "centers.view_centerappointment", "center__organisation__slug"),
    (Venue, "centers.view_venue", "center__organisation__slug"),
    (Room, "centers.view_room", "venue__center__organisation__slug"),
    (Invigilator, "centers.view_invigilator", "center__organisation__slug"),
]


@pytest.mark.parametrize(("model", "perm", "slug_lookup"), SCOPED)
def test_manager_sees_only_own_center_rows(south_manager, model, perm, slug_lookup):
    visible = scope_queryset(south_manager, perm, model.objects.all())
    assert visible.exists() or model is Invigilator
    assert set(visible.values_list(slug_lookup, flat=True)) <= {"center-south"}
    for obj in model.objects.exclude(**{slug_lookup: "center-south"}):
        assert not user_can(south_manager, perm, obj)
        assert not user_can(south_manager, perm.replace("view_", "change_"), obj)


def test_foundation_admin_reaches_every_center(demo_user, north_room, south_room):
    admin = demo_user("admin@aicert.example")
    assert user_can(admin, "centers.change_room", north_room)
    assert user_can(admin, "centers.change_room", south_room)
    assert (
        scope_queryset(admin, "centers.view_room", Room.objects.all()).count()
        == Room.objects.count()
    )


@pytest.mark.parametrize("who", [None, AnonymousUser()], ids=["the system", "anonymous"])
def test_the_system_and_anonymous_visitors_may_do_nothing(who, south_room):
    # Given no signed-in person (a service's actor=None, or a visitor), when asked, then "no":
    # never an AttributeError from a service that asks user_can about its actor.
    assert not user_can(who, "centers.view_room")
    assert not user_can(who, "centers.change_room", south_room)
    with pytest.raises(PermissionDenied):
        require_permission(who, "centers.view_room")


def test_candidate_and_invigilator_cannot_change_rooms(demo_user, south_room):
    assert not user_can(demo_user("candidate@aicert.example"), "centers.view_room", south_room)
    invigilator = demo_user("invigilator.south@aicert.example")
    assert user_can(invigilator, "centers.view_room", south_room)
    assert not user_can(invigilator, "centers.change_room", south_room)


def test_room_pages_are_404_for_another_centers_room(client, south_manager, north_room, south_room):
    client.force_login(south_manager)
    assert client.get(reverse("centers:room_detail", args=[south_room.pk])).status_code == 200
    assert client.get(reverse("centers:room_edit", args=[south_room.pk])).status_code == 200
    assert client.get(reverse("centers:room_detail", args=[north_room.pk])).status_code == 404
    response = client.post(
        reverse("centers:room_edit", args=[north_room.pk]),
        {"name": "hijacked", "seat_rows": 1, "seat_columns": 1, "seat_count": 1},
    )
    assert response.status_code == 404
    north_room.refresh_from_db()
    assert north_room.name != "hijacked"


ADMIN_MODELS = [
    ("center", Center, "organisation__slug"),
    ("centerappointment", CenterAppointment, "center__organisation__slug"),
    ("venue", Venue, "center__organisation__slug"),
    ("room", Room, "venue__center__organisation__slug"),
]


@pytest.mark.parametrize(("name", "model", "slug_lookup"), ADMIN_MODELS)
def test_admin_is_scoped_for_center_manager(client, south_manager, name, model, slug_lookup):
    client.force_login(south_manager)
    changelist = client.get(reverse(f"admin:centers_{name}_changelist"))
    assert changelist.status_code == 200
    shown = {obj.pk for obj in changelist.context["cl"].queryset}
    assert shown == set(
        model.objects.filter(**{slug_lookup: "center-south"}).values_list("pk", flat=True)
    )
    other = model.objects.exclude(**{slug_lookup: "center-south"}).first()
    response = client.get(reverse(f"admin:centers_{name}_change", args=[other.pk]))
    # Django admin answers an object outside the queryset with a redirect to the index.
    assert response.status_code == 302


def test_admin_invigilator_pool_is_scoped(client, south_manager, demo_user):
    north = Center.objects.get(organisation__slug="center-north")
    outsider = UserFactory()
    Invigilator.objects.create(center=north, user=outsider)
    client.force_login(south_manager)
    changelist = client.get(reverse("admin:centers_invigilator_changelist"))
    assert {i.center.organisation.slug for i in changelist.context["cl"].queryset} == {
        "center-south"
    }


def test_admin_room_add_offers_only_own_venues(client, south_manager):
    client.force_login(south_manager)
    response = client.get(reverse("admin:centers_room_add"))
    venues = response.context["adminform"].form.fields["venue"].queryset
    assert set(venues.values_list("center__organisation__slug", flat=True)) == {"center-south"}


def test_manager_cannot_open_catalog_or_accounts_admin(client, south_manager):
    client.force_login(south_manager)
    assert client.get(reverse("admin:catalog_level_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_staff_role_without_mfa_is_sent_to_enrol(client, demo):
    center = Center.objects.get(organisation__slug="center-south")
    user = UserFactory()
    grant(user, center.organisation, Role.CENTER_MANAGER)
    client.force_login(user)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    enrol_totp(user)
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_candidate_is_not_asked_for_mfa(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("portal:dashboard")).status_code == 200
