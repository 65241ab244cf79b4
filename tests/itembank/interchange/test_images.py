"""Item images travel in QTI packages as files beside the items, with <img src> to them."""

import io
import zipfile

import pytest
from lxml import etree

from aicert.itembank import assets, services
from aicert.itembank.interchange import services as interchange
from aicert.itembank.models import ItemAsset
from tests.itembank.conftest import single_choice, single_choice_en
from tests.itembank.interchange.conftest import manifest, zip_of
from tests.itembank.test_assets import image_bytes

pytestmark = pytest.mark.django_db


def item_with_image(world, make_item):
    item = make_item()
    picture = assets.asset_upload(
        actor=world.writer, item=item, name="chart.png", data=image_bytes()
    )
    photo = assets.asset_upload(
        actor=world.writer, item=item, name="photo.jpg", data=image_bytes("JPEG", color=(0, 90, 0))
    )
    assets.asset_upload(actor=world.writer, item=item, name="unused.png", data=image_bytes())
    services.item_revise(
        actor=world.writer,
        item=item,
        item_type="single_choice",
        content_zh=single_choice(stem=f"看圖：\n![長條圖]({picture.reference}) 何者最高？"),
        content_en={
            **single_choice_en(),
            "stem": f"Look: ![bar chart]({picture.reference})",
        },
    )
    content = item.versions.all()[0].content_zh
    assert picture.reference in content["stem"]
    return item, picture, photo


@pytest.mark.parametrize("fmt", ["qti30", "qti21"])
def test_images_round_trip_through_a_package(world, make_item, run_import, fmt):
    item, picture, _photo = item_with_image(world, make_item)
    export = interchange.items_export(actor=world.writer, pks=[item.pk], fmt=fmt)
    archive = zipfile.ZipFile(io.BytesIO(export.data))
    path = f"items/media/{item.code}/{picture.pk}-chart.png"
    # Only the images the version uses travel, as files listed in the manifest.
    assert [n for n in archive.namelist() if "/media/" in n] == [path]
    assert archive.read(path) == image_bytes()
    assert f'href="{path}"' in archive.read("imsmanifest.xml").decode()
    root = etree.fromstring(archive.read(f"items/{item.code}.zh-Hant.xml"))
    (img,) = [e for e in root.iter() if etree.QName(e).localname == "img"]
    assert img.get("src") == f"media/{item.code}/{picture.pk}-chart.png"
    assert img.get("alt") == "長條圖"

    plan, result = run_import(export.data, export.filename)
    assert plan.all_problems == []
    (copy,) = result.created
    (new_asset,) = ItemAsset.objects.filter(item=copy)
    assert new_asset.pk != picture.pk
    assert bytes(new_asset.data) == image_bytes() and new_asset.content_type == "image/png"
    version = copy.versions.get()
    assert version.content_zh["stem"] == f"看圖：\n![長條圖]({new_asset.reference}) 何者最高？"
    assert version.content_en["stem"] == f"Look: ![bar chart]({new_asset.reference})"


ITEM = """<?xml version="1.0"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="Q1" title="Q1"
    adaptive="false" timeDependent="false" xml:lang="zh-Hant">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse></responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody><p>哪一個？<img src="{src}" alt="圖"/></p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <simpleChoice identifier="A">甲</simpleChoice><simpleChoice identifier="B">乙</simpleChoice>
    </choiceInteraction></itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rp_templates/match_correct"/>
</assessmentItem>"""


@pytest.mark.parametrize(
    ("src", "files", "message"),
    [
        ("../../etc/passwd.png", {}, "not a file in the package"),
        ("https://tracker.example/p.png", {}, "not a file in the package"),
        ("img/missing.png", {}, "not in the package"),
        ("img/evil.png", {"items/img/evil.png": b"<svg><script/></svg>"}, "SVG"),
    ],
)
def test_bad_images_in_a_package_are_problems(world, english, src, files, message):
    data = zip_of(
        {
            "imsmanifest.xml": manifest(("items/q1.xml", "imsqti_item_xmlv2p1")),
            "items/q1.xml": ITEM.replace("{src}", src),
            **files,
        }
    )
    plan = interchange.import_plan(
        actor=world.writer,
        data=data,
        filename="p.zip",
        defaults=interchange.ImportDefaults(
            level=world.level,
            subject=world.subject,
            domain=world.domain,
            cognitive_level="understand",
            difficulty="easy",
        ),
    )
    assert any(message in str(p) for p in plan.all_problems), plan.all_problems
    assert not plan.clean_candidates


def test_a_package_image_from_elsewhere_is_imported(world, run_import):
    data = zip_of(
        {
            "imsmanifest.xml": manifest(("items/q1.xml", "imsqti_item_xmlv2p1")),
            "items/q1.xml": ITEM.replace("{src}", "img/a%20b.gif"),
            "items/img/a b.gif": image_bytes("GIF"),
        }
    )
    plan, result = run_import(
        data,
        "p.zip",
        level=world.level,
        subject=world.subject,
        domain=world.domain,
        cognitive_level="understand",
        difficulty="easy",
    )
    assert plan.all_problems == []
    (copy,) = result.created
    (asset,) = copy.assets.all()
    assert asset.content_type == "image/gif" and asset.name == "a_b.gif"
    assert f"![圖]({asset.reference})" in copy.versions.get().content_zh["stem"]
