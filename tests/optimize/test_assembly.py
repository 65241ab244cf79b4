"""Automated test assembly: every rule checked independently of the solver's own bookkeeping."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest

from aicert.optimize.assembly import (
    AssemblySpec,
    BankItem,
    TypeCount,
    assemble_forms,
    check_forms,
    precheck_assembly,
)
from aicert.optimize.explain import InfeasibleError
from aicert.psychometrics.irf import info_3pl, prob_3pl

DOMAINS = ("Foundations", "Data", "Model evaluation")


def make_bank(n: int = 300, seed: int = 3, domains: tuple[str, ...] = DOMAINS) -> list[BankItem]:
    rng = np.random.default_rng(seed)
    a = rng.lognormal(0.0, 0.35, n)
    b = rng.normal(0.0, 1.0, n)
    c = rng.uniform(0.0, 0.25, n)
    return [
        BankItem(
            id=f"Q{i:04d}",
            domain=domains[i % len(domains)],
            a=float(a[i]),
            d=float(-a[i] * b[i]),
            c=float(c[i]),
            item_type="scenario" if i % 7 == 0 else "mcq",
        )
        for i in range(n)
    ]


def info_of(bank: dict[str, BankItem], ids, thetas) -> np.ndarray:
    its = [bank[i] for i in ids]
    return info_3pl(thetas, [it.a for it in its], [it.d for it in its], [it.c for it in its]).sum(
        axis=1
    )


def top_items(items: list[BankItem], theta: float, k: int) -> list[BankItem]:
    info = info_3pl([theta], [i.a for i in items], [i.d for i in items], [i.c for i in items])[0]
    return [items[j] for j in np.argsort(-info)[:k]]


@pytest.fixture(scope="module")
def bank() -> list[BankItem]:
    return make_bank()


@pytest.fixture(scope="module")
def constrained(bank):
    """Three forms with every rule switched on; enemies and exposure flags on the best items."""
    best = top_items(bank, 0.0, 40)
    enemies = tuple(frozenset({best[2 * k].id, best[2 * k + 1].id}) for k in range(8))
    flagged = {best[20].id, best[21].id, best[22].id}
    items = [
        BankItem(it.id, it.domain, it.a, it.d, it.c, it.item_type, exposed=it.id in flagged)
        for it in bank
    ]
    spec = AssemblySpec(
        blueprint={"Foundations": 4, "Data": 5, "Model evaluation": 6},
        n_forms=3,
        cut_theta=0.0,
        target_thetas=(-1.0, 1.0),
        target_weights=(0.6, 0.6),
        type_counts=(TypeCount("scenario", 1, 3),),
        enemy_sets=enemies,
        max_exposure=2,
        max_overlap=3,
        info_tolerance=0.4,
        tcc_tolerance=0.5,
        time_limit=10,
        mip_gap=0.02,
    )
    result = assemble_forms(items, spec)
    return items, spec, result, flagged


def test_blueprint_counts_exact(constrained):
    items, spec, result, _ = constrained
    by_id = {it.id: it for it in items}
    assert len(result.forms) == 3
    for form in result.forms:
        assert len(form.item_ids) == len(set(form.item_ids)) == 15
        counts = Counter(by_id[i].domain for i in form.item_ids)
        assert counts == {"Foundations": 4, "Data": 5, "Model evaluation": 6}
        assert dict(form.domain_counts) == dict(counts)


def test_item_type_range(constrained):
    items, _, result, _ = constrained
    by_id = {it.id: it for it in items}
    for form in result.forms:
        n = sum(by_id[i].item_type == "scenario" for i in form.item_ids)
        assert 1 <= n <= 3


def test_enemies_never_together(constrained):
    _, spec, result, _ = constrained
    for form in result.forms:
        ids = set(form.item_ids)
        for members in spec.enemy_sets:
            assert len(ids & members) <= 1


def test_overlap_cap_and_exposure(constrained):
    _, _, result, flagged = constrained
    sets = [set(f.item_ids) for f in result.forms]
    for a, b in itertools.combinations(sets, 2):
        assert len(a & b) <= 3
    assert result.max_pairwise_overlap <= 3
    usage = Counter(i for s in sets for i in s)
    assert max(usage.values()) <= 2
    assert not flagged & set(usage)


def test_information_and_tcc_within_tolerance(constrained):
    items, spec, result, _ = constrained
    by_id = {it.id: it for it in items}
    thetas = list(spec.parallel_thetas)
    assert thetas == [0.0, -1.0, 1.0]
    curves = [info_of(by_id, f.item_ids, thetas) for f in result.forms]
    for a, b in itertools.combinations(curves, 2):
        assert np.all(np.abs(a - b) <= 0.4 + 1e-6)
    tccs = []
    for f in result.forms:
        its = [by_id[i] for i in f.item_ids]
        tccs.append(
            prob_3pl(thetas, [i.a for i in its], [i.d for i in its], [i.c for i in its]).sum(1)
        )
    for a, b in itertools.combinations(tccs, 2):
        assert np.all(np.abs(a - b) <= 0.5 + 1e-6)


def test_reported_curves_and_objective(constrained):
    items, spec, result, _ = constrained
    by_id = {it.id: it for it in items}
    assert result.thetas == (-2.0, -1.0, 0.0, 1.0, 2.0)
    values = []
    for form in result.forms:
        np.testing.assert_allclose(form.information, info_of(by_id, form.item_ids, result.thetas))
        assert form.cut_information == pytest.approx(form.information[2])
        info = info_of(by_id, form.item_ids, [0.0, -1.0, 1.0])
        values.append(min(info[0], info[1] / 0.6, info[2] / 0.6))
    assert result.objective == pytest.approx(min(values))
    assert result.status in {"optimal", "time_limit"}
    assert result.gap is not None and 0 <= result.gap < 0.05
    assert result.bound >= result.objective
    assert check_forms(items, spec, [f.item_ids for f in result.forms]) == []


def test_maximin_beats_random_feasible_forms(bank):
    spec = AssemblySpec(blueprint={d: 5 for d in DOMAINS}, cut_theta=0.5, mip_gap=1e-4)
    result = assemble_forms(bank, spec)
    by_id = {it.id: it for it in bank}
    rng = np.random.default_rng(0)
    pools = {d: [it.id for it in bank if it.domain == d] for d in DOMAINS}
    random_info = []
    for _ in range(200):
        form = [i for d in DOMAINS for i in rng.choice(pools[d], 5, replace=False)]
        random_info.append(info_of(by_id, form, [0.5])[0])
    assert result.forms[0].cut_information > max(random_info)
    assert result.forms[0].cut_information > 2 * np.median(random_info)
    # Single form, no side constraints: the optimum is the top-5 items of each domain.
    best = sum(
        np.sort([info_of(by_id, [i], [0.5])[0] for i in pools[d]])[-5:].sum() for d in DOMAINS
    )
    assert result.objective == pytest.approx(best, rel=1e-4)


def test_relative_tolerance_and_whole_bank(bank):
    spec = AssemblySpec(
        blueprint={d: 4 for d in DOMAINS},
        n_forms=4,
        target_thetas=(-1.0, 1.0),
        target_weights=(0.7, 0.7),
        max_exposure=1,
        info_tolerance=0.05,
        tolerance_mode="relative",
        candidate_factor=None,
        # The solve stops at this gap; the generous wall-clock limit is only a safety net, so the
        # gap assertion does not depend on how busy the machine is.
        mip_gap=0.1,
        time_limit=120,
    )
    result = assemble_forms(bank, spec)
    by_id = {it.id: it for it in bank}
    curves = np.array([info_of(by_id, f.item_ids, [0.0, -1.0, 1.0]) for f in result.forms])
    mean = curves.mean(axis=0)
    assert np.all(np.abs(curves - mean) <= 0.05 * mean + 1e-6)
    assert result.max_pairwise_overlap == 0
    assert result.n_candidates == len(bank)
    assert result.gap is not None and result.gap < 0.15
    assert check_forms(bank, spec, [f.item_ids for f in result.forms]) == []


def test_many_forms_use_pairwise_overlap_linearisation(bank):
    # 6 forms with exposure 2 have 21 usage patterns: the z[f, g, i] linearisation is used.
    spec = AssemblySpec(
        blueprint={d: 2 for d in DOMAINS},
        n_forms=6,
        max_exposure=2,
        max_overlap=1,
        time_limit=3,
        mip_gap=0.02,
    )
    result = assemble_forms(bank, spec)
    sets = [set(f.item_ids) for f in result.forms]
    assert all(len(a & b) <= 1 for a, b in itertools.combinations(sets, 2))
    assert max(Counter(i for s in sets for i in s).values()) <= 2
    assert check_forms(bank, spec, [f.item_ids for f in result.forms]) == []


def test_exact_type_count(bank):
    spec = AssemblySpec(
        blueprint={d: 3 for d in DOMAINS},
        n_forms=2,
        type_counts=(TypeCount.exact("scenario", 2),),
        max_exposure=1,
    )
    result = assemble_forms(bank, spec)
    by_id = {it.id: it for it in bank}
    for form in result.forms:
        assert sum(by_id[i].item_type == "scenario" for i in form.item_ids) == 2


# --- infeasibility explained in words -----------------------------------------------------------


def domain_bank(n: int, domain: str = "Model evaluation", seed: int = 1) -> list[BankItem]:
    rng = np.random.default_rng(seed)
    return [
        BankItem(f"{domain[:2]}{i}", domain, float(rng.uniform(0.6, 2)), float(rng.normal()))
        for i in range(n)
    ]


def test_precheck_domain_short_with_no_overlap():
    items = (
        domain_bank(30)
        + domain_bank(60, "Data")
        + [BankItem("X1", "Model evaluation", 1.0, 0.0, exposed=True)]
    )
    spec = AssemblySpec(blueprint={"Model evaluation": 12, "Data": 5}, n_forms=4, max_exposure=1)
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(items, spec)
    assert err.value.stage == "precheck"
    [reason] = err.value.reasons
    assert "Domain 'Model evaluation' needs 12 items per form × 4 forms with no overlap" in reason
    assert "bank has 30 approved (18 short" in reason
    assert "1 more item excluded by the exposure flag" in reason
    assert "Model evaluation" in str(err.value)


def test_precheck_domain_too_small_for_one_form():
    spec = AssemblySpec(blueprint={"Model evaluation": 12})
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(domain_bank(9), spec)
    assert err.value.reasons == [
        "Domain 'Model evaluation' needs 12 items on each form, but the bank has only 9 "
        "approved items in it (3 short)."
    ]


def test_precheck_enemies_limit_one_form():
    items = domain_bank(6)
    enemies = (frozenset(it.id for it in items[:4]),)
    spec = AssemblySpec(blueprint={"Model evaluation": 4}, enemy_sets=enemies)
    reasons = precheck_assembly(items, spec)
    assert len(reasons) == 1
    assert (
        "enemy-item rules allow at most 3 of its 6 approved items on one form (1 short)"
        in (reasons[0])
    )


def test_precheck_exposure_and_overlap_caps():
    items = domain_bank(20)
    spec = AssemblySpec(blueprint={"Model evaluation": 12}, n_forms=4, max_exposure=2)
    [reason] = precheck_assembly(items, spec)
    assert "48 item uses" in reason and "(40 uses, 8 short)" in reason

    spec = AssemblySpec(blueprint={"Model evaluation": 8}, n_forms=3, max_exposure=3, max_overlap=1)
    [reason] = precheck_assembly(items, spec)
    assert "share at least 4 item places" in reason
    assert "'Model evaluation' 4" in reason and "allows only 3 across 3 pairs (1 short)" in reason


def test_precheck_item_types():
    items = domain_bank(40)
    spec = AssemblySpec(
        blueprint={"Model evaluation": 5},
        type_counts=(TypeCount("scenario", 1), TypeCount("mcq", 5)),
    )
    reasons = precheck_assembly(items, spec)
    assert any(
        "Item type 'scenario' needs at least 1 item" in r and "1 short" in r for r in reasons
    )
    assert any("Item-type minimums add up to 6 items" in r for r in reasons)


def test_elastic_names_domain_or_type_when_counts_conflict():
    # Counting checks pass (4 items for 2 places), but 3 of the 4 are essays and essays are
    # banned: only the MILP discovers the conflict.
    items = [
        BankItem("A1", "Ethics", 1.0, 0.0, item_type="essay"),
        BankItem("A2", "Ethics", 1.1, 0.1, item_type="essay"),
        BankItem("A3", "Ethics", 1.2, -0.1, item_type="essay"),
        BankItem("A4", "Ethics", 0.9, 0.2),
        *domain_bank(10, "Data"),
    ]
    spec = AssemblySpec(blueprint={"Ethics": 2, "Data": 2}, type_counts=(TypeCount("essay", 0, 0),))
    assert precheck_assembly(items, spec) == []
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(items, spec)
    assert err.value.stage == "elastic"
    [reason] = err.value.reasons
    assert reason.startswith("Form 1")
    assert "domain 'Ethics'" in reason or "type 'essay'" in reason
    assert "1 short" in reason or "at most 0 are allowed" in reason


def test_elastic_names_tolerance_band():
    rng = np.random.default_rng(5)
    items = [
        BankItem(f"E{i}", "Ethics", float(a), float(rng.normal()))
        for i, a in enumerate([0.5, 0.8, 1.4, 2.2])
    ]
    spec = AssemblySpec(blueprint={"Ethics": 2}, n_forms=2, max_exposure=1, info_tolerance=1e-4)
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(items, spec)
    assert err.value.stage == "elastic"
    assert len(err.value.reasons) == 1
    assert err.value.reasons[0].startswith("Test information at θ = +0.00: forms 1 and 2")
    assert "the tolerance is 0.0001" in err.value.reasons[0]


def test_elastic_names_overlap_cap():
    # Two disjoint forms of 2 need 4 distinct items, but A1..A3 are enemies: A4 must be shared.
    items = [BankItem(f"A{i}", "Ethics", 1.0 + 0.1 * i, 0.0) for i in range(1, 5)]
    spec = AssemblySpec(
        blueprint={"Ethics": 2},
        n_forms=2,
        enemy_sets=(frozenset({"A1", "A2", "A3"}),),
        max_overlap=0,
    )
    assert precheck_assembly(items, spec) == []
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(items, spec)
    assert err.value.reasons == [
        "Forms 1 and 2 would have to share 1 item; the overlap cap is 0 (1 over)."
    ]


def test_elastic_names_exposure_cap():
    # Three forms of 2 from A1..A4 with A1..A3 enemies: A4 is needed on all three forms.
    items = [BankItem(f"A{i}", "Ethics", 1.0 + 0.1 * i, 0.0) for i in range(1, 5)]
    spec = AssemblySpec(
        blueprint={"Ethics": 2},
        n_forms=3,
        enemy_sets=(frozenset({"A1", "A2", "A3"}),),
        max_exposure=2,
        max_overlap=1,
    )
    assert precheck_assembly(items, spec) == []
    with pytest.raises(InfeasibleError) as err:
        assemble_forms(items, spec)
    assert err.value.reasons == [
        "Item A4 would be needed on 3 forms, but the exposure cap is 2 forms."
    ]


def test_check_forms_reports_each_rule(bank):
    by_domain = {d: [it for it in bank if it.domain == d] for d in DOMAINS}
    items = [*bank, BankItem("FLAG", "Data", 1.0, 0.0, exposed=True)]
    spec = AssemblySpec(
        blueprint={d: 2 for d in DOMAINS},
        n_forms=3,
        type_counts=(TypeCount("scenario", 0, 0),),
        enemy_sets=(frozenset({by_domain["Data"][0].id, by_domain["Data"][1].id}),),
        max_exposure=1,
        max_overlap=0,
        info_tolerance=0.01,
    )
    base = [it.id for d in DOMAINS for it in by_domain[d][:2]]  # Q0000 is a scenario item
    forms = [base, base, [*base[:-1], "FLAG", "NOPE"]]
    text = "\n".join(check_forms(items, spec, forms))
    assert "enemy items" in text
    assert "type 'scenario', at most 0 allowed" in text
    assert "is on 3 forms; the exposure cap is 1 form" in text
    assert "Forms 1 and 2 share 6 items; the overlap cap is 0" in text
    assert "item FLAG is flagged for over-exposure" in text
    assert "item NOPE is not in the bank" in text
    assert "domain 'Model evaluation' has 1 items, the blueprint needs 2 (1 short)" in text
    assert "forms 1 and 3 differ by" in text


def test_spec_validation():
    with pytest.raises(ValueError):
        AssemblySpec(blueprint={})
    with pytest.raises(ValueError):
        AssemblySpec(blueprint={"A": 2}, n_forms=0)
    with pytest.raises(ValueError):
        AssemblySpec(blueprint={"A": 2}, target_thetas=(1.0,), target_weights=(1.0, 2.0))
    with pytest.raises(ValueError):
        AssemblySpec(blueprint={"A": 2}, tolerance_mode="pairwise")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TypeCount("mcq", 3, 2)
    with pytest.raises(ValueError):
        assemble_forms([BankItem("A", "A", 1, 0), BankItem("A", "A", 1, 0)], AssemblySpec({"A": 1}))
