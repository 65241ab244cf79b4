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

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from aicert.accounts.models import Membership, User
from aicert.accounts.roles import STAFF_ROLES


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail sign-in, unchanged; :meth:`get_user` adds ``holds_staff_role``."""

    def get_user(self, user_id):
        # Plain SQL through ``raw()`` (still a User, every field): the ORM's compilation of the
        # annotated query costs more than the query on this every-request path.
        users, memberships = User._meta.db_table, Membership._meta.db_table
        placeholders = ", ".join(["%s"] * len(STAFF_ROLES))
        sql = (
            f"SELECT u.*, EXISTS (SELECT 1 FROM {memberships} m WHERE m.user_id = u.id "
            f"AND m.role IN ({placeholders})) AS holds_staff_role FROM {users} u WHERE u.id = %s"
        )
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        found = list(User._default_manager.raw(sql, [*sorted(map(str, STAFF_ROLES)), user_id]))
        if not found:
            return None
        user = found[0]
        user.holds_staff_role = bool(user.holds_staff_role)
        return user if self.user_can_authenticate(user) else None
