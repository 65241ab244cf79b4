"""Reading untrusted uploads safely: zip archives and XML documents.

An uploaded package is hostile until proven otherwise. The zip reader refuses, before anything
is parsed: too many entries, an entry or a total that inflates past the limits (checked while
reading, not trusted from the headers), a suspicious compression ratio (zip bombs), absolute
paths and paths that climb out of the package (``../``), symbolic links, encrypted entries and
duplicate names.

XML is parsed with lxml hardened against the classic attacks: no entity resolution, no DTD
loading, no network, no huge trees; and any document that carries a DOCTYPE or an entity
declaration is refused outright, so neither external entities (XXE) nor entity expansion
("billion laughs") can happen. lxml is used rather than the standard library because every
reported problem names the line (``sourceline``) it was found on.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from lxml import etree


@dataclass(frozen=True)
class Limits:
    """How much an upload may hold; the defaults suit a few thousand items with small media."""

    upload_bytes: int = 20 * 1024 * 1024
    file_bytes: int = 5 * 1024 * 1024
    total_bytes: int = 50 * 1024 * 1024
    max_files: int = 2000
    # Deflated XML reaches 10-20x; hundreds or thousands mean a bomb.
    max_ratio: int = 100


DEFAULT_LIMITS = Limits()


@dataclass
class Problem:
    """One thing wrong with an upload, located as precisely as the source allows."""

    message: str
    file: str = ""
    line: int | None = None
    element: str = ""
    row: int | None = None
    column: str = ""
    # The item (external identifier) the problem belongs to; empty for the whole upload.
    item: str = ""

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line:
            parts.append(_("line %(n)d") % {"n": self.line})
        if self.element:
            parts.append(f"<{self.element}>")
        if self.row:
            parts.append(_("row %(n)d") % {"n": self.row})
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class UnsafeUpload(Exception):
    """The upload is refused as a whole; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class PackageFiles:
    """The files of a package that passed every check, by normalised path."""

    files: dict[str, bytes] = field(default_factory=dict)


_DRIVE = re.compile(r"^[A-Za-z]:")


def _safe_name(name: str) -> str | None:
    """The normalised path of an entry, or None when it is absolute or leaves the package."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return None
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(part == ".." for part in parts):
        return None
    return "/".join(p for p in parts if p not in ("", "."))


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """Read an entry, giving up as soon as it inflates past ``budget`` (headers can lie)."""
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(64 * 1024):
            size += len(chunk)
            if size > budget:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def zip_read(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The files of an uploaded zip by safe relative path; raise :class:`UnsafeUpload` if unsafe."""
    if len(data) > limits.upload_bytes:
        raise UnsafeUpload(
            [Problem(_("The upload is larger than %(n)d MB.") % {"n": limits.upload_bytes >> 20})]
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnsafeUpload(
            [Problem(_("Not a readable zip file (%(e)s).") % {"e": error})]
        ) from None
    if len(infos) > limits.max_files:
        raise UnsafeUpload(
            [
                Problem(
                    _("The package holds %(n)d entries; at most %(max)d are allowed.")
                    % {"n": len(infos), "max": limits.max_files}
                )
            ]
        )
    problems: list[Problem] = []
    declared_total = 0
    for info in infos:
        name = _safe_name(info.filename)
        mode = info.external_attr >> 16
        if name is None:
            problems.append(
                Problem(
                    _("Absolute paths and paths leaving the package (“..”) are not allowed."),
                    file=info.filename,
                )
            )
        elif info.create_system == 3 and stat.S_ISLNK(mode):
            problems.append(Problem(_("Symbolic links are not allowed."), file=info.filename))
        elif info.flag_bits & 0x1:
            problems.append(Problem(_("Encrypted entries are not allowed."), file=info.filename))
        elif info.file_size > limits.file_bytes:
            problems.append(
                Problem(
                    _("The file is larger than %(n)d MB.") % {"n": limits.file_bytes >> 20},
                    file=info.filename,
                )
            )
        elif info.file_size > limits.max_ratio * max(info.compress_size, 1):
            problems.append(
                Problem(
                    _("The file is compressed suspiciously well (a zip bomb?)."), file=info.filename
                )
            )
        declared_total += info.file_size
    if declared_total > limits.total_bytes:
        problems.append(
            Problem(
                _("The package unpacks to more than %(n)d MB.") % {"n": limits.total_bytes >> 20}
            )
        )
    if problems:
        raise UnsafeUpload(problems)

    files: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        name = _safe_name(info.filename) or ""
        if name in files:
            raise UnsafeUpload([Problem(_("The package holds this file twice."), file=name)])
        budget = min(limits.file_bytes, limits.total_bytes - total)
        try:
            content = _read_bounded(archive, info, budget)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            raise UnsafeUpload(
                [Problem(_("The file cannot be unpacked (%(e)s).") % {"e": error}, file=name)]
            ) from None
        if content is None:
            # The headers understated the size: exactly what a crafted bomb does.
            raise UnsafeUpload(
                [Problem(_("The file inflates past the size limits (a zip bomb?)."), file=name)]
            )
        total += len(content)
        if len(content) > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeUpload(
                [Problem(_("The file is compressed suspiciously well (a zip bomb?)."), file=name)]
            )
        files[name] = content
    return files


_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
# A DOCTYPE (and so any entity declaration) is refused before parsing, in any of the encodings
# an XML document may announce itself in.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def xml_parse(data: bytes, *, file: str) -> etree._Element:
    """Parse an XML document from the upload, or raise :class:`UnsafeUpload` saying why not."""
    if any(marker in data for marker in _DTD_MARKERS):
        raise UnsafeUpload(
            [
                Problem(
                    _("Document type declarations and entities are not allowed (XXE protection)."),
                    file=file,
                )
            ]
        )
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnsafeUpload(
            [
                Problem(
                    _("Not well-formed XML: %(e)s") % {"e": error.msg},
                    file=file,
                    line=error.lineno or None,
                )
            ]
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeUpload([Problem(_("Document type declarations are not allowed."), file=file)])
    for node in root.iter(etree.Entity):
        raise UnsafeUpload(
            [
                Problem(
                    _("Entity references are not allowed."),
                    file=file,
                    line=node.sourceline,
                )
            ]
        )
    return root
