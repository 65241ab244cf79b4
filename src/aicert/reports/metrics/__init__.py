"""Metric families: each module defines a :class:`MetricFamily` and registers it here.

To add a family: write ``metrics/<name>.py`` with a class whose ``rows()`` yields
:class:`FactRow` and add it to ``FAMILIES`` below (or call ``family_register`` from the owning
app's ready()).

Families today: registrations/attendance, released results/passes, self-assessment
participation, certificates active/expired at each month end (stocks, never summed over
months), and domain strengths (released domain sub-scores meeting the domain standard, with the
competency domain in ``ReportFact.domain_code``).
"""

from __future__ import annotations

from aicert.reports.metrics.base import FactRow, MetricFamily
from aicert.reports.metrics.certificates import CertificatesFamily
from aicert.reports.metrics.domains import DomainStrengthsFamily
from aicert.reports.metrics.registrations import RegistrationsFamily
from aicert.reports.metrics.results import ResultsFamily
from aicert.reports.metrics.selfassess import SelfAssessmentFamily

FAMILIES: list[MetricFamily] = [
    RegistrationsFamily(),
    ResultsFamily(),
    SelfAssessmentFamily(),
    CertificatesFamily(),
    DomainStrengthsFamily(),
]


def family_register(family: MetricFamily) -> None:
    if all(f.name != family.name for f in FAMILIES):
        FAMILIES.append(family)


__all__ = ["FAMILIES", "FactRow", "MetricFamily", "family_register"]
