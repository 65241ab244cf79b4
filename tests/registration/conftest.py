import pytest

from tests.scheduling.fixtures import (  # noqa: F401
    make_candidate,
    make_session,
    world,
)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Supporting documents go to a temporary private directory, never the real one."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT
