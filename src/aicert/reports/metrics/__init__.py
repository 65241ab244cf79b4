"""Metric families: each module defines a :class:`MetricFamily` and registers it here.

To add a family: write ``metrics/<name>.py`` with a class whose ``rows()`` yields
:class:`FactRow` and add it to ``FAMILIES`` below (or call ``family_register`` from the owning
app's ready()).

Certificates active/expired (issue #13) belong here once the credentials app exists: a
``CertificatesFamily`` yielding ``certificates_active`` and ``certificates_expired`` facts by the
holder's county and level (as of each month's end), plus those two names in
``selectors.METRICS``; the county map then gains "certified per 10,000 inhabitants" from
``labels.population`` exactly as "passed per 10,000" is drawn today.
"""

from __future__ import annotations

from aicert.reports.metrics.base import FactRow, MetricFamily
from aicert.reports.metrics.certificates import CertificatesFamily
from aicert.reports.metrics.registrations import RegistrationsFamily
from aicert.reports.metrics.results import ResultsFamily
from aicert.reports.metrics.selfassess import SelfAssessmentFamily

FAMILIES: list[MetricFamily] = [
    RegistrationsFamily(),
    ResultsFamily(),
    SelfAssessmentFamily(),
    CertificatesFamily(),
]


def family_register(family: MetricFamily) -> None:
    if all(f.name != family.name for f in FAMILIES):
        FAMILIES.append(family)


__all__ = ["FAMILIES", "FactRow", "MetricFamily", "family_register"]
