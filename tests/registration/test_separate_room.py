"""Separate-room accommodations on seating: a place SR-n instead of a grid seat, on the ticket,
the manager's seat list; back into the grid when the accommodation lapses."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.registration.models import AccommodationRequest, Registration
from aicert.registration.seating import (
    RoomGrid,
    SeatRequest,
    is_separate_room_seat,
    plan_seats,
    separate_room_number,
    separate_room_seat,
)
from aicert.registration.selectors import seat_sort_key, session_seat_list
from aicert.registration.services import session_seats_assign
from tests.registration.test_seats_and_admission_tickets import (
    _pdftotext,
    approve,
    needs_poppler,
    register,
    released_session,
    seat_room,
)

pytestmark = pytest.mark.django_db


# --- Pure planning ----------------------------------------------------------------------------


def test_separate_room_labels_never_look_like_grid_seats():
    assert separate_room_seat(3) == "SR-3"
    assert separate_room_number("SR-12") == 12
    for label in (None, "", "A1", "SR1", "SR-", "SR-0", "SR-x", "sr-1", "SR-１"):
        assert separate_room_number(label) is None, label
        assert not is_separate_room_seat(label)
    # Even a grid with hundreds of rows has row "SR" (seats SR1, SR2…) but never "SR-1".
    big = RoomGrid(rows=600, columns=2)
    assert "SR1" in big.usable() and not any(is_separate_room_seat(s) for s in big.usable())
    # Seat lists: grid seats, then the separate room, then nobody.
    labels = ["SR-2", None, "B1", "SR-10", "A2", "SR-1", "AA1"]
    assert sorted(labels, key=seat_sort_key) == ["A2", "B1", "AA1", "SR-1", "SR-2", "SR-10", None]


def test_plan_puts_separate_room_candidates_outside_the_grid():
    grid = RoomGrid(rows=1, columns=3, accessible=frozenset({"A3"}))
    plan = plan_seats(
        grid,
        [
            SeatRequest(key=1),
            SeatRequest(key=2, separate_room=True, has_accommodation=True),
            SeatRequest(key=3),
            SeatRequest(key=4, separate_room=True, needs_accessible=True, has_accommodation=True),
            SeatRequest(key=5),
        ],
    )
    assert plan.new_seats[2] == "SR-1" and plan.new_seats[4] == "SR-2"
    # The grid's two sparse seats plus the accessible one hold the other three: the room is
    # full with five candidates because two of them sit elsewhere.
    assert {plan.new_seats[k] for k in (1, 3, 5)} == {"A1", "A2", "A3"}
    assert plan.unseated == [] and plan.accessible_missing == []


def test_plan_is_stable_for_separate_room_and_fills_gaps():
    grid = RoomGrid(rows=2, columns=2)
    plan = plan_seats(
        grid,
        [
            SeatRequest(key=1, seat="SR-2", separate_room=True),
            SeatRequest(key=2, seat="A1"),
            SeatRequest(key=3, separate_room=True),
            SeatRequest(key=4, separate_room=True),
            SeatRequest(key=5, seat="SR-2", separate_room=True),  # a clash: placed again
        ],
    )
    assert plan.kept == {1: "SR-2", 2: "A1"}
    assert plan.new_seats == {3: "SR-1", 4: "SR-3", 5: "SR-4"}


def test_plan_moves_in_and_out_of_the_separate_room_and_frees_the_grid_seat():
    grid = RoomGrid(rows=1, columns=1)
    # Approved after seating: the grid seat is given up, and a waiting candidate takes it.
    plan = plan_seats(grid, [SeatRequest(key=1, seat="A1", separate_room=True), SeatRequest(key=2)])
    assert plan.new_seats == {1: "SR-1", 2: "A1"} and plan.kept == {}
    # No longer in force: back into the grid (here full, so unseated rather than kept aside).
    back = plan_seats(grid, [SeatRequest(key=2, seat="A1"), SeatRequest(key=1, seat="SR-1")])
    assert back.kept == {2: "A1"} and back.unseated == [1] and back.new_seats == {}
    roomy = plan_seats(RoomGrid(rows=1, columns=3), [SeatRequest(key=1, seat="SR-1")])
    assert roomy.new_seats == {1: "A1"}


# --- The service ------------------------------------------------------------------------------


def test_assign_gives_separate_room_place_and_is_stable(world, make_session, make_candidate):
    seat_room(world, rows=1, columns=2)  # one sparse seat, then the checkerboard's rest
    session = released_session(make_session, capacity=3)
    first, needs_room, third = make_candidate(), make_candidate(), make_candidate()
    approve(world, needs_room, separate_room=True, extra_time_percent=25)
    regs = register(session, [first, needs_room, third])
    result = session_seats_assign(session_id=session.pk)
    seats = {r.candidate_id: r.seat_label for r in Registration.objects.filter(session=session)}
    assert seats == {first.pk: "A1", needs_room.pk: "SR-1", third.pk: "A2"}
    assert result.unseated == [] and result.moved == 0
    assert Registration.objects.get(pk=regs[1].pk).in_separate_room
    again = session_seats_assign(session_id=session.pk)
    assert again.assigned == {} and again.kept == 3 and again.moved == 0


def test_separate_room_approved_after_seating_releases_the_seat_audited(
    world, make_session, make_candidate
):
    seat_room(world, rows=2, columns=2)
    session = released_session(make_session)
    candidate, late = make_candidate(), make_candidate()
    (registration,) = register(session, [candidate])
    session_seats_assign(session_id=session.pk)
    registration.refresh_from_db()
    assert registration.seat_label == "A1"
    approve(world, candidate, separate_room=True)
    # Until seats are assigned again the manager sees that the move is still to be done.
    (row,) = session_seat_list(session=session)
    assert row.separate_room and row.separate_room_pending and not row.in_separate_room
    (late_registration,) = register(session, [late])
    result = session_seats_assign(session_id=session.pk, actor=world.manager)
    registration.refresh_from_db()
    row = next(r for r in session_seat_list(session=session) if r.registration == registration)
    assert row.in_separate_room and not row.separate_room_pending
    late_registration.refresh_from_db()
    assert registration.seat_label == "SR-1"
    assert late_registration.seat_label == "A1"  # the freed seat is used again
    assert result.moved == 1
    event = AuditEvent.objects.filter(
        action="registration.seat_assign", target_id=str(registration.pk)
    ).latest("pk")
    assert event.changes == {"seat": ["A1", "SR-1"]}


@pytest.mark.parametrize("how", ["expired", "superseded"])
def test_lapsed_separate_room_goes_back_into_the_grid(world, make_session, make_candidate, how):
    seat_room(world, rows=2, columns=2)
    session = released_session(make_session)
    candidate = make_candidate()
    approve(world, candidate, separate_room=True)
    (registration,) = register(session, [candidate])
    session_seats_assign(session_id=session.pk)
    registration.refresh_from_db()
    assert registration.seat_label == "SR-1"
    if how == "expired":  # valid only until before the exam day
        AccommodationRequest.objects.filter(candidate=candidate).update(
            valid_until=timezone.localdate() + dt.timedelta(days=1)
        )
    else:  # a newer approval without a separate room replaces it
        approve(world, candidate, extra_time_percent=25)
    result = session_seats_assign(session_id=session.pk, actor=world.manager)
    registration.refresh_from_db()
    assert registration.seat_label == "A1" and not registration.in_separate_room
    assert result.moved == 1
    event = AuditEvent.objects.filter(
        action="registration.seat_assign", target_id=str(registration.pk)
    ).latest("pk")
    assert event.changes == {"seat": ["SR-1", "A1"]}
    assert event.actor == world.manager


# --- Ticket and manager's page ----------------------------------------------------------------


@needs_poppler
def test_ticket_and_seat_list_show_the_separate_room(
    client, world, make_session, make_candidate, staff_login, tmp_path
):
    seat_room(world)
    session = released_session(make_session)
    plain, needs_room = make_candidate(), make_candidate()
    approve(world, needs_room, separate_room=True)
    register(session, [needs_room, plain])
    session_seats_assign(session_id=session.pk)
    registration = Registration.objects.get(candidate=needs_room)
    client.force_login(needs_room)
    page = client.get(reverse("registration:my_registrations")).content.decode()
    assert "SR-1" in page and "獨立試場（SR-1）" in page
    response = client.get(reverse("registration:ticket_pdf", args=[registration.pk]))
    assert response.status_code == 200
    text = " ".join(_pdftotext(response.content, tmp_path).split())
    assert "SR-1" in text
    assert "獨立試場——報到後由監試人員帶您前往。" in text
    assert "Separate room — the invigilator takes you there at check-in." in text
    plain_registration = Registration.objects.get(candidate=plain)
    client.force_login(plain)
    plain_text = _pdftotext(
        client.get(reverse("registration:ticket_pdf", args=[plain_registration.pk])).content,
        tmp_path,
    )
    assert "Separate room" not in plain_text and "A1" in plain_text

    staff_login(world.manager)
    page = client.get(reverse("registration:session_seats", args=[session.pk])).content.decode()
    separate_section = page.split('id="separate-room"')[1].split("</table>")[0]
    assert needs_room.candidate_profile.legal_name in separate_section
    assert "SR-1" in separate_section
    assert plain.candidate_profile.legal_name not in separate_section
    # Not drawn in the room's grid.
    grid = page.split('class="seat-map"')[1].split('class="legend"')[0]
    assert needs_room.candidate_profile.legal_name not in grid
    text = _pdftotext(
        client.get(reverse("registration:session_tickets_pdf", args=[session.pk])).content,
        tmp_path,
    )
    assert text.count("Admission Ticket") == 2 and "SR-1" in text
    # Main room first, then the separate room.
    assert text.index(plain.candidate_profile.legal_name_zh) < text.index(
        needs_room.candidate_profile.legal_name_zh
    )
