"""One language variant of an item as a QTI assessment item (2.1 or 3.0), both ways.

The mapping (content JSON <-> QTI), the same for both versions apart from names:

==========================  ======================================================================
item type                   QTI
==========================  ======================================================================
single_choice               choiceInteraction, cardinality single, template match_correct
multiple_response           choiceInteraction, cardinality multiple; all_or_nothing: match_correct;
                            proportional / right_minus_wrong: map_response with each correct
                            option mapped to 1/k and each wrong one to 0 / -1/k, bounds [0, 1]
true_false                  choiceInteraction with the choices TRUE and FALSE, match_correct
numeric                     textEntryInteraction, baseType float (integer read too); tolerance 0:
                            match_correct, else an explicit rule ``equal toleranceMode="absolute"``;
                            the unit as ``<span class="aicert-unit">`` after the entry
short_text                  textEntryInteraction, baseType string, a mapping of the accepted
                            answers (caseSensitive), map_response; with patterns an explicit rule
                            ``or(patternMatch..., gt(mapResponse, 0))``
ordering                    orderInteraction, cardinality ordered, match_correct
matching                    matchInteraction (prompts, then responses), directedPair, match_correct
constructed_response        extendedTextInteraction, no response processing (scored by markers);
                            the rubric in ``<rubricBlock view="scorer" class="aicert-rubric">``,
                            one table per criterion (caption = name, rows = score | descriptor)
==========================  ======================================================================

Choice rationales go in ``<rubricBlock view="author" class="aicert-rationales">`` (a table of
choice identifier | rationale), the general feedback in a ``modalFeedback`` on the FEEDBACK
outcome with ``showHide="hide"`` (FEEDBACK is never set, so it always shows after answering).
Text is plain: paragraphs (blank-line separated) become ``<p>``, single line breaks ``<br/>``.

Reading accepts our own output and what other tools write in the same shapes (the standard
templates, their explicit equivalents, prompts, ``div`` wrappers). Everything else — another
interaction, a second interaction, a response-processing construct, markup that plain text
cannot keep — is reported as a :class:`~.safety.Problem` naming the file, the element and its
line; nothing is dropped silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from aicert.itembank.interchange.safety import Problem

QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI3_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
QTI2_NAMESPACES = {
    "http://www.imsglobal.org/xsd/imsqti_v2p0",
    QTI21_NS,
    "http://www.imsglobal.org/xsd/imsqti_v2p2",
}
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATIONS = {
    "2.1": f"{QTI21_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd",
    "3.0": f"{QTI3_NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
}
TEMPLATES = {
    "2.1": "http://www.imsglobal.org/question/qti_v2p1/rptemplates/{}",
    "3.0": "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/{}.xml",
}
QTI_VERSIONS = ("3.0", "2.1")

# XHTML elements we write; every other element is a QTI one (renamed qti-* in QTI 3).
_XHTML = {"p", "div", "span", "br", "table", "caption", "tbody", "tr", "td", "img"}
_CONTENT_BODY = {"modalFeedback", "rubricBlock"}
SUPPORTED_INTERACTIONS = {
    "choiceInteraction",
    "textEntryInteraction",
    "extendedTextInteraction",
    "orderInteraction",
    "matchInteraction",
}
TRUE_FALSE_LABELS = {"zh": ("正確", "錯誤"), "en": ("True", "False")}


def kebab(name: str) -> str:
    return re.sub(r"[A-Z]", lambda m: f"-{m.group(0).lower()}", name)


def camel(name: str) -> str:
    return re.sub(r"-([a-z0-9])", lambda m: m.group(1).upper(), name)


def choice_id(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"C{index + 1}"


def number_text(value: float | int) -> str:
    """Integers stay integers (``3``), floats keep a point (``3.0``): the type survives a trip."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return repr(float(value))


def number_parse(text: str) -> int | float:
    text = text.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def language_slot(code: str) -> str | None:
    """``zh`` or ``en`` (our two content fields) for a language tag, None for other languages."""
    code = (code or "").strip().lower()
    if code == "zh" or code.startswith("zh-"):
        return "zh"
    if code == "en" or code.startswith("en-"):
        return "en"
    return None


LANGUAGE_TAGS = {"zh": "zh-Hant", "en": "en"}


# --------------------------------------------------------------------------------------------
# Canonical content: what a lossless round trip must preserve.


def content_canonical(item_type: str, content: dict) -> dict:
    """The content without empty optional fields and defaults, for comparing round trips."""
    if not content:
        return {}
    out = {k: v for k, v in content.items() if v not in ("", None)}
    if item_type in ("single_choice", "multiple_response"):
        out["options"] = [
            {k: v for k, v in o.items() if v not in ("", None)} for o in content.get("options", [])
        ]
        if out.get("partial_credit") == "all_or_nothing":
            del out["partial_credit"]
    if item_type == "numeric" and out.get("tolerance") == 0:
        del out["tolerance"]
    if item_type == "short_text":
        if not out.get("case_sensitive"):
            out.pop("case_sensitive", None)
        if not out.get("patterns"):
            out.pop("patterns", None)
        if not out.get("answers"):
            out.pop("answers", None)
    if item_type == "matching":
        out["key"] = [list(pair) for pair in content.get("key", [])]
    return out


# --------------------------------------------------------------------------------------------
# Writing


# ``![alt](asset:<id>)`` in item text: written as <img src> to the image's file in the package.
_ASSET_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(asset:(\d{1,12})\)")
# What the reader leaves in the text for an <img>: resolved to a package file on import.
PACKAGE_IMAGE = "pkgimage:"
PACKAGE_IMAGE_RE = re.compile(r"pkgimage:([^)\s\"]+)")


class _Writer:
    def __init__(self, version: str, images: dict[int, str] | None = None):
        self.version = version
        self.ns = QTI3_NS if version == "3.0" else QTI21_NS
        self.images = images or {}

    def tag(self, name: str) -> str:
        if self.version == "3.0" and name not in _XHTML:
            name = f"qti-{kebab(name)}"
        return f"{{{self.ns}}}{name}"

    def el(self, parent, name: str, text: str | None = None, **attrs: Any) -> etree._Element:
        if self.version == "3.0" and name in _CONTENT_BODY and parent is not None:
            # QTI 3 wraps the content of feedback and rubric blocks in qti-content-body.
            if name == "rubricBlock":
                attrs["use"] = "scoring" if attrs.get("view") == "scorer" else "instructions"
            outer = etree.SubElement(parent, self.tag(name))
            self._attrs(outer, attrs)
            return etree.SubElement(outer, f"{{{self.ns}}}qti-content-body")
        element = (
            etree.Element(self.tag(name), nsmap={None: self.ns, "xsi": XSI_NS})
            if parent is None
            else etree.SubElement(parent, self.tag(name))
        )
        self._attrs(element, attrs)
        if text is not None:
            element.text = text
        return element

    def _attrs(self, element, attrs: dict[str, Any]) -> None:
        for key, value in attrs.items():
            if value is None:
                continue
            if key == "class_":
                key = "class"
            name = kebab(key) if self.version == "3.0" and not key.startswith("{") else key
            if isinstance(value, bool):
                value = "true" if value else "false"
            element.set(name, str(value))

    def flow(self, parent, text: str, *, block: bool) -> None:
        """Plain text into ``parent``: paragraphs as <p> (always when ``block``), lines as <br/>."""
        paragraphs = text.split("\n\n")
        if not block and len(paragraphs) == 1:
            self._lines(parent, text)
            return
        for paragraph in paragraphs:
            self._lines(self.el(parent, "p"), paragraph)

    def _lines(self, element, text: str) -> None:
        lines = text.split("\n")
        self._images(element, None, lines[0])
        for line in lines[1:]:
            br = self.el(element, "br")
            self._images(element, br, line)

    def _images(self, element, last, text: str):
        """Append ``text`` after ``last`` (or as ``element``'s text), its images as <img>."""

        def put(piece: str) -> None:
            if last is None:
                element.text = (element.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece

        position = 0
        for match in _ASSET_IMAGE.finditer(text):
            src = self.images.get(int(match.group(2)))
            if src is None:
                continue  # not an image of this item: stays as typed
            put(text[position : match.start()])
            last = self.el(element, "img", src=src, alt=match.group(1))
            position = match.end()
        put(text[position:])
        return last

    def template(self, name: str):
        return TEMPLATES[self.version].format(name)


def _score_outcome(w: _Writer, root, *, maximum: float | int, human: bool = False) -> None:
    outcome = w.el(
        root,
        "outcomeDeclaration",
        identifier="SCORE",
        cardinality="single",
        baseType="float",
        normalMaximum=number_text(maximum),
        externalScored="human" if human and w.version == "3.0" else None,
    )
    default = w.el(outcome, "defaultValue")
    w.el(default, "value", "0")


def _set_score(w: _Writer, parent, value: str) -> None:
    setter = w.el(parent, "setOutcomeValue", identifier="SCORE")
    w.el(setter, "baseValue", value, baseType="float")


def _explicit_rule(w: _Writer, rp, condition_builder) -> None:
    condition = w.el(rp, "responseCondition")
    branch = w.el(condition, "responseIf")
    condition_builder(branch)
    _set_score(w, branch, "1")
    otherwise = w.el(condition, "responseElse")
    _set_score(w, otherwise, "0")


def item_xml(
    *,
    identifier: str,
    title: str,
    language: str,
    item_type: str,
    content: dict,
    version: str,
    images: dict[int, str] | None = None,
) -> bytes:
    """One language variant of an item as a QTI ``version`` ("3.0" or "2.1") document.

    ``images`` maps the ids of the item's images to their paths relative to the item file:
    ``![alt](asset:<id>)`` in the text becomes ``<img src="<path>" alt="alt"/>``.
    """
    w = _Writer(version, images)
    root = w.el(
        None,
        "assessmentItem",
        identifier=identifier,
        title=title,
        adaptive=False,
        timeDependent=False,
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATIONS[version])
    root.set(XML_LANG, language)
    slot = language_slot(language) or "en"

    rd = w.el(root, "responseDeclaration", identifier="RESPONSE")
    correct: list[str] = []
    mapping: list[tuple[str, float | int, bool | None]] = []
    mapping_bounds = {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"}
    rp_template: str | None = "match_correct"
    explicit = None
    maximum: float | int = 1
    options = content.get("options", [])

    if item_type in ("single_choice", "true_false"):
        w._attrs(rd, {"cardinality": "single", "baseType": "identifier"})
        if item_type == "true_false":
            correct = ["TRUE" if content.get("key") else "FALSE"]
        else:
            correct = [choice_id(i) for i, o in enumerate(options) if o.get("correct")]
    elif item_type == "multiple_response":
        w._attrs(rd, {"cardinality": "multiple", "baseType": "identifier"})
        correct = [choice_id(i) for i, o in enumerate(options) if o.get("correct")]
        rule = content.get("partial_credit", "all_or_nothing")
        if rule != "all_or_nothing":
            share = 1 / max(len(correct), 1)
            wrong = 0 if rule == "proportional" else -share
            mapping = [
                (choice_id(i), share if o.get("correct") else wrong, None)
                for i, o in enumerate(options)
            ]
            rp_template = "map_response"
    elif item_type == "numeric":
        w._attrs(rd, {"cardinality": "single", "baseType": "float"})
        correct = [number_text(content["value"])]
        tolerance = content.get("tolerance", 0) or 0
        if tolerance:
            rp_template = None

            def explicit(branch, tolerance=tolerance):
                equal = w.el(
                    branch,
                    "equal",
                    toleranceMode="absolute",
                    tolerance=f"{number_text(tolerance)} {number_text(tolerance)}",
                )
                w.el(equal, "variable", identifier="RESPONSE")
                w.el(equal, "correct", identifier="RESPONSE")

    elif item_type == "short_text":
        w._attrs(rd, {"cardinality": "single", "baseType": "string"})
        answers = content.get("answers", [])
        correct = answers[:1]
        case = bool(content.get("case_sensitive", False))
        mapping = [(answer, 1, case) for answer in answers]
        rp_template = "map_response"
        patterns = content.get("patterns", [])
        if patterns:
            rp_template = None

            def explicit(branch, patterns=patterns, answers=answers):
                either = w.el(branch, "or")
                for pattern in patterns:
                    match = w.el(either, "patternMatch", pattern=pattern)
                    w.el(match, "variable", identifier="RESPONSE")
                if answers:
                    gt = w.el(either, "gt")
                    w.el(gt, "mapResponse", identifier="RESPONSE")
                    w.el(gt, "baseValue", "0", baseType="float")

    elif item_type == "ordering":
        w._attrs(rd, {"cardinality": "ordered", "baseType": "identifier"})
        correct = [choice_id(i) for i in content.get("key", [])]
    elif item_type == "matching":
        w._attrs(rd, {"cardinality": "multiple", "baseType": "directedPair"})
        correct = [f"P{p + 1} R{r + 1}" for p, r in content.get("key", [])]
    elif item_type == "constructed_response":
        w._attrs(rd, {"cardinality": "single", "baseType": "string"})
        rp_template = None
        maximum = sum(
            max((lv.get("score", 0) for lv in c.get("levels", [])), default=0)
            for c in content.get("rubric", {}).get("criteria", [])
        )
    else:
        raise ValueError(f"unknown item type {item_type}")

    if correct:
        cr = w.el(rd, "correctResponse")
        for value in correct:
            w.el(cr, "value", value)
    if mapping:
        mapping_el = w.el(rd, "mapping", **mapping_bounds)
        for key, value, case in mapping:
            w.el(
                mapping_el,
                "mapEntry",
                mapKey=key,
                mappedValue=number_text(value),
                caseSensitive=case,
            )

    _score_outcome(w, root, maximum=maximum, human=item_type == "constructed_response")
    feedback = content.get("feedback") or ""
    if feedback:
        w.el(
            root,
            "outcomeDeclaration",
            identifier="FEEDBACK",
            cardinality="single",
            baseType="identifier",
        )

    body = w.el(root, "itemBody")
    w.flow(body, content.get("stem", ""), block=True)
    rationales: list[tuple[str, str]] = []
    if item_type in ("single_choice", "multiple_response", "true_false"):
        interaction = w.el(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle=False,
            maxChoices=1 if item_type != "multiple_response" else 0,
        )
        if item_type == "true_false":
            labels = TRUE_FALSE_LABELS[slot]
            for ident, label in zip(("TRUE", "FALSE"), labels, strict=True):
                w.flow(w.el(interaction, "simpleChoice", identifier=ident), label, block=False)
            for ident, key in (("TRUE", "rationale_true"), ("FALSE", "rationale_false")):
                if content.get(key):
                    rationales.append((ident, content[key]))
        else:
            for i, option in enumerate(options):
                choice = w.el(interaction, "simpleChoice", identifier=choice_id(i))
                w.flow(choice, option.get("text", ""), block=False)
                if option.get("rationale"):
                    rationales.append((choice_id(i), option["rationale"]))
    elif item_type in ("numeric", "short_text"):
        paragraph = w.el(body, "p")
        w.el(paragraph, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength=20)
        if item_type == "numeric" and content.get("unit"):
            w.el(paragraph, "span", content["unit"], class_="aicert-unit")
    elif item_type == "ordering":
        interaction = w.el(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle=True)
        for i, option in enumerate(options):
            w.flow(
                w.el(interaction, "simpleChoice", identifier=choice_id(i)),
                option["text"],
                block=False,
            )
    elif item_type == "matching":
        prompts, responses = content.get("prompts", []), content.get("responses", [])
        interaction = w.el(
            body,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle=True,
            maxAssociations=len(prompts),
        )
        for prefix, rows, most in (("P", prompts, 1), ("R", responses, len(prompts))):
            match_set = w.el(interaction, "simpleMatchSet")
            for i, row in enumerate(rows):
                choice = w.el(
                    match_set,
                    "simpleAssociableChoice",
                    identifier=f"{prefix}{i + 1}",
                    matchMax=most,
                )
                w.flow(choice, row["text"], block=False)
    elif item_type == "constructed_response":
        w.el(body, "extendedTextInteraction", responseIdentifier="RESPONSE")
        rubric = w.el(body, "rubricBlock", view="scorer", class_="aicert-rubric")
        for criterion in content.get("rubric", {}).get("criteria", []):
            table = w.el(rubric, "table", class_="aicert-criterion")
            w.el(table, "caption", criterion["name"])
            tbody = w.el(table, "tbody")
            for level in criterion.get("levels", []):
                row = w.el(tbody, "tr")
                w.el(row, "td", str(level["score"]))
                w.flow(w.el(row, "td"), level.get("descriptor", ""), block=False)
    if rationales:
        block = w.el(body, "rubricBlock", view="author", class_="aicert-rationales")
        tbody = w.el(w.el(block, "table"), "tbody")
        for ident, text in rationales:
            row = w.el(tbody, "tr")
            w.el(row, "td", ident)
            w.flow(w.el(row, "td"), text, block=False)

    if rp_template:
        w.el(root, "responseProcessing", template=w.template(rp_template))
    elif explicit is not None:
        _explicit_rule(w, w.el(root, "responseProcessing"), explicit)
    if feedback:
        modal = w.el(
            root,
            "modalFeedback",
            outcomeIdentifier="FEEDBACK",
            identifier="GENERAL",
            showHide="hide",
        )
        w.flow(modal, feedback, block=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --------------------------------------------------------------------------------------------
# Reading


@dataclass
class ParsedItem:
    """What one item file says: identity, language, type and content, and what went wrong."""

    file: str
    identifier: str = ""
    title: str = ""
    language: str = ""
    version: str = ""
    item_type: str = ""
    content: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    def __init__(self, root: etree._Element, file: str):
        self.root = root
        self.file = file
        self.ns = etree.QName(root).namespace
        self.v3 = self.ns == QTI3_NS
        self.problems: list[Problem] = []

    # names and attributes, the same for QTI 2 and QTI 3

    def name(self, el) -> str:
        if not isinstance(el.tag, str):
            return ""
        qname = etree.QName(el)
        if qname.namespace != self.ns:
            return f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        local = qname.localname
        if self.v3 and local.startswith("qti-"):
            return camel(local[4:])
        return local

    def attr(self, el, name: str, default: str | None = None) -> str | None:
        return el.get(kebab(name) if self.v3 else name, default)

    def children(self, el) -> list[etree._Element]:
        """Element children, with QTI 3 content bodies unwrapped."""
        out = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if self.name(child) == "contentBody":
                out.extend(c for c in child if isinstance(c.tag, str))
            else:
                out.append(child)
        return out

    def problem(self, el, message: str) -> None:
        self.problems.append(
            Problem(
                message,
                file=self.file,
                line=getattr(el, "sourceline", None),
                element=self.display(el),
            )
        )

    def display(self, el) -> str:
        if el is None or not isinstance(el.tag, str):
            return ""
        return etree.QName(el).localname

    def unsupported(self, el, what: str = "") -> None:
        self.problem(el, what or _("This element is not supported and would be lost."))

    # text

    def text(self, el) -> str:
        """An element's content as plain text: p/div paragraphs, br line breaks, span text."""
        paragraphs: list[str] = []
        inline: list[str] = [el.text or ""]

        def flush():
            joined = "".join(inline).strip()
            if joined:
                paragraphs.append(joined)
            inline.clear()

        for child in el:
            if not isinstance(child.tag, str):
                inline.append(child.tail or "")
                continue
            name = self.name(child)
            if name in ("p", "div", "contentBody"):
                flush()
                nested = self.text(child)
                if nested:
                    paragraphs.append(nested)
            elif name == "br":
                inline.append("\n")
            elif name == "span":
                inline.append(self.text(child))
            elif name == "img" and (self.attr(child, "src") or "").strip():
                # Kept as a Markdown image of a package file; the package reader checks the
                # file and the import stores it as one of the new item's images.
                alt = re.sub(r"[\[\]\n]", " ", self.attr(child, "alt") or "").strip()
                src = self.attr(child, "src").strip()
                inline.append(f"![{alt}]({PACKAGE_IMAGE}{src})")
            else:
                self.unsupported(
                    child, _("Only plain text is kept here: this markup would be lost.")
                )
            inline.append(child.tail or "")
        flush()
        return "\n\n".join(paragraphs)

    # declarations and response processing

    def values(self, el) -> list[str]:
        return [(v.text or "").strip() for v in self.children(el) if self.name(v) == "value"]

    def read(self) -> ParsedItem:
        root = self.root
        parsed = ParsedItem(file=self.file)
        if self.ns not in QTI2_NAMESPACES | {QTI3_NS} or self.name(root) != "assessmentItem":
            self.problem(root, _("This is not a QTI 2.x or 3.0 assessment item."))
            parsed.problems = self.problems
            return parsed
        parsed.version = "3.0" if self.v3 else "2.x"
        parsed.identifier = root.get("identifier", "")
        parsed.title = root.get("title", "")
        parsed.language = root.get(XML_LANG, "")

        declarations: dict[str, etree._Element] = {}
        body = rp = None
        feedback: list[str] = []
        for child in self.children(root):
            name = self.name(child)
            if name == "responseDeclaration":
                declarations[child.get("identifier", "")] = child
            elif name == "outcomeDeclaration":
                continue  # outcomes matter only through the response processing, read below
            elif name == "itemBody":
                body = child
            elif name == "responseProcessing":
                rp = child
            elif name == "modalFeedback":
                if (
                    self.attr(child, "outcomeIdentifier") == "FEEDBACK"
                    and self.attr(child, "showHide") == "hide"
                ):
                    feedback.append(self.text(child))
                else:
                    self.unsupported(child, _("Only unconditional general feedback is supported."))
            else:
                self.unsupported(child)
        if body is None:
            self.problem(root, _("The item has no item body."))
            parsed.problems = self.problems
            return parsed

        interactions = [
            el
            for el in body.iter()
            if isinstance(el.tag, str) and self.name(el).endswith("Interaction")
        ]
        supported = [el for el in interactions if self.name(el) in SUPPORTED_INTERACTIONS]
        for el in interactions:
            if self.name(el) not in SUPPORTED_INTERACTIONS:
                self.unsupported(
                    el,
                    _("The interaction “%(name)s” is not supported.") % {"name": self.display(el)},
                )
        if len(supported) > 1:
            for el in supported[1:]:
                self.problem(el, _("Only one interaction per item is supported."))
        if not supported:
            if not interactions:
                self.problem(body, _("The item has no interaction."))
            parsed.problems = self.problems
            return parsed
        interaction = supported[0]
        declaration = declarations.get(self.attr(interaction, "responseIdentifier") or "")
        if declaration is None:
            self.problem(interaction, _("The interaction's response is not declared."))
            parsed.problems = self.problems
            return parsed

        context = _BodyContext()
        self.body(body, interaction, context)
        stem_parts = context.stem
        content: dict[str, Any] = {}
        item_type = self.interaction(interaction, declaration, rp, content, context)
        if context.prompt:
            stem_parts = [*stem_parts, context.prompt]
        content = {"stem": "\n\n".join(p for p in stem_parts if p), **content}
        if feedback:
            content["feedback"] = "\n\n".join(feedback)
        parsed.item_type = item_type or ""
        parsed.content = content
        parsed.problems = self.problems
        return parsed

    def body(self, container, interaction, context: _BodyContext) -> None:
        """Collect the stem, rubric blocks and unit around the interaction."""
        if (container.text or "").strip():
            context.stem.append(container.text.strip())
        for child in self.children(container):
            name = self.name(child)
            holds = child is interaction or any(d is interaction for d in child.iterdescendants())
            if child is interaction:
                pass
            elif holds and name == "div":
                self.body(child, interaction, context)
            elif holds and name == "p":
                self.inline_holder(child, interaction, context)
            elif holds:
                self.unsupported(child)
            elif name == "rubricBlock":
                classes = (child.get("class") or "").split()
                if "aicert-rationales" in classes:
                    context.rationales = self.table_rows(child)
                elif "aicert-rubric" in classes:
                    context.rubric = self.rubric(child)
                else:
                    self.unsupported(
                        child,
                        _("A rubric block not written in the aicert layout cannot be kept."),
                    )
            elif name in ("p", "div"):
                text = self.text(child)
                if text:
                    context.stem.append(text)
            elif name.endswith("Interaction"):
                pass  # reported above
            else:
                self.unsupported(child)
            if (child.tail or "").strip():
                context.stem.append(child.tail.strip())

    def inline_holder(self, paragraph, interaction, context: _BodyContext) -> None:
        """The paragraph that holds an inline text entry: only the entry and a unit may be there."""
        stray = (paragraph.text or "").strip()
        for child in self.children(paragraph):
            if child is interaction:
                pass
            elif self.name(child) == "span" and "aicert-unit" in (child.get("class") or "").split():
                context.unit = self.text(child)
            else:
                self.unsupported(child)
            stray += (child.tail or "").strip()
        if stray:
            self.problem(
                paragraph,
                _("Text around a text entry (a cloze item) is not supported: “%(text)s”.")
                % {"text": stray[:60]},
            )

    def table_rows(self, block) -> list[tuple[str, str, etree._Element]]:
        rows = []
        for row in block.iter():
            if isinstance(row.tag, str) and self.name(row) == "tr":
                cells = [c for c in row if isinstance(c.tag, str) and self.name(c) in ("td", "th")]
                if len(cells) != 2:
                    self.problem(row, _("Expected two cells: an identifier and a text."))
                    continue
                rows.append((self.text(cells[0]), self.text(cells[1]), row))
        return rows

    def rubric(self, block) -> dict:
        criteria = []
        for table in block.iter():
            if not isinstance(table.tag, str) or self.name(table) != "table":
                continue
            caption = next(
                (c for c in table.iter() if isinstance(c.tag, str) and self.name(c) == "caption"),
                None,
            )
            levels = []
            for ident, text, row in self.table_rows(table):
                try:
                    score = int(ident)
                except ValueError:
                    self.problem(row, _("A rubric score must be a whole number."))
                    continue
                levels.append({"score": score, "descriptor": text})
            criteria.append(
                {"name": self.text(caption) if caption is not None else "", "levels": levels}
            )
        return {"criteria": criteria}

    def response_processing(self, rp) -> tuple[str, Any]:
        """The scoring the response processing amounts to, or ("unsupported", None) (reported)."""
        if rp is None:
            return ("none", None)
        template = self.attr(rp, "template") or ""
        if template:
            name = template.rstrip("/").rsplit("/", 1)[-1].removesuffix(".xml")
            if name in ("match_correct", "map_response") and not self.children(rp):
                return (name, None)
            self.problem(
                rp,
                _("The response-processing template “%(name)s” is not supported.") % {"name": name},
            )
            return ("unsupported", None)
        rules = self.children(rp)
        result = self.explicit_rule(rules[0]) if len(rules) == 1 else None
        if result is None:
            self.problem(
                rules[0] if rules else rp,
                _(
                    "This response processing is not supported: use the templates match_correct "
                    "or map_response, or their explicit equivalents."
                ),
            )
            return ("unsupported", None)
        return result

    def shape(self, el, name: str, n: int | None = None) -> list | None:
        if el is None or self.name(el) != name:
            return None
        kids = self.children(el)
        if n is not None and len(kids) != n:
            return None
        return kids

    def is_var(self, el, name: str = "variable") -> bool:
        return self.shape(el, name, 0) is not None and el.get("identifier") == "RESPONSE"

    def sets_score(self, el, value: str | None) -> bool:
        """``setOutcomeValue SCORE`` to the float ``value`` (None: to mapResponse RESPONSE)."""
        kids = self.shape(el, "setOutcomeValue", 1)
        if kids is None or el.get("identifier") != "SCORE":
            return False
        if value is None:
            return self.is_var(kids[0], "mapResponse")
        return self.shape(kids[0], "baseValue", 0) is not None and _float_eq(
            kids[0].text, float(value)
        )

    def explicit_rule(self, condition) -> tuple[str, Any] | None:
        branches = self.shape(condition, "responseCondition", 2)
        if not branches:
            return None
        first, second = branches
        if_kids = self.shape(first, "responseIf", 2)
        else_kids = self.shape(second, "responseElse", 1)
        if not if_kids or not else_kids:
            return None
        test, then = if_kids
        (otherwise,) = else_kids
        # map_response spelled out: if isNull(RESPONSE) SCORE = 0 else SCORE = mapResponse
        null = self.shape(test, "isNull", 1)
        if null and self.is_var(null[0]) and self.sets_score(then, "0"):
            return ("map_response", None) if self.sets_score(otherwise, None) else None
        if not (self.sets_score(then, "1") and self.sets_score(otherwise, "0")):
            return None
        # match_correct spelled out: match(RESPONSE, correct(RESPONSE))
        pair = self.shape(test, "match", 2) or self.shape(test, "equal", 2)
        if pair and self.is_var(pair[0]) and self.is_var(pair[1], "correct"):
            if self.name(test) == "match":
                return ("match_correct", None)
            mode = self.attr(test, "toleranceMode", "exact")
            if mode == "exact":
                return ("match_correct", None)
            tolerances = (self.attr(test, "tolerance") or "").split()
            if mode == "absolute" and tolerances and len(set(tolerances)) == 1:
                try:
                    return ("tolerance", number_parse(tolerances[0]))
                except ValueError:
                    return None
            return None
        # accepted answers and/or patterns: or(patternMatch..., gt(mapResponse, 0))
        operands = self.shape(test, "or")
        if operands:
            patterns, mapped = [], False
            for operand in operands:
                var = self.shape(operand, "patternMatch", 1)
                gt = self.shape(operand, "gt", 2)
                if var and self.is_var(var[0]):
                    patterns.append(self.attr(operand, "pattern") or "")
                elif (
                    gt
                    and self.is_var(gt[0], "mapResponse")
                    and self.shape(gt[1], "baseValue", 0) is not None
                    and _float_eq(gt[1].text, 0)
                ):
                    mapped = True
                else:
                    return None
            return ("patterns", (patterns, mapped))
        return None

    def mapping(self, declaration) -> tuple[dict[str, float], float, list[tuple[str, bool]]]:
        mapping = next((c for c in self.children(declaration) if self.name(c) == "mapping"), None)
        if mapping is None:
            return {}, 0.0, []
        values, order = {}, []
        for entry in self.children(mapping):
            key = self.attr(entry, "mapKey") or ""
            try:
                values[key] = float(self.attr(entry, "mappedValue") or "0")
            except ValueError:
                self.problem(entry, _("The mapped value is not a number."))
                continue
            case = (self.attr(entry, "caseSensitive") or "true").strip().lower() == "true"
            order.append((key, case))
        try:
            default = float(self.attr(mapping, "defaultValue") or "0")
        except ValueError:
            default = 0.0
        return values, default, order

    # the interactions

    def interaction(self, el, declaration, rp, content: dict, context: _BodyContext) -> str | None:
        name = self.name(el)
        cardinality = declaration.get("cardinality", "")
        base_type = self.attr(declaration, "baseType") or ""
        correct_el = next(
            (c for c in self.children(declaration) if self.name(c) == "correctResponse"), None
        )
        correct = self.values(correct_el) if correct_el is not None else []
        scoring, argument = self.response_processing(rp)

        def want(*kinds: str) -> bool:
            if scoring in kinds or scoring == "unsupported":
                return scoring != "unsupported"
            if scoring == "none":
                self.problem(el, _("The item has no response processing, so it cannot be scored."))
                return False
            self.problem(
                rp if rp is not None else el,
                _("This scoring (%(found)s) does not fit a %(interaction)s.")
                % {"found": scoring, "interaction": self.display(el)},
            )
            return False

        prompt = None
        choices: list[tuple[str, str]] = []
        for child in self.children(el):
            child_name = self.name(child)
            if child_name == "prompt":
                prompt = self.text(child)
            elif child_name == "simpleChoice" and name in ("choiceInteraction", "orderInteraction"):
                choices.append((child.get("identifier", ""), self.text(child)))
            elif child_name == "simpleMatchSet" and name == "matchInteraction":
                continue
            else:
                self.unsupported(child)
        context.prompt = prompt
        ids = [ident for ident, _text in choices]

        def index_of(ident: str, where) -> int | None:
            if ident in ids:
                return ids.index(ident)
            self.problem(where, _("Unknown choice “%(id)s”.") % {"id": ident})
            return None

        rationales = {ident: text for ident, text, _row in context.rationales}
        for ident, _text, row in context.rationales:
            if ident not in ids:
                self.problem(row, _("A rationale for an unknown choice “%(id)s”.") % {"id": ident})

        if name == "choiceInteraction":
            if base_type != "identifier" or cardinality not in ("single", "multiple"):
                self.problem(declaration, _("A choice response must be identifiers."))
                return None
            if cardinality == "single" and ids == ["TRUE", "FALSE"]:
                want("match_correct")
                if correct not in (["TRUE"], ["FALSE"]):
                    self.problem(declaration, _("The correct response must be TRUE or FALSE."))
                content["key"] = correct == ["TRUE"]
                if rationales.get("TRUE"):
                    content["rationale_true"] = rationales["TRUE"]
                if rationales.get("FALSE"):
                    content["rationale_false"] = rationales["FALSE"]
                return "true_false"
            item_type = "single_choice" if cardinality == "single" else "multiple_response"
            keyed = set(correct)
            rule = "all_or_nothing"
            if item_type == "single_choice":
                want("match_correct")
            elif want("match_correct", "map_response") and scoring == "map_response":
                values, default, _order = self.mapping(declaration)
                if not keyed:
                    keyed = {i for i in ids if values.get(i, default) > 0}
                rule = self.partial_credit_rule(declaration, ids, keyed, values, default)
            for ident in keyed:
                index_of(ident, declaration)
            content["options"] = [
                {"text": text, "rationale": rationales.get(ident, ""), "correct": ident in keyed}
                for ident, text in choices
            ]
            if item_type == "multiple_response":
                content["partial_credit"] = rule
            return item_type

        if name == "orderInteraction":
            want("match_correct")
            if cardinality != "ordered":
                self.problem(declaration, _("An order response must have ordered cardinality."))
            content["options"] = [{"text": text} for _ident, text in choices]
            key = [index_of(ident, declaration) for ident in correct]
            content["key"] = [k for k in key if k is not None]
            return "ordering"

        if name == "matchInteraction":
            want("match_correct")
            sets = [c for c in self.children(el) if self.name(c) == "simpleMatchSet"]
            if len(sets) != 2 or base_type != "directedPair":
                self.problem(el, _("A match needs two match sets and directed pairs."))
                return None
            rows = []
            for match_set in sets:
                entries = []
                for child in self.children(match_set):
                    if self.name(child) == "simpleAssociableChoice":
                        entries.append((child.get("identifier", ""), self.text(child)))
                    else:
                        self.unsupported(child)
                rows.append(entries)
            prompt_ids = [i for i, _t in rows[0]]
            response_ids = [i for i, _t in rows[1]]
            key = []
            for value in correct:
                parts = value.split()
                if len(parts) != 2 or parts[0] not in prompt_ids or parts[1] not in response_ids:
                    self.problem(declaration, _("Unknown pair “%(pair)s”.") % {"pair": value})
                    continue
                key.append([prompt_ids.index(parts[0]), response_ids.index(parts[1])])
            content["prompts"] = [{"text": t} for _i, t in rows[0]]
            content["responses"] = [{"text": t} for _i, t in rows[1]]
            content["key"] = key
            return "matching"

        if name == "textEntryInteraction":
            if base_type in ("float", "integer"):
                if want("match_correct", "tolerance"):
                    content["tolerance"] = argument if scoring == "tolerance" else 0
                if len(correct) != 1:
                    self.problem(declaration, _("A numeric item needs one correct value."))
                    return "numeric"
                try:
                    content["value"] = number_parse(correct[0])
                except ValueError:
                    self.problem(declaration, _("The correct value is not a number."))
                if context.unit:
                    content["unit"] = context.unit
                return "numeric"
            if base_type != "string":
                self.problem(declaration, _("A text entry response must be a string or a number."))
                return None
            if context.unit:
                self.problem(el, _("A unit is only kept on numeric items."))
            values, _default, order = self.mapping(declaration)
            answers, case = [], None
            if want("match_correct", "map_response", "patterns"):
                if scoring == "match_correct":
                    answers, case = correct, True
                else:
                    answers = [key for key, _c in order if values.get(key, 0) > 0]
                    cases = {c for key, c in order if values.get(key, 0) > 0}
                    if len(cases) > 1:
                        self.problem(
                            declaration,
                            _("Mixed case sensitivity across accepted answers is not supported."),
                        )
                    case = cases.pop() if cases else False
                    if any(v not in (0, 1) for v in values.values()):
                        self.problem(
                            declaration,
                            _("Only full-credit answers (mapped to 1) are supported."),
                        )
                if scoring == "patterns":
                    patterns, mapped = argument
                    content["patterns"] = patterns
                    if not mapped:
                        answers = []
            content["answers"] = answers
            content["case_sensitive"] = bool(case)
            return "short_text"

        if name == "extendedTextInteraction":
            if scoring != "none":
                self.problem(rp, _("Constructed responses are scored by markers, not by rules."))
            if context.rubric is None:
                self.problem(
                    el,
                    _("No rubric in the aicert layout: a constructed response needs its rubric."),
                )
            content["rubric"] = context.rubric or {"criteria": []}
            return "constructed_response"
        return None

    def partial_credit_rule(self, declaration, ids, keyed, values, default) -> str:
        right = {values.get(i, default) for i in ids if i in keyed}
        wrong = {values.get(i, default) for i in ids if i not in keyed}
        if len(right) == 1 and (share := right.pop()) > 0 and len(wrong) <= 1:
            penalty = wrong.pop() if wrong else 0.0
            if _float_eq(penalty, 0):
                return "proportional"
            if _float_eq(penalty, -share):
                return "right_minus_wrong"
        self.problem(
            declaration,
            _(
                "This mapping is not one of our partial-credit rules (proportional: each right "
                "option the same positive value, wrong ones 0; right minus wrong: wrong ones "
                "the negative of it)."
            ),
        )
        return "all_or_nothing"


@dataclass
class _BodyContext:
    stem: list[str] = field(default_factory=list)
    prompt: str | None = None
    unit: str = ""
    rationales: list = field(default_factory=list)
    rubric: dict | None = None


def _float_eq(text: Any, value: float) -> bool:
    try:
        return abs(float(text) - value) < 1e-6
    except (TypeError, ValueError):
        return False


def item_read(root: etree._Element, *, file: str) -> ParsedItem:
    """Read one parsed item document (QTI 2.x or 3.0) into our content shape."""
    return _Reader(root, file).read()
