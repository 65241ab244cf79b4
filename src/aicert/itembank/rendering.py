"""Rich text of items: Markdown with images, highlighted code and LaTeX math, made safe.

One function, :func:`render_rich_text`, turns what a writer types (stems, options, feedback,
rationales) into HTML. The editor preview and the exam player both call it through the
``rich_text`` template filter, so the preview is what the candidate sees.

- Markdown is CommonMark plus tables and strikethrough (markdown-it-py); raw HTML typed by the
  writer is kept only as far as the sanitiser allows.
- Math (``$...$`` inline, ``$$...$$`` display; mdit-py-plugins dollarmath) is emitted untouched,
  HTML-escaped, inside ``<span class="math math-inline">`` / ``<div class="math math-display">``
  with its dollar delimiters, for KaTeX (vendored, ``static/vendor/katex``) to typeset in the
  browser. Markdown inside math is never interpreted (``a_1 * b_2`` stays as typed). As in
  Pandoc, an opening ``$`` must be followed and a closing ``$`` preceded by a non-space, and a
  closing ``$`` must not be followed by a digit: dollar amounts stay text (``$5 and $x$``
  renders the price as text and only ``x`` as math); write ``\\$`` for a literal dollar sign.
- Fenced code blocks are highlighted on the server with Pygments (CSS classes; the stylesheet is
  ``static/itembank/pygments.css``).
- Everything passes through nh3 (ammonia) with an allow-list: no script, style, iframes, event
  handlers or ``javascript:`` URLs; links only to http(s)/mailto or relative URLs; images only
  from relative URLs, the app's own media or ``data:image/`` URLs, or the item's uploaded images
  written ``![alt](asset:<id>)``, which become the URL of the permission-checked asset view
  (a version may refer only to its own item's images; the services check that on save).
  External image URLs are refused, so exam content cannot call out to another site.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "sub", "sup", "code", "pre", "kbd",
    "blockquote", "ul", "ol", "li", "a", "img", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
# Only the classes this module emits survive (math containers and Pygments token classes).
_PYGMENTS_CLASSES = {name for name in STANDARD_TYPES.values() if name}
ALLOWED_CLASSES = {
    "span": {"math", "math-inline", *_PYGMENTS_CLASSES},
    "div": {"math", "math-display"},
    "pre": {"highlight"},
}
LINK_SCHEMES = ("http://", "https://", "mailto:")
_ASSET_RE = re.compile(r"asset:(\d{1,12})")


def _media_url() -> str:
    return settings.MEDIA_URL or "/media/"


def _is_relative(url: str) -> bool:
    """A same-site URL: a path (``/media/x.png``, ``img/x.png``), never ``//host`` or a scheme."""
    if url.startswith("//") or url.startswith("\\"):
        return False
    head = url.split("/", 1)[0]
    return ":" not in head


def _image_source_allowed(url: str) -> bool:
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith("data:image/") and not lowered.startswith("data:image/svg"):
        return True  # SVG can carry script: refused even as a data URL
    media = _media_url()
    if media.startswith(("http://", "https://")):
        return url.startswith(media)
    return _is_relative(url)


def asset_url(asset_id: int | str) -> str:
    """The permission-checked URL of an item image (see :mod:`aicert.itembank.assets`)."""

    return reverse("itembank:asset", args=[int(asset_id)])


def _asset_source(value: str) -> str | None:
    """``asset:<id>`` -> the asset view's URL; anything else that names a scheme ``asset``: None."""
    match = _ASSET_RE.fullmatch(value.strip())
    return asset_url(match.group(1)) if match else None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        if value.strip().lower().startswith("asset:"):
            return _asset_source(value)
        return value if _image_source_allowed(value) else None
    if tag == "a" and attribute == "href":
        lowered = value.strip().lower()
        return value if lowered.startswith(LINK_SCHEMES) or _is_relative(value) else None
    if attribute == "style":  # table alignment from Markdown, nothing else
        return (
            value if value in ("text-align:left", "text-align:center", "text-align:right") else None
        )
    return value


def _highlight(code: str, language: str, _attrs) -> str:
    try:
        lexer = get_lexer_by_name(language.strip()) if language.strip() else None
    except ClassNotFound:
        lexer = None
    body = highlight(code, lexer, HtmlFormatter(nowrap=True)) if lexer else html.escape(code)
    # Starting with <pre, markdown-it uses this as the whole block (no second wrapper).
    return f'<pre class="highlight"><code>{body}</code></pre>\n'


def _math_inline(self, tokens, idx, options, env) -> str:
    return f'<span class="math math-inline">${html.escape(tokens[idx].content)}$</span>'


def _math_block(self, tokens, idx, options, env) -> str:
    return f'<div class="math math-display">$${html.escape(tokens[idx].content)}$$</div>\n'


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True, "highlight": _highlight, "linkify": False})
        .enable(["table", "strikethrough"])
        # Pandoc's rule for inline math: no space just inside the dollars and no digit just after
        # the closing one, so prices ("$5, with $x$", "from $5 to $10") never turn into math.
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    )
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_block)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    return md


def sanitise_html(markup: str) -> str:
    """Keep only the allow-listed tags, attributes, classes and URLs of ``markup``."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data", "asset"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_rich_text(text: str | None) -> SafeString:
    """The writer's Markdown as safe HTML for the preview and the exam player alike."""
    if not text or not str(text).strip():
        return mark_safe("")
    return mark_safe(sanitise_html(_markdown().render(str(text))))  # noqa: S308 - sanitised


def render_rich_text_inline(text: str | None) -> SafeString:
    """One line of the writer's Markdown (math, emphasis, inline code) without a paragraph.

    For short texts shown inside a sentence or list entry: the matching key's pairs, rubric
    criterion names, units. Block syntax (code fences, lists) is not interpreted here.
    """
    if not text or not str(text).strip():
        return mark_safe("")
    markup = _markdown().renderInline(str(text).strip())
    return mark_safe(sanitise_html(markup))  # noqa: S308 - sanitised


def pygments_css() -> str:
    """The stylesheet for highlighted code (used to write the vendored CSS file)."""
    return HtmlFormatter(style="default").get_style_defs(".highlight")
