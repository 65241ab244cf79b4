"""The seeded demo item bank, built once per test module (seeding takes several seconds).

The module-scoped fixture seeds inside an outer transaction that is rolled back when the module
is done; each test still runs in its own savepoint (pytest-django's ``db``), so a test may
write without affecting the next one.
"""

import pytest


@pytest.fixture(scope="module")
def seeded_bank(django_db_setup, django_db_blocker):
    from django.db import transaction

    from aicert.demo.seed import demo_seed

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield demo_seed(items=True)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def bank_db(seeded_bank, db):
    """Use in a test that reads the seeded bank from the database."""
    return seeded_bank
