"""Every app grants its own permissions; every granted permission exists."""

from __future__ import annotations

import pytest

from aicert.accounts import permissions
from aicert.accounts.roles import Role


def test_every_granted_permission_is_declared_by_a_model():
    # A typo in a grant would silently grant nothing: each name must be a real permission.
    assert permissions.granted_permissions_unknown() == []


def test_each_app_grants_only_its_own_permissions():
    from django.apps import apps

    from aicert.accounts import grants as accounts_grants

    for config in apps.get_app_configs():
        if not config.name.startswith("aicert."):
            continue
        try:
            module = __import__(f"{config.name}.grants", fromlist=["ROLE_GRANTS"])
        except ModuleNotFoundError:
            continue
        labels = {p.split(".")[0] for perms in module.ROLE_GRANTS.values() for p in perms}
        # accounts also grants the audit trail's one permission (audit sits below accounts).
        allowed = {config.label} | ({"audit"} if module is accounts_grants else set())
        assert labels <= allowed, config.name


def test_a_grant_to_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Unknown role"):
        permissions.permissions_grant({"janitor": {"centers.view_room"}})


def test_the_employer_role_is_granted_only_the_talent_apps_permissions():
    granted = permissions.ROLE_PERMISSIONS.get(Role.EMPLOYER, set())
    assert granted and {p.split(".")[0] for p in granted} == {"talent"}
