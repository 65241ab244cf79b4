"""Scoring with a challenge decision's keys instead of the item version's own (no database).

An item version never changes; a re-key or an extra accepted key is a **key patch** applied to a
copy of the content before scoring. Patches per item type:

==========================  ===========================================================
item type                   key patch
==========================  ===========================================================
``single_choice``           ``{"correct": [2]}`` (exactly one option)
``multiple_response``       ``{"correct": [0, 2]}`` (the keyed set)
``true_false``              ``{"key": false}``
``numeric``                 ``{"value": 0.5, "tolerance": 0.01}`` (tolerance optional)
``short_text``              ``{"answers": ["LLM", "大型語言模型"]}``
``ordering`` / ``matching`` ``{"key": [...]}`` as in the content
==========================  ===========================================================

With several accepted keys the response earns the best credit any of them gives (so a
candidate is never worse off for a key being added). Constructed responses cannot be re-keyed,
only dropped.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from aicert.delivery import scoring

REKEYABLE = frozenset(
    {
        "single_choice",
        "multiple_response",
        "true_false",
        "numeric",
        "short_text",
        "ordering",
        "matching",
    }
)
_ALLOWED_FIELDS = {
    "single_choice": {"correct"},
    "multiple_response": {"correct"},
    "true_false": {"key"},
    "numeric": {"value", "tolerance"},
    "short_text": {"answers"},
    "ordering": {"key"},
    "matching": {"key"},
}


class KeyPatchError(ValueError):
    """A key patch that does not fit the item."""


def key_patch_apply(item_type: str, content: dict, patch: dict) -> dict:
    """A copy of ``content`` with ``patch`` applied (raises :class:`KeyPatchError` on a bad patch)."""
    if item_type not in REKEYABLE:
        raise KeyPatchError(_("This item type cannot be re-keyed; it can only be dropped."))
    if not isinstance(patch, dict) or not patch:
        raise KeyPatchError(_('A key must be an object such as {"correct": [2]}.'))
    unknown = set(patch) - _ALLOWED_FIELDS[item_type]
    if unknown:
        raise KeyPatchError(
            _("Unexpected field(s) for this item type: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    out = copy.deepcopy(content)
    if "correct" in patch:
        options = out.get("options", [])
        chosen = patch["correct"]
        if (
            not isinstance(chosen, list)
            or not chosen
            or any(
                not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < len(options)
                for i in chosen
            )
            or len(set(chosen)) != len(chosen)
        ):
            raise KeyPatchError(_("“correct” must list distinct option numbers of this item."))
        if item_type == "single_choice" and len(chosen) != 1:
            raise KeyPatchError(_("A single-choice key is exactly one option."))
        for index, option in enumerate(options):
            option["correct"] = index in chosen
    for field in ("key", "value", "tolerance", "answers"):
        if field in patch:
            out[field] = copy.deepcopy(patch[field])
    return out


def key_patch_current(item_type: str, content: dict) -> dict:
    """The version's own key, written as a patch (a starting point for a re-key)."""
    if item_type in ("single_choice", "multiple_response"):
        return {
            "correct": [i for i, o in enumerate(content.get("options", [])) if o.get("correct")]
        }
    if item_type == "numeric":
        return {"value": content.get("value"), "tolerance": content.get("tolerance", 0)}
    if item_type == "short_text":
        return {"answers": list(content.get("answers", []))}
    if item_type in ("true_false", "ordering", "matching"):
        return {"key": content.get("key")}
    return {}


def response_score_with_keys(
    *, item_type: str, content: dict, keys: list[dict], answer: Any, max_points: Decimal
) -> scoring.ResponseScore:
    """Score one response under the accepted ``keys`` (the best of them); no keys: the version's."""
    if not keys:
        return scoring.response_score(
            item_type=item_type, content=content, answer=answer, max_points=max_points
        )
    results = [
        scoring.response_score(
            item_type=item_type,
            content=key_patch_apply(item_type, content, patch),
            answer=answer,
            max_points=max_points,
        )
        for patch in keys
    ]
    return max(results, key=lambda r: r.points if r.points is not None else Decimal(-1))
