"""IMS content packages (a zip with ``imsmanifest.xml``) of QTI items, written and read.

Layout we write, for QTI 3.0 and QTI 2.1 alike::

    imsmanifest.xml
    items/ITM-000012.zh-Hant.xml     <- one file per language variant, xml:lang on the root
    items/ITM-000012.en.xml

Both variants carry the same ``assessmentItem/@identifier`` (the item code); that identifier is
what ties the variants of one item together on import, so they become one item again (the
Chinese in ``content_zh``, the English in ``content_en``). Each manifest ``resource`` carries
IEEE LOM (``general``: identifier, title, language; ``educational``: difficulty) and an
``aicert:item`` block in our own namespace (:data:`AICERT_NS`) with what LOM has no place for:
item type, certification, level, subject, primary and other domains (by code), cognitive level,
intended difficulty. The ``aicert:item`` block wins over LOM; a package from elsewhere, without
it, takes those from the defaults chosen on the import page.

Reading never trusts the upload: :func:`.safety.zip_read` and :func:`.safety.xml_parse` refuse
unsafe archives and documents before anything else happens.
"""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from aicert.itembank.assets import image_check
from aicert.itembank.interchange import qti
from aicert.itembank.interchange.safety import (
    DEFAULT_LIMITS,
    Limits,
    Problem,
    UnsafeUpload,
    xml_parse,
    zip_read,
)

AICERT_NS = "urn:aicert:itembank:1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
CP_NAMESPACES = {
    "2.1": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "3.0": "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
}
CP_SCHEMA_LOCATIONS = {
    "2.1": "http://www.imsglobal.org/xsd/imscp_v1p1 "
    "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd",
    "3.0": "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 "
    "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd",
}
RESOURCE_TYPES = {"2.1": "imsqti_item_xmlv2p1", "3.0": "imsqti_item_xmlv3p0"}
SCHEMA = {"2.1": ("QTIv2.1 Package", "1.0.0"), "3.0": ("QTI Package", "3.0.0")}
# Our intended difficulty on LOM's five-step vocabulary, and back.
LOM_DIFFICULTY = {"easy": "easy", "medium": "medium", "hard": "difficult"}
LOM_DIFFICULTY_BACK = {
    "very easy": "easy",
    "easy": "easy",
    "medium": "medium",
    "difficult": "hard",
    "very difficult": "hard",
}
META_FIELDS = (
    "identifier",
    "itemType",
    "language",
    "certification",
    "level",
    "subject",
    "domain",
    "cognitiveLevel",
    "difficulty",
)


@dataclass
class ExportItem:
    """What the writer needs of one item: codes and both contents (loaded by the service)."""

    code: str
    item_type: str
    content_zh: dict
    content_en: dict
    certification: str
    level: str
    subject: str
    domain: str
    extra_domains: list[str]
    cognitive_level: str
    difficulty: str
    # The item's images the content uses: asset id -> (file name, bytes).
    images: dict[int, tuple[str, bytes]] = field(default_factory=dict)


def _sub(parent, ns: str, name: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _resource_metadata(resource, cp: str, item: ExportItem, language: str) -> None:
    metadata = _sub(resource, cp, "metadata")
    lom = _sub(metadata, LOM_NS, "lom")
    general = _sub(lom, LOM_NS, "general")
    identifier = _sub(general, LOM_NS, "identifier")
    _sub(identifier, LOM_NS, "catalog", "aicert")
    _sub(identifier, LOM_NS, "entry", item.code)
    title = _sub(general, LOM_NS, "title")
    _sub(title, LOM_NS, "string", item.code, language=language)
    _sub(general, LOM_NS, "language", language)
    educational = _sub(lom, LOM_NS, "educational")
    difficulty = _sub(educational, LOM_NS, "difficulty")
    _sub(difficulty, LOM_NS, "source", "LOMv1.0")
    _sub(difficulty, LOM_NS, "value", LOM_DIFFICULTY[item.difficulty])
    block = _sub(metadata, AICERT_NS, "item")
    values = {
        "identifier": item.code,
        "itemType": item.item_type,
        "language": language,
        "certification": item.certification,
        "level": item.level,
        "subject": item.subject,
        "domain": item.domain,
        "cognitiveLevel": item.cognitive_level,
        "difficulty": item.difficulty,
    }
    for name in META_FIELDS:
        _sub(block, AICERT_NS, name, values[name])
    for code in item.extra_domains:
        _sub(block, AICERT_NS, "extraDomain", code)


def package_build(items: list[ExportItem], *, version: str) -> bytes:
    """A zip content package of the items in QTI ``version`` ("3.0" or "2.1")."""
    if version not in qti.QTI_VERSIONS:
        raise ValueError(version)
    cp = CP_NAMESPACES[version]
    manifest = etree.Element(
        f"{{{cp}}}manifest",
        {"identifier": "AICERT-ITEMS"},
        nsmap={None: cp, "lom": LOM_NS, "aicert": AICERT_NS, "xsi": qti.XSI_NS},
    )
    manifest.set(f"{{{qti.XSI_NS}}}schemaLocation", CP_SCHEMA_LOCATIONS[version])
    metadata = _sub(manifest, cp, "metadata")
    _sub(metadata, cp, "schema", SCHEMA[version][0])
    _sub(metadata, cp, "schemaversion", SCHEMA[version][1])
    _sub(manifest, cp, "organizations")
    resources = _sub(manifest, cp, "resources")
    files: dict[str, bytes] = {}
    for item in items:
        variants = [("zh", item.content_zh)] + (
            [("en", item.content_en)] if item.content_en else []
        )
        # Images sit beside the item files; <img src> is relative to the item file.
        image_src = {pk: f"media/{item.code}/{pk}-{name}" for pk, (name, _d) in item.images.items()}
        for pk, (_name, data) in item.images.items():
            files[f"items/{image_src[pk]}"] = data
        for slot, content in variants:
            language = qti.LANGUAGE_TAGS[slot]
            href = f"items/{item.code}.{language}.xml"
            files[href] = qti.item_xml(
                identifier=item.code,
                title=item.code,
                language=language,
                item_type=item.item_type,
                content=content,
                version=version,
                images=image_src,
            )
            resource = _sub(
                resources,
                cp,
                "resource",
                identifier=f"RES-{item.code}-{language}",
                type=RESOURCE_TYPES[version],
                href=href,
            )
            _resource_metadata(resource, cp, item, language)
            _sub(resource, cp, "file", href=href)
            for src in image_src.values():
                _sub(resource, cp, "file", href=f"items/{src}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "imsmanifest.xml",
            etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True),
        )
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Reading


@dataclass
class Variant:
    """One item file of the package with the metadata its manifest resource gave it."""

    file: str
    parsed: qti.ParsedItem
    meta: dict[str, Any]
    slot: str | None
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass
class PackageItem:
    """The language variants found for one item identifier, merged, with the problems met."""

    key: str
    files: list[str] = field(default_factory=list)
    item_type: str = ""
    content_zh: dict = field(default_factory=dict)
    content_en: dict = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source_version: str = ""
    # Images the content refers to as ``pkgimage:<package path>``: path -> bytes.
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass
class PackageContents:
    items: list[PackageItem] = field(default_factory=list)
    # Problems that belong to no single item (a resource we do not import, a missing file).
    problems: list[Problem] = field(default_factory=list)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _find(el, name: str, ns: str | None = None):
    for child in el.iter():
        if _local(child) == name and (ns is None or etree.QName(child).namespace == ns):
            return child
    return None


def _resource_meta(resource) -> dict[str, Any]:
    """What a manifest resource says about its item: our block first, LOM as a fallback."""
    meta: dict[str, Any] = {}
    metadata = next((c for c in resource if _local(c) == "metadata"), None)
    if metadata is None:
        return meta
    lom = _find(metadata, "lom", LOM_NS)
    if lom is not None:
        general = _find(lom, "general", LOM_NS)
        if general is not None:
            entry = _find(general, "entry", LOM_NS)
            if entry is not None and (entry.text or "").strip():
                meta["identifier"] = entry.text.strip()
            language = next(
                (c for c in general if _local(c) == "language" and (c.text or "").strip()), None
            )
            if language is not None:
                meta["language"] = language.text.strip()
        difficulty = _find(lom, "difficulty", LOM_NS)
        value = _find(difficulty, "value", LOM_NS) if difficulty is not None else None
        if value is not None and (value.text or "").strip().lower() in LOM_DIFFICULTY_BACK:
            meta["difficulty"] = LOM_DIFFICULTY_BACK[value.text.strip().lower()]
    block = _find(metadata, "item", AICERT_NS)
    if block is not None:
        meta["aicert"] = True
        extra = []
        for child in block:
            name, text = _local(child), (child.text or "").strip()
            if name == "extraDomain":
                extra.append(text)
            elif name in META_FIELDS and text:
                meta[name] = text
        meta["extraDomains"] = extra
    return meta


def _manifest_path(files: dict[str, bytes]) -> str | None:
    if "imsmanifest.xml" in files:
        return "imsmanifest.xml"
    nested = [p for p in files if p.endswith("/imsmanifest.xml") and p.count("/") == 1]
    return nested[0] if len(nested) == 1 else None


def package_read(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> PackageContents:
    """The items of an uploaded package, each with its problems.

    Raises :class:`UnsafeUpload` when the package must be refused as a whole: unsafe zip or XML
    (in the manifest or in any item file), no manifest.
    """
    files = zip_read(data, limits=limits)
    manifest_path = _manifest_path(files)
    if manifest_path is None:
        raise UnsafeUpload(
            [Problem(_("This is not a content package: imsmanifest.xml is missing."))]
        )
    base = manifest_path.rpartition("/")[0]
    manifest = xml_parse(files[manifest_path], file=manifest_path)
    contents = PackageContents()
    variants: list[Variant] = []
    for resource in manifest.iter():
        if _local(resource) != "resource":
            continue
        kind = resource.get("type", "")
        href = resource.get("href", "")
        path = f"{base}/{href}" if base and href else href
        if kind == "webcontent":
            continue  # stylesheets and media: read only through the items that use them
        if "imsqti_item" not in kind:
            contents.problems.append(
                Problem(
                    _("Resources of type “%(type)s” are not imported (only items are).")
                    % {"type": kind},
                    file=manifest_path,
                    line=resource.sourceline,
                    element="resource",
                )
            )
            continue
        if path not in files:
            contents.problems.append(
                Problem(
                    _("The item file “%(href)s” is not in the package.") % {"href": href},
                    file=manifest_path,
                    line=resource.sourceline,
                    element="resource",
                )
            )
            continue
        parsed = qti.item_read(xml_parse(files[path], file=path), file=path)
        images = _images_resolve(parsed, files, path)
        meta = _resource_meta(resource)
        language = meta.get("language") or parsed.language
        if meta.get("language") and parsed.language and meta["language"] != parsed.language:
            parsed.problems.append(
                Problem(
                    _("The manifest says the language is %(a)s, the item says %(b)s.")
                    % {"a": meta["language"], "b": parsed.language},
                    file=path,
                )
            )
        variants.append(
            Variant(file=path, parsed=parsed, meta=meta, slot=_slot(language, path), images=images)
        )
    if not variants and not contents.problems:
        contents.problems.append(Problem(_("The package holds no items."), file=manifest_path))
    contents.items = _merge(variants)
    return contents


def _images_resolve(parsed: qti.ParsedItem, files: dict[str, bytes], path: str) -> dict[str, bytes]:
    """Point the item's ``<img src>`` at package files; each must be there and a usable image.

    The text keeps ``pkgimage:<package path>``; the import stores each file as one of the new
    item's images and rewrites the reference to ``asset:<id>``.
    """

    text = json.dumps(parsed.content, ensure_ascii=False)
    found: dict[str, bytes] = {}
    folder = posixpath.dirname(path)
    for src in dict.fromkeys(qti.PACKAGE_IMAGE_RE.findall(text)):
        target = posixpath.normpath(posixpath.join(folder, unquote(src)))
        message = None
        if "://" in src or src.startswith(("/", "data:")) or target.startswith("../"):
            message = _("The image “%(src)s” is not a file in the package.") % {"src": src}
        elif target not in files:
            message = _("The image file “%(src)s” is not in the package.") % {"src": src}
        else:
            try:
                image_check(files[target])
            except ValidationError as error:
                message = f"{src}: {' '.join(error.messages)}"
        if message:
            parsed.problems.append(Problem(message, file=path, element="img"))
            continue
        found[target] = files[target]
        text = text.replace(f"{qti.PACKAGE_IMAGE}{src})", f"{qti.PACKAGE_IMAGE}{target})")
    parsed.content = json.loads(text)
    return found


def _slot(language: str, path: str) -> str | None:
    if not language:
        return "zh"  # the program's default language
    return qti.language_slot(language)


def _merge(variants: list[Variant]) -> list[PackageItem]:
    """Language variants with the same identifier become one item."""
    by_key: dict[str, PackageItem] = {}
    for variant in variants:
        key = variant.meta.get("identifier") or variant.parsed.identifier or variant.file
        item = by_key.setdefault(key, PackageItem(key=key))
        item.files.append(variant.file)
        item.problems.extend(variant.parsed.problems)
        item.images.update(variant.images)
        item.source_version = item.source_version or variant.parsed.version
        if variant.slot is None:
            item.problems.append(
                Problem(
                    _("Only Chinese (zh-Hant) and English variants can be imported."),
                    file=variant.file,
                )
            )
            continue
        target = f"content_{variant.slot}"
        if getattr(item, target):
            item.problems.append(
                Problem(
                    _("A second variant in the same language for %(key)s.") % {"key": key},
                    file=variant.file,
                )
            )
            continue
        setattr(item, target, variant.parsed.content)
        declared = variant.meta.get("itemType")
        found = variant.parsed.item_type
        if declared and found and declared != found:
            item.problems.append(
                Problem(
                    _("The manifest says the item type is %(a)s, the item reads as %(b)s.")
                    % {"a": declared, "b": found},
                    file=variant.file,
                )
            )
        if item.item_type and found and item.item_type != found:
            item.problems.append(
                Problem(_("The language variants have different item types."), file=variant.file)
            )
        item.item_type = item.item_type or found
        for name, value in variant.meta.items():
            item.meta.setdefault(name, value)
    for item in by_key.values():
        for problem in item.problems:
            problem.item = item.key
    return list(by_key.values())
