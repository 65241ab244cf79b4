"""Per-candidate order from the seed, and the server clock's arithmetic (pure)."""

import datetime as dt

from aicert.delivery.clock import AttemptClock
from aicert.delivery.presentation import field_order, item_order, option_orders
from tests.delivery.conftest import CONTENT, T0

IDS = list(range(101, 141))  # forty form items


def test_order_is_reproducible_from_the_seed():
    assert item_order("seed-a", IDS) == item_order("seed-a", IDS)
    assert field_order("seed-a", 101, "options", 5) == field_order("seed-a", 101, "options", 5)
    assert sorted(item_order("seed-a", IDS)) == IDS


def test_order_differs_between_seeds_and_items():
    assert item_order("seed-a", IDS) != item_order("seed-b", IDS)
    orders = {tuple(field_order("seed-a", pk, "options", 5)) for pk in IDS}
    assert len(orders) > 1


def test_option_orders_per_item_type():
    orders = option_orders("s", 7, "matching", CONTENT["matching"])
    assert sorted(orders["prompts"]) == [0, 1] and sorted(orders["responses"]) == [0, 1, 2]
    assert option_orders("s", 7, "true_false", CONTENT["true_false"]) == {}
    fixed = {**CONTENT["single_choice"], "shuffle": False}
    assert option_orders("s", 7, "single_choice", fixed) == {"options": [0, 1, 2, 3]}


def test_clock_deadline_pause_and_extension():
    clock = AttemptClock(started_at=None, time_allowed_seconds=3600)
    assert clock.deadline is None and clock.seconds_left(T0) == 3600
    clock = AttemptClock(started_at=T0, time_allowed_seconds=3600)
    assert clock.deadline == T0 + dt.timedelta(hours=1)
    assert clock.seconds_left(T0 + dt.timedelta(minutes=10)) == 3000
    assert clock.seconds_left(T0 + dt.timedelta(hours=2)) == 0
    paused = AttemptClock(
        started_at=T0,
        time_allowed_seconds=3600,
        extended_seconds=300,
        paused_seconds=120,
        paused_at=T0 + dt.timedelta(minutes=30),
    )
    assert paused.deadline == T0 + dt.timedelta(seconds=3600 + 300 + 120)
    # frozen while paused, whatever the time
    assert paused.seconds_left(T0 + dt.timedelta(minutes=31)) == 3600 + 300 + 120 - 1800
    assert paused.seconds_left(T0 + dt.timedelta(hours=5)) == 3600 + 300 + 120 - 1800
    assert paused.pause_seconds_until(T0 + dt.timedelta(minutes=32)) == 120
