"""An imported item keeps its source identifier (``external_ref``) and is exported under it."""

import io
import zipfile

import pytest

from aicert.audit.models import AuditEvent
from aicert.itembank.interchange import services as interchange

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["qti30", "qti21", "csv"])
def test_imported_item_travels_under_its_source_identifier(world, item_of, run_import, fmt):
    original = item_of("single_choice")
    assert original.external_ref == "" and original.interchange_id == original.code
    export = interchange.items_export(actor=world.writer, pks=[original.pk], fmt=fmt)

    _plan, result = run_import(export.data, export.filename)
    (copy,) = result.created
    assert copy.external_ref == original.code and copy.interchange_id == original.code
    event = AuditEvent.objects.get(action="itembank.import", target_id=str(copy.pk))
    assert event.changes["external_ref"] == original.code

    # Exported again, the copy carries the identifier it came with, not its own code.
    again = interchange.items_export(actor=world.writer, pks=[copy.pk], fmt=fmt)
    if fmt == "csv":
        text = again.data.decode("utf-8-sig")
        assert original.code in text and copy.code not in text
    else:
        names = zipfile.ZipFile(io.BytesIO(again.data)).namelist()
        assert f"items/{original.code}.zh-Hant.xml" in names

    # A second import of the same package: the identifier is taken, the new copy has none.
    _plan, second = run_import(export.data, export.filename)
    (twin,) = second.created
    assert twin.external_ref == "" and twin.interchange_id == twin.code


def test_unsafe_or_empty_identifiers_are_not_kept():
    assert interchange._external_ref_for("../etc/passwd") == ""
    assert interchange._external_ref_for("") == ""
    assert interchange._external_ref_for("x" * 101) == ""
    assert interchange._external_ref_for(" VENDOR-Q17.v2 ") == "VENDOR-Q17.v2"
