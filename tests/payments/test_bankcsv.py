"""Reading bank statements: encodings, formats, bad rows by line; virtual account numbers."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from aicert.payments import bankcsv
from aicert.payments.providers import (
    luhn_check_digit,
    luhn_valid,
    payment_due_at,
    virtual_account_number,
)
from tests.payments.conftest import HEADER, statement_csv

TAIPEI = ZoneInfo("Asia/Taipei")


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    settings.USE_I18N = True
    with translation.override("en"):
        yield


def test_utf8_with_bom_and_chinese_header():
    data = statement_csv(("2026/11/20", "10:32:05", "95270000000017", "1,200", "王小明", "TX1"))
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = bankcsv.statement_parse(data)
    assert parsed.errors == []
    assert parsed.encoding == "utf-8"
    (row,) = parsed.rows
    assert row.line_number == 2
    assert row.transacted_at == dt.datetime(2026, 11, 20, 10, 32, 5, tzinfo=TAIPEI)
    assert row.account_number == "95270000000017"
    assert row.amount == 1200
    assert row.payer_name == "王小明"
    assert row.bank_reference == "TX1"


def test_big5_cp950_as_excel_saves_it():
    data = statement_csv(
        ("115/11/20", "09:00", "95270000000017", "1200.00", "陳淑芬", "TX2"), encoding="cp950"
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = bankcsv.statement_parse(data)
    assert parsed.encoding == "cp950"
    (row,) = parsed.rows
    assert row.payer_name == "陳淑芬"
    assert row.transacted_at.date() == dt.date(2026, 11, 20)  # ROC year 115


def test_english_header_title_rows_total_row_and_combined_date_time():
    text = (
        "Virtual account statement\r\nAccount 812-0001\r\n"
        "bank_reference,transaction_date,virtual_account,amount,payer_name,memo\r\n"
        "R1,2026-11-20 13:05,9527 0000 0000 17,800,Lee,x\r\n"
        ",,,,,\r\n"
        "R2,20261121,95270000000025,NT$1200,,\r\n"
        "Total,,,2000,,\r\n"
    )
    parsed = bankcsv.statement_parse(text.encode())
    assert parsed.errors == []
    assert [(r.line_number, r.bank_reference, r.amount) for r in parsed.rows] == [
        (4, "R1", 800),
        (6, "R2", 1200),
    ]
    assert parsed.rows[0].account_number == "95270000000017"
    assert parsed.rows[0].transacted_at == dt.datetime(2026, 11, 20, 13, 5, tzinfo=TAIPEI)
    assert parsed.rows[1].transacted_at == dt.datetime(2026, 11, 21, 0, 0, tzinfo=TAIPEI)


def test_tab_separated():
    text = HEADER.replace(",", "\t") + "\n2026/11/20\t10:00\t95270000000017\t1200\t王\tT9\n"
    (row,) = bankcsv.statement_parse(text.encode()).rows
    assert row.bank_reference == "T9"


def test_bad_rows_are_reported_by_line():
    data = statement_csv(
        ("2026/11/20", "10:00", "95270000000017", "1200", "A", "OK1"),
        ("2026/13/40", "10:00", "95270000000017", "1200", "B", "BAD1"),
        ("2026/11/20", "10:00", "95270000000017", "12.50", "C", "BAD2"),
        ("2026/11/20", "10:00", "", "-5", "D", ""),
        ("2026/11/20", "10:00", "ABC", "1200", "E", "BAD4"),
    )
    parsed = bankcsv.statement_parse(data)
    assert [r.bank_reference for r in parsed.rows] == ["OK1"]
    assert [e.line_number for e in parsed.errors] == [3, 4, 5, 6]
    messages = [str(e) for e in parsed.errors]
    assert messages[0].startswith("Line 3: the date or time")
    assert "“12.50” is not a positive whole number" in messages[1]
    assert "virtual account is empty" in messages[2]
    assert "amount “-5”" in messages[2] and "bank reference is empty" in messages[2]
    assert "“ABC” is not a number" in messages[3]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00\x00garbage\x81\x00", "neither UTF-8 nor Big5"),
        ("名字,電話\n王,0912\n".encode(), "No header row"),
        (HEADER.encode() + b"\r\n", "no transactions"),
        (b"\xef\xbb\xbf" + HEADER.encode() + b'\n2026/11/20,1,2,3,"unterminated\n' * 1, None),
    ],
)
def test_unreadable_files_are_refused(data, message):
    if message is None:  # an unterminated quote swallows the rest: the row is then invalid
        parsed = bankcsv.statement_parse(data)
        assert parsed.errors and not parsed.rows
        return
    with pytest.raises(bankcsv.StatementError, match=message):
        bankcsv.statement_parse(data)


def test_size_limit():
    data = statement_csv(("2026/11/20", "10:00", "95270000000017", "1200", "A", "R"))
    with pytest.raises(bankcsv.StatementError, match="larger than"):
        bankcsv.statement_parse(data + b" " * 2048, max_bytes=1024 * 1024 // 1024)


def test_amount_and_date_formats():
    assert bankcsv.parse_amount("1,200") == 1200
    assert bankcsv.parse_amount("NT$1,200.00") == 1200
    with pytest.raises(ValueError):
        bankcsv.parse_amount("1200.5")
    assert bankcsv.parse_date("1151120") == dt.date(2026, 11, 20)
    assert bankcsv.parse_date("99/1/2") == dt.date(2010, 1, 2)
    assert bankcsv.parse_time("0930") == dt.time(9, 30)


def test_virtual_account_numbers_carry_a_luhn_check_digit(settings):
    settings.PAYMENTS_VIRTUAL_ACCOUNT_PREFIX = "9527"
    number = virtual_account_number(1)
    assert number == "952700000000" + "1" + luhn_check_digit("9527000000001")
    assert len(number) == 14 and luhn_valid(number)
    assert luhn_check_digit("7992739871") == "3"  # the textbook example
    # A typo in any digit, or two neighbours swapped, breaks the check.
    for i in range(13):
        wrong = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]
        assert not luhn_valid(wrong)
    assert virtual_account_number(2) != number
    with pytest.raises(ValueError):
        virtual_account_number(10**9)


def test_payment_deadline_never_after_registration_closes(settings):
    settings.PAYMENTS_DUE_DAYS = 3
    opened = dt.datetime(2026, 11, 1, 10, 0, tzinfo=TAIPEI)
    far = opened + dt.timedelta(days=30)
    start = opened + dt.timedelta(days=40)
    assert payment_due_at(opened_at=opened, registration_closes_at=far, starts_at=start) == (
        opened + dt.timedelta(days=3)
    )
    soon = opened + dt.timedelta(days=2)
    assert payment_due_at(opened_at=opened, registration_closes_at=soon, starts_at=start) == soon
    # A seat taken from the waiting list after registration closed still gets a day to pay…
    closed = opened - dt.timedelta(days=1)
    assert payment_due_at(opened_at=opened, registration_closes_at=closed, starts_at=start) == (
        opened + dt.timedelta(days=1)
    )
    # …but never beyond the start of the exam.
    start_soon = opened + dt.timedelta(hours=5)
    assert (
        payment_due_at(opened_at=opened, registration_closes_at=closed, starts_at=start_soon)
        == start_soon
    )
