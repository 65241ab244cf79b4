"""Single-choice items as CSV and XLSX: round trips, and errors by row and column."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from aicert.itembank.interchange import services as interchange
from aicert.itembank.interchange.tabular import COLUMNS, xlsx_build
from aicert.itembank.models import Item
from tests.itembank.interchange.test_qti_roundtrip import assert_same_item

pytestmark = pytest.mark.django_db


def csv_of(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def row(**values) -> dict:
    base = {
        "external_id": "Q1",
        "level": "associate",
        "subject": "foundations",
        "domain": "2",
        "language": "zh-Hant",
        "stem": "何者是監督式學習？",
        "option_a": "K-means",
        "option_b": "線性迴歸",
        "option_c": "PCA",
        "option_d": "",
        "key": "B",
        "rationale_b": "有標註資料",
        "cognitive_level": "understand",
        "difficulty": "medium",
    }
    base.update(values)
    return base


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(world, item_of, run_import, fmt):
    tricky = item_of(
        "single_choice",
        content_zh={
            "stem": "=SUM(A1) 不是公式，-1 也不是\n第二行",
            "options": [
                {"text": "+1", "rationale": "@提及", "correct": True},
                {"text": "B", "rationale": "", "correct": False},
            ],
            "feedback": "回饋",
        },
        content_en={},
    )
    plain = item_of("single_choice")
    export = interchange.items_export(actor=world.writer, pks=[tricky.pk, plain.pk], fmt=fmt)
    _plan, result = run_import(export.data, export.filename)
    assert len(result.created) == 2
    for original, copy in zip([tricky, plain], result.created, strict=True):
        assert_same_item(original, copy)


def test_csv_cells_that_look_like_formulas_are_escaped(world, item_of):
    item = item_of(
        "single_choice",
        content_zh={
            "stem": '=HYPERLINK("http://evil")',
            "options": [{"text": "a", "correct": True}, {"text": "b", "correct": False}],
        },
        content_en={},
    )
    export = interchange.items_export(actor=world.writer, pks=[item.pk], fmt="csv")
    text = export.data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_xlsx_cells_are_text_not_formulas():
    from openpyxl import load_workbook

    data = xlsx_build([["stem"], ["=1+1"]])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"


def test_english_rows_join_their_chinese_row(world, run_import):
    rows = [
        row(),
        row(language="en", stem="Which is supervised?", option_b="Regression", rationale_b=""),
    ]
    _plan, result = run_import(csv_of(rows), "items.csv")
    (item,) = result.created
    version = item.versions.get()
    assert version.content_en["options"][1] == {
        "text": "Regression",
        "rationale": "",
        "correct": True,
    }
    assert version.content_zh["options"][1]["rationale"] == "有標註資料"


def test_row_errors_name_row_and_column_and_nothing_is_imported(world, english):
    rows = [
        row(),  # row 2: fine
        row(external_id="Q2", key="E"),  # row 3
        row(external_id="Q3", language="fr"),  # row 4
        row(external_id="Q4", option_b="", option_c="PCA", key="A"),  # row 5
        row(external_id="Q5", level="nowhere"),  # row 6
        row(external_id="Q6", cognitive_level="memorise"),  # row 7
        row(external_id="Q7", stem=""),  # row 8
        row(external_id="Q1", language="zh-Hant"),  # row 9: a second zh row for Q1
        row(external_id="Q8", language="en"),  # row 10: no Chinese row
    ]
    plan = interchange.import_plan(actor=world.writer, data=csv_of(rows), filename="items.csv")
    found = {(p.row, p.column) for p in plan.all_problems}
    assert found == {
        (3, "key"),
        (4, "language"),
        (5, "option_b"),
        (6, "level"),
        (7, "cognitive_level"),
        (8, "stem"),
        (9, "language"),
        (10, "language"),
    }
    assert "row 3, key: The key must be the letter" in " ".join(map(str, plan.all_problems))
    assert not plan.partial_allowed
    with pytest.raises(ValidationError):
        interchange.items_import(actor=world.writer, plan=plan, accept_partial=True)
    assert not Item.objects.exists()


def test_xlsx_row_errors(world, english):
    table = [COLUMNS, [row(key="").get(c, "") for c in COLUMNS]]
    plan = interchange.import_plan(actor=world.writer, data=xlsx_build(table), filename="a.xlsx")
    assert [(p.row, p.column) for p in plan.all_problems] == [(2, "key")]


def test_bad_headers_are_reported(world, english):
    plan = interchange.import_plan(
        actor=world.writer, data=b"external_id,colour\nQ1,red\n", filename="a.csv"
    )
    assert plan.refused
    assert "row 1: Unknown columns: colour" in str(plan.problems[0])


def test_items_that_do_not_fit_a_table_are_named(world, item_of, english):
    numeric = item_of("numeric")
    with pytest.raises(ValidationError, match=numeric.code):
        interchange.items_export(actor=world.writer, pks=[numeric.pk], fmt="csv")


def test_big5_csv_from_excel_is_read(world, run_import):
    data = csv_of([row()]).decode().encode("cp950")
    _plan, result = run_import(data, "items.csv")
    assert result.created[0].versions.get().content_zh["stem"] == "何者是監督式學習？"
