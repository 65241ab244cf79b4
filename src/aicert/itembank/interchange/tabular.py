"""Simple single-choice items as CSV or XLSX rows, both ways.

One row per language variant; rows with the same ``external_id`` are one item (the ``zh-Hant``
row is required, the ``en`` row optional). Columns (header names, any order; row 1 is the
header, so data rows are numbered from 2 as in a spreadsheet):

``external_id, certification, level, subject, domain, extra_domains, language, stem,
option_a .. option_d, key, rationale_a .. rationale_d, cognitive_level, difficulty, feedback``

``extra_domains`` lists other domain codes separated by ``;``. ``certification`` is needed only when a level code is used by more than one certification
(``level`` may also be written ``certification/level``); ``level``, ``subject``, ``domain``,
``cognitive_level`` and ``difficulty`` may be left out when defaults are chosen on the import
page. ``key`` is the letter of the correct option. Errors are reported per row and column, and
a table with any error imports nothing.

Spreadsheet formula injection: a CSV cell we write that starts with ``= + - @`` gets a leading
apostrophe (the usual defence), which the reader takes off again; XLSX cells are written as
text, never as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from aicert.itembank.interchange.qti import LANGUAGE_TAGS, language_slot
from aicert.itembank.interchange.safety import DEFAULT_LIMITS, Limits, Problem, zip_read

LETTERS = "abcd"
COLUMNS = [
    "external_id",
    "certification",
    "level",
    "subject",
    "domain",
    "extra_domains",
    "language",
    "stem",
    *[f"option_{x}" for x in LETTERS],
    "key",
    *[f"rationale_{x}" for x in LETTERS],
    "cognitive_level",
    "difficulty",
    "feedback",
]
REQUIRED = ("external_id", "language", "stem", "option_a", "option_b", "key")
MAX_ROWS = 5000
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'[=+\-@\t\r]")


@dataclass
class Row:
    number: int
    values: dict[str, str]


@dataclass
class TableItem:
    """The rows of one external_id, as an item, with the problems of its rows."""

    key: str
    rows: list[int] = field(default_factory=list)
    content_zh: dict = field(default_factory=dict)
    content_en: dict = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    first_row: int = 0


class TableError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _clean(value) -> str:
    if value is None:
        return ""
    text = str(value) if not isinstance(value, str) else value
    text = text.replace("\r\n", "\n").strip()
    return text[1:] if _ESCAPED.match(text) else text


def _rows_from(header: list, body) -> list[Row]:
    names = [_clean(h).lower() for h in header]
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise TableError(
            Problem(
                _("Unknown columns: %(names)s. Expected: %(expected)s.")
                % {"names": ", ".join(unknown), "expected": ", ".join(COLUMNS)},
                row=1,
            )
        )
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise TableError(
            Problem(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)}, row=1)
        )
    rows = []
    for number, cells in enumerate(body, start=2):
        values = {
            name: _clean(cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name
        }
        if not any(values.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise TableError(Problem(_("At most %(n)d rows.") % {"n": MAX_ROWS}, row=number))
        rows.append(Row(number, values))
    return rows


def csv_rows(data: bytes) -> list[Row]:
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(Problem(_("The file is neither UTF-8 nor Big5 text.")))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise TableError(Problem(_("The file is empty.")))
        return _rows_from(header, reader)
    except csv.Error as error:
        raise TableError(Problem(_("Not a readable CSV file: %(e)s") % {"e": error})) from None


def xlsx_rows(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> list[Row]:
    """The first sheet's rows; the archive passes the zip safety checks before openpyxl opens it."""

    zip_read(data, limits=limits)  # raises UnsafeUpload for bombs and hostile paths
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise TableError(Problem(_("Not a readable XLSX workbook: %(e)s") % {"e": error})) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise TableError(Problem(_("The file is empty.")))
        return _rows_from(list(header), (list(r) for r in rows))
    finally:
        workbook.close()


def table_items(rows: list[Row]) -> list[TableItem]:
    """Group rows into items and build their single-choice content; problems per row and column."""
    items: dict[str, TableItem] = {}
    for row in rows:
        v = row.values
        key = v.get("external_id", "")
        problems: list[Problem] = []

        def error(column: str, message: str, row=row, problems=problems) -> None:
            problems.append(Problem(message, row=row.number, column=column))

        for column in REQUIRED:
            if not v.get(column):
                error(column, _("This column is required."))
        slot = language_slot(v.get("language", ""))
        if v.get("language") and slot is None:
            error("language", _("Use zh-Hant or en."))
        texts = [v.get(f"option_{x}", "") for x in LETTERS]
        while texts and not texts[-1]:
            texts.pop()
        if "" in texts:
            error("option_" + LETTERS[texts.index("")], _("Options must be filled in order."))
        answer = v.get("key", "").strip().lower()
        if answer and (answer not in LETTERS or LETTERS.index(answer) >= len(texts)):
            error("key", _("The key must be the letter of a filled option (A–D)."))
        item = items.setdefault(key, TableItem(key=key or f"row-{row.number}"))
        item.rows.append(row.number)
        item.first_row = item.first_row or row.number
        if slot and not problems:
            target = f"content_{slot}"
            if getattr(item, target):
                error("language", _("A second row in the same language for this external_id."))
            else:
                content = {
                    "stem": v["stem"],
                    "options": [
                        {
                            "text": text,
                            "rationale": v.get(f"rationale_{LETTERS[i]}", ""),
                            "correct": LETTERS[i] == answer,
                        }
                        for i, text in enumerate(texts)
                    ],
                }
                if v.get("feedback"):
                    content["feedback"] = v["feedback"]
                setattr(item, target, content)
        for column in (
            "certification",
            "level",
            "subject",
            "domain",
            "extra_domains",
            "cognitive_level",
            "difficulty",
        ):
            value = v.get(column, "")
            if not value:
                continue
            if item.meta.get(column, value) != value:
                error(
                    column,
                    _("Differs from the item's first row (row %(n)d).") % {"n": item.first_row},
                )
            item.meta.setdefault(column, value)
            item.meta.setdefault(f"{column}_row", str(row.number))
        for problem in problems:
            problem.item = item.key
        item.problems.extend(problems)
    for item in items.values():
        codes = item.meta.get("extra_domains", "")
        item.meta["extraDomains"] = [c.strip() for c in codes.split(";") if c.strip()]
        if not item.content_zh and not item.problems:
            item.problems.append(
                Problem(
                    _("The Chinese (zh-Hant) row is missing for this external_id."),
                    row=item.first_row,
                    column="language",
                    item=item.key,
                )
            )
    return list(items.values())


def _escape(value: str) -> str:
    return f"'{value}" if _FORMULA.match(value) else value


def table_rows_for_export(items) -> list[list[str]]:
    """Rows (header first) for :class:`~.package.ExportItem`-like items of type single_choice."""
    out = [COLUMNS]
    for item in items:
        for slot, content in (("zh", item.content_zh), ("en", item.content_en)):
            if not content:
                continue
            options = content.get("options", [])
            key = next((LETTERS[i] for i, o in enumerate(options) if o.get("correct")), "")
            values = {
                "external_id": item.code,
                "certification": item.certification,
                "level": item.level,
                "subject": item.subject,
                "domain": item.domain,
                "extra_domains": ";".join(item.extra_domains),
                "language": LANGUAGE_TAGS[slot],
                "stem": content.get("stem", ""),
                "key": key.upper(),
                "cognitive_level": item.cognitive_level,
                "difficulty": item.difficulty,
                "feedback": content.get("feedback", ""),
            }
            for i, option in enumerate(options):
                values[f"option_{LETTERS[i]}"] = option.get("text", "")
                values[f"rationale_{LETTERS[i]}"] = option.get("rationale", "")
            out.append([values.get(c, "") for c in COLUMNS])
    return out


def csv_build(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_escape(cell) for cell in row])
    # A byte order mark, so that Excel opens the Chinese as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_build(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "items"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
