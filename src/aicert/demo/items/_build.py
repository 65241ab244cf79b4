"""Write an item once, in both languages, so its key cannot drift between zh-Hant and English.

Every builder returns an :class:`ItemSpec`: where the item belongs (level and competency
domain, hence one subject), how hard it is meant to be, and its content in the JSON schema of
:mod:`aicert.itembank.content`. Option order is shuffled with a generator seeded by the item's
``ref``, so the bank is the same on every run and the key is not always "A".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

LEVELS = ("associate", "professional", "expert")
COGNITIVE = ("remember", "understand", "apply", "analyse", "evaluate", "create")
DIFFICULTY = ("easy", "medium", "hard")

Text = tuple[str, str]  # (zh-Hant, English)


@dataclass(frozen=True)
class ItemSpec:
    """One demo item before it exists: ``ref`` is stable and unique across the bank."""

    ref: str
    level: str
    domain: str
    item_type: str
    cognitive: str
    difficulty: str
    zh: dict
    en: dict

    def __post_init__(self):
        assert self.level in LEVELS, self.ref
        assert self.cognitive in COGNITIVE, self.ref
        assert self.difficulty in DIFFICULTY, self.ref


class Option(NamedTuple):
    """A choice option with the reason it is right or wrong, in both languages."""

    correct: bool
    zh: str
    why_zh: str
    en: str
    why_en: str


def ok(zh: str, why_zh: str, en: str, why_en: str) -> Option:
    return Option(True, zh, why_zh, en, why_en)


def no(zh: str, why_zh: str, en: str, why_en: str) -> Option:
    return Option(False, zh, why_zh, en, why_en)


def rng_for(ref: str) -> random.Random:
    """The fixed-seed generator of one item (string seeds are stable across Python runs)."""
    return random.Random(f"aicert-demo:{ref}")


def _feedback(content: dict, feedback: Text | None, lang: int) -> dict:
    if feedback:
        content["feedback"] = feedback[lang]
    return content


def _choice_content(stem: Text, options: list[Option], lang: int) -> dict:
    return {
        "stem": stem[lang],
        "options": [
            {
                "text": o.zh if lang == 0 else o.en,
                "rationale": o.why_zh if lang == 0 else o.why_en,
                "correct": o.correct,
            }
            for o in options
        ],
    }


def _arrange(ref: str, options: list[Option], order: str) -> list[Option]:
    if order == "shuffle":
        options = list(options)
        rng_for(ref).shuffle(options)
    elif order != "fixed":  # "fixed": the author's order (scales, "none of these" last)
        raise ValueError(order)
    return options


def single(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    options: list[Option],
    feedback: Text | None = None,
    order: str = "shuffle",
) -> ItemSpec:
    """Single choice: exactly one correct option, a rationale on every option."""
    assert sum(o.correct for o in options) == 1, ref
    assert all(o.why_zh and o.why_en for o in options), ref
    options = _arrange(ref, options, order)
    return ItemSpec(
        ref,
        level,
        domain,
        "single_choice",
        cognitive,
        difficulty,
        _feedback(_choice_content(stem, options, 0), feedback, 0),
        _feedback(_choice_content(stem, options, 1), feedback, 1),
    )


def multi(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    options: list[Option],
    feedback: Text | None = None,
    partial_credit: str = "proportional",
    order: str = "shuffle",
) -> ItemSpec:
    """Multiple response: one or more correct options, scored by ``partial_credit``."""
    assert any(o.correct for o in options), ref
    options = _arrange(ref, options, order)
    contents = []
    for lang in (0, 1):
        content = _choice_content(stem, options, lang)
        content["partial_credit"] = partial_credit
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "multiple_response", cognitive, difficulty, *contents)


def true_false(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    key: bool,
    why: Text,
) -> ItemSpec:
    """True/false; ``why`` explains the key, the other rationale says why the opposite fails."""
    contents = []
    for lang in (0, 1):
        right = why[lang]
        wrong = (
            ("此敘述為%s。" % ("真" if key else "偽"))
            if lang == 0
            else ("The statement is %s." % ("true" if key else "false"))
        )
        contents.append(
            {
                "stem": stem[lang],
                "key": key,
                "rationale_true": right if key else f"{wrong}{right}",
                "rationale_false": f"{wrong}{right}" if key else right,
            }
        )
    return ItemSpec(ref, level, domain, "true_false", cognitive, difficulty, *contents)


def numeric(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    value: float,
    tolerance: float,
    unit: Text | None = None,
    feedback: Text | None = None,
) -> ItemSpec:
    """A number within ``tolerance`` of ``value``; the stem says how to round."""
    contents = []
    for lang in (0, 1):
        content = {"stem": stem[lang], "value": value, "tolerance": tolerance}
        if unit:
            content["unit"] = unit[lang]
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "numeric", cognitive, difficulty, *contents)


def short_text(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    answers_zh: list[str],
    answers_en: list[str],
    patterns: list[str] | None = None,
    feedback: Text | None = None,
) -> ItemSpec:
    """A short typed answer matched against accepted answers (per language) or patterns."""
    contents = []
    for lang, answers in ((0, answers_zh), (1, answers_en)):
        content = {"stem": stem[lang], "answers": answers, "case_sensitive": False}
        if patterns:
            content["patterns"] = patterns
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "short_text", cognitive, difficulty, *contents)


def ordering(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    steps: list[Text],
    feedback: Text | None = None,
) -> ItemSpec:
    """Put ``steps`` (given in the correct order) back in order; shown shuffled."""
    shown = list(range(len(steps)))
    rng = rng_for(ref)
    while shown == sorted(shown):
        rng.shuffle(shown)
    key = [shown.index(i) for i in range(len(steps))]
    contents = []
    for lang in (0, 1):
        content = {"stem": stem[lang], "options": [{"text": steps[i][lang]} for i in shown]}
        content["key"] = key
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "ordering", cognitive, difficulty, *contents)


def matching(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    pairs: list[tuple[Text, Text]],
    distractors: list[Text] = (),
    feedback: Text | None = None,
) -> ItemSpec:
    """Match every prompt to one response; ``distractors`` are responses that match nothing."""
    responses = [r for _, r in pairs] + list(distractors)
    shown = list(range(len(responses)))
    rng_for(ref).shuffle(shown)
    key = [[p, shown.index(p)] for p in range(len(pairs))]
    contents = []
    for lang in (0, 1):
        content = {
            "stem": stem[lang],
            "prompts": [{"text": p[lang]} for p, _ in pairs],
            "responses": [{"text": responses[i][lang]} for i in shown],
            "key": key,
        }
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "matching", cognitive, difficulty, *contents)


def constructed(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    criteria: list[tuple[Text, list[tuple[int, Text]]]],
    feedback: Text | None = None,
) -> ItemSpec:
    """An open answer marked against a rubric: criteria with scored, described levels."""
    contents = []
    for lang in (0, 1):
        content = {
            "stem": stem[lang],
            "rubric": {
                "criteria": [
                    {
                        "name": name[lang],
                        "levels": [{"score": s, "descriptor": d[lang]} for s, d in levels],
                    }
                    for name, levels in criteria
                ]
            },
        }
        contents.append(_feedback(content, feedback, lang))
    return ItemSpec(ref, level, domain, "constructed_response", cognitive, difficulty, *contents)


def fmt(x: float, places: int = 2) -> str:
    """A number as shown in options: fixed places, no trailing noise."""
    return f"{x:.{places}f}"


# --- Families ------------------------------------------------------------------------------
# A family writes many items from one pattern. Two kinds are used in the demo bank:
# "classify" families (a described situation -> which category applies), where every scenario
# is its own situation, and "computed" families, where the numbers of a situation vary and the
# distractors are the results of typical mistakes.


class Category(NamedTuple):
    """A category a scenario can belong to, with the definition used to explain wrong picks."""

    zh: str
    en: str
    def_zh: str
    def_en: str


class Scenario(NamedTuple):
    """A situation whose answer is the category ``answer`` (a key of the family's categories)."""

    key: str
    level: str
    difficulty: str
    zh: str
    en: str
    answer: str
    why_zh: str
    why_en: str
    distractors: tuple[str, ...] = ()


def classify(
    prefix: str,
    domain: str,
    categories: dict[str, Category],
    question: Text,
    scenarios: list[Scenario],
    cognitive: str = "apply",
) -> list[ItemSpec]:
    """One single-choice item per scenario: the right category and three confusable others.

    A wrong option's rationale gives the category's definition and then the scenario's reason,
    so a candidate who picked it learns both what it means and why the key fits better.
    """
    specs = []
    for s in scenarios:
        ref = f"{prefix}-{s.key}"
        others = [c for c in s.distractors if c != s.answer]
        pool = [c for c in categories if c != s.answer and c not in others]
        rng_for(ref).shuffle(pool)
        others = (others + pool)[:3]
        right = categories[s.answer]
        options = [ok(right.zh, s.why_zh, right.en, s.why_en)]
        for code in others:
            c = categories[code]
            options.append(
                no(
                    c.zh,
                    f"「{c.zh}」是指{c.def_zh}，與題述不符：{s.why_zh}",
                    c.en,
                    f"“{c.en}” means {c.def_en}, which is not the case here: {s.why_en}",
                )
            )
        specs.append(
            single(
                ref,
                s.level,
                domain,
                cognitive,
                s.difficulty,
                (f"{s.zh}{question[0]}", f"{s.en} {question[1]}"),
                options,
            )
        )
    return specs


class Mistake(NamedTuple):
    """A wrong result and the slip that produces it."""

    value: float
    why_zh: str
    why_en: str


def computed(
    ref: str,
    level: str,
    domain: str,
    cognitive: str,
    difficulty: str,
    stem: Text,
    value: float,
    why: Text,
    mistakes: list[Mistake],
    places: int = 2,
    unit: Text = ("", ""),
    percent: bool = False,
) -> ItemSpec:
    """A single-choice calculation: the value and three mistakes, options in ascending order.

    Mistakes that round to the right answer or to one another are dropped, so the options are
    always distinct; the family must supply enough mistakes to leave three.
    """

    scaled = abs(value) * 10 ** (places + (2 if percent else 0))
    if abs(scaled - int(scaled) - 0.5) < 1e-9:
        raise ValueError(
            f"{ref}: {value} is exactly half-way at {places} places; rounding is ambiguous"
        )

    def show(x: float) -> str:
        if percent:
            return f"{x * 100:.{places}f}%"
        return f"{x:,.{places}f}"

    seen = {show(value)}
    options = [(value, ok(show(value) + unit[0], why[0], show(value) + unit[1], why[1]))]
    for m in mistakes:
        text = show(m.value)
        if text in seen or len(options) == 4:
            continue
        seen.add(text)
        options.append((m.value, no(text + unit[0], m.why_zh, text + unit[1], m.why_en)))
    if len(options) != 4:
        raise ValueError(f"{ref}: only {len(options)} distinct options")
    options.sort(key=lambda pair: pair[0])
    return single(
        ref, level, domain, cognitive, difficulty, stem, [o for _, o in options], order="fixed"
    )
