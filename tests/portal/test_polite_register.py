"""The product addresses people as 您, never 你, in every zh-Hant catalogue and template."""

import gettext
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"


def test_every_zh_hant_translation_says_nin_not_ni():
    informal = []
    catalogues = sorted(SRC.rglob("locale/zh_Hant/LC_MESSAGES/django.mo"))
    assert len(catalogues) > 10
    for mo in catalogues:
        with mo.open("rb") as fh:
            for msgid, msgstr in gettext.GNUTranslations(fh)._catalog.items():
                if "你" in msgstr:
                    informal.append(f"{mo.relative_to(SRC)}: {msgid!r} -> {msgstr!r}")
    assert not informal, "\n".join(informal)


def test_no_template_hard_codes_ni():
    informal = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("templates/**/*")
        if p.is_file() and p.suffix in {".html", ".txt"} and "你" in p.read_text("utf-8")
    ]
    assert not informal, informal
