import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.reports.facts import facts_of_a_year

pytestmark = pytest.mark.django_db


def test_open_data_page_is_public_suppressed_and_has_no_gender(client):
    facts_of_a_year(2026)
    page = client.get(reverse("open_data:index"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "嘉義縣" in body and "&lt;10" in body and body.count("<svg") == 6
    assert "female" not in body and "女" not in body.split("<main")[-1].split("footer")[0]
    assert 'href="/open-data/2026/report.pdf"' in body
    csv = client.get(reverse("open_data:csv", args=["2026", "counties"])).content.decode(
        "utf-8-sig"
    )
    chiayi = next(line for line in csv.splitlines() if line.startswith("嘉義縣"))
    assert "<10" in chiayi
    assert client.get(reverse("open_data:csv", args=["2026", "gender"])).status_code == 404
    assert client.get(reverse("open_data:csv", args=["1999", "counties"])).status_code == 404
    assert client.get(reverse("open_data:index") + "?year=abc").status_code == 200


def test_yearly_report_pdf_has_chinese_text_embedded_font_and_charts(client, tmp_path):
    facts_of_a_year(2026)
    response = client.get(reverse("open_data:pdf", args=["2026"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils is missing (apt-get install poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026 年區域 AI 人才報告" in text
    assert "嘉義縣" in text and "臺南市" in text and "<10" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto" in fonts and " yes " in fonts  # embedded (subset) CJK font
    assert (
        int(
            subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
            .stdout.split("Pages:")[1]
            .split()[0]
        )
        >= 2
    )


def test_map_credit_is_given_in_the_readers_language(client):
    facts_of_a_year(2026)
    chinese = client.get(reverse("open_data:index")).content.decode()
    # Under each of the two maps and in the page's source line.
    assert chinese.count("地圖：@svg-maps/taiwan（CC BY 4.0），依據 simplemaps") == 3
    assert "based on simplemaps" not in chinese
    client.cookies["aicert_language"] = "en"
    english = client.get(reverse("open_data:index")).content.decode()
    assert english.count("Map: @svg-maps/taiwan (CC BY 4.0), based on simplemaps") == 3
