"""The API fuzz runs on the delivery world (the only app with a JSON API so far)."""

from tests.delivery.conftest import (  # noqa: F401  (fixtures, found by name)
    bank,
    checked_in,
    dworld,
    make_attempt,
    make_item,
    manager,
    mixed_form,
)
