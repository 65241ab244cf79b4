"""Hostile uploads are refused whole, before anything is parsed or written, with a clear reason."""

import io
import stat
import zipfile

import pytest

from aicert.itembank.interchange import services as interchange
from aicert.itembank.interchange.safety import Limits, UnsafeUpload, xml_parse
from aicert.itembank.models import Item
from tests.itembank.interchange.conftest import manifest, zip_of

pytestmark = pytest.mark.django_db

ITEM = """<?xml version="1.0"?>
{doctype}<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="X"
  title="x" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>A</value></correctResponse></responseDeclaration>
  <itemBody><p>{stem}</p><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
    <simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>
  </choiceInteraction></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>"""


def package_with_item(item_xml: str) -> bytes:
    return zip_of(
        {
            "imsmanifest.xml": manifest(("items/x.xml", "imsqti_item_xmlv2p1")),
            "items/x.xml": item_xml,
        }
    )


def plan_of(world, data: bytes, filename="package.zip", **limits):
    kwargs = {"limits": Limits(**limits)} if limits else {}
    return interchange.import_plan(actor=world.writer, data=data, filename=filename, **kwargs)


def messages(plan) -> str:
    return " | ".join(str(p) for p in plan.all_problems)


def assert_refused(plan, text: str):
    assert plan.refused, messages(plan)
    assert plan.candidates == []
    assert text in messages(plan), messages(plan)


def test_external_entity_to_etc_passwd_is_refused_and_never_resolved(world, english):
    xxe = ITEM.format(
        doctype='<!DOCTYPE assessmentItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
        stem="&xxe;",
    )
    plan = plan_of(world, package_with_item(xxe))
    assert_refused(plan, "Document type declarations and entities are not allowed")
    assert "root:" not in messages(plan)


def test_xxe_in_the_manifest_is_refused(world, english):
    evil = manifest(("items/x.xml", "imsqti_item_xmlv2p1")).replace(
        "<manifest", '<!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<manifest', 1
    )
    plan = plan_of(world, zip_of({"imsmanifest.xml": evil, "items/x.xml": ITEM}))
    assert_refused(plan, "imsmanifest.xml: Document type declarations")


def test_billion_laughs_is_refused(world, english):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    bomb = ITEM.format(doctype=f"<!DOCTYPE lolz [{entities}]>\n", stem="&lol9;")
    plan = plan_of(world, package_with_item(bomb))
    assert_refused(plan, "entities are not allowed")


def test_utf16_doctype_is_refused_too():
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    with pytest.raises(UnsafeUpload):
        xml_parse(xml.encode("utf-16"), file="a.xml")


def test_parser_does_not_resolve_entities_even_without_the_byte_check():
    """Belt and braces: the hardened parser itself keeps entity references unexpanded."""
    from lxml import etree

    from aicert.itembank.interchange.safety import _PARSER_OPTIONS

    xml = b'<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>'
    root = etree.fromstring(xml, etree.XMLParser(**_PARSER_OPTIONS))
    assert "root:" not in "".join(root.itertext())


def test_zip_bomb_by_compression_ratio_is_refused(world, english):
    bomb = zip_of({"imsmanifest.xml": manifest(), "items/big.xml": b"0" * (3 * 1024 * 1024)})
    assert_refused(plan_of(world, bomb), "compressed suspiciously well (a zip bomb?)")


def test_zip_bomb_by_total_size_is_refused(world, english):
    files = {f"f{i}.xml": b"<a/>" + bytes(range(256)) * 40 for i in range(30)}
    plan = plan_of(world, zip_of(files), total_bytes=100_000)
    assert_refused(plan, "unpacks to more than")


def _understate_sizes(data: bytes, size: int) -> bytes:
    """Rewrite every declared uncompressed size in the local and central headers to ``size``."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            out[start + offset : start + offset + 4] = size.to_bytes(4, "little")
            start += 4
    return bytes(out)


def test_entry_whose_header_lies_about_its_size_is_refused(world, english):
    """A crafted bomb understates its size in the headers; the reader does not trust them."""
    honest = zip_of(
        {"imsmanifest.xml": manifest(), "items/a.xml": b"<a>" + b"x" * 50_000 + b"</a>"}
    )
    lying = _understate_sizes(honest, 10)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("items/a.xml").file_size == 10
    assert_refused(plan_of(world, lying), "cannot be unpacked")


def test_too_many_files_is_refused(world, english):
    files = {f"f{i}.txt": "x" for i in range(20)}
    assert_refused(plan_of(world, zip_of(files), max_files=10), "at most 10 are allowed")


@pytest.mark.parametrize(
    "name", ["../evil.xml", "items/../../evil.xml", "/etc/evil.xml", "C:/evil.xml", "..\\evil.xml"]
)
def test_paths_leaving_the_package_are_refused(world, english, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest())
        archive.writestr(zipfile.ZipInfo(name), "<a/>")
    plan = plan_of(world, buffer.getvalue())
    assert_refused(plan, "Absolute paths and paths leaving the package")
    assert name in messages(plan)


def test_symlinks_are_refused(world, english):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest())
        link = zipfile.ZipInfo("items/link.xml")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert_refused(plan_of(world, buffer.getvalue()), "items/link.xml: Symbolic links")


def test_oversize_file_is_refused(world, english):
    package = package_with_item(ITEM.format(doctype="", stem="x" * 5000))
    assert_refused(plan_of(world, package, file_bytes=2000), "items/x.xml: The file is larger than")


def test_oversize_upload_is_refused(world, english):
    plan = plan_of(world, b"x" * 3000, upload_bytes=1000)
    assert_refused(plan, "The upload is larger than")


def test_not_a_zip_and_no_manifest_are_refused(world, english):
    assert_refused(plan_of(world, b"hello"), "Not a readable zip file")
    assert_refused(plan_of(world, zip_of({"a.xml": "<a/>"})), "imsmanifest.xml is missing")
    assert_refused(plan_of(world, b"x", filename="a.exe"), "Upload a .zip content package")


def test_malformed_xml_is_refused_with_its_line(world, english):
    plan = plan_of(world, package_with_item("<assessmentItem>\n<itemBody>\n</assessmentItem>"))
    assert_refused(plan, "items/x.xml, line 3: Not well-formed XML")


def test_a_refused_upload_imports_nothing(world, english):
    bomb = zip_of({"imsmanifest.xml": manifest(), "items/big.xml": b"0" * (3 * 1024 * 1024)})
    plan = plan_of(world, bomb)
    with pytest.raises(Exception, match="zip bomb"):
        interchange.items_import(actor=world.writer, plan=plan, accept_partial=True)
    assert not Item.objects.exists()
