"""Row locks of the item bank (order: :mod:`aicert.shared.locking`)."""

from __future__ import annotations

from aicert.itembank.models import Item


def item_row_lock(*, pk: int) -> Item:
    """Lock one item: concurrent review decisions on it are serialised. Needs ``atomic``."""
    return Item.objects.select_for_update().get(pk=pk)
