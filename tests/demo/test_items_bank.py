"""The demo item bank as data: valid, bilingual, consistent, deterministic and large enough.

These tests need no database: they check the specs that seeding turns into items.
"""

import math
import re
from collections import Counter

import pytest

from aicert.demo import catalog_data
from aicert.demo.itembank_seed import ACTIVE_FACTOR, REVISED, active_targets, plan
from aicert.demo.items import bank
from aicert.itembank.content import answer_key, content_validate
from aicert.itembank.models import ItemStatus

BANK = bank()
BY_REF = {spec.ref: spec for spec in BANK}


def correct_text(spec, lang="en"):
    content = spec.en if lang == "en" else spec.zh
    (text,) = [o["text"] for o in content["options"] if o["correct"]]
    return text


def test_the_bank_is_deterministic():
    again = bank()
    assert [(s.ref, s.zh, s.en) for s in again] == [(s.ref, s.zh, s.en) for s in BANK]


def test_refs_and_chinese_stems_are_unique():
    # The Chinese stem of version 1 is the seeding key, so it must be unique.
    assert len({s.ref for s in BANK}) == len(BANK)
    assert len({s.zh["stem"] for s in BANK}) == len(BANK)
    assert len({s.en["stem"] for s in BANK}) == len(BANK)


@pytest.mark.parametrize("spec", BANK, ids=lambda s: s.ref)
def test_content_is_valid_in_both_languages_with_the_same_key(spec):
    content_validate(item_type=spec.item_type, content_zh=spec.zh, content_en=spec.en)
    assert spec.en, "every demo item has an English version"
    assert answer_key(spec.item_type, spec.zh) == answer_key(spec.item_type, spec.en)
    if spec.item_type == "short_text":
        assert spec.zh.get("patterns") == spec.en.get("patterns")


def test_single_choice_items_have_four_options_and_a_rationale_on_each():
    singles = [s for s in BANK if s.item_type == "single_choice"]
    assert len(singles) > len(BANK) / 2, "the bank is mostly single choice"
    for spec in singles:
        for content in (spec.zh, spec.en):
            assert len(content["options"]) == 4, spec.ref
            assert all(o["rationale"].strip() for o in content["options"]), spec.ref


def test_keys_are_spread_over_option_positions():
    positions = Counter(
        [o["correct"] for o in s.en["options"]].index(True)
        for s in BANK
        if s.item_type == "single_choice"
    )
    assert len(positions) == 4
    assert min(positions.values()) > 0.12 * sum(positions.values())


def test_every_other_item_type_appears_at_least_five_times():
    types = Counter(s.item_type for s in BANK)
    for item_type in (
        "multiple_response",
        "true_false",
        "numeric",
        "short_text",
        "ordering",
        "matching",
        "constructed_response",
    ):
        assert types[item_type] >= 5, item_type


def test_every_domain_of_the_taxonomy_has_items():
    domains = {child for _c, _zh, _en, children in catalog_data.DOMAINS for child, *_ in children}
    assert {s.domain for s in BANK} == domains


def test_chinese_uses_taiwan_terms():
    mainland = re.compile(r"數據|信息|軟件|視頻|網絡|默認|文檔|質量|用戶|(?<!演)算法|服務器|數據庫")
    for spec in BANK:
        text = repr(spec.zh)
        assert not mainland.search(text), (spec.ref, mainland.search(text).group())


def test_dollar_signs_never_open_math():
    # Item text is Markdown with $...$ math: a currency sign must be followed by a digit.
    for spec in BANK:
        for content in (spec.zh, spec.en):
            shown = {k: v for k, v in content.items() if k != "patterns"}  # regexes, not text
            assert not re.search(r"\$(?![\d{])", repr(shown)), spec.ref


def test_the_plan_activates_twice_each_blueprint_count_and_uses_every_state():
    planned = plan(BANK)
    active = Counter(
        (p.spec.level, p.spec.domain) for p in planned if p.status in (ItemStatus.ACTIVE, REVISED)
    )
    for cell, need in active_targets().items():
        assert active[cell] >= need, cell
    assert sum(active_targets().values()) == ACTIVE_FACTOR * sum(
        items for level in catalog_data.LEVELS for *_x, items, _bp in level["subjects"]
    )
    statuses = {p.status for p in planned}
    assert set(ItemStatus.values) | {REVISED} <= statuses


# --- Computed families: the key is the right number --------------------------------------------


def _numbers(text):
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("3.2-cm-")])
def test_confusion_matrix_family_keys(ref):
    stem = BY_REF[ref].en["stem"]
    tp, fp, fn, tn = (
        int(x) for x in re.search(r"TP = (\d+), FP = (\d+), FN = (\d+), TN = (\d+)", stem).groups()
    )
    metric = re.search(r"What is its (.+?)\?", stem).group(1)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    expected = {
        "F1 score": 2 * precision * recall / (precision + recall),
        "precision": precision,
        "recall": recall,
        "accuracy": (tp + tn) / (tp + fp + fn + tn),
        "specificity": tn / (tn + fp),
    }[metric]
    assert correct_text(BY_REF[ref]) == f"{expected:.2f}"
    assert correct_text(BY_REF[ref], "zh") == f"{expected:.2f}"


def test_f1_spot_check():
    # 3.2-cm-1 in full: the F1 option is the harmonic mean, and the distractors are the usual slips.
    spec = BY_REF["3.2-cm-1"]
    tp, fp, fn, tn = (
        int(x)
        for x in re.search(
            r"TP = (\d+), FP = (\d+), FN = (\d+), TN = (\d+)", spec.en["stem"]
        ).groups()
    )
    p, r = tp / (tp + fp), tp / (tp + fn)
    texts = sorted(o["text"] for o in spec.en["options"])
    assert f"{2 * p * r / (p + r):.2f}" == correct_text(spec)
    assert f"{p:.2f}" in texts and f"{r:.2f}" in texts
    assert len(set(texts)) == 4


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("1.3-conv-")])
def test_convolution_output_size_keys(ref):
    stem = BY_REF[ref].en["stem"]
    w, k, pad, stride = (
        int(x)
        for x in re.search(
            r"is (\d+)×\d+;.*?(\d+)×\d+ kernel, padding (\d+) and stride (\d+)", stem
        ).groups()
    )
    assert correct_text(BY_REF[ref]) == str((w - k + 2 * pad) // stride + 1)


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("5.2-di-")])
def test_disparate_impact_keys(ref):
    stem = BY_REF[ref].en["stem"]
    s_a, n_a, s_b, n_b = (
        int(x) for x in re.search(r"saw (\d+) of (\d+) .*?, and (\d+) of (\d+) ", stem).groups()
    )
    assert correct_text(BY_REF[ref]) == f"{(s_b / n_b) / (s_a / n_a):.2f}"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("2.1-kappa-")])
def test_cohens_kappa_keys(ref):
    stem = BY_REF[ref].en["stem"]
    n, yes, no_, a_only, b_only = _numbers(stem)[:5]
    po = (yes + no_) / n
    a, b = (yes + a_only) / n, (yes + b_only) / n
    pe = a * b + (1 - a) * (1 - b)
    assert correct_text(BY_REF[ref]) == f"{(po - pe) / (1 - pe):.2f}"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("5.3-kanon-")])
def test_k_anonymity_keys(ref):
    sizes = [int(n) for n in re.findall(r"(\d+) records", BY_REF[ref].en["stem"])]
    assert correct_text(BY_REF[ref]) == str(min(sizes))


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("5.1-payback-")])
def test_payback_keys(ref):
    stem = BY_REF[ref].en["stem"]
    build, run, save = (int(x.replace(",", "")) for x in re.findall(r"NT\$([\d,]+)", stem))
    assert correct_text(BY_REF[ref]) == f"{12 * build / (save - run):.1f} months"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("4.3-mrr-")])
def test_mean_reciprocal_rank_keys(ref):
    found = re.search(r"appears at: (.+)\. What", BY_REF[ref].en["stem"]).group(1).split(", ")
    rr = [0 if part.startswith("none") else 1 / int(part.split()[1]) for part in found]
    assert correct_text(BY_REF[ref]) == f"{sum(rr) / len(rr):.2f}"


def test_computed_options_are_sorted_and_distinct():
    for spec in BANK:
        if not re.search(
            r"-(cm|conv|di|eo|kappa|kanon|payback|roi|npv|mrr|pk|minmax|zscore|iqr)-\d+$", spec.ref
        ):
            continue
        values = [float(re.sub(r"[^\d.\-]", "", o["text"]) or "nan") for o in spec.en["options"]]
        assert not any(math.isnan(v) for v in values), spec.ref
        assert values == sorted(values), spec.ref
        assert len(set(values)) == 4, spec.ref
