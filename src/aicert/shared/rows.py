"""Model instances from one plain SQL row, for a hot path's read of a row and its parents.

The ORM's ``select_related`` of a few tables costs more Python time to compile than the
database spends answering it; the registration rush pays that once per registration. A hot
selector may instead write the join in SQL, select the columns :func:`columns` names, and turn
the row back into instances with :func:`instances`: the values go through the same database
converters the ORM applies (SQLite's datetimes, for one), the instances are made by
``Model.from_db`` as the ORM makes them (columns not selected are deferred, loaded on first
use), and the caller links them (``child.parent = parent``) as ``select_related`` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model


def columns(
    connection: BaseDatabaseWrapper, alias: str, model: type[Model], names: Sequence[str]
) -> str:
    """The SQL select list of ``names`` (field names) of ``model``'s table aliased ``alias``."""
    quote = connection.ops.quote_name
    return ", ".join(f"{quote(alias)}.{quote(str(_field(model, n).column))}" for n in names)


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", model._meta.get_field(name))


def instances(
    connection: BaseDatabaseWrapper,
    row: Sequence[Any],
    specs: Sequence[tuple[type[Model], Sequence[str]]],
) -> list[Any]:
    """One instance per ``(model, field names)`` of ``specs``, from consecutive values of
    ``row`` (selected in that order, as :func:`columns` lists them)."""
    made: list[Any] = []
    at = 0
    for model, names in specs:
        converters, order = _loading(connection, model, tuple(names))
        loaded: dict[str, Any] = {}
        for attname, field_converters, column in converters:
            value = row[at]
            at += 1
            for converter in field_converters:
                value = converter(value, column, connection)
            loaded[attname] = value
        made.append(model.from_db(connection.alias, order, [loaded[a] for a in order]))
    return made


def _loading(connection: BaseDatabaseWrapper, model: type[Model], names: tuple[str, ...]):
    """How to turn the values of ``names`` into ``model``'s attributes on ``connection``: each
    field's attribute name, database converters and column, and the order ``from_db`` takes them in
    (the model's concrete fields). Worked out once per connection (the converters are its
    own methods; a thread's connection stays its own), model and field list."""
    cache = connection.__dict__.setdefault("_aicert_row_loading", {})
    key = (model, names)
    found = cache.get(key)
    if found is None:
        attnames, converters = set(), []
        for name in names:
            field = _field(model, name)
            column = field.get_col(model._meta.db_table)
            field_converters = connection.ops.get_db_converters(column) + column.get_db_converters(
                connection
            )
            attnames.add(field.attname)
            converters.append((field.attname, tuple(field_converters), column))
        order = [f.attname for f in model._meta.concrete_fields if f.attname in attnames]
        found = cache[key] = (tuple(converters), order)
    return found
