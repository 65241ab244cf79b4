"""Row locks of delivery (order: :mod:`aicert.shared.locking`).

A form before its items; an attempt after its registration and before its responses and
events -- every attempt service takes it, so saves, pauses, submission and auto-submission of
one attempt are serialised. ``of=("self",)`` keeps PostgreSQL from locking joined rows.
"""

from __future__ import annotations

from functools import cache

from django.db import connections, router
from django.db.models import QuerySet
from django.db.transaction import TransactionManagementError

from aicert.delivery.models import Attempt, Form
from aicert.shared import rows

# The attempt's form comes along without its assembly report (a large JSON document none of
# the attempt's services reads); it is loaded on first use, as a deferred field is.
_FORM_FIELDS = tuple(f.name for f in Form._meta.concrete_fields if f.name != "assembly_report")
_ATTEMPT_FIELDS = tuple(f.name for f in Attempt._meta.concrete_fields)


def form_row_lock(*, pk: int) -> Form:
    """Lock one form row and return it fresh (not to be confused with the ``form_lock``
    service, which makes a form immutable). Needs ``transaction.atomic``."""
    return Form.objects.select_for_update(of=("self",)).select_related("subject").get(pk=pk)


def attempt_row_lock(*, pk: int) -> Attempt:
    """Lock one attempt row and return it fresh (with its form). Needs ``transaction.atomic``.

    Every answer save takes this lock, so it is written in SQL: the ORM's
    ``select_for_update(of=("self",)).select_related("form").get(pk=pk)`` asks the same thing,
    but compiling it took more than a third of a save's Python time on the exam day's most
    frequent request. ``Attempt.DoesNotExist`` when there is no such attempt, as ``get`` raises.
    """
    connection = connections[router.db_for_write(Attempt)]
    if not -(2**63) <= int(pk) < 2**63:
        # No row has such a key (the ORM's lookup answers the same; the driver would overflow).
        raise Attempt.DoesNotExist("Attempt matching query does not exist.")
    if connection.features.has_select_for_update and connection.get_autocommit():
        raise TransactionManagementError(
            "select_for_update cannot be used outside of a transaction."
        )
    with connection.cursor() as cursor:
        cursor.execute(_attempt_lock_sql(connection.alias), [pk])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist("Attempt matching query does not exist.")
    attempt, form = rows.instances(
        connection, row, ((Attempt, _ATTEMPT_FIELDS), (Form, _FORM_FIELDS))
    )
    attempt.form = form
    return attempt


@cache
def _attempt_lock_sql(alias: str) -> str:
    """The statement of :func:`attempt_row_lock` for database ``alias`` (made once)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    attempt_table, form_table = quote(Attempt._meta.db_table), quote(Form._meta.db_table)
    lock = ""
    if connection.features.has_select_for_update:
        # Of the attempt row only (the form stays unlocked), as ``of=("self",)``.
        lock = f" FOR UPDATE OF {attempt_table}"
    return (
        f"SELECT {rows.columns(connection, Attempt._meta.db_table, Attempt, _ATTEMPT_FIELDS)}, "
        f"{rows.columns(connection, Form._meta.db_table, Form, _FORM_FIELDS)} "
        f"FROM {attempt_table} INNER JOIN {form_table} "
        f"ON {form_table}.{quote('id')} = {attempt_table}.{quote(Attempt._meta.get_field('form').column)} "
        f"WHERE {attempt_table}.{quote('id')} = %s{lock}"
    )


def attempt_rows_lock(*, queryset: QuerySet[Attempt]) -> list[Attempt]:
    """Lock the attempts ``queryset`` selects, in pk order (a rescore of a whole form)."""
    return list(queryset.order_by("pk").select_for_update(of=("self",)))
