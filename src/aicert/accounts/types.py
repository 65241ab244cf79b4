"""Types the services of every app share for the person acting.

``Actor`` is who performs a service: a signed-in :class:`~aicert.accounts.models.User`, or
``None`` for the system itself (the periodic jobs: auto-submitting expired attempts, marking
absentees, releasing results, expiring seat offers; the demo seed). Views reach services only
behind ``login_required`` (or the API's session auth, or the admin), so an anonymous user never
arrives as an actor. A service that needs a person checks a permission, and the checks refuse
``None`` (:func:`aicert.accounts.permissions.require_permission`, ``user_can``).

``aicert.audit`` and ``aicert.shared`` sit below this app and cannot import it: they spell the
same idea as ``AbstractBaseUser | None``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from aicert.accounts.models import User

# String aliases, the models imported for the type checker only: the permission checks use
# these and import no model at run time (they load with the apps' grants), so this keeps it so.
Actor: TypeAlias = "User | None"
# Whoever a request carries (``request.user``): the permission checks answer for anonymous
# visitors too (always "no"), the services never see one.
RequestUser: TypeAlias = "User | AnonymousUser"
