"""What each role may do in the item bank, and the rows writers and reviewers reach."""

from __future__ import annotations

from aicert.accounts.permissions import model_perms
from aicert.accounts.roles import Role

ITEM_MODELS = ("item", "itemversion", "reviewassignment", "reviewcomment")
# Import and export of item content (QTI, CSV, XLSX): item content is confidential, so only
# the roles that write items move them in or out; writers export only their own items.
ITEM_INTERCHANGE = {"itembank.import_item", "itembank.export_item"}

ROLE_GRANTS: dict[str, set[str]] = {
    Role.FOUNDATION_ADMIN: model_perms("itembank", *ITEM_MODELS)
    | {"itembank.review_item", "itembank.assign_reviewers", "itembank.activate_item"}
    | ITEM_INTERCHANGE,
    Role.ITEM_WRITER: {"itembank.view_item", "itembank.add_item", "itembank.change_item"}
    | {"itembank.view_itemversion", "itembank.view_reviewassignment"}
    | {"itembank.view_reviewcomment", "itembank.add_reviewcomment"}
    | ITEM_INTERCHANGE,
    Role.ITEM_REVIEWER: {"itembank.view_item", "itembank.view_itemversion", "itembank.review_item"}
    | {"itembank.view_reviewassignment", "itembank.view_reviewcomment"}
    | {"itembank.add_reviewcomment"},
    Role.PSYCHOMETRICIAN: model_perms("itembank", *ITEM_MODELS, actions=("view",)),
}

_AUTHORS = ("author", "co_authors")
_ASSIGNED = ("versions__review_assignments__reviewer",)
# Writers reach the items they (co-)author; reviewers the items assigned to them.
ROW_SCOPES: dict[str, dict[str, tuple[str, ...]]] = {
    Role.ITEM_WRITER: {
        "itembank.item": _AUTHORS,
        "itembank.itemversion": tuple(f"item__{p}" for p in _AUTHORS),
        "itembank.reviewassignment": tuple(f"version__item__{p}" for p in _AUTHORS),
        "itembank.reviewcomment": tuple(f"version__item__{p}" for p in _AUTHORS),
    },
    Role.ITEM_REVIEWER: {
        "itembank.item": _ASSIGNED,
        "itembank.itemversion": tuple(f"item__{p}" for p in _ASSIGNED),
        # Reviewers decide independently: each sees only their own assignments.
        "itembank.reviewassignment": ("reviewer",),
        "itembank.reviewcomment": tuple(f"version__item__{p}" for p in _ASSIGNED),
    },
}
