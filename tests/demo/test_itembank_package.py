"""The demo bank's package is data that must be there and import cleanly, or seeding refuses."""

import shutil

import pytest
from django.core.exceptions import ImproperlyConfigured

from aicert.demo.itembank_seed import BANK_PACKAGE, bank_read, itembank_seed
from aicert.itembank.models import Item


@pytest.fixture
def data_copy(settings, tmp_path):
    """A copy of the demo data folder that a test may break."""
    copy = tmp_path / "demo"
    shutil.copytree(settings.AICERT_DEMO_DATA_DIR, copy)
    settings.AICERT_DEMO_DATA_DIR = copy
    return copy


def test_a_missing_package_is_refused_by_name(settings, tmp_path):
    settings.AICERT_DEMO_DATA_DIR = tmp_path / "nowhere"
    with pytest.raises(ImproperlyConfigured, match=r"nowhere/itembank/imsmanifest.xml is missing"):
        bank_read()


def test_a_missing_item_file_stops_the_seed_before_anything_is_written(demo, data_copy, english):
    (data_copy / BANK_PACKAGE / "items" / "AAP-1.1-nesting.en.xml").unlink()
    with pytest.raises(
        ImproperlyConfigured, match=r"AAP-1.1-nesting.en.xml.* is not in the package"
    ):
        itembank_seed()
    assert not Item.objects.exists()


def test_an_item_file_with_a_problem_stops_the_seed_naming_the_file(demo, data_copy, english):
    path = data_copy / BANK_PACKAGE / "items" / "AAP-1.1-nesting.zh-Hant.xml"
    # A key that disagrees with the English variant (B there).
    path.write_text(
        path.read_text().replace("<qti-value>B</qti-value>", "<qti-value>A</qti-value>", 1)
    )
    with pytest.raises(ImproperlyConfigured, match=r"AAP-1.1-nesting.zh-Hant.xml.*answer keys"):
        itembank_seed()
    assert not Item.objects.exists()
