"""Row locks of promotion (order: :mod:`aicert.shared.locking`): an event before its RSVPs; a
subscription on its own."""

from __future__ import annotations

from aicert.promotion.models import Event, EventRsvp, Subscription


def event_row_lock(*, pk: int) -> Event:
    """Lock one event (its places are counted and given under it). Needs ``atomic``."""
    return Event.objects.select_for_update(of=("self",)).get(pk=pk)


def event_rsvp_row_lock(*, pk: int) -> EventRsvp:
    """Lock one RSVP; after its event's lock. Needs ``atomic``."""
    return EventRsvp.objects.select_for_update(of=("self",)).get(pk=pk)


def subscription_row_lock(*, pk: int) -> Subscription:
    """Lock one subscription (confirmed, changed or ended under it). Needs ``atomic``; taken on
    its own, never with an event's lock."""
    return Subscription.objects.select_for_update(of=("self",)).get(pk=pk)
