"""A writer uploads an image in the item editor; it goes into the stem and shows in the preview."""

import io
import re

import pytest
from PIL import Image, ImageDraw

from tests.browser.test_item_authoring import _sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _chart() -> bytes:
    image = Image.new("RGB", (320, 160), "white")
    draw = ImageDraw.Draw(image)
    for i, height in enumerate((60, 120, 90, 30)):
        draw.rectangle((20 + i * 75, 150 - height, 75 + i * 75, 150), fill=(30, 90, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_writer_uploads_an_image_and_the_preview_shows_it(
    live_server, browser, demo, demo_user, artifacts
):
    from aicert.catalog.models import CompetencyDomain, Level
    from aicert.itembank import services
    from aicert.itembank.models import ItemAsset

    base = live_server.url
    level = Level.objects.get(code="associate")
    writer_user = demo_user("writer@aicert.example")
    item = services.item_create(
        actor=writer_user,
        level=level,
        subject=level.subjects.order_by("position").first(),
        domain=CompetencyDomain.objects.filter(certification=level.certification).first(),
        cognitive_level="apply",
        difficulty="medium",
        item_type="single_choice",
        content_zh={
            "stem": "下圖中哪一季的營收最高？",
            "options": [
                {"text": t, "rationale": "", "correct": i == 1}
                for i, t in enumerate(["第一季", "第二季", "第三季", "第四季"])
            ],
        },
    )
    context, page = _sign_in(browser, base, "writer@aicert.example")
    page.goto(f"{base}/items/{item.pk}/edit/")
    page.locator("#item-assets").wait_for()
    stem = page.locator("textarea[name=stem_zh]")
    stem.click()
    page.keyboard.press("End")
    page.set_input_files(
        "#item-assets input[type=file]",
        files=[{"name": "revenue.png", "mimeType": "image/png", "buffer": _chart()}],
    )
    page.fill("#item-assets input[name=alt]", "各季營收長條圖")
    page.locator("#item-assets button[type=submit]").click()
    page.locator("#item-assets .asset-list img").wait_for()
    asset = ItemAsset.objects.get(item=item)
    # The upload went into the stem where the cursor was, and the preview shows the picture.
    assert stem.input_value().endswith(f"![各季營收長條圖](asset:{asset.pk})")
    preview_image = page.locator(f"#item-preview img[src='/items/assets/{asset.pk}/']").first
    preview_image.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 320", arg=preview_image.element_handle()
    )
    stem.scroll_into_view_if_needed()
    page.locator("#item-assets").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "item-editor-image.png"))
    # A file that is not an image is refused with a message and nothing stored.
    page.set_input_files(
        "#item-assets input[type=file]",
        files=[{"name": "x.png", "mimeType": "image/png", "buffer": b"<svg></svg>"}],
    )
    page.locator("#item-assets button[type=submit]").click()
    page.locator("#item-assets .errorlist").wait_for()
    assert re.search("SVG", page.locator("#item-assets .errorlist").inner_text())
    assert ItemAsset.objects.filter(item=item).count() == 1
    context.close()
