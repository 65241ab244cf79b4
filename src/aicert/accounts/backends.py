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
from django.db.models import Exists, OuterRef

from aicert.accounts.models import Membership, User
from aicert.accounts.roles import STAFF_ROLES


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail sign-in, unchanged; :meth:`get_user` adds ``holds_staff_role``."""

    def get_user(self, user_id):
        staff = Membership.objects.filter(user=OuterRef("pk"), role__in=STAFF_ROLES)
        try:
            user = User._default_manager.annotate(holds_staff_role=Exists(staff)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
