"""Import and export of items: plan an upload, import what is clean, export with an audit trail.

Import is two steps so that a person sees what will happen before anything is written:

1. :func:`import_plan` reads an upload (QTI content package ``.zip``, ``.csv`` or ``.xlsx``) and
   writes nothing: it returns the items it would create and every problem found, each located
   by file, element and line (packages) or row and column (tables).
2. :func:`items_import` creates the items, in one transaction, as drafts authored by the
   importer through :func:`aicert.itembank.services.item_create`, each with an
   ``itembank.import`` audit event naming its source.

The policy on problems: an unsafe upload (zip bomb, path traversal, XXE, oversize...) is
refused whole. Otherwise a package with problems imports nothing unless the importer accepts a
*partial import*: then the clean items are imported and the items with problems are skipped
(all language variants of an item go or stay together). Tables (CSV/XLSX) never import partly:
one bad row stops the whole table, as a spreadsheet is fixed and uploaded again.

Export (:func:`items_export`) writes the latest version of each item and records one
``itembank.export`` audit event per exported item (who, which item and version, which format):
item content is confidential, so the trail says who took which items out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aicert.accounts.permissions import require_permission
from aicert.accounts.types import Actor
from aicert.audit.services import audit_record
from aicert.itembank import services as itembank_services
from aicert.itembank.assets import references
from aicert.itembank.content import content_validate
from aicert.itembank.interchange import package, tabular
from aicert.itembank.interchange.safety import DEFAULT_LIMITS, Limits, Problem, UnsafeUpload
from aicert.itembank.interchange.selectors import CatalogIndex, catalog_index, items_exportable
from aicert.itembank.models import CognitiveLevel, Difficulty, Item

EXPORT_FORMATS = {
    "qti30": (gettext_lazy("QTI 3.0 content package"), "application/zip", "zip"),
    "qti21": (gettext_lazy("QTI 2.1 content package"), "application/zip", "zip"),
    "csv": (gettext_lazy("CSV (single-choice items)"), "text/csv; charset=utf-8", "csv"),
    "xlsx": (
        gettext_lazy("Excel workbook (single-choice items)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
TABLE_FORMATS = ("csv", "xlsx")


@dataclass
class ImportDefaults:
    """What to use for items whose source says nothing about it (chosen on the import page)."""

    level: Any = None
    subject: Any = None
    domain: Any = None
    cognitive_level: str = ""
    difficulty: str = ""


@dataclass
class ImportCandidate:
    """One item the upload would create, fully resolved, or the problems that stop it."""

    key: str
    source: str  # file names or row numbers, for the audit trail and the preview
    item_type: str = ""
    content_zh: dict = field(default_factory=dict)
    content_en: dict = field(default_factory=dict)
    level: Any = None
    subject: Any = None
    domain: Any = None
    extra_domains: list = field(default_factory=list)
    cognitive_level: str = ""
    difficulty: str = ""
    problems: list[Problem] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # package path -> bytes

    @property
    def stem(self) -> str:
        return self.content_zh.get("stem", "")

    @property
    def clean(self) -> bool:
        return not self.problems


@dataclass
class ImportPlan:
    """What an upload would do: the items, the problems, and whether it may import partly."""

    format: str
    filename: str
    candidates: list[ImportCandidate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # not tied to one item
    refused: bool = False  # unsafe or unreadable: nothing can be imported

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for c in self.candidates for p in c.problems]

    @property
    def clean_candidates(self) -> list[ImportCandidate]:
        return [c for c in self.candidates if c.clean]

    @property
    def partial_allowed(self) -> bool:
        return not self.refused and self.format == "qti" and bool(self.clean_candidates)


@dataclass
class ImportResult:
    created: list[Item]
    skipped: list[ImportCandidate]
    problems: list[Problem]


def _resolve(
    candidate: ImportCandidate, meta: dict, defaults: ImportDefaults, index: CatalogIndex, **where
) -> None:
    """Turn the codes of the source (or the defaults) into catalogue rows, or add problems."""

    def problem(message: str, column: str = "") -> None:
        row = where.get("row")
        if column and meta.get(f"{column}_row"):
            row = int(meta[f"{column}_row"])
        candidate.problems.append(
            Problem(message, file=where.get("file", ""), row=row, column=column, item=candidate.key)
        )

    level = defaults.level
    if meta.get("level"):
        level = index.level(meta["level"], meta.get("certification", ""))
        if level is None:
            problem(_("Unknown level “%(code)s”.") % {"code": meta["level"]}, "level")
            return
    if level is None:
        problem(_("No level given: choose a default level on the import page."), "level")
        return
    subject = defaults.subject if not meta.get("subject") else index.subject(level, meta["subject"])
    domain = defaults.domain if not meta.get("domain") else index.domain(level, meta["domain"])
    if subject is None or subject.level_id != level.pk:
        problem(
            _("Unknown subject “%(code)s” for level %(level)s.")
            % {"code": meta.get("subject", getattr(subject, "code", "")), "level": level.code},
            "subject",
        )
    if domain is None or domain.certification_id != level.certification_id:
        problem(
            _("Unknown domain “%(code)s” for this certification.")
            % {"code": meta.get("domain", getattr(domain, "code", ""))},
            "domain",
        )
    for code in meta.get("extraDomains", []):
        extra = index.domain(level, code)
        if extra is None:
            problem(
                _("Unknown domain “%(code)s” for this certification.") % {"code": code},
                "extra_domains" if "extra_domains_row" in meta else "",
            )
        else:
            candidate.extra_domains.append(extra)
    cognitive = (
        meta.get("cognitiveLevel") or meta.get("cognitive_level") or defaults.cognitive_level
    )
    difficulty = meta.get("difficulty") or defaults.difficulty
    if cognitive not in CognitiveLevel.values:
        problem(
            _("Unknown cognitive level “%(v)s”; use one of %(choices)s.")
            % {"v": cognitive, "choices": ", ".join(CognitiveLevel.values)},
            "cognitive_level",
        )
    if difficulty not in Difficulty.values:
        problem(
            _("Unknown difficulty “%(v)s”; use one of %(choices)s.")
            % {"v": difficulty, "choices": ", ".join(Difficulty.values)},
            "difficulty",
        )
    candidate.level, candidate.subject, candidate.domain = level, subject, domain
    candidate.cognitive_level, candidate.difficulty = cognitive, difficulty


def _validate(candidate: ImportCandidate, **where) -> None:
    if not candidate.item_type:
        return
    try:
        content_validate(
            item_type=candidate.item_type,
            content_zh=candidate.content_zh,
            content_en=candidate.content_en,
        )
    except ValidationError as error:
        for message in error.messages:
            candidate.problems.append(Problem(message, item=candidate.key, **where))


def _plan_package(plan: ImportPlan, data: bytes, defaults: ImportDefaults, limits: Limits) -> None:
    contents = package.package_read(data, limits=limits)
    plan.problems = contents.problems
    index = catalog_index()
    for found in contents.items:
        candidate = ImportCandidate(
            key=found.key,
            source=", ".join(found.files),
            item_type=found.item_type,
            content_zh=found.content_zh,
            content_en=found.content_en,
            problems=list(found.problems),
            images=dict(found.images),
        )
        if not found.content_zh and not found.problems:
            candidate.problems.append(
                Problem(
                    _("The Chinese (zh-Hant) variant is missing: it is required."),
                    file=found.files[0],
                    item=found.key,
                )
            )
        where = {"file": found.files[0]}
        _resolve(candidate, found.meta, defaults, index, **where)
        if candidate.clean:
            _validate(candidate, **where)
        plan.candidates.append(candidate)


def _plan_table(plan: ImportPlan, data: bytes, defaults: ImportDefaults, limits: Limits) -> None:
    try:
        rows = (
            tabular.csv_rows(data)
            if plan.format == "csv"
            else tabular.xlsx_rows(data, limits=limits)
        )
    except tabular.TableError as error:
        plan.refused = True
        plan.problems = [error.problem]
        return
    index = catalog_index()
    for found in tabular.table_items(rows):
        candidate = ImportCandidate(
            key=found.key,
            source=_("rows %(rows)s") % {"rows": ", ".join(map(str, found.rows))},
            item_type="single_choice",
            content_zh=found.content_zh,
            content_en=found.content_en,
            problems=list(found.problems),
        )
        if candidate.clean:
            _resolve(candidate, found.meta, defaults, index, row=found.first_row)
        if candidate.clean:
            _validate(candidate, row=found.first_row)
        plan.candidates.append(candidate)


def import_plan(
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    defaults: ImportDefaults | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPlan:
    """Read an upload and say what importing it would do; writes nothing."""
    require_permission(actor, "itembank.import_item")
    defaults = defaults or ImportDefaults()
    suffix = filename.lower().rpartition(".")[2]
    kind = {"zip": "qti", "csv": "csv", "xlsx": "xlsx"}.get(suffix)
    plan = ImportPlan(format=kind or "", filename=filename)
    if kind is None:
        plan.refused = True
        plan.problems = [Problem(_("Upload a .zip content package, a .csv or an .xlsx file."))]
        return plan
    if len(data) > limits.upload_bytes:
        plan.refused = True
        plan.problems = [
            Problem(_("The upload is larger than %(n)d MB.") % {"n": limits.upload_bytes >> 20})
        ]
        return plan
    try:
        if kind == "qti":
            _plan_package(plan, data, defaults, limits)
        else:
            _plan_table(plan, data, defaults, limits)
    except UnsafeUpload as error:
        plan.refused = True
        plan.candidates = []
        plan.problems = error.problems
    return plan


@transaction.atomic
def items_import(*, actor: Actor, plan: ImportPlan, accept_partial: bool = False) -> ImportResult:
    """Create the plan's items as drafts of ``actor``; all or nothing (see the module docstring).

    With problems, only a package with ``accept_partial`` imports its clean items; otherwise a
    ValidationError lists the problems and nothing is written.
    """
    require_permission(actor, "itembank.import_item")
    assert actor is not None  # require_permission refuses the system
    problems = plan.all_problems
    if plan.refused or not plan.candidates:
        raise ValidationError([str(p) for p in problems] or [_("There is nothing to import.")])
    if problems and not (accept_partial and plan.partial_allowed):
        raise ValidationError([str(p) for p in problems])
    created = []
    for candidate in plan.clean_candidates:
        item = itembank_services.item_create(
            actor=actor,
            level=candidate.level,
            subject=candidate.subject,
            domain=candidate.domain,
            cognitive_level=candidate.cognitive_level,
            difficulty=candidate.difficulty,
            item_type=candidate.item_type,
            content_zh=candidate.content_zh,
            content_en=candidate.content_en,
            extra_domains=candidate.extra_domains,
            images=candidate.images,
        )
        external_ref = _external_ref_for(candidate.key)
        if external_ref:
            item.external_ref = external_ref
            try:
                with transaction.atomic():
                    item.save(update_fields=["external_ref"])
            except IntegrityError:  # the same identifier imported at this very moment
                item.external_ref = external_ref = ""
        audit_record(
            actor=actor,
            action="itembank.import",
            target=item,
            changes={
                "format": plan.format,
                "file": plan.filename,
                "source_identifier": candidate.key,
                "external_ref": external_ref,
                "source": candidate.source,
            },
        )
        created.append(item)
    skipped = [c for c in plan.candidates if not c.clean]
    return ImportResult(created=created, skipped=skipped, problems=problems)


# --------------------------------------------------------------------------------------------
# Export


@dataclass
class ExportFile:
    filename: str
    content_type: str
    data: bytes


_EXTERNAL_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


def _external_ref_for(key: str) -> str:
    """The source identifier to keep as the new item's ``external_ref``, or "" when it is not a
    safe identifier (it becomes a file name on export) or another item already carries it (a
    package imported twice: the second copy travels under its own code)."""
    key = (key or "").strip()
    if not _EXTERNAL_REF.fullmatch(key) or Item.objects.filter(external_ref=key).exists():
        return ""
    return key


def _export_item(item: Item) -> tuple[package.ExportItem, Any]:
    version = item.versions.all()[0]
    used = references(version.content_zh, version.content_en)
    images = (
        {a.pk: (a.name, bytes(a.data)) for a in item.assets.filter(pk__in=used)} if used else {}
    )
    return (
        package.ExportItem(
            code=item.interchange_id,
            item_type=version.item_type,
            content_zh=version.content_zh,
            content_en=version.content_en or {},
            certification=item.level.certification.code,
            level=item.level.code,
            subject=item.subject.code,
            domain=item.domain.code,
            extra_domains=sorted(d.code for d in item.extra_domains.all()),
            cognitive_level=item.cognitive_level,
            difficulty=item.difficulty,
            images=images,
        ),
        version,
    )


@transaction.atomic
def items_export(*, actor: Actor, pks: list[int], fmt: str) -> ExportFile:
    """The latest versions of the items ``pks`` in format ``fmt`` (see :data:`EXPORT_FORMATS`).

    Refuses items the actor may not export (PermissionDenied) and, for the table formats, items
    that are not single-choice with at most four options (ValidationError naming them).
    """
    require_permission(actor, "itembank.export_item")
    assert actor is not None  # require_permission refuses the system
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(_("Unknown export format."))
    items = list(items_exportable(user=actor, pks=pks))
    if len(items) != len(set(pks)):
        raise PermissionDenied
    if not items:
        raise ValidationError(_("Choose at least one item to export."))
    loaded = [_export_item(item) for item in items]
    rows = [export for export, _version in loaded]
    if fmt in TABLE_FORMATS:
        unfit = [
            e.code
            for e in rows
            if e.item_type != "single_choice"
            or len(e.content_zh.get("options", [])) > len(tabular.LETTERS)
            or len(e.content_en.get("options", [])) > len(tabular.LETTERS)
        ]
        # A table cell can only carry "asset:N", which means nothing outside this bank: the
        # picture would be lost without a word. QTI packages carry the images themselves.
        with_images = [e.code for e in rows if e.images]
        if with_images:
            raise ValidationError(
                _(
                    "Items with images do not fit a table, which cannot carry the pictures; "
                    "export these as QTI instead: %(codes)s."
                )
                % {"codes": ", ".join(with_images)}
            )
        if unfit:
            raise ValidationError(
                _(
                    "Only single-choice items with at most four options fit a table; export "
                    "these as QTI instead: %(codes)s."
                )
                % {"codes": ", ".join(unfit)}
            )
        table = tabular.table_rows_for_export(rows)
        data = tabular.csv_build(table) if fmt == "csv" else tabular.xlsx_build(table)
    else:
        data = package.package_build(rows, version="3.0" if fmt == "qti30" else "2.1")
    _label, content_type, extension = EXPORT_FORMATS[fmt]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"aicert-items-{stamp}-{fmt}.{extension}"
    for item, (_export, version) in zip(items, loaded, strict=True):
        audit_record(
            actor=actor,
            action="itembank.export",
            target=item,
            changes={
                "format": fmt,
                "version": version.number,
                "file": filename,
                "count": len(items),
            },
        )
    return ExportFile(filename=filename, content_type=content_type, data=data)
