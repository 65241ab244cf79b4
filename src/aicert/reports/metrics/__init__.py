"""Metric families: each module defines a :class:`MetricFamily` and registers it here.

To add a family (e.g. certificates): write ``metrics/certificates.py`` with a class whose
``rows()`` yields :class:`FactRow` and add it to ``FAMILIES`` below (or call ``family_register``
from the owning app's ready()).
"""

from __future__ import annotations

from aicert.reports.metrics.base import FactRow, MetricFamily
from aicert.reports.metrics.registrations import RegistrationsFamily
from aicert.reports.metrics.results import ResultsFamily

FAMILIES: list[MetricFamily] = [RegistrationsFamily(), ResultsFamily()]


def family_register(family: MetricFamily) -> None:
    if all(f.name != family.name for f in FAMILIES):
        FAMILIES.append(family)


__all__ = ["FAMILIES", "FactRow", "MetricFamily", "family_register"]
