"""A writer authors an item with math and code, two reviewers review it, in Chromium."""

import re

import pytest

from tests.browser.signin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

STEM = "設 $f(x) = x^2$，則 $f'(3)$ 為何？\n\n```python\ndef f(x):\n    return x ** 2\n```"


def _sign_in(browser, base: str, email: str):
    return sign_in(browser, base, email)


def _review(page, base: str, *, approve: bool, comment: str = "") -> None:
    page.goto(base + "/items/reviews/")
    page.locator("main table a[href*='/items/reviews/']").first.click()
    # The reviewer sees the same rendering as the candidate will: KaTeX math, highlighted code.
    page.locator(".item-render .katex").first.wait_for()
    assert page.locator(".item-render pre.highlight .k").count() >= 1
    if approve:
        for box in page.locator("input[type=checkbox][name^=check_]").all():
            box.check()
    page.check(f"input[name=decision][value={'approve' if approve else 'request_changes'}]")
    if comment:
        page.fill("textarea[name=comment]", comment)
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/items/reviews/$"))


def test_writer_authors_with_math_and_code_reviewers_send_back_then_approve(
    live_server, browser, demo, demo_user, artifacts
):
    from aicert.catalog.models import CompetencyDomain, Level
    from aicert.itembank import services
    from aicert.itembank.models import Item, ItemStatus

    base = live_server.url
    level = Level.objects.get(code="associate")
    subject = level.subjects.order_by("position").first()
    domain = CompetencyDomain.objects.filter(certification=level.certification).first()
    lead = demo_user("admin@aicert.example")

    # The writer writes a single-choice item; the live preview typesets the math.
    writer_context, writer = _sign_in(browser, base, "writer@aicert.example")
    writer.goto(base + "/items/new/")
    writer.select_option("select[name=level]", str(level.pk))
    writer.select_option("select[name=subject]", str(subject.pk))
    writer.select_option("select[name=domain]", str(domain.pk))
    writer.select_option("select[name=cognitive_level]", "apply")
    writer.select_option("select[name=difficulty]", "medium")
    writer.fill("textarea[name=stem_zh]", STEM)
    writer.fill("textarea[name=stem_en]", "Let $f(x) = x^2$. What is $f'(3)$?")
    for i, (zh, en) in enumerate(
        [("$3$", "$3$"), ("$6$", "$6$"), ("$9$", "$9$"), ("$x^3$", "$x^3$")]
    ):
        writer.fill(f"textarea[name=option{i}_zh]", zh)
        writer.fill(f"textarea[name=option{i}_en]", en)
    writer.fill("textarea[name=rationale1_zh]", "$f'(x) = 2x$，代入 $x=3$")
    writer.select_option("select[name=key]", "1")
    writer.click("#preview-button")
    preview = writer.locator("#item-preview")
    # The preview follows the typing (htmx): wait for the swap that has the key in both languages.
    preview.locator(".key-mark").nth(1).wait_for()
    preview.locator(".rationale .katex").first.wait_for()
    assert preview.locator(".katex").count() >= 10  # stems, options and the rationale
    assert preview.locator("pre.highlight .k", has_text="def").count() == 1
    assert preview.locator(".preview-problems").count() == 0
    writer.screenshot(path=str(artifacts / "item_editor_preview.png"), full_page=True)
    writer.locator("#item-form button[type=submit]").click()
    writer.wait_for_url(re.compile(r"/items/\d+/$"))
    item = Item.objects.get()
    assert writer.locator(".item-render .katex").count() >= 1
    writer.locator("form[action$='/submit/'] button[type=submit]").click()
    writer.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED

    # The lead asks both demo reviewers; reviewer 1 sends it back.
    services.review_assign(actor=lead, item=item, reviewer=demo_user("reviewer@aicert.example"))
    services.review_assign(actor=lead, item=item, reviewer=demo_user("reviewer2@aicert.example"))
    reviewer_context, reviewer = _sign_in(browser, base, "reviewer@aicert.example")
    _review(reviewer, base, approve=False, comment="選項 D 不是數值，請改為 $12$。")
    item.refresh_from_db()
    assert item.status == ItemStatus.CHANGES_REQUESTED

    # The writer revises the option and resubmits.
    writer.goto(base + f"/items/{item.pk}/")
    assert writer.get_by_text("選項 D 不是數值").first.is_visible()
    writer.locator(f"a[href$='/items/{item.pk}/edit/']").click()
    writer.fill("textarea[name=option3_zh]", "$12$")
    writer.fill("textarea[name=option3_en]", "$12$")
    writer.fill("input[name=change_note]", "D is now a number")
    writer.locator("#item-preview .katex").first.wait_for()
    writer.locator("#item-form button[type=submit]").click()
    writer.wait_for_url(re.compile(rf"/items/{item.pk}/$"))
    writer.locator("form[action$='/submit/'] button[type=submit]").click()
    writer.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.versions.count() == 2

    # Both reviewers approve version 2.
    assigned = services.review_assign_auto(actor=lead, item=item)
    assert {a.reviewer.email for a in assigned} == {
        "reviewer@aicert.example",
        "reviewer2@aicert.example",
    }
    _review(reviewer, base, approve=True)
    reviewer2_context, reviewer2 = _sign_in(browser, base, "reviewer2@aicert.example")
    _review(reviewer2, base, approve=True)
    item.refresh_from_db()
    assert item.status == ItemStatus.APPROVED

    writer.goto(base + f"/items/{item.pk}/")
    assert writer.locator(".item-render .katex").count() >= 1
    writer.screenshot(path=str(artifacts / "item_approved.png"), full_page=True)
    for context in (writer_context, reviewer_context, reviewer2_context):
        context.close()
