"""The reference data sets travel with the tests: present in every clone, never skipped."""

from __future__ import annotations

import pytest

from tests.psychometrics.reference import DIRECTORY, FILES, reference_file


@pytest.mark.parametrize("name", FILES)
def test_every_reference_file_is_in_the_test_tree(name: str) -> None:
    # Given the test tree, when a reference file is asked for, then it is there and not empty.
    path = reference_file(name)
    assert path.parent == DIRECTORY
    assert path.stat().st_size > 0


def test_the_readme_keeps_the_citations() -> None:
    readme = reference_file("README.md").read_text(encoding="utf-8")
    for source in ("Bock", "Lieberman", "Karlheinz", "Melich", "difR", "mirt"):
        assert source in readme


def test_a_missing_reference_file_raises_with_its_path() -> None:
    # Given a file that is not in the folder, when it is asked for, then the error names its
    # path (a test reading it errors out; it does not skip).
    with pytest.raises(FileNotFoundError, match="no_such_file.csv"):
        reference_file("no_such_file.csv")
