"""Per-candidate item and option order, reproducible from the attempt's seed (pure, no Django).

Each attempt stores a random ``seed`` (and ``order_version``, the version of this algorithm). The
order a candidate saw is recomputed from it at any time -- for the exam player, for an appeal
or an audit -- and never stored separately, so it cannot drift from what was shown.

Algorithm (version 1): ``random.Random`` seeded with a string (CPython hashes string seeds with
SHA-512, and ``shuffle`` has drawn the same sequence for a given seed since Python 3.2), one
generator per purpose: ``"aicert-order-v1:<seed>:items"`` shuffles the form's items (taken in
form position order), and ``"aicert-order-v1:<seed>:<form item id>:<field>"`` shuffles the
options of one item. Shuffled fields per type: choice and ordering items their ``options``,
matching items their ``prompts`` and ``responses``; other types have nothing to shuffle. An
item whose content says ``"shuffle": false`` (e.g. options such as "all of the above") keeps its
options in the written order.

Answers always use the original indexes (see :mod:`aicert.delivery.scoring`), so the order
affects only what is displayed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

ORDER_VERSION = 1

SHUFFLED_FIELDS: dict[str, tuple[str, ...]] = {
    "single_choice": ("options",),
    "multiple_response": ("options",),
    "ordering": ("options",),
    "matching": ("prompts", "responses"),
}


def _rng(seed: str, *parts: object) -> random.Random:
    return random.Random(":".join(["aicert-order-v1", seed, *map(str, parts)]))


def item_order(seed: str, form_item_ids: Sequence[int]) -> list[int]:
    """The form item ids in the order this candidate sees them.

    ``form_item_ids`` must be given in form position order (the canonical order).
    """
    order = list(form_item_ids)
    _rng(seed, "items").shuffle(order)
    return order


def field_order(seed: str, form_item_id: int, field: str, n: int) -> list[int]:
    """The original indexes of one shuffled field (``options``…) in display order."""
    order = list(range(n))
    _rng(seed, form_item_id, field).shuffle(order)
    return order


def option_orders(
    seed: str, form_item_id: int, item_type: str, content: dict
) -> dict[str, list[int]]:
    """Display order of every shuffled field of one item: ``{"options": [2, 0, 3, 1]}``."""
    orders: dict[str, list[int]] = {}
    for field in SHUFFLED_FIELDS.get(item_type, ()):
        rows = content.get(field)
        n = len(rows) if isinstance(rows, list) else 0
        if content.get("shuffle") is False:
            orders[field] = list(range(n))
        else:
            orders[field] = field_order(seed, form_item_id, field, n)
    return orders
