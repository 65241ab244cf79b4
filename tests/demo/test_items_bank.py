"""The demo item bank as data: the QTI 3.0 content package in demo/itembank/.

These tests need no database: they read the package with the importer's own reader
(:func:`aicert.itembank.interchange.package.package_read`), so they check what seeding imports.
A missing or unreadable package fails them (``bank_read`` raises); nothing is skipped.
"""

import math
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from aicert.demo import catalog_data
from aicert.demo.itembank_seed import (
    ACTIVE_FACTOR,
    BANK_PACKAGE,
    REVISED,
    BankItem,
    active_targets,
    bank_read,
    plan,
    subject_of,
)
from aicert.itembank.content import answer_key, content_validate
from aicert.itembank.interchange.qti import QTI3_NS
from aicert.itembank.models import CognitiveLevel, Difficulty, ItemStatus

BANK = bank_read()
BY_REF = {item.key: item for item in BANK}
PACKAGE_DIR = Path(settings.AICERT_DEMO_DATA_DIR) / BANK_PACKAGE


def correct_text(item, lang="en"):
    content = item.content_en if lang == "en" else item.content_zh
    (text,) = [o["text"] for o in content["options"] if o["correct"]]
    return text


def test_the_package_holds_the_whole_bank():
    # 752 items were converted from the former Python builders; fewer means files went missing.
    assert len(BANK) >= 752
    counts = Counter(item.item_type for item in BANK)
    assert counts["single_choice"] > len(BANK) / 2, "the bank is mostly single choice"


def test_every_file_of_the_folder_is_in_the_manifest_and_is_qti_3():
    # The reader only follows the manifest: a file it does not list would be ignored silently.
    listed = {f for item in BANK for f in item.files}
    on_disk = {p.relative_to(PACKAGE_DIR).as_posix() for p in PACKAGE_DIR.rglob("*") if p.is_file()}
    assert on_disk - listed == {"imsmanifest.xml"}
    assert all(item.source_version == "3.0" for item in BANK)
    for item in BANK:
        for path in item.files:
            root = etree.parse(str(PACKAGE_DIR / path)).getroot()
            assert etree.QName(root).namespace == QTI3_NS, path
            assert root.get("identifier") == item.key, path


def test_refs_are_unique_qti_identifiers_and_chinese_stems_unique():
    # The ref is the item's external_ref (the seeding key) and its QTI identifier (an NCName,
    # which cannot start with a digit); stems recognise items of demo databases seeded earlier.
    refs = [item.key for item in BANK]
    assert len(set(refs)) == len(refs)
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]{0,99}", ref) for ref in refs)
    assert len({item.content_zh["stem"] for item in BANK}) == len(BANK)
    assert len({item.content_en["stem"] for item in BANK}) == len(BANK)


@pytest.mark.parametrize("item", BANK, ids=lambda item: item.key)
def test_content_is_valid_in_both_languages_with_the_same_key(item):
    assert item.files == [f"items/{item.key}.zh-Hant.xml", f"items/{item.key}.en.xml"]
    content_validate(
        item_type=item.item_type, content_zh=item.content_zh, content_en=item.content_en
    )
    assert item.content_en, "every demo item has an English version"
    assert answer_key(item.item_type, item.content_zh) == answer_key(
        item.item_type, item.content_en
    )
    if item.item_type == "short_text":
        assert item.content_zh.get("patterns") == item.content_en.get("patterns")


@pytest.mark.parametrize("item", BANK, ids=lambda item: item.key)
def test_metadata_places_the_item_in_the_catalogue(item):
    meta = item.meta
    assert meta["aicert"] and meta["itemType"] == item.item_type
    assert meta["certification"] == catalog_data.CERTIFICATION["code"]
    assert meta["subject"] == subject_of(meta["level"], meta["domain"])
    assert meta["cognitiveLevel"] in CognitiveLevel.values
    assert meta["difficulty"] in Difficulty.values


def test_single_choice_items_have_four_options_and_a_rationale_on_each():
    singles = [item for item in BANK if item.item_type == "single_choice"]
    for item in singles:
        for content in (item.content_zh, item.content_en):
            assert len(content["options"]) == 4, item.key
            assert all(o["rationale"].strip() for o in content["options"]), item.key


def test_keys_are_spread_over_option_positions():
    positions = Counter(
        [o["correct"] for o in item.content_en["options"]].index(True)
        for item in BANK
        if item.item_type == "single_choice"
    )
    assert len(positions) == 4
    assert min(positions.values()) > 0.12 * sum(positions.values())


def test_every_other_item_type_appears_at_least_five_times():
    types = Counter(item.item_type for item in BANK)
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
    assert {item.meta["domain"] for item in BANK} == domains


def test_chinese_uses_taiwan_terms():
    mainland = re.compile(r"數據|信息|軟件|視頻|網絡|默認|文檔|質量|用戶|(?<!演)算法|服務器|數據庫")
    for item in BANK:
        text = repr(item.content_zh)
        assert not mainland.search(text), (item.key, mainland.search(text).group())


def test_dollar_signs_never_open_math():
    # Item text is Markdown with $...$ math: a currency sign must be followed by a digit.
    for item in BANK:
        for content in (item.content_zh, item.content_en):
            shown = {k: v for k, v in content.items() if k != "patterns"}  # regexes, not text
            assert not re.search(r"\$(?![\d{])", repr(shown)), item.key


def test_the_plan_activates_twice_each_blueprint_count_and_uses_every_state():
    planned = plan([BankItem.of_package(item) for item in BANK])
    assert len(planned) == len(BANK)
    active = Counter(
        (p.item.level, p.item.domain) for p in planned if p.status in (ItemStatus.ACTIVE, REVISED)
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


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-3.2-cm-")])
def test_confusion_matrix_family_keys(ref):
    stem = BY_REF[ref].content_en["stem"]
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
    item = BY_REF["AAP-3.2-cm-1"]
    tp, fp, fn, tn = (
        int(x)
        for x in re.search(
            r"TP = (\d+), FP = (\d+), FN = (\d+), TN = (\d+)", item.content_en["stem"]
        ).groups()
    )
    p, r = tp / (tp + fp), tp / (tp + fn)
    texts = sorted(o["text"] for o in item.content_en["options"])
    assert f"{2 * p * r / (p + r):.2f}" == correct_text(item)
    assert f"{p:.2f}" in texts and f"{r:.2f}" in texts
    assert len(set(texts)) == 4


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-1.3-conv-")])
def test_convolution_output_size_keys(ref):
    stem = BY_REF[ref].content_en["stem"]
    w, k, pad, stride = (
        int(x)
        for x in re.search(
            r"is (\d+)×\d+;.*?(\d+)×\d+ kernel, padding (\d+) and stride (\d+)", stem
        ).groups()
    )
    assert correct_text(BY_REF[ref]) == str((w - k + 2 * pad) // stride + 1)


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-5.2-di-")])
def test_disparate_impact_keys(ref):
    stem = BY_REF[ref].content_en["stem"]
    s_a, n_a, s_b, n_b = (
        int(x) for x in re.search(r"saw (\d+) of (\d+) .*?, and (\d+) of (\d+) ", stem).groups()
    )
    assert correct_text(BY_REF[ref]) == f"{(s_b / n_b) / (s_a / n_a):.2f}"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-2.1-kappa-")])
def test_cohens_kappa_keys(ref):
    stem = BY_REF[ref].content_en["stem"]
    n, yes, no_, a_only, b_only = _numbers(stem)[:5]
    po = (yes + no_) / n
    a, b = (yes + a_only) / n, (yes + b_only) / n
    pe = a * b + (1 - a) * (1 - b)
    assert correct_text(BY_REF[ref]) == f"{(po - pe) / (1 - pe):.2f}"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-5.3-kanon-")])
def test_k_anonymity_keys(ref):
    sizes = [int(n) for n in re.findall(r"(\d+) records", BY_REF[ref].content_en["stem"])]
    assert correct_text(BY_REF[ref]) == str(min(sizes))


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-5.1-payback-")])
def test_payback_keys(ref):
    stem = BY_REF[ref].content_en["stem"]
    build, run, save = (int(x.replace(",", "")) for x in re.findall(r"NT\$([\d,]+)", stem))
    assert correct_text(BY_REF[ref]) == f"{12 * build / (save - run):.1f} months"


@pytest.mark.parametrize("ref", [r for r in BY_REF if r.startswith("AAP-4.3-mrr-")])
def test_mean_reciprocal_rank_keys(ref):
    found = (
        re.search(r"appears at: (.+)\. What", BY_REF[ref].content_en["stem"]).group(1).split(", ")
    )
    rr = [0 if part.startswith("none") else 1 / int(part.split()[1]) for part in found]
    assert correct_text(BY_REF[ref]) == f"{sum(rr) / len(rr):.2f}"


def test_computed_options_are_sorted_and_distinct():
    computed = [
        item
        for item in BANK
        if re.search(
            r"-(cm|conv|di|eo|kappa|kanon|payback|roi|npv|mrr|pk|minmax|zscore|iqr)-\d+$", item.key
        )
    ]
    assert len(computed) > 50
    for item in computed:
        values = [
            float(re.sub(r"[^\d.\-]", "", o["text"]) or "nan") for o in item.content_en["options"]
        ]
        assert not any(math.isnan(v) for v in values), item.key
        assert values == sorted(values), item.key
        assert len(set(values)) == 4, item.key
