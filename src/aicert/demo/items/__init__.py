"""The demo item bank of the AI Application Planner certification.

Written for this project: no item is copied from a real exam. Each module covers one or two
competency domains with hand-written items and parameterised families (see ``_build``). The
bank is a pure function of the code: the same items, in the same order, on every run.
"""

from __future__ import annotations

from aicert.demo.items import (
    data_quality,
    ethics,
    features,
    foundations,
    llm,
    mlops,
    modelling,
    planning,
    rag,
    security,
    statistics,
)
from aicert.demo.items._build import ItemSpec

MODULES = (
    foundations,
    data_quality,
    features,
    statistics,
    modelling,
    mlops,
    llm,
    rag,
    planning,
    ethics,
    security,
)


def bank() -> list[ItemSpec]:
    """Every demo item, with unique refs and unique Chinese stems (the seeding key)."""
    specs = [spec for module in MODULES for spec in module.items()]
    refs = [s.ref for s in specs]
    stems = [s.zh["stem"] for s in specs]
    if len(set(refs)) != len(refs) or len(set(stems)) != len(stems):
        duplicated = {r for r in refs if refs.count(r) > 1} | {
            s[:30] for s in stems if stems.count(s) > 1
        }
        raise ValueError(f"demo item bank has duplicates: {sorted(duplicated)}")
    return specs
