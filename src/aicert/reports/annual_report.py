"""The yearly "regional AI talent report" (PDF, zh-Hant with the embedded Noto CJK subset of
``aicert.documents.pdf``): the open-data page's suppressed tables, a bar chart and a trend line
drawn with fpdf2, the county map (the dashboard's SVG, without its text) as a vector image,
the certificates at each month's end, and the domain strengths of candidates by region (bars
of the share reaching the domain standard, then the table)."""

from __future__ import annotations

import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aicert.documents.pdf import FONT_FAMILY, CjkPdf
from aicert.reports import charts
from aicert.reports.labels import Labels, metric_title
from aicert.reports.tables import DashboardTables, Table, key
from aicert.shared.suppression import hidden_label

BLUE = (49, 130, 189)
GREY = (189, 189, 189)


def annual_report_pdf(year: str, tables: DashboardTables, labels: Labels) -> bytes:
    title = _("Regional AI talent report %(year)s") % {"year": year}
    pdf = CjkPdf(title=title, subject=_("Open data"))
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 18)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=10)
    pdf.multi_cell(
        0,
        5,
        _(
            "Only aggregated counts are published here; counts below %(threshold)s are shown "
            "as “<%(threshold)s” and the cells that would reveal them as “x”."
        )
        % {"threshold": tables.published.limit},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        0,
        6,
        f"{_('Generated')}: {timezone.localtime().strftime('%Y-%m-%d %H:%M')}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    _trend_chart(pdf, tables)
    _county_bars(pdf, tables, labels)
    pdf.add_page()
    _map(pdf, tables, labels)
    for table in (tables.counties, tables.trend, tables.breakdown):
        _table(pdf, table)
    pdf.add_page()
    _heading(pdf, pgettext("reports heading", "Certificates"))
    for table in (tables.certificates, tables.certificates_trend):
        _table(pdf, table)
    pdf.add_page()
    _domains(pdf, tables, labels)
    pdf.set_font(FONT_FAMILY, size=8)
    pdf.ln(4)
    pdf.multi_cell(
        0,
        4,
        charts.map_credit()
        + ". "
        + _("Source: the program's registration and results records, aggregated and suppressed."),
    )
    return pdf.pdf_bytes()


def _heading(pdf: CjkPdf, text: str) -> None:
    pdf.set_font(FONT_FAMILY, "B", 12)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=9)


def _trend_chart(pdf: CjkPdf, tables: DashboardTables) -> None:
    _heading(pdf, _("Registrations and attendance by month"))
    pub = tables.published
    periods = tables.periods
    x0, y0, w, h = pdf.l_margin + 14, pdf.get_y() + 2, 160, 50
    values = [pub.number(key("registrations", period=p)) for p in periods]
    top = charts._nice_ceiling(max((v for v in values if v is not None), default=0))
    pdf.set_draw_color(200, 200, 200)
    for k in range(5):
        y = y0 + h - h * k / 4
        pdf.line(x0, y, x0 + w, y)
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.cell(12, 4, charts._tick(top * k / 4), align="R")
    step = w / max(len(periods) - 1, 1)
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.6)
    last = None
    for i, v in enumerate(values):
        x = x0 + step * i
        if v is None:
            last = None
            continue
        y = y0 + h - h * v / top
        pdf.set_fill_color(*BLUE)
        pdf.ellipse(x - 0.8, y - 0.8, 1.6, 1.6, style="F")
        if last:
            pdf.line(last[0], last[1], x, y)
        last = (x, y)
    pdf.set_line_width(0.2)
    for i, p in enumerate(periods):
        pdf.set_xy(x0 + step * i - 8, y0 + h + 1)
        pdf.cell(16, 4, p[2:], align="C")
    pdf.set_y(y0 + h + 8)


def _county_bars(pdf: CjkPdf, tables: DashboardTables, labels: Labels) -> None:
    _heading(pdf, _("Registrations by county"))
    pub = tables.published
    items = [
        (
            labels.name("county", c),
            pub.number(key("registrations", county=c)),
            pub.text(key("registrations", county=c)),
        )
        for c in tables.county_codes
    ]
    top = max((v for _, v, _ in items if v), default=0) or 1
    for name, value, text in items:
        y = pdf.get_y()
        pdf.cell(28, 5, name, align="R")
        x = pdf.l_margin + 30
        if value is None:
            pdf.set_fill_color(*GREY)
            pdf.rect(x, y + 0.8, 8, 3.4, style="F")
            width = 8.0
        else:
            width = 120 * value / top
            pdf.set_fill_color(*BLUE)
            pdf.rect(x, y + 0.8, max(width, 0.3), 3.4, style="F")
        pdf.set_xy(x + width + 2, y)
        pdf.cell(20, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _map(pdf: CjkPdf, tables: DashboardTables, labels: Labels) -> None:
    _heading(pdf, _("Pass rate by county"))
    pub = tables.published
    rates = {
        c: pub.rate(key("passed", county=c), key("results", county=c)) for c in tables.county_codes
    }
    svg = charts.svg_map(
        rates,
        {},
        labels.counties,
        title=_("Pass rate by county"),
        desc="",
        legend_title="",
        labels=False,
    )
    # fpdf2 draws the shapes; it has no use for the accessible <title>/<desc> or the hatch.
    plain = re.sub(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>|<defs>.*?</defs>", "", svg)
    top = pdf.get_y()
    pdf.image(io.BytesIO(plain.encode("utf-8")), x=pdf.l_margin, y=top, w=80)
    # The legend in the CJK font beside the map (the SVG's own text is left out).
    shown = [v for v in rates.values() if v is not None]
    breaks = charts.scale_breaks(shown)
    lows = ([min(shown)] + breaks) if shown else []
    pdf.set_xy(pdf.l_margin + 90, top + 4)
    pdf.cell(0, 6, metric_title("pass_rate"), new_x="LMARGIN", new_y="NEXT")
    for k, low in enumerate(lows[: len(charts.SCALE)]):
        colour = charts.SCALE[k].lstrip("#")
        pdf.set_fill_color(*(int(colour[i : i + 2], 16) for i in (0, 2, 4)))
        y = top + 12 + 7 * k
        pdf.rect(pdf.l_margin + 90, y, 8, 5, style="DF")
        pdf.set_xy(pdf.l_margin + 100, y)
        pdf.cell(40, 5, f"≥ {low:.1f}%")
    y = top + 12 + 7 * len(lows[: len(charts.SCALE)])
    pdf.set_fill_color(*GREY)
    pdf.rect(pdf.l_margin + 90, y, 8, 5, style="DF")
    pdf.set_xy(pdf.l_margin + 100, y)
    pdf.cell(60, 5, _("hidden (%(small)s or x)") % {"small": hidden_label()})
    pdf.set_y(top + 80 * 1295 / 1000 + 4)


def _domains(pdf: CjkPdf, tables: DashboardTables, labels: Labels) -> None:
    _heading(pdf, _("Domain strengths of candidates"))
    pdf.multi_cell(
        0,
        4.5,
        _(
            "Of the released score reports, the share whose score in each competency domain "
            "reaches the domain standard: the subject minimum of the level's pass rule (the "
            "line on the candidate's score report). A candidate who sat twice counts twice."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    if not tables.domain_codes:
        pdf.multi_cell(
            0, 5, _("No released score reports for this year yet."), new_x="LMARGIN", new_y="NEXT"
        )
        return
    colours: dict[str, tuple[int, int, int]] = {}
    x0, span = pdf.l_margin + 42, 110.0
    for heading, bars in charts.domain_groups(tables, labels):
        if pdf.get_y() > 250:
            pdf.add_page()
        pdf.set_font(FONT_FAMILY, "B", 9)
        pdf.cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, size=8)
        for label, value, text in bars:
            if label not in colours:  # the dashboard's colour of this region / county
                code = charts.GROUP_COLOURS[len(colours) % len(charts.GROUP_COLOURS)]
                colours[label] = (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))
            colour = colours[label]
            y = pdf.get_y()
            pdf.cell(40, 4.5, label, align="R")
            if value is None:
                pdf.set_fill_color(*GREY)
                width = 6.0
            else:
                pdf.set_fill_color(*colour)
                width = max(span * value / 100, 0.3)
            pdf.rect(x0, y + 0.7, width, 3.2, style="F")
            pdf.set_xy(x0 + width + 2, y)
            pdf.cell(20, 4.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    _table(pdf, tables.domains)


def _table(pdf: CjkPdf, table: Table) -> None:
    if pdf.get_y() > 230:
        pdf.add_page()
    _heading(pdf, table.title)
    pdf.set_font(FONT_FAMILY, size=8)
    with pdf.table(
        first_row_as_headings=True,
        text_align=["LEFT"] + ["RIGHT"] * (len(table.header) - 1),
        line_height=4.5,
    ) as grid:
        for row in [table.header, *table.rows]:
            line = grid.row()
            for cell in row:
                line.cell(cell)
    pdf.ln(3)
