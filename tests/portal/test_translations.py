"""Every visible string is translatable and every zh-Hant catalogue is complete and compiled.

The project catalogue lives in ``src/aicert/locale``; an app may keep its own in
``src/aicert/<app>/locale`` (makemessages puts each file's strings in the nearest one).
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"
CATALOGUE = Path("locale") / "zh_Hant" / "LC_MESSAGES" / "django.po"


def _committed_catalogues() -> list[Path]:
    return sorted(p.relative_to(SRC) for p in SRC.rglob(str(CATALOGUE)))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """Re-extract the messages from a copy of the code, merged with the committed catalogues."""
    if shutil.which("msgattrib") is None:
        pytest.fail("GNU gettext is missing: scripts/test installs it (apt-get install gettext)")
    work = tmp_path_factory.mktemp("i18n") / "aicert"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("__pycache__", "static"))
    django_admin = Path(shutil.which("django-admin") or SRC.parents[1] / ".venv/bin/django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "zh_Hant", "--no-location", "--no-obsolete"]
        + ["-i", "demo/*"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return work


def _msgattrib(po: Path, flag: str) -> str:
    return subprocess.run(
        ["msgattrib", flag, "--no-obsolete", str(po)], check=True, capture_output=True, text=True
    ).stdout


def test_no_new_catalogue_appears_on_extraction(regenerated):
    produced = sorted(p.relative_to(regenerated) for p in regenerated.rglob(str(CATALOGUE)))
    assert produced == _committed_catalogues()


@pytest.mark.parametrize("catalogue", _committed_catalogues(), ids=str)
def test_no_untranslated_or_fuzzy_message(regenerated, catalogue):
    po = regenerated / catalogue
    untranslated = _msgattrib(po, "--untranslated")
    assert untranslated.count("msgid ") <= 1, (
        f"Untranslated messages in {catalogue}:\n{untranslated}"
    )
    fuzzy = _msgattrib(po, "--only-fuzzy")
    assert fuzzy.count("msgid ") <= 1, f"Fuzzy messages in {catalogue}:\n{fuzzy}"


@pytest.mark.parametrize("catalogue", _committed_catalogues(), ids=str)
def test_committed_catalogue_is_current_and_compiled(regenerated, catalogue, tmp_path):
    po = SRC / catalogue
    fresh = _messages(_compile(po, tmp_path / "check.mo", check=True))
    committed = _messages(po.with_suffix(".mo"))
    assert committed == fresh, f"{catalogue.with_suffix('.mo')} is stale: run compilemessages"
    extracted = _messages(_compile(regenerated / catalogue, tmp_path / "regen.mo"))
    assert set(extracted) <= set(committed), f"New msgids are missing from {catalogue}"


def _compile(po: Path, out: Path, check: bool = False) -> Path:
    subprocess.run(["msgfmt", *(["--check"] if check else []), "-o", str(out), str(po)], check=True)
    return out


def _messages(mo: Path) -> dict:
    with open(mo, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalog.items() if k != ""}  # "" is the header (dates change)


# Words a newer app shares with an earlier one and accepts in the earlier app's translation
# (msgid: the app whose own msgstr loses). Anything else shadowed is a bug: give it a context.
ACCEPTED_SHADOWED = {
    ("selfassess", "In progress"),
    ("selfassess", "Resume"),
    ("selfassess", "Started"),
    ("selfassess", "Your answer"),
    ("selfassess", "answer"),
    ("selfassess", "attempt"),
    ("promotion", "Kind"),
    ("promotion", "Seats left"),
    ("promotion", "expires"),
    ("promotion", "name"),
    ("promotion", "yes"),
    ("reports", "subject"),
}


def test_no_catalogue_changes_the_words_of_another():
    """For a msgid in two catalogues Django takes the project's, then the earliest installed
    app's translation: a catalogue whose own translation of a msgid loses that way shows the user
    a word its author did not choose (e.g. promotion's "Events" shown as delivery's 紀錄)."""
    from django.apps import apps

    order = [("project", SRC / "locale")] + [
        (config.label, Path(config.path) / "locale")
        for config in apps.get_app_configs()
        if config.name.startswith("aicert.")
    ]
    catalogues = []
    for label, locale in order:
        mo = locale / "zh_Hant" / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            with mo.open("rb") as handle:
                catalogues.append((label, gettext.GNUTranslations(handle)._catalog))  # type: ignore[attr-defined]
    shadowed = set()
    for index, (label, catalogue) in enumerate(catalogues):
        for msgid, msgstr in catalogue.items():
            if not isinstance(msgid, str) or not msgid:
                continue
            for _earlier_label, earlier in catalogues[:index]:
                if msgid in earlier:
                    if earlier[msgid] != msgstr:
                        shadowed.add((label, msgid))
                    break
    assert shadowed - ACCEPTED_SHADOWED == set()
