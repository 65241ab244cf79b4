"""Candidates placed in the separate room (seat ``SR-n``) on exam day: their form, the check-in
page and card."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from aicert.delivery import selectors, services
from aicert.registration.models import RegistrationStatus
from tests.delivery.conftest import T0
from tests.delivery.test_room import make_candidate, two_forms  # noqa: F401 (fixture)
from tests.delivery.test_room_views import live_session, staff  # noqa: F401 (fixtures)

RS = RegistrationStatus


def test_separate_room_places_get_a_deterministic_form(dworld, two_forms):  # noqa: F811
    main = make_candidate(dworld, 1, "A1", status=RS.CHECKED_IN)
    first = make_candidate(dworld, 2, "SR-1", status=RS.CHECKED_IN)
    second = make_candidate(dworld, 3, "SR-2", status=RS.CHECKED_IN)
    assert selectors._seat_position("SR-1") is None  # not a grid seat
    created = services.session_authorize_attempts(
        actor=dworld.invigilator, session=dworld.session, now=T0 - dt.timedelta(minutes=2)
    )
    assert len(created) == 3
    forms = selectors.session_forms_published(session=dworld.session)
    # SR-k sits form (k - 1) mod n: consecutive places in the separate room alternate.
    assert first.attempts.get().form_id == forms[0].pk
    assert second.attempts.get().form_id == forms[1].pk
    for registration in (main, first, second):
        chosen = selectors.session_form_for_registration(registration=registration, forms=forms)
        assert chosen.pk == registration.attempts.get().form_id
    assert selectors.session_form_for_registration(registration=second, forms=forms[:1]) == forms[0]


def test_check_in_page_lists_the_separate_room_beside_the_seat_map(
    dworld,
    live_session,  # noqa: F811
    client,
    staff,  # noqa: F811
):
    make_candidate(dworld, 1, "A1", name_zh="林大同")
    separate = make_candidate(dworld, 2, "SR-1", name_zh="陳美玲")
    staff(dworld.invigilator)
    url = reverse("delivery:check_in", args=[live_session.pk])
    page = client.get(url).content.decode()
    card = reverse("delivery:check_in_candidate", args=[live_session.pk, separate.pk])
    grid, _, rest = page.partition('class="seat-map room-map seat-row separate-room"')
    assert rest, "the separate-room list is shown"
    # In the separate-room list with a link to the card, not in the room's grid.
    assert "SR-1" in rest.split("</section>")[0] and card in rest.split("</section>")[0]
    assert "陳美玲2" not in grid.split('aria-label="Seat map"')[-1]
    assert "林大同1" in grid
    assert "Separate room" in rows_table(page)
    # Found by its place, and the card tells the invigilator where to take them.
    assert card in client.get(url, {"q": "sr-1"}).content.decode()
    page = client.get(card).content.decode()
    assert "SR-1" in page and "take the candidate there" in page
    # The room console's roster lists them like everyone else.
    roster = client.get(reverse("delivery:room_roster", args=[live_session.pk])).content.decode()
    assert "SR-1" in roster and "陳美玲2" in roster


def rows_table(page: str) -> str:
    return page.split('class="roster-compact"')[1]
