"""Bilingual content: data rows carry ``<field>_zh`` and ``<field>_en`` columns."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "zh-hant").startswith("en")


def localized(obj: Any, field: str) -> str:
    """The value of ``field`` in the active language, falling back to the other language."""
    zh = getattr(obj, f"{field}_zh", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    return (en or zh) if is_english() else (zh or en)


def roc_date(value) -> str:
    """A date in the Republic of China calendar, as official Taiwanese documents print it."""
    return f"民國{value.year - 1911}年{value.month}月{value.day}日"
