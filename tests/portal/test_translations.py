"""Every visible string is translatable and the zh-Hant catalogue is complete and compiled."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"
PO = SRC / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def regenerated_po(tmp_path_factory) -> Path:
    """Re-extract the messages from a copy of the code, merged with the committed catalogue."""
    if shutil.which("msgattrib") is None:
        pytest.fail("GNU gettext is missing: scripts/test installs it (apt-get install gettext)")
    work = tmp_path_factory.mktemp("i18n") / "aicert"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("__pycache__", "static"))
    django_admin = Path(
        shutil.which("django-admin") or Path(__file__).parents[2] / ".venv/bin/django-admin"
    )
    subprocess.run(
        [
            str(django_admin),
            "makemessages",
            "-l",
            "zh_Hant",
            "--no-location",
            "--no-obsolete",
            "-i",
            "demo/*",
        ],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return work / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"


def _msgattrib(po: Path, flag: str) -> str:
    return subprocess.run(
        ["msgattrib", flag, "--no-obsolete", str(po)], check=True, capture_output=True, text=True
    ).stdout


def test_no_untranslated_or_fuzzy_message(regenerated_po):
    untranslated = _msgattrib(regenerated_po, "--untranslated")
    assert untranslated.count("msgid ") <= 1, f"Untranslated messages:\n{untranslated}"
    fuzzy = _msgattrib(regenerated_po, "--only-fuzzy")
    assert fuzzy.count("msgid ") <= 1, f"Fuzzy messages:\n{fuzzy}"


def test_committed_catalogue_is_current_and_compiled(regenerated_po, tmp_path):
    mo = tmp_path / "check.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(PO)], check=True)
    committed = _messages(PO.with_suffix(".mo"))
    fresh = _messages(mo)
    assert committed == fresh, "django.mo is stale: run `aicert compilemessages`"
    regenerated = _messages(_compile(regenerated_po, tmp_path / "regen.mo"))
    assert set(regenerated) <= set(committed), "New msgids are missing from the committed catalogue"


def _compile(po: Path, out: Path) -> Path:
    subprocess.run(["msgfmt", "-o", str(out), str(po)], check=True)
    return out


def _messages(mo: Path) -> dict:
    with open(mo, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalog.items() if k != ""}  # "" is the header (dates change)
