"""What cannot be imported is reported by file, element and line; nothing is dropped silently."""

import pytest
from django.core.exceptions import ValidationError

from aicert.audit.models import AuditEvent
from aicert.itembank.interchange import services as interchange
from aicert.itembank.models import Item
from tests.itembank.interchange.conftest import manifest, zip_of

pytestmark = pytest.mark.django_db

QTI21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


def choice_item(identifier="Q1", lang="en", stem="<p>Which one?</p>", extra_body=""):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI21}" identifier="{identifier}" title="t" adaptive="false"
    timeDependent="false" xml:lang="{lang}">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    {stem}
    <div>
      <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
        <simpleChoice identifier="A">Alpha</simpleChoice>
        <simpleChoice identifier="B">Beta</simpleChoice>
      </choiceInteraction>
    </div>{extra_body}
  </itemBody>
  <responseProcessing template="{MATCH_CORRECT}"/>
</assessmentItem>"""


HOTSPOT_ITEM = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI21}" identifier="HOT" title="t" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"/>
  <itemBody>
    <p>Click the lung.</p>
    <hotspotInteraction responseIdentifier="RESPONSE" maxChoices="1">
      <object type="image/png" data="body.png"/>
    </hotspotInteraction>
  </itemBody>
  <responseProcessing template="{MATCH_CORRECT}"/>
</assessmentItem>"""


def foreign_package(*items: tuple[str, str]) -> bytes:
    files = {path: xml for path, xml in items}
    files["imsmanifest.xml"] = manifest(*[(path, "imsqti_item_xmlv2p1") for path, _ in items])
    return zip_of(files)


def plan_of(world, data, **defaults):
    return interchange.import_plan(
        actor=world.writer,
        data=data,
        filename="foreign.zip",
        defaults=interchange.ImportDefaults(**defaults),
    )


def defaults_of(world):
    return {
        "level": world.level,
        "subject": world.subject,
        "domain": world.domain,
        "cognitive_level": "remember",
        "difficulty": "easy",
    }


def test_unsupported_interaction_is_reported_with_file_element_and_line(world, english):
    plan = plan_of(world, foreign_package(("items/hot.xml", HOTSPOT_ITEM)), **defaults_of(world))
    problems = plan.all_problems
    hotspot = next(p for p in problems if p.element == "hotspotInteraction")
    assert hotspot.file == "items/hot.xml"
    assert hotspot.line == 6
    assert "not supported" in hotspot.message
    assert str(hotspot).startswith("items/hot.xml, line 6, <hotspotInteraction>:")
    assert not plan.refused and plan.clean_candidates == []


def test_unsupported_markup_and_response_processing_are_reported(world, english):
    item = choice_item(stem='<p>Which <strong>one</strong>?</p><img src="a.png" alt=""/>').replace(
        f'template="{MATCH_CORRECT}"', 'template="http://example.org/custom_rp"'
    )
    plan = plan_of(world, foreign_package(("q.xml", item)), **defaults_of(world))
    found = {(p.element, p.line) for p in plan.all_problems}
    assert ("strong", 9) in found
    assert ("img", 9) in found
    assert ("responseProcessing", 17) in found


def test_cloze_text_around_a_text_entry_is_reported(world, english):
    item = f"""<assessmentItem xmlns="{QTI21}" identifier="C" title="t" adaptive="false"
      timeDependent="false"><responseDeclaration identifier="RESPONSE" cardinality="single"
      baseType="string"><correctResponse><value>Paris</value></correctResponse>
      </responseDeclaration><itemBody><p>The capital of France is
      <textEntryInteraction responseIdentifier="RESPONSE"/>.</p></itemBody>
      <responseProcessing template="{MATCH_CORRECT}"/></assessmentItem>"""
    plan = plan_of(world, foreign_package(("c.xml", item)), **defaults_of(world))
    (problem,) = plan.all_problems
    assert problem.element == "p" and "cloze" in problem.message


def test_foreign_package_without_our_metadata_takes_the_defaults(world, run_import):
    data = foreign_package(("q.xml", choice_item(lang="zh-TW")))
    _plan, result = run_import(data, "foreign.zip", **defaults_of(world))
    (item,) = result.created
    version = item.versions.get()
    assert (item.level, item.subject, item.domain) == (world.level, world.subject, world.domain)
    assert (item.cognitive_level, item.difficulty) == ("remember", "easy")
    assert version.item_type == "single_choice"
    assert version.content_zh["stem"] == "Which one?"
    assert [o["correct"] for o in version.content_zh["options"]] == [False, True]
    assert version.content_en == {}


def test_without_metadata_or_defaults_the_level_is_asked_for(world, english):
    plan = plan_of(world, foreign_package(("q.xml", choice_item(lang="zh-Hant"))))
    (problem,) = plan.all_problems
    assert problem.column == "level" and "choose a default level" in problem.message


def test_variants_are_grouped_by_identifier_and_chinese_is_required(world, english):
    data = foreign_package(
        ("a.zh.xml", choice_item("A", "zh-Hant")),
        ("a.en.xml", choice_item("A", "en")),
        ("b.en.xml", choice_item("B", "en")),
    )
    plan = plan_of(world, data, **defaults_of(world))
    by_key = {c.key: c for c in plan.candidates}
    assert set(by_key) == {"A", "B"}
    assert by_key["A"].clean and by_key["A"].content_en["stem"] == "Which one?"
    assert [str(p) for p in by_key["B"].problems] == [
        "b.en.xml: The Chinese (zh-Hant) variant is missing: it is required."
    ]


def test_a_package_with_problems_imports_nothing_unless_partial_import_is_accepted(world, english):
    data = foreign_package(("good.xml", choice_item("GOOD", "zh-Hant")), ("hot.xml", HOTSPOT_ITEM))
    plan = plan_of(world, data, **defaults_of(world))
    assert plan.partial_allowed
    with pytest.raises(ValidationError) as refused:
        interchange.items_import(actor=world.writer, plan=plan)
    assert any("hotspotInteraction" in m for m in refused.value.messages)
    assert not Item.objects.exists()

    result = interchange.items_import(actor=world.writer, plan=plan, accept_partial=True)
    assert [c.key for c in result.skipped] == ["HOT"]
    (item,) = result.created
    assert AuditEvent.objects.filter(action="itembank.import", target_id=str(item.pk)).exists()


def test_content_that_fails_validation_is_a_problem_not_a_half_import(world, english):
    broken = choice_item("X", "zh-Hant").replace("<value>B</value>", "")
    plan = plan_of(world, foreign_package(("x.xml", broken)), **defaults_of(world))
    assert any("exactly one correct option" in str(p) for p in plan.all_problems)
    with pytest.raises(ValidationError):
        interchange.items_import(actor=world.writer, plan=plan, accept_partial=True)
    assert not Item.objects.exists()


def test_other_resources_are_reported_not_dropped(world, english):
    files = {
        "q.xml": choice_item(lang="zh-Hant"),
        "test.xml": "<assessmentTest/>",
        "imsmanifest.xml": manifest(
            ("q.xml", "imsqti_item_xmlv2p1"), ("test.xml", "imsqti_test_xmlv2p1")
        ),
    }
    plan = plan_of(world, zip_of(files), **defaults_of(world))
    (problem,) = plan.all_problems
    assert problem.file == "imsmanifest.xml" and problem.element == "resource"
    assert "imsqti_test_xmlv2p1" in problem.message


def test_unknown_codes_in_our_metadata_are_reported(world, item_of, english):
    item = item_of("single_choice")
    export = interchange.items_export(actor=world.writer, pks=[item.pk], fmt="qti21")
    item.level.certification.code = "renamed"
    item.level.certification.save(update_fields=["code"])
    plan = plan_of(world, export.data)
    assert {p.column for p in plan.all_problems} == {"level"}
    assert "Unknown level “associate”" in str(plan.all_problems[0])


def test_only_item_roles_may_import(world):
    from django.core.exceptions import PermissionDenied

    for person in (world.candidate, world.reviewer, world.psychometrician, world.manager):
        with pytest.raises(PermissionDenied):
            interchange.import_plan(actor=person, data=b"", filename="a.zip")
