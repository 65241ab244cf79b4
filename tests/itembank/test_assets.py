"""Images in item content: upload checks, immutability, rendering and who may see them."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image

from aicert.audit.models import AuditEvent
from aicert.itembank import assets, services
from aicert.itembank.interchange import services as interchange
from aicert.itembank.models import ItemAsset
from aicert.itembank.rendering import render_rich_text
from tests.itembank.conftest import single_choice, single_choice_en


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_image_types_are_recognised_by_their_bytes(world, make_item, fmt, content_type):
    item = make_item()
    asset = assets.asset_upload(
        actor=world.writer, item=item, name="../../etc/chart.svg", data=image_bytes(fmt)
    )
    assert asset.content_type == content_type
    assert (asset.width, asset.height) == (40, 30)
    assert asset.name == f"chart.{assets.EXTENSIONS[content_type]}"  # no path, real extension
    assert AuditEvent.objects.filter(action="item.asset_upload").count() == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (SVG, "bad_type"),
        (b"GIF89a" + b"\x00" * 20, "unreadable"),  # the magic number alone is not an image
        (b"%PDF-1.7\n" + b"x" * 100, "bad_type"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * (assets.MAX_BYTES), "too_large"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(world, make_item, data, code):
    item = make_item()
    with pytest.raises(ValidationError) as error:
        assets.asset_upload(actor=world.writer, item=item, name="x.png", data=data)
    assert error.value.code == code
    assert not ItemAsset.objects.exists()


def test_oversized_dimensions_are_refused(world, make_item):
    item = make_item()
    data = image_bytes(size=(assets.MAX_SIDE + 1, 2))
    with pytest.raises(ValidationError) as error:
        assets.asset_upload(actor=world.writer, item=item, name="wide.png", data=data)
    assert error.value.code == "bad_dimensions"


def test_only_the_items_authors_upload(world, make_item):
    item = make_item()
    for user in (world.co_author, world.reviewer, world.candidate, world.manager):
        with pytest.raises(PermissionDenied):
            assets.asset_upload(actor=user, item=item, name="a.png", data=image_bytes())
    assert not ItemAsset.objects.exists()


def test_assets_are_immutable_and_never_deleted(world, make_item):
    asset = assets.asset_upload(
        actor=world.writer, item=make_item(), name="a.png", data=image_bytes()
    )
    with pytest.raises(ValueError, match="immutable"):
        asset.save()
    with pytest.raises(ValueError, match="never deleted"):
        asset.delete()
    assert ItemAsset.objects.filter(pk=asset.pk).exists()


def test_a_version_may_use_only_its_own_items_images(world, make_item):
    item, other = make_item(), make_item()
    own = assets.asset_upload(actor=world.writer, item=item, name="a.png", data=image_bytes())
    foreign = assets.asset_upload(actor=world.writer, item=other, name="b.png", data=image_bytes())
    stem = f"看圖：![圖一]({own.reference})"
    version = services.item_revise(
        actor=world.writer,
        item=item,
        item_type="single_choice",
        content_zh=single_choice(stem=stem),
        content_en=single_choice_en(),
    )
    assert version.number == 2
    with pytest.raises(ValidationError) as error:
        services.item_revise(
            actor=world.writer,
            item=item,
            item_type="single_choice",
            content_zh=single_choice(stem=f"![x]({foreign.reference})"),
            content_en=single_choice_en(),
        )
    assert error.value.code == "foreign_asset"
    assert item.versions.count() == 2
    # A brand-new item has no images yet, so its first version refers to none.
    with pytest.raises(ValidationError):
        make_item(content_zh=single_choice(stem=f"![x]({own.reference})"))


def test_rendering_resolves_asset_references_and_refuses_external_images():
    html = str(
        render_rich_text(
            "![圖一](asset:12) ![bad](asset:12x) ![ext](https://tracker.example/p.gif)"
            ' <img src="asset:../../x"> <img src="//cdn.example/x.png">'
        )
    )
    assert f'<img src="{reverse("itembank:asset", args=[12])}" alt="圖一">' in html
    assert html.count("src=") == 1
    assert "tracker.example" not in html and "cdn.example" not in html


def test_editor_upload_widget_through_the_pages(world, make_item, login):
    item = make_item()
    client = login(world.writer)
    url = reverse("itembank:asset_upload", args=[item.pk])
    editor = client.get(reverse("itembank:item_edit", args=[item.pk]))
    assert url in editor.content.decode()
    panel = client.get(url)
    assert panel.status_code == 200
    upload = io.BytesIO(image_bytes())
    upload.name = "chart.png"
    response = client.post(url, {"image": upload, "alt": "長條圖"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    asset = ItemAsset.objects.get()
    body = response.content.decode()
    assert f'data-insert="![長條圖](asset:{asset.pk})"' in body
    assert reverse("itembank:asset", args=[asset.pk]) in body
    bad = io.BytesIO(SVG)
    bad.name = "evil.png"
    refused = client.post(url, {"image": bad}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200  # htmx swaps the panel with the error in it
    assert "SVG" in refused.content.decode()
    bad.seek(0)
    assert client.post(url, {"image": bad}).status_code == 400  # without htmx
    assert ItemAsset.objects.count() == 1
    # Preview of a stem that uses it shows the image through the asset view.
    shown = client.get(reverse("itembank:asset", args=[asset.pk]))
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert b"".join(shown.streaming_content if shown.streaming else [shown.content]) == (
        image_bytes()
    )


def test_others_cannot_upload_through_the_pages(world, make_item, login, client):
    item = make_item()
    url = reverse("itembank:asset_upload", args=[item.pk])
    anonymous = client.post(url, {})
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for user, status in ((world.co_author, 404), (world.reviewer, 404), (world.candidate, 403)):
        upload = io.BytesIO(image_bytes())
        upload.name = "a.png"
        assert login(user).post(url, {"image": upload}).status_code == status
    assert not ItemAsset.objects.exists()


def test_asset_view_permission_matrix_for_staff(world, in_review, make_item, login, client):
    asset = assets.asset_upload(
        actor=world.writer, item=in_review, name="a.png", data=image_bytes()
    )
    url = reverse("itembank:asset", args=[asset.pk])
    assert client.get(url).status_code == 404  # anonymous
    allowed = (world.writer, world.reviewer, world.reviewer2, world.lead, world.psychometrician)
    for user in allowed:
        assert login(user).get(url).status_code == 200, user
    # Not their item (another writer, an unassigned reviewer), or no item-bank role at all.
    for user in (world.co_author, world.reviewer3, world.candidate, world.manager):
        assert login(user).get(url).status_code == 404, user
    client.force_login(world.writer)
    assert client.get(reverse("itembank:asset", args=[asset.pk + 99])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_exports_refuse_items_with_images_rather_than_lose_them(world, make_item, fmt):
    item = make_item()
    asset = assets.asset_upload(actor=world.writer, item=item, name="a.png", data=image_bytes())
    services.item_revise(
        actor=world.writer,
        item=item,
        item_type="single_choice",
        content_zh=single_choice(stem=f"看圖：![圖一]({asset.reference})"),
        content_en=single_choice_en(),
    )
    plain = make_item()
    exports_before = AuditEvent.objects.filter(action="itembank.export").count()
    with pytest.raises(ValidationError) as error:
        interchange.items_export(actor=world.lead, pks=[item.pk, plain.pk], fmt=fmt)
    assert "QTI" in str(error.value) and item.interchange_id in str(error.value)
    assert plain.interchange_id not in str(error.value)
    assert AuditEvent.objects.filter(action="itembank.export").count() == exports_before
    # The same items travel as a QTI package, picture included.
    export = interchange.items_export(actor=world.lead, pks=[item.pk, plain.pk], fmt="qti30")
    assert export.data[:2] == b"PK"
    names = zipfile.ZipFile(io.BytesIO(export.data)).namelist()
    assert any(n.endswith(".png") for n in names)
