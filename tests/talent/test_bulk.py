"""Verify one and bulk verify: per-row answers, bad rows reported by line, downloadable
results, and never a 500 on garbage, huge or foreign files."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from aicert.credentials import numbering
from aicert.talent import bulkfile
from aicert.talent.models import BulkStatus, BulkVerification


def csv_bytes(rows, *, bom=False, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def unknown_number(serial: int) -> str:
    return numbering.certificate_number(year=2020, serial=9_000_000 + serial)


def test_parse_finds_the_header_and_reports_bad_rows_by_line(english):
    data = csv_bytes(
        [
            ["備註", "證書號碼", "姓名"],
            ["a", unknown_number(5), "王小明"],
            ["b", "", "王小明"],
            ["c", unknown_number(5), ""],
            ["d", "not-a-number", "王小明"],
            ["", "", ""],
            ["e", " aic 2020 9000001 " + unknown_number(1)[-1], "Someone"],
        ],
        bom=True,
    )
    parsed = bulkfile.parse(data, "x.csv")
    assert parsed.header == ["備註", "證書號碼", "姓名"]
    assert [r["line"] for r in parsed.rows] == [2, 7]
    assert [(e["line"], e["error"]) for e in parsed.errors] == [
        (3, "The certificate number is empty."),
        (4, "The holder's name is empty."),
        (5, "“not-a-number” is not a certificate number."),
    ]


def test_parse_without_header_and_xlsx():
    rows = [[unknown_number(1), "A"], [unknown_number(2), "B"]]
    assert len(bulkfile.parse(csv_bytes(rows), "x.csv").rows) == 2
    parsed = bulkfile.parse(xlsx_bytes([["Certificate number", "Name"], *rows]), "x.xlsx")
    assert [r["number"] for r in parsed.rows] == [unknown_number(1), unknown_number(2)]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.csv", "empty"),
        ("證書號碼,姓名\nAIC-2026-0000001-X,王小明\n".encode("big5"), "x.csv", "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "photo.csv", "not a text"),
        (b"PK\x03\x04garbage that is no zip", "x.xlsx", "spreadsheet"),
        (b"plain text", "x.xlsx", "spreadsheet"),
        (csv_bytes([["number", "other"], ["AIC-2026-0000001-X", "x"]]), "x.csv", "missing"),
        (csv_bytes([["foo", "bar"], ["1", "2"]]), "x.csv", "should name the columns"),
        (csv_bytes([["number", "name"]]), "x.csv", "no rows"),
        (b"a" * (bulkfile.MAX_BYTES + 1), "x.csv", "larger"),
    ],
)
def test_parse_refuses_unreadable_files_with_a_clear_message(data, filename, message, english):
    with pytest.raises(bulkfile.BulkFileError) as error:
        bulkfile.parse(data, filename)
    assert message in str(error.value)


def test_parse_refuses_more_than_ten_thousand_rows(english):
    rows = [["number", "name"]] + [[unknown_number(i), "x"] for i in range(10_001)]
    with pytest.raises(bulkfile.BulkFileError, match="more than 10,000"):
        bulkfile.parse(csv_bytes(rows), "x.csv")
    assert len(bulkfile.parse(csv_bytes(rows[:10_001]), "x.csv").rows) == 10_000


def test_verify_one(client, tworld):
    client.force_login(tworld.recruiter)
    number = tworld.cert_a.number
    page = client.post(reverse("talent:verify"), {"number": number, "name": "林小美"})
    assert page.status_code == 200
    assert page.context["check"].is_valid
    assert tworld.level.name in page.content.decode()
    page = client.post(reverse("talent:verify"), {"number": number, "name": "Someone else"})
    assert page.context["check"].status == "not_found"
    assert tworld.level.name not in page.content.decode()  # a wrong name learns nothing
    revoked = client.post(
        reverse("talent:verify"), {"number": tworld.cert_c.number, "name": "Chang Hsiao-hua"}
    )
    assert revoked.context["check"].status == "revoked"
    client.force_login(tworld.alice)  # not a recruiter
    assert client.get(reverse("talent:verify")).status_code == 403


def test_bulk_verification_end_to_end(client, tworld, django_capture_on_commit_callbacks):
    rows = [["證書號碼", "姓名", "部門"]]
    for i in range(1000):
        kind = i % 4
        if kind == 0:
            rows.append([tworld.cert_a.number, "林小美", f"d{i}"])
        elif kind == 1:
            rows.append([tworld.cert_c.number, "張小華", f"d{i}"])  # revoked
        elif kind == 2:
            rows.append([unknown_number(i), "Nobody", f"d{i}"])
        else:
            rows.append(["=HYPERLINK(1)" if i == 3 else "AIC-XXXX", "x", f"d{i}"])  # bad rows
    client.force_login(tworld.recruiter)
    upload = SimpleUploadedFile("staff.csv", csv_bytes(rows, bom=True), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("talent:bulk_list"), {"file": upload})
    assert response.status_code == 302
    bulk = BulkVerification.objects.get()
    assert bulk.status == BulkStatus.DONE
    assert (bulk.total_rows, bulk.processed_rows, bulk.valid_count) == (750, 750, 250)
    page = client.get(response["Location"])
    assert page.status_code == 200
    counts = {code: n for code, _label, n in page.context["counts"]}
    assert counts == {"active": 250, "revoked": 250, "not_found": 250, "error": 250}
    assert "Line" in page.content.decode() or "行" in page.content.decode()
    progress = client.get(reverse("talent:bulk_progress", args=[bulk.pk]), HTTP_HX_REQUEST="true")
    assert progress.status_code == 200 and progress["HX-Refresh"] == "true"

    download = client.get(reverse("talent:bulk_download", args=[bulk.pk, "csv"]))
    table = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert table[0][:4] == ["line", "證書號碼", "姓名", "部門"]
    assert len(table) == 1001
    assert table[1][4] == "active" and table[2][4] == "revoked" and table[3][4] == "not_found"
    assert table[4][1] == "'=HYPERLINK(1)"  # no formula reaches a spreadsheet
    assert table[4][4] == "error" and table[4][-1]
    xlsx = client.get(reverse("talent:bulk_download", args=[bulk.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == 1001

    # Another organisation sees nothing of it.
    client.force_login(tworld.other_recruiter)
    assert client.get(reverse("talent:bulk_detail", args=[bulk.pk])).status_code == 404
    assert client.get(reverse("talent:bulk_download", args=[bulk.pk, "csv"])).status_code == 404


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x00\x01\x02\xff" * 100, "garbage.csv"),
        (b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx"),
        (b"%PDF-1.4 not a table", "file.pdf"),
        ("姓名\n王小明\n".encode(), "names.csv"),
        (b'"unterminated,quote\n' * 5, "q.csv"),
    ],
)
def test_bulk_upload_of_garbage_is_a_form_error_not_a_500(client, tworld, content, name):
    client.force_login(tworld.recruiter)
    response = client.post(reverse("talent:bulk_list"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not BulkVerification.objects.exists()


def test_bulk_upload_without_a_file(client, tworld):
    client.force_login(tworld.recruiter)
    response = client.post(reverse("talent:bulk_list"), {})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get(reverse("talent:bulk_download", args=[999, "csv"])).status_code == 404


def test_a_running_verification_polls_every_second_until_done(client, tworld):
    client.force_login(tworld.recruiter)
    rows = [["number", "name"], [tworld.cert_a.number, "林小美"]]
    # The task is queued after commit: in this test's transaction it has not run yet.
    client.post(reverse("talent:bulk_list"), {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    bulk = BulkVerification.objects.get()
    assert bulk.status == BulkStatus.QUEUED
    page = client.get(reverse("talent:bulk_detail", args=[bulk.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "result.csv" not in page
    fragment = client.get(reverse("talent:bulk_progress", args=[bulk.pk]), HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment and 'hx-trigger="every 1s"' in fragment.content.decode()
    from aicert.talent import services

    services.bulk_verification_run(bulk_id=bulk.pk)
    fragment = client.get(reverse("talent:bulk_progress", args=[bulk.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true" and "every 1s" not in fragment.content.decode()


def test_ten_thousand_rows_are_checked_in_chunks(tworld, django_assert_max_num_queries):
    from aicert.talent import services

    rows = [["number", "name"]] + [[unknown_number(i), "x"] for i in range(9_999)]
    rows.append([tworld.cert_a.number, "林小美"])
    parsed = bulkfile.parse(csv_bytes(rows), "big.csv")
    bulk = services.bulk_verification_create(
        actor=tworld.recruiter, organisation=tworld.employer, filename="big.csv", parsed=parsed
    )
    # 20 chunks of 500 rows: a lookup, the chunk's answers and a progress save each, and a few
    # more.
    with django_assert_max_num_queries(70):
        services.bulk_verification_run(bulk_id=bulk.pk)
    bulk.refresh_from_db()
    assert (bulk.processed_rows, bulk.valid_count, bulk.status) == (10_000, 1, BulkStatus.DONE)


def test_every_answer_is_written_once_so_a_big_file_costs_linear_time(tworld, monkeypatch):
    """Saving the progress after each chunk must not rewrite the answers of earlier chunks
    (that made a 10,000-row file quadratic: 20 chunks, 105,000 answers written)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aicert.talent import selectors, services

    monkeypatch.setattr(services, "BULK_CHUNK", 10)
    rows = [["number", "name"]] + [[unknown_number(i), "x"] for i in range(99)]
    rows.append([tworld.cert_a.number, "林小美"])
    parsed = bulkfile.parse(csv_bytes(rows), "big.csv")
    bulk = services.bulk_verification_create(
        actor=tworld.recruiter, organisation=tworld.employer, filename="big.csv", parsed=parsed
    )
    with CaptureQueriesContext(connection) as queries:
        services.bulk_verification_run(bulk_id=bulk.pk)
    written = sum(q["sql"].count('"line"') for q in queries.captured_queries)
    assert written == 100  # one per row, not 10 + 20 + ... + 100 = 550
    bulk.refresh_from_db()
    assert (bulk.processed_rows, bulk.valid_count, bulk.status) == (100, 1, BulkStatus.DONE)
    answers = selectors.bulk_results(bulk)
    assert [a["line"] for a in answers] == list(range(2, 102))
    assert [a["status"] for a in answers].count("active") == 1


def test_a_verification_run_again_starts_from_its_first_row(tworld):
    from aicert.talent import selectors, services

    rows = [["number", "name"], [tworld.cert_a.number, "林小美"], [unknown_number(1), "x"]]
    parsed = bulkfile.parse(csv_bytes(rows), "a.csv")
    bulk = services.bulk_verification_create(
        actor=tworld.recruiter, organisation=tworld.employer, filename="a.csv", parsed=parsed
    )
    services.bulk_verification_run(bulk_id=bulk.pk)
    BulkVerification.objects.filter(pk=bulk.pk).update(status=BulkStatus.FAILED)  # broke off
    services.bulk_verification_run(bulk_id=bulk.pk)
    bulk.refresh_from_db()
    assert (bulk.processed_rows, bulk.valid_count, bulk.status) == (2, 1, BulkStatus.DONE)
    assert [a["status"] for a in selectors.bulk_results(bulk)] == ["active", "not_found"]
