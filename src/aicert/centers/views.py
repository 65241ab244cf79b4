from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aicert.accounts.permissions import user_can
from aicert.centers import selectors, services
from aicert.centers.forms import RoomForm
from aicert.shared.forms import apply_form_errors


def center_list(request):
    return render(
        request, "centers/center_list.html", {"regions": selectors.region_list_with_centers()}
    )


@login_required
def center_manage(request):
    if not user_can(request.user, "centers.view_center"):
        raise PermissionDenied
    return render(
        request,
        "centers/center_manage.html",
        {"centers": selectors.center_list_for_user(user=request.user)},
    )


@login_required
def room_detail(request, pk: int):
    room = get_object_or_404(selectors.room_list_for_user(user=request.user), pk=pk)
    can_edit = user_can(request.user, "centers.change_room", room)
    return render(request, "centers/room_detail.html", {"room": room, "can_edit": can_edit})


@login_required
def room_edit(request, pk: int):
    room = get_object_or_404(
        selectors.room_list_for_user(user=request.user, perm="centers.change_room"), pk=pk
    )
    # The form validates against its own copy: the service compares the stored row with the input.
    form = RoomForm(request.POST or None, instance=type(room).objects.get(pk=room.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.room_update(actor=request.user, room=room, **form.service_data())
        except ValidationError as error:
            room.refresh_from_db()
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Room saved."))
            return redirect("centers:room_detail", pk=room.pk)
    return render(
        request, "centers/room_form.html", {"form": form, "room": room, "venue": room.venue}
    )


@login_required
def room_create(request, venue_pk: int):
    venue = get_object_or_404(
        selectors.venue_list_for_user(user=request.user, perm="centers.add_room"), pk=venue_pk
    )
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(actor=request.user, venue=venue, **form.service_data())
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Room added."))
            return redirect("centers:room_detail", pk=room.pk)
    return render(request, "centers/room_form.html", {"form": form, "room": None, "venue": venue})
