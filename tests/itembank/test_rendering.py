"""Rich text of items: sanitised Markdown, math kept for KaTeX, code highlighted on the server."""

import re

import pytest
from django.template import Context, Template

from aicert.itembank.rendering import render_rich_text, render_rich_text_inline


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert('x')</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        "[click](javascript:alert(1))",
        '<div onclick="alert(1)" style="position:fixed">x</div>',
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
        '<form action="https://evil.example"><input name="q"></form>',
    ],
)
def test_sanitiser_strips_script_handlers_and_javascript_urls(dangerous):
    html = str(render_rich_text(f"Before\n\n{dangerous}\n\nafter"))
    lowered = html.lower()
    assert "<script" not in lowered and "alert('x')" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered and "onload" not in lowered
    assert 'href="javascript:' not in lowered
    for tag in ("<style", "<iframe", "<svg", "<form", "<input"):
        assert tag not in lowered
    assert "position:fixed" not in lowered
    assert "after" in html


def test_images_only_from_relative_media_or_data_urls():
    html = str(
        render_rich_text(
            "![ok](/media/items/roc.png) ![rel](img/a.png) ![data](data:image/png;base64,iVBORw0KGgo=)"
            ' <img src="https://tracker.example/p.gif"> <img src="//cdn.example/x.png">'
        )
    )
    assert 'src="/media/items/roc.png"' in html
    assert 'src="img/a.png"' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert "tracker.example" not in html and "cdn.example" not in html


def test_math_delimiters_are_kept_for_katex_and_not_read_as_markdown():
    html = str(render_rich_text("Let $a_1 * b_2 < c$ hold.\n\n$$\\sum_{i=1}^n x_i$$\n\nPrice $5."))
    assert '<span class="math math-inline">$a_1 * b_2 &lt; c$</span>' in html
    assert '<div class="math math-display">$$\\sum_{i=1}^n x_i$$</div>' in html
    assert "<em>" not in html  # the underscores and * inside math stay as typed
    assert "Price $5." in html  # a lone dollar sign is not math


def test_inline_rendering_keeps_math_drops_the_paragraph_and_is_sanitised():
    html = str(render_rich_text_inline("  $x^2$ 與 **粗體** <script>alert(1)</script> "))
    assert '<span class="math math-inline">$x^2$</span>' in html
    assert "<strong>粗體</strong>" in html
    assert "<p>" not in html and "<script" not in html
    assert str(render_rich_text_inline("")) == str(render_rich_text_inline(None)) == ""


@pytest.mark.parametrize(
    ("text", "math", "plain"),
    [
        ("It costs $5, with $x$ extra.", ["$x$"], "It costs $5, with "),
        ("From $5 to $10 per item.", [], "From $5 to $10 per item."),
        ("NT$300 與 $x^2$", ["$x^2$"], "NT$300 與 "),
        ("Spaces $ x $ are text.", [], "Spaces $ x $ are text."),
        ("Escaped \\$5 and $y$.", ["$y$"], "Escaped $5 and "),
    ],
)
def test_dollar_amounts_are_never_taken_for_math(text, math, plain):
    html = str(render_rich_text(text))
    assert re.findall(r'<span class="math math-inline">(.*?)</span>', html) == math
    assert plain in html


def test_fenced_code_is_highlighted_with_pygments_classes():
    html = str(render_rich_text("```python\ndef f(x):\n    return x < 1\n```"))
    assert html.startswith('<pre class="highlight"><code>')
    assert '<span class="k">def</span>' in html and '<span class="nf">f</span>' in html
    assert "&lt;" in html  # code is escaped, never executed as markup
    plain = str(render_rich_text("```\n<b>not bold</b>\n```"))
    assert "&lt;b&gt;not bold&lt;/b&gt;" in plain


def test_markdown_basics_and_safe_links():
    html = str(
        render_rich_text(
            "**bold** and [site](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        )
    )
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<table>" in html
    assert str(render_rich_text("")) == ""


def test_one_partial_renders_the_candidate_view_and_reveals_the_key_on_request():
    content = {
        "stem": "Compute $x^2$",
        "options": [
            {"text": "`1`", "rationale": "no", "correct": False},
            {"text": "**2**", "rationale": "yes <script>x</script>", "correct": True},
        ],
        "feedback": "See $$x$$",
    }
    template = Template(
        '{% load itembank_render %}{% item_render content "single_choice" "en" reveal %}'
    )
    candidate = template.render(Context({"content": content, "reveal": False}))
    assert '<span class="math math-inline">$x^2$</span>' in candidate
    assert "<strong>2</strong>" in candidate
    assert "key-mark" not in candidate and "yes" not in candidate and "See" not in candidate
    author = template.render(Context({"content": content, "reveal": True}))
    assert "key-mark" in author and "yes" in author and "<script" not in author
