"""Regions, counties, regional certification centers, their venues, rooms and invigilators."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aicert.shared.i18n import BilingualName, is_english, localized


class Region(BilingualName):
    """A region of Taiwan as the centers group it (north, central, south, east and islands)."""

    code = models.SlugField(_("code"), unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["position"]


class County(BilingualName):
    """One of the 22 special municipalities, counties and cities."""

    code = models.SlugField(_("code"), unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="counties"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Registered population (household registration), the denominator of the reports'
    # "per 10,000 inhabitants" figures; see reference_data.COUNTY_POPULATION for the source.
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["position"]


class Center(models.Model):
    """A regional certification center appointed by the foundation.

    It provides venues, assigns invigilators and promotes the exams in the counties it serves.
    """

    center_scope = ""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="center",
        limit_choices_to={"kind": "center"},
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="centers"
    )
    host_institution_zh = models.CharField(_("host institution (Chinese)"), max_length=200)
    host_institution_en = models.CharField(_("host institution (English)"), max_length=200)
    counties_served = models.ManyToManyField(
        County, verbose_name=_("counties served"), related_name="centers", blank=True
    )
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    promotion_note_zh = models.TextField(_("local announcement (Chinese)"), blank=True)
    promotion_note_en = models.TextField(_("local announcement (English)"), blank=True)

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")
        ordering = ["region__position"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def host_institution(self) -> str:
        return localized(self, "host_institution")

    @property
    def promotion_note(self) -> str:
        return localized(self, "promotion_note")


class CenterAppointment(models.Model):
    """The foundation's appointment of a center: the agreement, its term and the duties."""

    center_scope = "center"

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="appointments"
    )
    agreement_date = models.DateField(_("agreement date"))
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    duties = models.TextField(
        _("duties"), help_text=_("E.g. provide venues, assign invigilators, promote the exams.")
    )

    class Meta:
        verbose_name = _("center appointment")
        verbose_name_plural = _("center appointments")
        ordering = ["center", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")), name="appointment_term_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.center} {self.term_start:%Y-%m-%d}–{self.term_end:%Y-%m-%d}"

    def clean(self):
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("The term must end after it starts.")})


class Venue(models.Model):
    """A site where a center runs exams, e.g. a campus building."""

    center_scope = "center"

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="venues"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="venues"
    )
    address_zh = models.CharField(_("address (Chinese)"), max_length=255)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    wheelchair_access = models.BooleanField(_("step-free access"), default=False)
    elevator = models.BooleanField(_("elevator"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    directions = models.TextField(_("directions and parking"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["center", "name_en"]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def address(self) -> str:
        return localized(self, "address")


class Room(models.Model):
    """An exam room with a grid of seats.

    ``seat_layout`` lists seats that do not exist (``"blocked"``) and seats reachable by
    wheelchair (``"accessible"``) as labels like ``"A3"`` (row letter, column number).
    """

    center_scope = "venue__center"

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms"
    )
    # ``name`` is the room's name as the venue signs it (in Chinese); ``name_en`` the English one
    # the English pages show (falling back to ``name``), as :func:`localized` does elsewhere.
    name = models.CharField(_("room"), max_length=100)
    name_en = models.CharField(_("room (English)"), max_length=100, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    seat_rows = models.PositiveSmallIntegerField(
        _("rows of seats"), validators=[MinValueValidator(1)]
    )
    seat_columns = models.PositiveSmallIntegerField(
        _("seats per row"), validators=[MinValueValidator(1)]
    )
    seat_count = models.PositiveSmallIntegerField(
        _("usable seats"), validators=[MinValueValidator(1)]
    )
    seat_layout = models.JSONField(_("seat layout"), default=dict, blank=True)
    accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    has_computers = models.BooleanField(_("computers for browser-based exams"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_unique_name"),
            models.CheckConstraint(
                condition=Q(seat_count__gte=1)
                & Q(seat_count__lte=F("seat_rows") * F("seat_columns")),
                name="room_seats_fit_grid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue} {self.local_name}"

    @property
    def local_name(self) -> str:
        """The room's name in the active language (English pages fall back to ``name``)."""
        return (self.name_en or self.name) if is_english() else self.name

    @staticmethod
    def seat_label(row: int, column: int) -> str:
        """``(0, 2)`` -> ``"A3"``; rows past Z continue AA, AB…"""
        letters = ""
        n = row
        while True:
            letters = chr(ord("A") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                break
        return f"{letters}{column + 1}"

    def seat_grid(self) -> list[list[dict]]:
        """Rows of seats with their label and status, for the seat map."""
        blocked = set(self.seat_layout.get("blocked", []))
        accessible = set(self.seat_layout.get("accessible", []))
        grid = []
        for r in range(self.seat_rows):
            row = []
            for c in range(self.seat_columns):
                label = self.seat_label(r, c)
                status = (
                    "blocked"
                    if label in blocked
                    else "accessible"
                    if label in accessible
                    else "seat"
                )
                row.append({"label": label, "status": status})
            grid.append(row)
        return grid

    def clean(self):
        errors = {}
        if self.seat_rows and self.seat_columns:
            blocked = (
                set(self.seat_layout.get("blocked", []))
                if isinstance(self.seat_layout, dict)
                else set()
            )
            usable = self.seat_rows * self.seat_columns - len(blocked)
            if self.seat_count and self.seat_count > usable:
                errors["seat_count"] = _(
                    "Only %(usable)d seats fit the grid after blocked seats."
                ) % {"usable": usable}
        if not isinstance(self.seat_layout, dict):
            errors["seat_layout"] = _(
                "The seat layout must be an object with 'blocked' and 'accessible' lists."
            )
        if errors:
            raise ValidationError(errors)


class Invigilator(models.Model):
    """A member of a center's invigilator pool."""

    center_scope = "center"

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="invigilators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="invigilator_profiles",
    )
    chief_eligible = models.BooleanField(_("may be chief invigilator"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    affiliations = models.TextField(
        _("declared affiliations"),
        blank=True,
        help_text=_(
            "Schools or employers you are connected to, one per line (conflict of interest)."
        ),
    )
    relatives = models.TextField(
        _("relatives who may sit exams"),
        blank=True,
        help_text=_(
            "Names or email addresses of relatives who may sit exams, one per line "
            "(conflict of interest)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    trained_on = models.DateField(_("last training"), null=True, blank=True)

    class Meta:
        verbose_name = _("invigilator")
        verbose_name_plural = _("invigilators")
        ordering = ["center", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["center", "user"], name="invigilator_unique_user")
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def affiliation_list(self) -> list[str]:
        return [line.strip() for line in self.affiliations.splitlines() if line.strip()]

    @property
    def relative_list(self) -> list[str]:
        return [line.strip() for line in self.relatives.splitlines() if line.strip()]
