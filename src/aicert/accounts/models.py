"""Users, organisations and the memberships that carry roles."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aicert.accounts.roles import ADMIN_SITE_ROLES, STAFF_ROLES, OrganisationKind, Role
from aicert.shared.i18n import localized


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address.

    Every signed-in person may act as a candidate for themself; other roles come from
    :class:`Membership` rows in an organisation.
    """

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=[("zh-hant", "繁體中文"), ("en", "English")],
        default="zh-hant",
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    @cached_property
    def active_memberships(self) -> list[Membership]:
        """This user's memberships with their organisations, loaded once per request."""
        return list(self.memberships.select_related("organisation", "organisation__center").all())

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships}

    @property
    def is_staff(self) -> bool:
        """May open the Django admin: superusers, foundation admins and center managers."""
        return self.is_active and (self.is_superuser or bool(self.roles & ADMIN_SITE_ROLES))

    @property
    def requires_mfa(self) -> bool:
        """Must this user enrol a second factor (a superuser, or any staff role)?"""
        if self.is_superuser:
            return True
        # Loaded with the user by the sign-in backend (aicert.accounts.backends), unless the
        # memberships themselves are loaded already: then they answer.
        known = self.__dict__.get("holds_staff_role")
        if known is not None and "active_memberships" not in self.__dict__:
            return bool(known)
        return bool(self.roles & STAFF_ROLES)


class Organisation(models.Model):
    """The foundation, a regional center, an employer or a school."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    tax_id = models.CharField(_("business number"), max_length=8, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "slug"]

    def __str__(self) -> str:
        return localized(self, "name")


class Membership(models.Model):
    """A user's role in an organisation (one row per role)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"
