"""Django's database sessions, with the per-request load written as one plain query.

Every signed-in request reads its session row first (``SESSION_ENGINE`` points here). Django's
``db`` backend reads it through the ORM, whose compilation of that one-table lookup costs more
Python time than the query itself -- on every request, the registration rush's POST included.
:meth:`SessionStore.load` asks the same question of the same table (the key, and an expiry
still in the future) in SQL; everything else (saving, cycling keys, expiry, clearing) is
Django's backend unchanged, so sessions made before and after are interchangeable.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database session store; :meth:`load` reads the row without the ORM."""

    def load(self) -> dict[str, Any]:
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        meta = model._meta
        sql = (
            f"SELECT {quote(meta.get_field('session_data').column)} "
            f"FROM {quote(meta.db_table)} "
            f"WHERE {quote(meta.get_field('session_key').column)} = %s "
            f"AND {quote(meta.get_field('expire_date').column)} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # As Django's backend does: an unknown or expired key is forgotten, and a new one
            # is made if the session is written.
            self._session_key = None
            return {}
        return self.decode(row[0])
