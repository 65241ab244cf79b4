"""zh-Hant calls the certificate document 證書 everywhere; 證照 is kept only where it means the
certification program (e.g. "the levels I hold": 我持有的證照級別)."""

import gettext
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"

# msgids whose translation may say 證照: they speak of the program's levels, not a document.
PROGRAM_SENSE = {
    "the levels I hold",
    "Levels you hire for",
    "Choose at least one level you hire for.",
    "Each competency domain must belong to a chosen level's certification.",
}


def _key(msgid) -> str:
    text = msgid[0] if isinstance(msgid, tuple) else msgid  # plural entries: (msgid, n)
    return text.split("\x04", 1)[-1]  # drop a context


def test_the_certificate_document_is_zhengshu_in_every_catalogue():
    stray = []
    catalogues = sorted(SRC.rglob("*/zh_Hant/LC_MESSAGES/django.mo"))
    assert len(catalogues) > 10
    for mo in catalogues:
        with mo.open("rb") as fh:
            for msgid, msgstr in gettext.GNUTranslations(fh)._catalog.items():
                if "證照" in msgstr and _key(msgid) not in PROGRAM_SENSE:
                    stray.append(f"{mo.relative_to(SRC)}: {msgid!r} -> {msgstr!r}")
    assert not stray, "\n".join(stray)


def test_no_template_or_code_hard_codes_zhengzhao():
    stray = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".txt", ".py"}
        and "locale" not in p.parts
        and "證照" in p.read_text("utf-8")
    ]
    assert not stray, stray
