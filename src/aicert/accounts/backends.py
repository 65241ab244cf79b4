"""Signing in: allauth's backend, with a per-request user load that also answers the staff
second-factor question.

Every signed-in request loads its user (``django.contrib.auth.get_user`` calls the backend the
session was signed in with), and :class:`aicert.accounts.middleware.StaffMfaRequiredMiddleware`
then asks whether the user holds a staff role. Answered from the memberships, that is a second
query on every request -- the exam player's clock poll and autosave and the registration POST
included. Here the one user query carries the answer (an ``EXISTS`` on the memberships), so a
candidate's request makes one query for its user, not two; the full memberships are still
loaded, once, by whatever needs the roles themselves.
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.db import connections, router

from aicert.accounts.models import Membership, User
from aicert.accounts.roles import STAFF_ROLES
from aicert.shared import rows

_USER_FIELDS = tuple(f.name for f in User._meta.concrete_fields)
_STAFF_ROLES = tuple(sorted(map(str, STAFF_ROLES)))


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail sign-in, unchanged; :meth:`get_user` adds ``holds_staff_role``."""

    def get_user(self, user_id):
        # Plain SQL (still a User, every field, made as the ORM makes it): the ORM's compilation
        # of the annotated query -- and even ``raw()``'s column mapping -- cost more than the
        # query on this every-request path.
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        connection = connections[router.db_for_read(User)]
        with connection.cursor() as cursor:
            cursor.execute(_user_sql(connection.alias), [*_STAFF_ROLES, user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        (user,) = rows.instances(connection, row[:-1], ((User, _USER_FIELDS),))
        user.holds_staff_role = bool(row[-1])
        return user if self.user_can_authenticate(user) else None


@cache
def _user_sql(alias: str) -> str:
    """The statement of :meth:`AuthenticationBackend.get_user` for database ``alias``."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    users, memberships = quote(User._meta.db_table), quote(Membership._meta.db_table)
    placeholders = ", ".join(["%s"] * len(_STAFF_ROLES))
    return (
        f"SELECT {rows.columns(connection, 'u', User, _USER_FIELDS)}, "
        f"EXISTS (SELECT 1 FROM {memberships} m WHERE m.user_id = u.id "
        f"AND m.role IN ({placeholders})) FROM {users} u WHERE u.id = %s"
    )
