"""Every supported interaction, both QTI versions, both languages: export then import is lossless."""

import io
import zipfile

import pytest
from lxml import etree

from aicert.audit.models import AuditEvent
from aicert.itembank.interchange import qti
from aicert.itembank.interchange import services as interchange
from aicert.itembank.interchange.safety import xml_parse
from aicert.itembank.models import ItemStatus
from tests.itembank.interchange.contents import CONTENTS, item_type_of

pytestmark = pytest.mark.django_db


def assert_same_item(original, copy):
    """The imported copy equals the original in content (both languages) and in our metadata."""
    before, after = original.versions.get(), copy.versions.get()
    assert after.item_type == before.item_type
    for field in ("content_zh", "content_en"):
        assert qti.content_canonical(after.item_type, getattr(after, field)) == (
            qti.content_canonical(before.item_type, getattr(before, field))
        ), field
    for field in ("level", "subject", "domain", "cognitive_level", "difficulty"):
        assert getattr(copy, field) == getattr(original, field), field
    assert set(copy.extra_domains.all()) == set(original.extra_domains.all())


@pytest.mark.parametrize("fmt", ["qti30", "qti21"])
@pytest.mark.parametrize("case", sorted(CONTENTS))
def test_round_trip_is_lossless(world, item_of, run_import, case, fmt):
    original = item_of(case)
    export = interchange.items_export(actor=world.writer, pks=[original.pk], fmt=fmt)

    plan, result = run_import(export.data, export.filename)

    assert plan.all_problems == []
    (copy,) = result.created
    assert copy.pk != original.pk
    assert copy.status == ItemStatus.DRAFT and copy.author == world.writer
    assert_same_item(original, copy)
    event = AuditEvent.objects.get(action="itembank.import", target_id=str(copy.pk))
    assert event.actor == world.writer
    assert event.changes["source_identifier"] == original.code
    assert event.changes["format"] == "qti"


@pytest.mark.parametrize(
    "fmt,namespace,resource_type",
    [
        ("qti30", qti.QTI3_NS, "imsqti_item_xmlv3p0"),
        ("qti21", qti.QTI21_NS, "imsqti_item_xmlv2p1"),
    ],
)
def test_each_language_is_its_own_file_with_xml_lang(world, item_of, fmt, namespace, resource_type):
    item = item_of("single_choice")
    export = interchange.items_export(actor=world.writer, pks=[item.pk], fmt=fmt)
    archive = zipfile.ZipFile(io.BytesIO(export.data))
    names = sorted(archive.namelist())
    assert names == [
        "imsmanifest.xml",
        f"items/{item.code}.en.xml",
        f"items/{item.code}.zh-Hant.xml",
    ]
    for language in ("zh-Hant", "en"):
        root = etree.fromstring(archive.read(f"items/{item.code}.{language}.xml"))
        assert etree.QName(root).namespace == namespace
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        assert root.get("identifier") == item.code
    manifest = archive.read("imsmanifest.xml").decode()
    assert resource_type in manifest
    assert "http://ltsc.ieee.org/xsd/LOM" in manifest and "urn:aicert:itembank:1" in manifest
    assert "<aicert:cognitiveLevel>analyse</aicert:cognitiveLevel>" in manifest


def test_many_items_of_every_type_in_one_package(world, item_of, run_import):
    originals = [item_of(case) for case in sorted(CONTENTS)]
    export = interchange.items_export(actor=world.lead, pks=[i.pk for i in originals], fmt="qti30")
    _plan, result = run_import(export.data, export.filename, actor=world.lead)
    assert len(result.created) == len(originals)
    for original, copy in zip(originals, result.created, strict=True):
        assert_same_item(original, copy)


def test_response_processing_uses_the_standard_templates(world, item_of):
    """Interoperable scoring: the templates where they suffice, explicit rules only beyond them."""

    def rp_of(case, version="2.1"):
        zh, _en = CONTENTS[case]
        xml = qti.item_xml(
            identifier="X",
            title="X",
            language="zh-Hant",
            item_type=item_type_of(case),
            content=zh,
            version=version,
        )
        return etree.fromstring(xml)

    ns = {"q": qti.QTI21_NS}
    template = lambda root: root.find("q:responseProcessing", ns).get("template")  # noqa: E731
    assert template(rp_of("single_choice")).endswith("rptemplates/match_correct")
    assert template(rp_of("multiple_proportional")).endswith("rptemplates/map_response")
    assert template(rp_of("short_text")).endswith("rptemplates/map_response")
    assert template(rp_of("ordering")).endswith("rptemplates/match_correct")
    assert template(rp_of("matching")).endswith("rptemplates/match_correct")
    numeric = rp_of("numeric")
    assert numeric.find(".//q:equal", ns).get("toleranceMode") == "absolute"
    assert numeric.find("q:responseDeclaration", ns).get("baseType") == "float"
    assert rp_of("constructed_response").find("q:responseProcessing", ns) is None
    rubric = rp_of("constructed_response").find(".//q:rubricBlock", ns)
    assert rubric.get("view") == "scorer"
    three = rp_of("single_choice", "3.0")
    rp = three.find(f"{{{qti.QTI3_NS}}}qti-response-processing")
    assert rp.get("template") == (
        "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"
    )


def test_explicit_equivalents_of_the_templates_are_read():
    """Tools that spell match_correct / map_response out as rules are understood too."""
    ns = qti.QTI21_NS
    rules = {
        "match": """<responseCondition><responseIf><match><variable identifier="RESPONSE"/>
            <correct identifier="RESPONSE"/></match><setOutcomeValue identifier="SCORE">
            <baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf><responseElse>
            <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue>
            </setOutcomeValue></responseElse></responseCondition>""",
        "map": """<responseCondition><responseIf><isNull><variable identifier="RESPONSE"/>
            </isNull><setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue>
            </setOutcomeValue></responseIf><responseElse><setOutcomeValue identifier="SCORE">
            <mapResponse identifier="RESPONSE"/></setOutcomeValue></responseElse>
            </responseCondition>""",
    }
    for name, rule in rules.items():
        mapping = (
            '<mapping defaultValue="0"><mapEntry mapKey="A" mappedValue="0.5"/>'
            '<mapEntry mapKey="B" mappedValue="0.5"/><mapEntry mapKey="C" mappedValue="0"/></mapping>'
        )
        xml = f"""<assessmentItem xmlns="{ns}" identifier="I" title="t" adaptive="false"
            timeDependent="false"><responseDeclaration identifier="RESPONSE" cardinality="multiple"
            baseType="identifier"><correctResponse><value>A</value><value>B</value>
            </correctResponse>{mapping if name == "map" else ""}</responseDeclaration>
            <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="0">
            <prompt>Which?</prompt><simpleChoice identifier="A">a</simpleChoice>
            <simpleChoice identifier="B">b</simpleChoice><simpleChoice identifier="C">c</simpleChoice>
            </choiceInteraction></itemBody><responseProcessing>{rule}</responseProcessing>
            </assessmentItem>"""
        parsed = qti.item_read(xml_parse(xml.encode(), file="i.xml"), file="i.xml")
        assert parsed.problems == [], name
        assert parsed.item_type == "multiple_response"
        assert parsed.content["stem"] == "Which?"
        expected = "proportional" if name == "map" else "all_or_nothing"
        assert parsed.content["partial_credit"] == expected
        assert [o["correct"] for o in parsed.content["options"]] == [True, True, False]
