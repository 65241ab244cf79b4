"""Names of the facts' dimension values (county, region, level, subject, gender, age band,
competency domain) in the active language, loaded once per request (five small queries,
whatever the data size)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.centers.models import County, Region
from aicert.registration.models import Gender
from aicert.shared.i18n import localized

#: The dimensions a dashboard table can be broken down by (``by=`` in the URL).
DIMENSIONS = ("county", "region", "level", "subject", "sitting", "period", "gender", "age_band")

#: Age bands in their natural order (``metrics.base.age_band`` makes them).
AGE_BANDS = ("<20", "20-29", "30-39", "40-49", "50-59", "60+")


def dimension_title(dimension: str) -> str:
    return {
        "county": pgettext("reports dimension", "County"),
        "region": pgettext("reports dimension", "Region"),
        "level": pgettext("reports dimension", "Level"),
        "subject": pgettext("reports dimension", "Subject"),
        "sitting": pgettext("reports dimension", "Sitting"),
        "period": pgettext("reports dimension", "Month"),
        "gender": pgettext("reports dimension", "Gender"),
        "age_band": pgettext("reports dimension", "Age band"),
        "domain": pgettext("reports dimension", "Competency domain"),
    }[dimension]


def metric_title(metric: str) -> str:
    return {
        "registrations": pgettext("reports metric", "Registrations"),
        "attended": pgettext("reports metric", "Attended"),
        "absent": pgettext("reports metric", "Absent"),
        "results": pgettext("reports metric", "Results released"),
        "passed": pgettext("reports metric", "Passed"),
        "pass_rate": pgettext("reports metric", "Pass rate"),
        "selfassess_attempts": pgettext("reports metric", "Practice tests finished"),
        "selfassess_people": pgettext("reports metric", "People who practised"),
        "certificates_active": pgettext("reports metric", "Certificates active"),
        "certificates_expired": pgettext("reports metric", "Certificates expired"),
        "certified_people": pgettext("reports metric", "Certified people"),
        "domain_scored": pgettext("reports metric", "Results scored in the domain"),
        "domain_met": pgettext("reports metric", "Reaching the domain standard"),
        "domain_share": pgettext("reports metric", "Share reaching the domain standard"),
    }.get(metric, metric)


def age_band_label(code: str) -> str:
    if code == "<20":
        return pgettext("age band", "under 20")
    if code == "60+":
        return pgettext("age band", "60 and over")
    return code


@dataclass
class Labels:
    """Code -> name in the active language; an unknown code shows as itself."""

    counties: dict[str, str] = field(default_factory=dict)
    county_order: dict[str, int] = field(default_factory=dict)
    county_region: dict[str, str] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    region_order: dict[str, int] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    #: "<certification code>:<domain code>" -> "1 AI foundations" (top-level domains).
    domains: dict[str, str] = field(default_factory=dict)

    def name(self, dimension: str, code: str) -> str:
        if code == "":
            return _("not stated") if dimension in ("gender", "age_band") else _("unknown")
        if dimension == "county":
            return self.counties.get(code, code)
        if dimension == "region":
            return self.regions.get(code, code)
        if dimension == "level":
            return self.levels.get(code, code)
        if dimension == "subject":
            return self.subjects.get(code, code)
        if dimension == "domain":
            return self.domains.get(code, code.partition(":")[2] or code)
        if dimension == "gender":
            return str(Gender(code).label) if code in Gender.values else code
        if dimension == "age_band":
            return age_band_label(code)
        if dimension == "sitting":
            try:
                return formats.date_format(dt.date.fromisoformat(code), "SHORT_DATE_FORMAT")
            except ValueError:
                return code
        return code

    def sort_key(self, dimension: str, code: str) -> tuple[int, str]:
        if dimension == "county":
            return (self.county_order.get(code, 999), code)
        if dimension == "region":
            return (self.region_order.get(code, 999), code)
        if dimension == "age_band":
            return (AGE_BANDS.index(code) if code in AGE_BANDS else 999, code)
        if dimension == "domain":  # "cert:10" after "cert:9": by the outline numbers
            outline = code.partition(":")[2]
            return (int(outline) if outline.isdigit() else 999, code)
        if dimension == "gender":
            return (Gender.values.index(code) if code in Gender.values else 999, code)
        return (0 if code else 1, code)


def labels_load() -> Labels:
    """The names of every county, region, level, subject and top-level domain (five queries)."""
    labels = Labels()
    for county in County.objects.select_related("region").order_by("position"):
        labels.counties[county.code] = county.name
        labels.county_order[county.code] = county.position
        labels.county_region[county.code] = county.region.code
        if county.population:
            labels.population[county.code] = county.population
    for region in Region.objects.order_by("position"):
        labels.regions[region.code] = region.name
        labels.region_order[region.code] = region.position
    for level in Level.objects.order_by("pk"):
        labels.levels.setdefault(level.code, localized(level, "name"))
    for subject in Subject.objects.order_by("pk"):
        labels.subjects.setdefault(subject.code, localized(subject, "name"))
    for domain in CompetencyDomain.objects.filter(parent__isnull=True).select_related(
        "certification"
    ):
        code = f"{domain.certification.code}:{domain.code}"
        labels.domains[code] = f"{domain.code} {localized(domain, 'name')}"
    return labels
