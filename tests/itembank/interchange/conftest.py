"""Helpers for import/export tests: build packages by hand, run the two import steps."""

import io
import zipfile

import pytest

from aicert.itembank.interchange import services as interchange
from aicert.itembank.models import Item
from tests.itembank.interchange.contents import CONTENTS, item_type_of


def zip_of(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def manifest(*resources: tuple[str, str], version: str = "2.1", metadata: str = "") -> str:
    """A minimal manifest; ``resources`` are (href, type) pairs."""
    ns = {
        "2.1": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "3.0": "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
    }[version]
    body = "".join(
        f'<resource identifier="R{i}" type="{kind}" href="{href}">{metadata}'
        f'<file href="{href}"/></resource>'
        for i, (href, kind) in enumerate(resources)
    )
    return f'<?xml version="1.0"?>\n<manifest xmlns="{ns}" identifier="M"><resources>{body}</resources></manifest>'


@pytest.fixture
def item_of(world, make_item):
    """An item of one of the CONTENTS cases, with all the metadata our fields have."""

    def make(case: str, **overrides) -> Item:
        zh, en = CONTENTS[case]
        data = {
            "item_type": item_type_of(case),
            "content_zh": zh,
            "content_en": en,
            "cognitive_level": "analyse",
            "difficulty": "hard",
            "extra_domains": [world.other_domain],
        }
        data.update(overrides)
        return make_item(**data)

    return make


@pytest.fixture
def run_import(world):
    """Plan and import an upload as ``actor`` (the writer by default); returns (plan, result)."""

    def run(data: bytes, filename: str, actor=None, accept_partial=False, **defaults):
        actor = actor or world.writer
        plan = interchange.import_plan(
            actor=actor,
            data=data,
            filename=filename,
            defaults=interchange.ImportDefaults(**defaults),
        )
        result = interchange.items_import(actor=actor, plan=plan, accept_partial=accept_partial)
        return plan, result

    return run
