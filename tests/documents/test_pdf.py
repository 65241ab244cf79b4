import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from aicert.documents.pdf import FONT_FAMILY, CjkPdf
from aicert.documents.qr import qr_png, qr_svg


def _pdf_with(text: str) -> bytes:
    pdf = CjkPdf(title="測試")
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(text=text)
    return pdf.pdf_bytes()


def test_chinese_text_is_real_text_in_an_embedded_font_subset(tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(_pdf_with("准考證 王小明 民國115年12月5日 Admission ticket"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "准考證 王小明 民國115年12月5日 Admission ticket" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    line = next(row for row in fonts.splitlines() if "NotoSansCJK" in row)
    # "emb sub" columns: embedded and subset, so any reader renders it.
    assert line.split()[-5:-3] == ["yes", "yes"]
    assert len(path.read_bytes()) < 60_000  # a subset, not the 20 MB collection


def test_missing_font_is_a_clear_configuration_error(settings):
    settings.AICERT_CJK_FONTS = {"": ("/nonexistent/font.ttc", 0)}
    with pytest.raises((ImproperlyConfigured, FileNotFoundError)):
        CjkPdf(title="x")


def test_qr_codes_are_images_of_the_data():
    png = qr_png("123:signature")
    assert png.startswith(b"\x89PNG")
    svg = qr_svg("123:signature", title="ticket")
    assert svg.startswith("<svg") and "<title>ticket</title>" in svg
