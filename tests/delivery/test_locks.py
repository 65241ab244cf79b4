"""Delivery's row locks: the attempt lock written in SQL returns what the ORM's lock returned."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.forms.models import model_to_dict

from aicert.delivery.locks import attempt_row_lock
from aicert.delivery.models import Attempt
from tests.delivery.test_saves_batch import api, running  # noqa: F401

pytestmark = pytest.mark.django_db


def _fields(instance, leave_out=()):
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in leave_out
    }


def test_the_attempt_lock_returns_the_attempt_and_its_form_as_the_orm_reads_them(running):  # noqa: F811
    attempt, _key = running
    Attempt.objects.filter(pk=attempt.pk).update(void_reason="鉛筆 ✓", extended_seconds=90)
    expected = Attempt.objects.select_related("form").get(pk=attempt.pk)
    with transaction.atomic():
        locked = attempt_row_lock(pk=attempt.pk)
    assert _fields(locked) == _fields(expected)
    # typed as the ORM types them (aware datetimes, decimals, ints), not as the driver sent them
    assert {k: type(v) for k, v in _fields(locked).items()} == {
        k: type(v) for k, v in _fields(expected).items()
    }
    assert locked.started_at.tzinfo is not None
    assert locked._state.adding is False and locked._state.db == "default"
    with django_assert_no_queries():
        assert _fields(locked.form, leave_out={"assembly_report"}) == _fields(
            expected.form, leave_out={"assembly_report"}
        )
    # the assembly report is left out of the lock's read and loaded when asked for
    assert locked.form.assembly_report == expected.form.assembly_report
    assert model_to_dict(locked) == model_to_dict(expected)


@pytest.mark.parametrize("pk", [987654321, 2**63, 161944132678803253838741504, -(2**70)])
def test_an_attempt_that_does_not_exist_is_not_found(pk):
    with transaction.atomic(), pytest.raises(Attempt.DoesNotExist):
        attempt_row_lock(pk=pk)


@pytest.mark.django_db(transaction=True)
def test_the_attempt_lock_needs_a_transaction_where_the_database_locks_rows():
    if not connection.features.has_select_for_update:
        with pytest.raises(Attempt.DoesNotExist):  # SQLite: nothing to lock, as the ORM's lock
            attempt_row_lock(pk=1)
        return
    with pytest.raises(TransactionManagementError):
        attempt_row_lock(pk=1)


def django_assert_no_queries():
    from django.test.utils import CaptureQueriesContext

    class _NoQueries(CaptureQueriesContext):
        def __exit__(self, *exc):
            super().__exit__(*exc)
            assert self.captured_queries == [], self.captured_queries

    return _NoQueries(connection)
