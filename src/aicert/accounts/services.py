"""Writes for accounts: users, organisations and role memberships."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aicert.accounts.models import Membership, Organisation, User
from aicert.accounts.roles import ROLE_ORGANISATION_KIND
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record


@transaction.atomic
def organisation_upsert(
    *, slug: str, kind: str, name_zh: str, name_en: str, **extra: Any
) -> Organisation:
    """Create or update an organisation identified by its slug."""
    organisation, _created = Organisation.objects.update_or_create(
        slug=slug, defaults={"kind": kind, "name_zh": name_zh, "name_en": name_en, **extra}
    )
    return organisation


@transaction.atomic
def membership_grant(
    *, actor: Actor, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give ``user`` a role in ``organisation``; the role must fit the organisation's kind."""
    expected_kind = ROLE_ORGANISATION_KIND.get(role)
    if expected_kind is None:
        raise ValidationError(_("Unknown role."))
    if organisation.kind != expected_kind:
        raise ValidationError(
            _("This role belongs to another kind of organisation."), code="role_kind"
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        audit_record(
            actor=actor,
            action="membership.grant",
            target=membership,
            changes={"user": user.email, "organisation": organisation.slug, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    """Take a role away; the audit trail keeps who had it."""
    audit_record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        changes={
            "user": membership.user.email,
            "organisation": membership.organisation.slug,
            "role": membership.role,
        },
    )
    membership.delete()


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a person chose (emails reach them in it)."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
