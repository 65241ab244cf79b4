"""Every item type besides single choice, authored and reviewed through the real pages in Chromium.

A writer writes each of the seven other types with math and a code block through the editor
(switching types with the editor's type links), the live preview typesets them exactly as the
saved item page renders them, and the stored version carries the type's key and scoring data.
The workflow lead assigns two reviewers through the item bank's pages; the author can never
review their own item; one reviewer sends a constructed-response item back, the writer revises
it in the editor (the rubric survives) and both reviewers approve.
"""

import re

import pytest

from tests.browser.signin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WRITER = "writer@aicert.example"
REVIEWER = "reviewer@aicert.example"
REVIEWER2 = "reviewer2@aicert.example"
LEAD = "admin@aicert.example"

# What the writer types, per item type: text fields (both languages), then shared fields
# (selects, checkboxes), and what the stored version must then hold. Every stem has math and a
# Python block; the answer data has math too, so the key's rendering is checked as well.
ITEM_TYPES = [
    {
        "type": "multiple_response",
        "text": {
            "stem_zh": "下列哪些是向量 $x \\in \\mathbb{R}^n$ 的範數？\n\n"
            "```python\nimport numpy as np\nnp.linalg.norm(x, ord=1)\n```",
            "stem_en": "Which of these are norms of a vector $x \\in \\mathbb{R}^n$?\n\n"
            "```python\nimport numpy as np\nnp.linalg.norm(x, ord=1)\n```",
            "option0_zh": "$\\sum_i |x_i|$",
            "option0_en": "$\\sum_i |x_i|$",
            "rationale0_zh": "$L_1$ 範數",
            "rationale0_en": "The $L_1$ norm",
            "option1_zh": "$\\sqrt{\\sum_i x_i^2}$",
            "option1_en": "$\\sqrt{\\sum_i x_i^2}$",
            "option2_zh": "$\\sum_i x_i$",
            "option2_en": "$\\sum_i x_i$",
            "rationale2_zh": "可能為負值",
            "rationale2_en": "It can be negative",
            "option3_zh": "$\\min_i x_i^3$",
            "option3_en": "$\\min_i x_i^3$",
        },
        "selects": {"partial_credit": "proportional"},
        "checks": ["correct0", "correct1"],
        "expect": {
            "zh": {
                "partial_credit": "proportional",
                "options": [
                    {"text": "$\\sum_i |x_i|$", "rationale": "$L_1$ 範數", "correct": True},
                    {"text": "$\\sqrt{\\sum_i x_i^2}$", "rationale": "", "correct": True},
                    {"text": "$\\sum_i x_i$", "rationale": "可能為負值", "correct": False},
                    {"text": "$\\min_i x_i^3$", "rationale": "", "correct": False},
                ],
            },
            "en": {"partial_credit": "proportional"},
        },
    },
    {
        "type": "true_false",
        "text": {
            "stem_zh": "對所有實數 $x$，$x^2 \\ge 0$ 恆成立。\n\n"
            "```python\nassert all(x ** 2 >= 0 for x in range(-3, 4))\n```",
            "stem_en": "For every real $x$, $x^2 \\ge 0$.\n\n"
            "```python\nassert all(x ** 2 >= 0 for x in range(-3, 4))\n```",
            "rationale_true_zh": "$x^2 = |x|^2 \\ge 0$",
            "rationale_true_en": "$x^2 = |x|^2 \\ge 0$",
            "rationale_false_zh": "沒有實數使 $x^2 < 0$",
            "rationale_false_en": "No real $x$ has $x^2 < 0$",
        },
        "selects": {"key": "true"},
        "expect": {
            "zh": {
                "key": True,
                "rationale_true": "$x^2 = |x|^2 \\ge 0$",
                "rationale_false": "沒有實數使 $x^2 < 0$",
            },
            "en": {"key": True, "rationale_false": "No real $x$ has $x^2 < 0$"},
        },
    },
    {
        "type": "numeric",
        "text": {
            "stem_zh": "每筆推論耗時 $t = 0.5$ 秒，處理 $n = 5$ 筆共需幾秒？\n\n"
            "```python\nfor batch in range(5):\n    infer(batch)\n```",
            "stem_en": "Each inference takes $t = 0.5$ s. How long do $n = 5$ take?\n\n"
            "```python\nfor batch in range(5):\n    infer(batch)\n```",
            "value": "2.5",
            "tolerance": "0.05",
            "unit_zh": "秒",
            "unit_en": "s",
        },
        "expect": {
            "zh": {"value": 2.5, "tolerance": 0.05, "unit": "秒"},
            "en": {"value": 2.5, "tolerance": 0.05, "unit": "s"},
        },
    },
    {
        "type": "short_text",
        "text": {
            "stem_zh": "填入計算 $\\log_2 8$ 的函式（含模組名稱）。\n\n"
            "```python\nimport math\nprint(____(8))  # 3.0\n```",
            "stem_en": "Name the function (with its module) that computes $\\log_2 8$.\n\n"
            "```python\nimport math\nprint(____(8))  # 3.0\n```",
            "answers_zh": "math.log2\nlog2",
            "answers_en": "math.log2\nlog2",
            "patterns_zh": "^math\\.log2\\(\\)$",
            "patterns_en": "^math\\.log2\\(\\)$",
        },
        "checks": ["case_sensitive", "normalise=width", "normalise=whitespace"],
        "expect": {
            "zh": {
                "answers": ["math.log2", "log2"],
                "patterns": ["^math\\.log2\\(\\)$"],
                "case_sensitive": True,
                "normalise": ["width", "whitespace"],
            },
            "en": {"answers": ["math.log2", "log2"], "case_sensitive": True},
        },
    },
    {
        "type": "ordering",
        "text": {
            "stem_zh": "依序排列訓練流程，使損失 $L(\\theta)$ 最小：\n\n"
            "```python\nfor epoch in range(3):\n    model.fit(X_train, y_train)\n```",
            "stem_en": "Put the training steps that minimise $L(\\theta)$ in order:\n\n"
            "```python\nfor epoch in range(3):\n    model.fit(X_train, y_train)\n```",
            "option0_zh": "評估 $F_1$ 分數",
            "option0_en": "Evaluate the $F_1$ score",
            "option1_zh": "收集資料集 $D$",
            "option1_en": "Collect the data set $D$",
            "option2_zh": "以梯度下降求 $\\theta^*$",
            "option2_en": "Find $\\theta^*$ by gradient descent",
            "position0": "3",
            "position1": "1",
            "position2": "2",
        },
        "expect": {
            "zh": {
                "options": [
                    {"text": "評估 $F_1$ 分數"},
                    {"text": "收集資料集 $D$"},
                    {"text": "以梯度下降求 $\\theta^*$"},
                ],
                "key": [1, 2, 0],
            },
            "en": {"key": [1, 2, 0]},
        },
    },
    {
        "type": "matching",
        "text": {
            "stem_zh": "將激活函數 $f(x)$ 與其名稱配對：\n\n```python\nimport torch\ntorch.sigmoid(x)\n```",
            "stem_en": "Match each activation function $f(x)$ to its name:\n\n"
            "```python\nimport torch\ntorch.sigmoid(x)\n```",
            "prompt0_zh": "$\\frac{1}{1+e^{-x}}$",
            "prompt0_en": "$\\frac{1}{1+e^{-x}}$",
            "prompt1_zh": "$\\max(0, x)$",
            "prompt1_en": "$\\max(0, x)$",
            "prompt2_zh": "$\\tanh x$",
            "prompt2_en": "$\\tanh x$",
            "response0_zh": "ReLU",
            "response0_en": "ReLU",
            "response1_zh": "Sigmoid $\\sigma$",
            "response1_en": "Sigmoid $\\sigma$",
            "response2_zh": "雙曲正切",
            "response2_en": "Hyperbolic tangent",
            "response3_zh": "Softmax",
            "response3_en": "Softmax",
        },
        # Prompt 1 -> B, prompt 2 -> A, prompt 3 -> C; D is a distractor.
        "selects": {"match0": "1", "match1": "0", "match2": "2"},
        "expect": {
            "zh": {
                "prompts": [
                    {"text": "$\\frac{1}{1+e^{-x}}$"},
                    {"text": "$\\max(0, x)$"},
                    {"text": "$\\tanh x$"},
                ],
                "responses": [
                    {"text": "ReLU"},
                    {"text": "Sigmoid $\\sigma$"},
                    {"text": "雙曲正切"},
                    {"text": "Softmax"},
                ],
                "key": [[0, 1], [1, 0], [2, 2]],
            },
            "en": {"key": [[0, 1], [1, 0], [2, 2]]},
        },
    },
    {
        "type": "constructed_response",
        "text": {
            "stem_zh": "說明下列程式如何計算均方誤差 "
            "$\\mathrm{MSE} = \\frac{1}{n}\\sum_i (y_i - \\hat{y}_i)^2$。\n\n"
            "```python\ndef mse(y, p):\n    return ((y - p) ** 2).mean()\n```",
            "stem_en": "Explain how this code computes the mean squared error "
            "$\\mathrm{MSE} = \\frac{1}{n}\\sum_i (y_i - \\hat{y}_i)^2$.\n\n"
            "```python\ndef mse(y, p):\n    return ((y - p) ** 2).mean()\n```",
            "criterion0_zh": "正確性（$\\mathrm{MSE}$ 公式）",
            "criterion0_en": "Correctness ($\\mathrm{MSE}$ formula)",
            "score0_0": "0",
            "descriptor0_0_zh": "未說明公式",
            "descriptor0_0_en": "No formula",
            "score0_1": "2",
            "descriptor0_1_zh": "部分正確，漏了 $\\frac{1}{n}$",
            "descriptor0_1_en": "Partly right, misses $\\frac{1}{n}$",
            "score0_2": "4",
            "descriptor0_2_zh": "完整正確",
            "descriptor0_2_en": "Fully right",
            "criterion1_zh": "表達",
            "criterion1_en": "Clarity",
            "score1_0": "0",
            "descriptor1_0_zh": "難以理解",
            "descriptor1_0_en": "Hard to follow",
            "score1_1": "1",
            "descriptor1_1_zh": "清楚",
            "descriptor1_1_en": "Clear",
        },
        "expect": {
            "zh": {
                "rubric": {
                    "criteria": [
                        {
                            "name": "正確性（$\\mathrm{MSE}$ 公式）",
                            "levels": [
                                {"score": 0, "descriptor": "未說明公式"},
                                {"score": 2, "descriptor": "部分正確，漏了 $\\frac{1}{n}$"},
                                {"score": 4, "descriptor": "完整正確"},
                            ],
                        },
                        {
                            "name": "表達",
                            "levels": [
                                {"score": 0, "descriptor": "難以理解"},
                                {"score": 1, "descriptor": "清楚"},
                            ],
                        },
                    ]
                }
            },
            "en": {},
        },
    },
]


def _sign_in(browser, base: str, email: str):
    return sign_in(browser, base, email)


def _zh(message: str) -> str:
    """A message as the zh-TW browser sees it."""
    from django.utils import translation

    with translation.override("zh-hant"):
        return str(translation.gettext(message))


def _rendered(page, scope: str) -> dict[str, str]:
    """The rendered item of each language under ``scope``, whitespace-normalised HTML."""
    return page.eval_on_selector_all(
        f"{scope} .item-render",
        """els => Object.fromEntries(els.map(el => [
            el.getAttribute('lang'), el.innerHTML.replace(/\\s+/g, ' ').trim()]))""",
    )


def _settled_preview(page, marker: str) -> None:
    """Wait until the live preview shows ``marker`` (the last thing typed) and htmx is idle."""
    preview = page.locator("#item-preview")
    preview.locator(".item-render[lang=en] .reveal", has_text=marker).wait_for()
    # Typing queues one more refresh after the one in flight; let it land before reading.
    page.wait_for_timeout(900)
    page.wait_for_function(
        "() => !document.querySelector('#item-preview').classList.contains('htmx-request')"
        " && !document.querySelector('#item-preview .math:not([data-typeset])')"
    )


def _fill_metadata(page, level, subject, domain) -> None:
    page.select_option("select[name=level]", str(level.pk))
    page.select_option("select[name=subject]", str(subject.pk))
    page.select_option("select[name=domain]", str(domain.pk))
    page.select_option("select[name=cognitive_level]", "apply")
    page.select_option("select[name=difficulty]", "medium")


def _assert_holds(actual: dict, expected: dict, where: str) -> None:
    for key, value in expected.items():
        assert actual.get(key) == value, f"{where}.{key}: {actual.get(key)!r} != {value!r}"


def _open_assignment(page, base: str, item) -> None:
    """From the review queue, open the review of ``item`` (its row, by item code)."""
    page.goto(base + "/items/reviews/")
    page.locator("main table tr", has_text=item.code).locator("a[href*='/items/reviews/']").click()
    page.wait_for_url(re.compile(r"/items/reviews/\d+/$"))
    page.locator(".item-render .katex").first.wait_for()


def _decide(page, *, approve: bool, comment: str = "") -> None:
    if approve:
        for box in page.locator("input[type=checkbox][name^=check_]").all():
            box.check()
    page.check(f"input[name=decision][value={'approve' if approve else 'request_changes'}]")
    if comment:
        page.fill("textarea[name=comment]", comment)
    page.locator("main form.form button[type=submit]").click()


def test_writer_authors_every_item_type_and_the_lead_assigns_reviewers_in_the_bank(
    live_server, browser, demo, demo_user, artifacts
):
    from aicert.catalog.models import CompetencyDomain, Level
    from aicert.itembank.models import Item, ItemStatus

    base = live_server.url
    level = Level.objects.get(code="associate")
    subject = level.subjects.order_by("position").first()
    domain = CompetencyDomain.objects.filter(certification=level.certification).first()

    writer_context, writer = _sign_in(browser, base, WRITER)
    items = {}
    for spec in ITEM_TYPES:
        item_type = spec["type"]
        # The writer picks the type from the editor's type links, as a new user would.
        writer.goto(base + "/items/new/")
        writer.locator(f"nav.item-types a[href='?type={item_type}']").click()
        writer.wait_for_url(re.compile(rf"type={item_type}"))
        assert writer.locator("input[name=item_type]").input_value() == item_type
        _fill_metadata(writer, level, subject, domain)
        for name, value in spec.get("selects", {}).items():
            writer.select_option(f"select[name={name}]", value)
        for check in spec.get("checks", []):
            name, _sep, value = check.partition("=")
            writer.check(f"input[name={name}]" + (f"[value={value}]" if value else ""))
        for name, value in spec["text"].items():
            writer.fill(f"[name={name}]", value)
        writer.fill("textarea[name=feedback_zh]", f"回饋：{item_type} 的 $\\alpha$")
        marker = f"Feedback for {item_type}"
        writer.fill("textarea[name=feedback_en]", marker + " with $\\alpha$")

        # The live preview typesets the math and highlights the code of both languages.
        _settled_preview(writer, marker)
        preview = writer.locator("#item-preview")
        assert preview.locator(".preview-problems").count() == 0, preview.inner_text()
        for lang in ("zh-Hant", "en"):
            render = preview.locator(f".item-render[lang={lang}]")
            assert render.locator(".stem .katex").count() >= 1, (item_type, lang)
            code = render.locator(".stem pre.highlight")
            assert code.locator(".k, .kn, .nb").count() >= 1, (item_type, lang)
        # No math is left untypeset anywhere (key, rubric and rationales included).
        text = preview.evaluate(
            """el => { const c = el.cloneNode(true);
                c.querySelectorAll('code, .katex').forEach(n => n.remove());
                return c.textContent; }"""
        )
        assert "$" not in text, (item_type, text)
        writer.locator("aside.preview").screenshot(
            path=str(artifacts / f"item_types_{item_type}_preview.png")
        )
        previewed = _rendered(writer, "#item-preview")

        writer.locator("#item-form button[type=submit]").click()
        writer.wait_for_url(re.compile(r"/items/\d+/$"))
        item = Item.objects.get(pk=int(re.search(r"/items/(\d+)/$", writer.url).group(1)))
        writer.wait_for_function(
            "() => !document.querySelector('.item-render .math:not([data-typeset])')"
        )
        # The saved item renders exactly as the preview showed it.
        assert _rendered(writer, "main") == previewed, item_type

        version = item.versions.get()
        assert version.item_type == item_type
        _assert_holds(version.content_zh, spec["expect"]["zh"], f"{item_type}.zh")
        _assert_holds(version.content_en, spec["expect"]["en"], f"{item_type}.en")
        assert version.content_zh["stem"] == spec["text"]["stem_zh"]
        assert version.content_en["stem"] == spec["text"]["stem_en"]

        # Reopened in the editor, the item previews as saved and saves back unchanged: the
        # editor loads every type-specific field it wrote.
        writer.locator(f"a[href$='/items/{item.pk}/edit/']").click()
        writer.wait_for_url(re.compile(r"/edit/$"))
        _settled_preview(writer, marker)
        assert _rendered(writer, "#item-preview") == previewed, item_type
        writer.fill("input[name=change_note]", "Reopened and saved unchanged")
        writer.locator("#item-form button[type=submit]").click()
        writer.wait_for_url(re.compile(rf"/items/{item.pk}/$"))
        v1, v2 = item.versions.order_by("number")
        assert (v2.item_type, v2.content_zh, v2.content_en) == (
            v1.item_type,
            v1.content_zh,
            v1.content_en,
        ), item_type

        writer.locator("form[action$='/submit/'] button[type=submit]").click()
        writer.locator("ul.messages .success").wait_for()
        item.refresh_from_db()
        assert item.status == ItemStatus.SUBMITTED, item_type
        items[item_type] = item
    writer_context.close()

    # The lead selects all seven in the bank and assigns reviewers with the bulk action. The
    # writer reviews too, and with no open reviews would be the least busy: never for their own.
    _grant_reviewer_role(demo_user(WRITER), lead=demo_user(LEAD))
    lead_context, lead = _sign_in(browser, base, LEAD)
    lead.goto(base + "/items/?status=submitted")
    for item in items.values():
        lead.check(f"#bulk-form input[name=items][value='{item.pk}']")
    lead.select_option("#bulk-action", "assign_reviewers")
    lead.locator("#bulk-form button[type=submit]").click()
    lead.wait_for_url(re.compile(r"/items/bulk/$"))
    for item in items.values():
        row = lead.locator("main table tbody tr", has_text=item.code)
        assert row.get_attribute("data-ok") == "1", row.inner_text()
        assert "陳建宏" not in row.inner_text()  # the author is never among the assigned
    lead.screenshot(path=str(artifacts / "item_types_bulk_assign.png"), full_page=True)
    for item_type, item in items.items():
        item.refresh_from_db()
        assert item.status == ItemStatus.IN_REVIEW, item_type
        latest = item.versions.order_by("-number").first()
        reviewers = {a.reviewer.email for a in latest.review_assignments.all()}
        assert reviewers == {REVIEWER, REVIEWER2}, item_type
    lead_context.close()


def _grant_reviewer_role(user, *, lead) -> None:
    from aicert.accounts.roles import Role
    from aicert.accounts.services import membership_grant

    organisation = user.memberships.first().organisation
    membership_grant(actor=lead, user=user, organisation=organisation, role=Role.ITEM_REVIEWER)


def _create_submitted(writer, level, subject, domain, spec):
    """An item written and submitted through the services (the editor is covered above)."""
    from aicert.itembank import services

    def content(lang: str) -> dict:
        expected = spec["expect"]["zh"] if lang == "zh" else {}
        return {"stem": spec["text"][f"stem_{lang}"], "feedback": "", **expected}

    item = services.item_create(
        actor=writer,
        level=level,
        subject=subject,
        domain=domain,
        cognitive_level="apply",
        difficulty="medium",
        item_type=spec["type"],
        content_zh=content("zh"),
        content_en={},
    )
    return services.item_submit(actor=writer, item=item)


def test_author_cannot_review_own_item_and_a_sent_back_rubric_item_is_revised_and_approved(
    live_server, browser, demo, demo_user, artifacts
):
    from aicert.catalog.models import CompetencyDomain, Level
    from aicert.itembank.models import ItemStatus, ReviewAssignment, ReviewDecision

    base = live_server.url
    level = Level.objects.get(code="associate")
    subject = level.subjects.order_by("position").first()
    domain = CompetencyDomain.objects.filter(certification=level.certification).first()
    writer_user = demo_user(WRITER)
    # The writer also reviews (common in small banks): still never their own items.
    _grant_reviewer_role(writer_user, lead=demo_user(LEAD))
    specs = {spec["type"]: spec for spec in ITEM_TYPES}
    rubric_item = _create_submitted(
        writer_user, level, subject, domain, specs["constructed_response"]
    )
    matching_item = _create_submitted(writer_user, level, subject, domain, specs["matching"])

    # The lead opens the item page: the author is not offered as a reviewer.
    lead_context, lead = _sign_in(browser, base, LEAD)
    lead.goto(base + f"/items/{rubric_item.pk}/")
    choices = lead.locator("select[name=reviewer] option").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )
    assert str(writer_user.pk) not in choices
    assert {str(demo_user(REVIEWER).pk), str(demo_user(REVIEWER2).pk)} <= set(choices)
    # Even a doctored form naming the author is refused.
    lead.eval_on_selector(
        "select[name=reviewer]",
        f"s => {{ s.add(new Option('writer', '{writer_user.pk}')); s.value = '{writer_user.pk}'; }}",
    )
    lead.locator("form[action$='/reviewers/'] button:not([name=auto])").click()
    lead.locator("ul.messages .error", has_text=_zh("Choose a reviewer.")).wait_for()
    assert not ReviewAssignment.objects.filter(reviewer=writer_user).exists()
    # Reviewer 1 by name, then the least busy one for the second seat.
    lead.select_option("select[name=reviewer]", str(demo_user(REVIEWER).pk))
    lead.locator("form[action$='/reviewers/'] button:not([name=auto])").click()
    lead.locator("ul.messages .success").wait_for()
    lead.locator("form[action$='/reviewers/'] button[name=auto]").click()
    lead.locator("ul.messages .success").wait_for()
    lead.goto(base + f"/items/{matching_item.pk}/")
    lead.locator("form[action$='/reviewers/'] button[name=auto]").click()
    lead.locator("ul.messages .success").wait_for()
    for item in (rubric_item, matching_item):
        item.refresh_from_db()
        assert item.status == ItemStatus.IN_REVIEW
        reviewers = {a.reviewer.email for a in item.versions.get().review_assignments.all()}
        assert reviewers == {REVIEWER, REVIEWER2}

    # The author, though a reviewer, finds neither item in their queue...
    writer_context, writer = _sign_in(browser, base, WRITER)
    writer.goto(base + "/items/reviews/")
    for item in (rubric_item, matching_item):
        assert writer.locator("main table", has_text=item.code).count() == 0
    # ...cannot open a reviewer's assignment of their item, nor post a decision to it...
    others = ReviewAssignment.objects.filter(version__item=rubric_item, reviewer__email=REVIEWER)
    response = writer.goto(base + f"/items/reviews/{others.get().pk}/")
    assert response.status in (403, 404)
    writer.goto(base + f"/items/{rubric_item.pk}/")
    assert writer.locator("main .actions a[href*='/items/reviews/']").count() == 0
    writer.goto(base + "/items/new/")  # any page with a form, for a CSRF token
    status = writer.evaluate(
        """async (url) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({csrfmiddlewaretoken: token, decision: 'approve'});
            return (await fetch(url, {method: 'POST', body})).status;
        }""",
        f"/items/reviews/{others.get().pk}/",
    )
    assert status in (403, 404)
    assert others.get().decided_at is None
    # ...and an assignment that names them anyway (made behind the services' back) is refused
    # with a clear message when they try to approve.
    forged = ReviewAssignment.objects.create(
        version=matching_item.versions.get(), reviewer=writer_user
    )
    writer.goto(base + f"/items/reviews/{forged.pk}/")
    _decide(writer, approve=True)
    writer.get_by_text(_zh("Authors and co-authors cannot review their own item.")).wait_for()
    forged.refresh_from_db()
    assert forged.decided_at is None
    matching_item.refresh_from_db()
    assert matching_item.status == ItemStatus.IN_REVIEW
    forged.delete()

    # Reviewer 1 sends the rubric item back with a comment.
    reviewer_context, reviewer = _sign_in(browser, base, REVIEWER)
    _open_assignment(reviewer, base, rubric_item)
    assert reviewer.locator(".item-render pre.highlight .k").count() >= 1
    _decide(reviewer, approve=False, comment="評分規準請加一級：$3$ 分。")
    reviewer.wait_for_url(re.compile(r"/items/reviews/$"))
    rubric_item.refresh_from_db()
    assert rubric_item.status == ItemStatus.CHANGES_REQUESTED
    assert (
        ReviewAssignment.objects.get(version__item=rubric_item, reviewer__email=REVIEWER2).decision
        == ReviewDecision.WITHDRAWN
    )

    # The writer reads the comment and revises in the editor, which keeps the rubric.
    writer.goto(base + f"/items/{rubric_item.pk}/")
    writer.get_by_text("評分規準請加一級").first.wait_for()
    writer.locator(f"a[href$='/items/{rubric_item.pk}/edit/']").click()
    writer.wait_for_url(re.compile(r"/edit/$"))
    assert writer.input_value("input[name=item_type]") == "constructed_response"
    assert writer.input_value("input[name=score0_2]") == "4"
    assert writer.input_value("[name=criterion0_zh]").startswith("正確性")
    writer.fill("input[name=score0_3]", "3")
    writer.fill("textarea[name=descriptor0_3_zh]", "公式正確但未說明 $\\hat{y}_i$")
    writer.fill("input[name=change_note]", "Added a 3-point level")
    writer.locator("#item-preview .reveal", has_text="公式正確但").first.wait_for()
    writer.locator("#item-form button[type=submit]").click()
    writer.wait_for_url(re.compile(rf"/items/{rubric_item.pk}/$"))
    v1, v2 = rubric_item.versions.order_by("number")
    assert v2.item_type == "constructed_response"
    expected = v1.content_zh["rubric"]["criteria"]
    expected[0]["levels"].append({"score": 3, "descriptor": "公式正確但未說明 $\\hat{y}_i$"})
    assert v2.content_zh["rubric"]["criteria"] == expected
    assert v2.content_zh["stem"] == v1.content_zh["stem"]
    writer.locator("form[action$='/submit/'] button[type=submit]").click()
    writer.locator("ul.messages .success").wait_for()
    rubric_item.refresh_from_db()
    assert rubric_item.status == ItemStatus.SUBMITTED

    # The lead assigns the two reviewers again; both approve version 2 and the matching item.
    lead.goto(base + f"/items/{rubric_item.pk}/")
    lead.locator("form[action$='/reviewers/'] button[name=auto]").click()
    lead.locator("ul.messages .success").wait_for()
    reviewer2_context, reviewer2 = _sign_in(browser, base, REVIEWER2)
    for page in (reviewer, reviewer2):
        for item in (rubric_item, matching_item):
            _open_assignment(page, base, item)
            _decide(page, approve=True)
            page.wait_for_url(re.compile(r"/items/reviews/$"))
    for item in (rubric_item, matching_item):
        item.refresh_from_db()
        assert item.status == ItemStatus.APPROVED
    writer.goto(base + f"/items/{rubric_item.pk}/")
    writer.locator(".item-render .katex").first.wait_for()
    writer.screenshot(path=str(artifacts / "item_types_rubric_approved.png"), full_page=True)
    for context in (lead_context, writer_context, reviewer_context, reviewer2_context):
        context.close()
