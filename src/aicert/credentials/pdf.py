"""The certificate as a PDF: bilingual (zh-Hant and English on one page), ROC dates in Chinese,
the CJK font embedded as a subset (:class:`aicert.documents.pdf.CjkPdf`), and a QR code to the
public verification page."""

from __future__ import annotations

import datetime as dt
import io

from aicert.credentials.models import Certificate
from aicert.documents.pdf import FONT_FAMILY, CjkPdf
from aicert.documents.qr import qr_png
from aicert.shared.i18n import roc_date

INK = (33, 37, 41)
ACCENT = (43, 108, 176)
MUTED = (108, 117, 125)


def roc_full_date(value: dt.date) -> str:
    """``中華民國115年12月7日``: the ROC calendar with the state's full name, as certificates print."""
    return "中華" + roc_date(value)


def _en_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    """One A4 landscape page in both languages (the certificate is a bilingual document)."""
    level = certificate.level
    certification = level.certification
    pdf = CjkPdf(title=f"{certification.name_en} {level.name_en} {certificate.number}")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page(orientation="L")
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)

    pdf.set_text_color(*ACCENT)
    pdf.set_y(22)
    pdf.set_font(FONT_FAMILY, "B", 26)
    pdf.cell(width, 13, "證 書", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 15)
    pdf.cell(width, 8, "CERTIFICATE", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(width, 8, f"{certification.name_zh}　{level.name_zh}", align="C")
    pdf.ln(7)
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.cell(width, 6, f"{certification.name_en} · {level.name_en}", align="C")
    pdf.ln(12)

    name_zh = certificate.holder_name_zh or certificate.holder_name_en
    name_en = certificate.holder_name_en or certificate.holder_name_zh
    pdf.set_font(FONT_FAMILY, size=13)
    pdf.cell(width, 7, "茲證明", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 22)
    pdf.cell(width, 12, name_zh, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=12)
    pdf.cell(
        width,
        7,
        f"通過{certification.name_zh}{level.name_zh}認證，特頒此證。",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.cell(
        width,
        6,
        f"This certifies that {name_en} has achieved the {level.name_en} level of the "
        f"{certification.name_en} certification.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)

    rows = [
        ("證書字號", "Certificate number", certificate.number, certificate.number),
        (
            "初次發證日期",
            "First issued on",
            roc_full_date(certificate.issued_on),
            _en_date(certificate.issued_on),
        ),
        (
            "本期有效起日",
            "Valid from",
            roc_full_date(certificate.valid_from),
            _en_date(certificate.valid_from),
        ),
        (
            "有效期限",
            "Valid until",
            roc_full_date(certificate.expires_on) if certificate.expires_on else "永久有效",
            _en_date(certificate.expires_on) if certificate.expires_on else "Does not expire",
        ),
    ]
    left = pdf.l_margin + 18
    y = pdf.get_y()
    for label_zh, label_en, value_zh, value_en in rows:
        pdf.set_xy(left, y)
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.cell(38, 6, label_zh)
        pdf.set_font(FONT_FAMILY, size=11)
        pdf.cell(70, 6, value_zh)
        pdf.set_text_color(*MUTED)
        pdf.set_font(FONT_FAMILY, size=9)
        pdf.cell(34, 6, label_en)
        pdf.cell(50, 6, value_en)
        pdf.set_text_color(*INK)
        y += 8

    qr_size = 38
    qr_x, qr_y = pdf.w - pdf.r_margin - qr_size - 8, pdf.h - 22 - qr_size - 10
    pdf.image(io.BytesIO(qr_png(verify_url, scale=8, border=1)), qr_x, qr_y, qr_size, qr_size)
    pdf.set_font(FONT_FAMILY, size=7.5)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(qr_x - 12, qr_y + qr_size + 1)
    pdf.cell(qr_size + 24, 4, "掃描驗證 Scan to verify", align="C")

    pdf.set_xy(pdf.l_margin + 10, pdf.h - 32)
    pdf.set_font(FONT_FAMILY, size=8.5)
    pdf.multi_cell(
        width - qr_size - 40,
        4.5,
        "本證書之效力以線上驗證結果為準（證書字號與持有人姓名）。\n"
        "The certificate's validity is what the online verification says "
        f"(certificate number and holder's name): {verify_url.split('?')[0]}",
        align="L",
    )
    pdf.set_text_color(*INK)
    return pdf.pdf_bytes()
