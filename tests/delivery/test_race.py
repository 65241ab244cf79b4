"""Saves racing each other and the clock on one attempt (PostgreSQL only: row locks)."""

import datetime as dt

from aicert.delivery import services
from aicert.delivery.models import AttemptStatus, Response
from tests.delivery.conftest import T0
from tests.race import RACE, run_together

pytestmark = RACE

SAVES = 12


def _run_together(functions):
    """Every outcome, exceptions included: the assertions inspect who lost the race."""
    return run_together(functions, returning=Exception)


def test_concurrent_saves_keep_the_highest_seq(dworld, started):
    item = started.form.items.get(item_version__item_type="single_choice").pk

    def save(seq):
        return lambda: services.response_save(
            actor=dworld.candidate,
            attempt=started,
            form_item_id=item,
            answer=seq % 4,
            seq=seq,
            now=T0 + dt.timedelta(minutes=1),
        )

    results = _run_together([save(seq) for seq in range(1, SAVES + 1)])
    assert not [r for r in results if isinstance(r, Exception)]
    response = Response.objects.get(attempt=started, form_item_id=item)
    assert response.seq == SAVES and response.answer == SAVES % 4


def test_concurrent_batches_and_single_saves_keep_the_highest_seq(dworld, started):
    """Batches racing each other and single saves, on items not yet answered: one lock, no
    duplicate rows, the newest answer kept, one event per stored save."""
    items = list(
        started.form.items.filter(item_version__item_type__in=["short_text", "numeric"])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    now = T0 + dt.timedelta(minutes=1)

    def batch(first):
        saves = [services.SaveIn(i, str(seq), seq) for seq in (first, first + 6) for i in items]
        return lambda: services.responses_save(
            actor=dworld.candidate, attempt=started, saves=saves, now=now
        )

    def single(seq):
        return lambda: [
            services.response_save(
                actor=dworld.candidate,
                attempt=started,
                form_item_id=items[0],
                answer=str(seq),
                seq=seq,
                now=now,
            )
        ]

    results = _run_together([batch(n) for n in range(1, 7)] + [single(n) for n in (3, 13)])
    assert not [r for r in results if isinstance(r, Exception)]
    held = dict(Response.objects.filter(attempt=started).values_list("form_item_id", "seq"))
    assert held == {items[0]: 13, items[1]: 12}
    stored = sum(r.stored for receipts in results for r in receipts)
    assert started.events.filter(kind="save").count() == stored


def test_auto_submit_racing_a_hand_in_ends_the_attempt_once(dworld, started):
    late = started.deadline_at + dt.timedelta(minutes=1)
    results = _run_together(
        [
            lambda: services.attempt_submit(actor=dworld.candidate, attempt=started, now=late),
            lambda: services.attempt_auto_submit(attempt=started, now=late),
        ]
    )
    started.refresh_from_db()
    assert started.status == AttemptStatus.AUTO_SUBMITTED
    assert started.events.filter(kind__in=["submit", "auto_submit"]).count() == 1
    assert len([r for r in results if isinstance(r, Exception) or r is None]) == 1
