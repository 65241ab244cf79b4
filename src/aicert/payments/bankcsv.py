"""Reading a bank's statement of incoming virtual-account transfers (CSV), safely.

The format (what Taiwanese banks' virtual-account reconciliation exports look like; a sample is
``demo/bank_statement_sample.csv`` in the repository)::

    交易日期,交易時間,虛擬帳號,入帳金額,付款人,銀行交易序號
    2026/11/20,10:32:05,95270000000123,1200,王小明,TX2026112000012

- a header row with these columns in any order (Chinese or English names: ``transaction_date,
  transaction_time, virtual_account, amount, payer_name, bank_reference``), optionally after a
  few title rows; other columns (e.g. 備註) are ignored;
- dates as ``2026/11/20``, ``2026-11-20``, ``20261120`` or in the ROC calendar (``115/11/20``,
  ``1151120``); times ``10:32:05`` or ``10:32`` in Taiwan time (or the date cell holds both);
- amounts in whole NTD (``1,200`` and ``1200.00`` are fine; cents are not); credits only;
- encoded UTF-8 (with or without a byte-order mark) or Big5 (cp950), as Excel on a Taiwanese
  Windows saves it;
- blank rows and a closing total row (合計 / 總計 / Total) are skipped.

Everything wrong is reported with its line number; nothing is applied from a file with errors.
Pure: no database access.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

TAIPEI = ZoneInfo("Asia/Taipei")
MAX_BYTES = 5 * 1024 * 1024  # a month of a busy program's transfers is well under 1 MB
MAX_ROWS = 50_000
_HEADER_SEARCH_ROWS = 10
_MAX_ERRORS = 50

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("交易日期", "入帳日期", "日期", "transaction_date", "date"),
    "time": ("交易時間", "入帳時間", "時間", "transaction_time", "time"),
    "account": ("虛擬帳號", "虛擬帳戶", "virtual_account", "account"),
    "amount": ("入帳金額", "存入金額", "金額", "amount"),
    "payer": ("付款人", "付款人姓名", "匯款人", "payer_name", "payer"),
    "reference": ("銀行交易序號", "交易序號", "交易編號", "bank_reference", "reference"),
}
REQUIRED = ("date", "account", "amount", "reference")
_TOTAL_MARKERS = ("合計", "總計", "total")


@dataclass(frozen=True)
class StatementRow:
    line_number: int
    transacted_at: dt.datetime
    account_number: str
    amount: int
    payer_name: str
    bank_reference: str


@dataclass(frozen=True)
class RowError:
    line_number: int  # 0: about the whole file
    message: str

    def __str__(self) -> str:
        if self.line_number:
            return _("Line %(line)d: %(message)s") % {
                "line": self.line_number,
                "message": self.message,
            }
        return self.message


@dataclass
class ParsedStatement:
    encoding: str
    rows: list[StatementRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class StatementError(ValueError):
    """The file cannot be read at all (size, encoding, header)."""


def statement_decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding name: UTF-8 (BOM or not), else Big5/cp950, else an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp950")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise StatementError(
        _("The file is neither UTF-8 nor Big5 text. Export the statement as CSV and try again.")
    )


def _norm_header(cell: str) -> str:
    return re.sub(r"[\s\ufeff]+", "", cell).lower()


def _find_columns(header: list[str]) -> dict[str, int] | None:
    names = [_norm_header(c) for c in header]
    found: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in names:
                found[key] = names.index(alias.lower())
                break
    return found if all(k in found for k in REQUIRED) else None


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$"), False),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), False),
    (re.compile(r"^(\d{2,3})[/-](\d{1,2})[/-](\d{1,2})$"), True),  # ROC: 115/11/20
    (re.compile(r"^(\d{3})(\d{2})(\d{2})$"), True),  # ROC: 1151120
)


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for pattern, roc in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year + 1911 if roc else year, month, day)
    raise ValueError(text)


def parse_time(text: str) -> dt.time:
    text = text.strip()
    match = re.match(r"^(\d{1,2}):?(\d{2})(?::?(\d{2}))?$", text)
    if not match:
        raise ValueError(text)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    return dt.time(hour, minute, second)


def parse_amount(text: str) -> int:
    """Whole NTD from ``1,200``, ``1200.00`` or ``NT$1,200``; ValueError otherwise."""
    cleaned = re.sub(r"^(NT\$|\$)", "", text.strip().replace(",", "").replace(" ", ""))
    match = re.match(r"^(\d+)(?:\.(\d{1,2}))?$", cleaned)
    if not match or (match[2] and int(match[2]) != 0):
        raise ValueError(text)
    return int(match[1])


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _row(line: int, row: list[str], columns: dict[str, int]) -> StatementRow | RowError:
    problems: list[str] = []
    date_text, time_text = _cell(row, columns, "date"), _cell(row, columns, "time")
    if not time_text and " " in date_text:  # "2026/11/20 10:32:05" in one cell
        date_text, time_text = date_text.split(None, 1)
    transacted_at = None
    try:
        day = parse_date(date_text)
        clock = parse_time(time_text) if time_text else dt.time(0, 0)
        transacted_at = dt.datetime.combine(day, clock, tzinfo=TAIPEI)
    except ValueError:
        problems.append(
            _("the date or time %(value)s is not a date such as 2026/11/20 10:32:05.")
            % {"value": f"“{date_text} {time_text}”".replace(" ”", "”")}
        )
    account = re.sub(r"[\s-]", "", _cell(row, columns, "account"))
    if not account:
        problems.append(_("the virtual account is empty."))
    elif not account.isdigit() or len(account) > 20:
        problems.append(_("the virtual account “%(value)s” is not a number.") % {"value": account})
    amount = 0
    amount_text = _cell(row, columns, "amount")
    try:
        amount = parse_amount(amount_text)
        if amount <= 0:
            raise ValueError(amount_text)
    except ValueError:
        problems.append(
            _("the amount “%(value)s” is not a positive whole number of NTD.")
            % {"value": amount_text}
        )
    reference = _cell(row, columns, "reference")
    if not reference:
        problems.append(_("the bank reference is empty."))
    elif len(reference) > 64:
        problems.append(_("the bank reference is longer than 64 characters."))
    if problems:
        return RowError(line, " ".join(problems))
    assert transacted_at is not None
    return StatementRow(
        line_number=line,
        transacted_at=transacted_at,
        account_number=account,
        amount=amount,
        payer_name=_cell(row, columns, "payer")[:100],
        bank_reference=reference,
    )


def statement_parse(data: bytes, *, max_bytes: int = MAX_BYTES) -> ParsedStatement:
    """Read a statement file; raises :class:`StatementError` when it cannot be read at all.

    Row problems are collected in ``errors`` (with line numbers), up to 50.
    """
    if not data.strip():
        raise StatementError(_("The file is empty."))
    if len(data) > max_bytes:
        raise StatementError(
            _("The file is larger than %(size)d MB: split the statement by date.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    text, encoding = statement_decode(data)
    if "\x00" in text:
        raise StatementError(_("This is not a CSV text file."))
    # Comma-separated, or tab-separated when the first line says so ("save as text" in Excel).
    first_line = text.lstrip().split("\n", 1)[0]
    dialect = csv.excel_tab if first_line.count("\t") > first_line.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    parsed = ParsedStatement(encoding="utf-8" if encoding == "utf-8-sig" else encoding)
    columns: dict[str, int] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if columns is None:
                columns = _find_columns(row)
                if columns is None and line >= _HEADER_SEARCH_ROWS:
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            first = next((c.strip().lower() for c in row if c.strip()), "")
            if first.startswith(_TOTAL_MARKERS):
                continue
            if len(parsed.rows) + len(parsed.errors) >= MAX_ROWS:
                raise StatementError(
                    _("The file has more than %(count)d transactions: split it by date.")
                    % {"count": MAX_ROWS}
                )
            result = _row(line, row, columns)
            if isinstance(result, RowError):
                if len(parsed.errors) < _MAX_ERRORS:
                    parsed.errors.append(result)
            else:
                parsed.rows.append(result)
    except csv.Error as exc:
        raise StatementError(
            _("Line %(line)d cannot be read as CSV (%(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    if columns is None:
        raise StatementError(
            _(
                "No header row found. The first rows must name the columns 交易日期, 虛擬帳號, "
                "入帳金額 and 銀行交易序號 (or transaction_date, virtual_account, amount, "
                "bank_reference)."
            )
        )
    if not parsed.rows and not parsed.errors:
        raise StatementError(_("The file has a header but no transactions."))
    return parsed
