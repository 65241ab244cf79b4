"""Template filters for rendering item content (see :mod:`aicert.itembank.rendering`)."""

from django import template
from django.utils.safestring import SafeString

from aicert.itembank.rendering import render_rich_text, render_rich_text_inline

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value) -> SafeString:
    """Sanitised Markdown with highlighted code and KaTeX-ready math."""
    return render_rich_text(value)


@register.filter(name="rich_text_inline")
def rich_text_inline(value) -> SafeString:
    """A short text (a matching pair, a criterion name, a unit) with its math, no paragraph."""
    return render_rich_text_inline(value)


@register.filter(name="option_letter")
def option_letter(index: int) -> str:
    """0 -> A, 1 -> B… (the label a candidate sees beside an option)."""
    try:
        return chr(ord("A") + int(index))
    except (TypeError, ValueError):
        return ""


@register.filter(name="at")
def at(sequence, index):
    """``rows|at:i``: the i-th element, or None."""
    try:
        return sequence[int(index)]
    except (IndexError, KeyError, TypeError, ValueError):
        return None


def _texts(rows) -> list[str]:
    return [r.get("text", "") if isinstance(r, dict) else str(r) for r in (rows or [])]


@register.inclusion_tag("itembank/_item_render.html")
def item_render(content, item_type: str, language: str = "zh", reveal: bool = False) -> dict:
    """One language of an item as the candidate sees it; ``reveal`` adds key and rationales.

    The editor preview, the review pages and the exam player all use this tag.
    """
    content = content if isinstance(content, dict) else {}
    context = {
        "content": content,
        "item_type": item_type,
        "language": "en" if language == "en" else "zh-Hant",
        "reveal": reveal,
        "options": [o for o in content.get("options", []) if isinstance(o, dict)],
    }
    key = content.get("key")
    if item_type == "ordering" and isinstance(key, list):
        texts = _texts(content.get("options"))
        context["correct_order"] = [texts[i] for i in key if isinstance(i, int) and i < len(texts)]
    if item_type == "matching":
        prompts, responses = _texts(content.get("prompts")), _texts(content.get("responses"))
        pairs = (
            dict(tuple(p) for p in key if isinstance(p, list | tuple) and len(p) == 2)
            if (isinstance(key, list))
            else {}
        )
        context["prompts"] = prompts
        context["responses"] = responses
        context["pairs"] = [
            (
                text,
                responses[pairs[i]]
                if pairs.get(i) is not None and pairs[i] < len(responses)
                else "",
            )
            for i, text in enumerate(prompts)
        ]
    if item_type == "constructed_response":
        rubric = content.get("rubric") if isinstance(content.get("rubric"), dict) else {}
        context["criteria"] = [c for c in rubric.get("criteria", []) if isinstance(c, dict)]
    return context
