"""Bilingual content: data rows carry ``<field>_zh`` and ``<field>_en`` columns."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _


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


class BilingualName(models.Model):
    """An abstract model with a name in both languages; ``name`` is the active language's."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


# Words that Django's own catalogues (admin, auth) translate differently from us. They are
# marked here so that they land in the project catalogue (``LOCALE_PATHS``), which Django reads
# before any app's: ours then win everywhere, as they did before the apps had catalogues of
# their own ("Create" is the cognitive level 創造, not the admin's 建立).
DJANGO_TRANSLATION_OVERRIDES = (
    gettext_noop("Create"),
    gettext_noop("Filter"),
    gettext_noop("Key"),
    gettext_noop("created"),
)
