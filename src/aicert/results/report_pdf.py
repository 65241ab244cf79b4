"""The score report as a PDF: the same content as the page, the chart drawn with fpdf2 shapes.

Rendered in the active language (zh-Hant dates in the ROC calendar, as official documents in
Taiwan are); text goes through :class:`aicert.documents.pdf.CjkPdf` so Chinese always shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aicert.documents.pdf import FONT_FAMILY, CjkPdf
from aicert.results.selectors import ScoreReport

BLUE = (43, 108, 176)
LIGHT_BLUE = (99, 164, 224)
RED = (197, 48, 48)
GREY = (220, 220, 220)


def _date(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    if translation.get_language() in ("zh-hant", "zh-tw"):
        return _("ROC year %(year)d, %(month)d/%(day)d %(time)s") % {
            "year": local.year - 1911,
            "month": local.month,
            "day": local.day,
            "time": local.strftime("%H:%M"),
        }
    return local.strftime("%Y-%m-%d %H:%M")


def _num(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def rule_explanation(report: ScoreReport) -> str:
    """The pass rule in words, shared by the page and the PDF."""
    rule = report.rule
    if rule is None:
        return _("This level has no pass rule yet.")
    return _(
        "To pass the level, the average of your scaled scores in all its subjects must be at "
        "least %(average)s, and every subject at least %(floor)s (out of %(max)s)."
    ) % {"average": _num(rule.average_min), "floor": _num(rule.subject_min), "max": rule.max_score}


def score_report_pdf(report: ScoreReport, *, candidate_name: str) -> bytes:
    """The report as PDF bytes, in the active language."""
    result = report.result
    language = "zh-Hant" if translation.get_language().startswith("zh") else "en"
    pdf = CjkPdf(title=_("Score report"), language=language)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.cell(width, 9, _("Score report"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.cell(
        width,
        6,
        f"{result.subject.level.certification} · {result.subject.level} · {result.subject}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(width, 6, _("Candidate") + f": {candidate_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        width,
        6,
        _("Exam date") + f": {_date(result.session.starts_at)}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if result.released_at:
        pdf.cell(
            width,
            6,
            _("Released") + f": {_date(result.released_at)}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(3)

    pdf.set_font(FONT_FAMILY, "B", 12)
    pdf.cell(width, 7, _("Your score"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=11)
    lines = [
        _("Scaled score") + f": {_num(result.scaled_score)}",
        _("Raw score") + f": {_num(result.raw_points)} / {_num(result.raw_max)} "
        f"({_num(result.percent)}%)",
        _("Subject minimum")
        + ": "
        + (
            (_("reached") if result.passed else _("not reached"))
            + (f" ({_num(result.subject_min)})" if result.subject_min is not None else "")
        ),
    ]
    for line in lines:
        pdf.cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.multi_cell(width, 5.5, rule_explanation(report), new_x="LMARGIN", new_y="NEXT")
    lr = report.level_result
    if lr is not None:
        pdf.set_font(FONT_FAMILY, "B", 11)
        outcome = _("Level passed") if lr.passed else _("Level not passed")
        pdf.cell(
            width,
            7,
            f"{outcome}: "
            + _("average %(average)s, lowest subject %(lowest)s.")
            % {"average": _num(lr.average), "lowest": _num(lr.lowest)},
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(FONT_FAMILY, size=11)
    else:
        pdf.multi_cell(
            width,
            5.5,
            _("The level outcome is decided when every subject of the level has a result."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(3)

    # Domain profile: bars drawn with rectangles, the subject minimum as a red line.
    pdf.set_font(FONT_FAMILY, "B", 12)
    pdf.cell(width, 7, _("Domain profile"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=9)
    label_w, bar_w, row_h = 70.0, 90.0, 6.5
    x0 = pdf.l_margin + label_w
    y_top = pdf.get_y() + 5
    pdf.set_draw_color(*GREY)
    for tick in range(0, 101, 25):
        x = x0 + bar_w * tick / 100
        pdf.text(x - 2.5, y_top - 1.5, f"{tick}%")
        pdf.line(x, y_top, x, y_top + row_h * len(report.domains))
    for i, d in enumerate(report.domains):
        y = y_top + i * row_h
        if y + row_h > pdf.h - pdf.b_margin:
            pdf.add_page()
            y_top = pdf.t_margin + 5 - i * row_h
            y = pdf.t_margin + 5
        label = f"{d.code} {d.name}"
        if len(label) > 26:
            label = label[:25] + "…"
        pdf.text(pdf.l_margin + 2 + 3 * d.depth, y + 4.3, label)
        pdf.set_fill_color(*(BLUE if d.depth == 0 else LIGHT_BLUE))
        w = bar_w * float(d.percent) / 100
        if w > 0:
            pdf.rect(x0, y + 1, w, row_h - 2, style="F")
        pdf.text(x0 + w + 1.5, y + 4.3, f"{_num(d.percent)}%")
    y_end = y_top + row_h * len(report.domains)
    if result.subject_min is not None:
        x = x0 + bar_w * float(result.subject_min) / 100
        pdf.set_draw_color(*RED)
        pdf.set_dash_pattern(dash=1.2, gap=1)
        pdf.line(x, y_top, x, y_end)
        pdf.set_dash_pattern()
        pdf.set_text_color(*RED)
        pdf.text(x - 8, y_end + 4, _("Subject minimum") + f" {_num(result.subject_min)}")
        pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(y_end + 8)

    # The same numbers as a table.
    pdf.set_font(FONT_FAMILY, "B", 9)
    cols = [(_("Domain"), 100.0), (_("Points earned"), 40.0), (_("Percent"), 40.0)]
    for title, w in cols:
        pdf.cell(w, 6, title, border="B")
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, size=9)
    for d in report.domains:
        pdf.cell(100, 5.5, ("  " * d.depth) + f"{d.code} {d.name}")
        pdf.cell(40, 5.5, f"{_num(d.points)} / {_num(d.max_points)}")
        pdf.cell(40, 5.5, f"{_num(d.percent)}%")
        pdf.ln(5.5)
    pdf.ln(3)

    pdf.set_font(FONT_FAMILY, "B", 12)
    pdf.cell(width, 7, _("What to study next"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=10)
    if not report.weakest:
        pdf.multi_cell(width, 5.5, _("Full marks in every domain."), new_x="LMARGIN", new_y="NEXT")
    for d in report.weakest:
        pdf.cell(
            width, 5.5, f"• {d.code} {d.name}: {_num(d.percent)}%", new_x="LMARGIN", new_y="NEXT"
        )
    if report.courses:
        pdf.ln(1)
        pdf.set_font(FONT_FAMILY, "B", 10)
        pdf.cell(width, 6, _("Recommended training courses"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, size=10)
        for c in report.courses:
            text = f"• {c.title} ({c.provider}, {c.hours} " + _("hours") + f", {c.mode})"
            if c.url:
                text += f" {c.url}"
            pdf.multi_cell(width, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    return pdf.pdf_bytes()
