"""Reading an uploaded file of certificates to verify (CSV or XLSX) into rows, line by line.

The whole file is refused, with one clear message, when it cannot be read at all (not UTF-8, not
a spreadsheet, too big, too many rows, no number or name column). A row that cannot be checked
(empty number or name, a number that is no certificate number) is reported with its line
number and the rest are checked.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from aicert.credentials import numbering

MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 30
MAX_CELL = 200

# Header words (folded: case, width and spaces ignored) for the two columns.
NUMBER_HEADERS = {
    "number", "certificatenumber", "certificateno", "certno", "certificate", "no",
    "證書號碼", "證書編號", "證號", "證書字號", "號碼", "編號",
}  # fmt: skip
NAME_HEADERS = {
    "name", "holder", "holdername", "fullname", "姓名", "持有人", "持證人", "名字", "中文姓名",
    "英文姓名",
}  # fmt: skip


class BulkFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person uploading it."""


@dataclass
class ParsedFile:
    header: list[str]
    rows: list[dict] = field(default_factory=list)  # {"line", "cells", "number", "name"}
    errors: list[dict] = field(default_factory=list)  # {"line", "cells", "error"}


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()[:MAX_CELL]


def _csv_lines(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data:
        raise BulkFileError(_("This is not a text (CSV) file. Upload a CSV or an XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BulkFileError(
            _(
                "The file is not in UTF-8 (line %(line)d). Save it as “CSV UTF-8” and upload it "
                "again (Big5 files are not read)."
            )
            % {"line": data[: error.start].count(b"\n") + 1}
        ) from error
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    lines = []
    try:
        for cells in reader:
            lines.append((reader.line_num, [_cell(c) for c in cells[:MAX_COLUMNS]]))
            if len(lines) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise BulkFileError(
            _("The CSV file is broken near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return lines


def _xlsx_lines(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A damaged or foreign file fails in many ways inside the zip and XML readers; all of them
    # mean the same to the person uploading it.
    except Exception as error:
        raise BulkFileError(
            _("The spreadsheet cannot be read. Save it again as an Excel workbook (.xlsx).")
        ) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise BulkFileError(_("The spreadsheet has no sheet."))
        lines = []
        try:
            for number, values in enumerate(
                sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                lines.append((number, [_cell(v) for v in values]))
                if len(lines) > MAX_ROWS + 1:
                    break
        except Exception as error:  # the sheet's XML is read lazily: same failures
            raise BulkFileError(
                _("The spreadsheet cannot be read. Save it again as an Excel workbook (.xlsx).")
            ) from error
        return lines
    finally:
        workbook.close()


def _columns(first: list[str]) -> tuple[int, int, bool]:
    """(number column, name column, whether the first line is a header)."""
    folded = [_fold(c) for c in first]
    number_col = next((i for i, c in enumerate(folded) if c in NUMBER_HEADERS), None)
    name_col = next((i for i, c in enumerate(folded) if c in NAME_HEADERS), None)
    if number_col is not None and name_col is not None:
        return number_col, name_col, True
    if number_col is not None or name_col is not None:
        missing = _("holder's name") if name_col is None else _("certificate number")
        raise BulkFileError(_("Line 1: the column “%(column)s” is missing.") % {"column": missing})
    # No header: a first row that starts with a certificate number is data (number, name).
    if first and numbering.is_well_formed(numbering.normalise(first[0])):
        return 0, 1, False
    raise BulkFileError(
        _("Line 1 should name the columns: “certificate number” (證書號碼) and “name” (姓名).")
    )


def parse(data: bytes, filename: str) -> ParsedFile:
    """Read an uploaded file; raises :class:`BulkFileError` when it cannot be read at all."""
    if not data:
        raise BulkFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise BulkFileError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if data[:4] == b"PK\x03\x04":
        lines = _xlsx_lines(data)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise BulkFileError(
            _("The spreadsheet cannot be read. Save it again as an Excel workbook (.xlsx).")
        )
    else:
        lines = _csv_lines(data)
    lines = [(n, cells) for n, cells in lines if any(cells)]
    if not lines:
        raise BulkFileError(_("The file has no rows."))
    number_col, name_col, has_header = _columns(lines[0][1])
    header = lines[0][1] if has_header else []
    body = lines[1:] if has_header else lines
    if not body:
        raise BulkFileError(_("The file has a header but no rows."))
    if len(body) > MAX_ROWS:
        raise BulkFileError(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": f"{MAX_ROWS:,}"}
        )
    parsed = ParsedFile(header=header)
    for line, cells in body:
        number = cells[number_col] if number_col < len(cells) else ""
        name = cells[name_col] if name_col < len(cells) else ""
        if not number:
            error = _("The certificate number is empty.")
        elif not name:
            error = _("The holder's name is empty.")
        elif not numbering.is_well_formed(numbering.normalise(number)):
            error = _("“%(number)s” is not a certificate number.") % {"number": number}
        else:
            parsed.rows.append({"line": line, "cells": cells, "number": number, "name": name})
            continue
        parsed.errors.append({"line": line, "cells": cells, "error": error})
    return parsed
