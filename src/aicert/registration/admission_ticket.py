"""The admission ticket PDF: one A4 page per registration, Traditional Chinese and English together.

Every label is printed in both languages whatever the reader's language (a ticket is shown to
invigilators as well as the candidate); the zh-Hant date is an ROC date (民國115年12月5日).
The QR code carries :func:`aicert.registration.tickets.admission_token`, the printed number
:func:`aicert.registration.tickets.ticket_number`, so check-in works with a camera or by typing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aicert.documents.pdf import FONT_FAMILY, CjkPdf
from aicert.documents.qr import qr_png
from aicert.registration import selectors
from aicert.registration.extensions import arrival_rules
from aicert.registration.tickets import admission_token, ticket_number
from aicert.shared.i18n import roc_date

_ZH = "zh-hant"
_EN = "en"
_WEEKDAYS_ZH = "一二三四五六日"

# Fixed texts, translated through the catalogue in each language.
_WHAT_TO_BRING = [
    gettext_lazy("This admission ticket, printed or on your phone."),
    gettext_lazy(
        "The original of the photo ID you registered with (national ID card, resident "
        "certificate or passport): without it you cannot sit the exam."
    ),
    gettext_lazy(
        "Scratch paper and pens are provided in the room; bring nothing else to your seat."
    ),
]
_ROOM_RULES = [
    gettext_lazy(
        "Phones, smart watches and other electronic devices are switched off and left in the "
        "bag area before the exam."
    ),
    gettext_lazy("No notes, books or food at your seat; a bottle of water is allowed."),
    gettext_lazy("Sit only in the seat printed on this ticket and keep your ID on the desk."),
    gettext_lazy("Talking, copying or helping others ends your exam and is reported."),
    gettext_lazy("Raise your hand and wait for the invigilator if you need anything."),
]


@dataclass(frozen=True)
class _Both:
    zh: str
    en: str


def _both(message) -> _Both:
    """A message (lazy or a callable taking no argument) in zh-Hant and in English."""
    out = []
    for language in (_ZH, _EN):
        with translation.override(language):
            out.append(str(message() if callable(message) else message))
    return _Both(*out)


def _in(language: str, obj) -> str:
    with translation.override(language):
        return str(obj)


def _zh_date(value: dt.date) -> str:
    return f"{roc_date(value)}（星期{_WEEKDAYS_ZH[value.weekday()]}）"


def _en_date(value: dt.date) -> str:
    return f"{value.strftime('%A')}, {value.day} {value.strftime('%B %Y')}"


def _ticket_page(pdf: CjkPdf, registration, *, now: dt.datetime) -> None:
    session = registration.session
    room = session.room
    venue = room.venue
    center = venue.center
    level = session.subject.level
    profile = getattr(registration.candidate, "candidate_profile", None)
    policy = arrival_rules()
    start = timezone.localtime(session.starts_at)
    doors = start - dt.timedelta(minutes=policy.opens_minutes_before)
    cutoff = start + dt.timedelta(minutes=policy.late_cutoff_minutes)
    ends = start + dt.timedelta(minutes=session.duration_minutes)
    accommodation = selectors.registration_accommodation(registration)
    # A separate-room place (SR-n) is no seat in the room's grid: candidates check in at the
    # room printed here and are taken to the separate room from there.
    separate = _both(gettext_lazy("Separate room — the invigilator takes you there at check-in."))
    late = _both(
        lambda: (
            _("Candidates more than %(minutes)s minutes late are not admitted.")
            % {"minutes": policy.late_cutoff_minutes}
        )
    )

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # Header and QR code (top right).
    qr = qr_png(admission_token(registration), scale=8, border=2)
    qr_size = 42
    pdf.image(io.BytesIO(qr), x=pdf.w - pdf.r_margin - qr_size, y=pdf.t_margin, w=qr_size)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.cell(width - qr_size, 10, "准考證  Admission Ticket", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 11)
    program = _both(gettext_lazy("AI Professional Certification"))
    pdf.cell(width - qr_size, 6, f"{program.zh}  {program.en}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.cell(width - qr_size, 8, ticket_number(registration), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 8)
    scan = _both(gettext_lazy("Ticket number (type it if the QR code cannot be scanned)"))
    pdf.multi_cell(width - qr_size - 2, 4, f"{scan.zh}\n{scan.en}", align="L")
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + qr_size + 2))

    # The facts, one row each: label (zh / en) and value (zh / en when they differ).
    name_zh = profile.legal_name_zh if profile else ""
    name_en = profile.legal_name_en if profile else ""
    address = "\n".join(dict.fromkeys(filter(None, [venue.address_zh, venue.address_en])))
    rows: list[tuple[_Both, str, bool]] = [
        (_both(gettext_lazy("Name")), "\n".join(filter(None, [name_zh, name_en])), True),
        (_both(gettext_lazy("ID number")), profile.id_number_masked if profile else "", False),
        (
            _both(gettext_lazy("Level and subject")),
            f"{_in(_ZH, level)} · {_in(_ZH, session.subject)}\n"
            f"{_in(_EN, level)} · {_in(_EN, session.subject)}",
            False,
        ),
        (
            _both(gettext_lazy("Exam date and time")),
            f"{_zh_date(start.date())} {start:%H:%M}–{ends:%H:%M}\n"
            f"{_en_date(start.date())}, {start:%H:%M}–{ends:%H:%M} "
            f"({session.duration_minutes} min)",
            True,
        ),
        (
            _both(gettext_lazy("Doors open / last admission")),
            f"{doors:%H:%M} / {cutoff:%H:%M}  {late.zh}\n{late.en}",
            False,
        ),
        (
            _both(gettext_lazy("Test center and venue")),
            f"{_in(_ZH, center)} · {_in(_ZH, venue)}\n"
            f"{_in(_EN, center)} · {_in(_EN, venue)}\n{address}",
            False,
        ),
        (
            _both(gettext_lazy("Room and seat")),
            f"{room.name}"
            + (f" / {room.name_en}" if room.name_en and room.name_en != room.name else "")
            + (f" ({room.floor})" if room.floor else "")
            + f"  ·  {registration.seat_label or '—'}"
            + (f"\n{separate.zh}\n{separate.en}" if registration.in_separate_room else ""),
            True,
        ),
    ]
    if accommodation is not None:
        needs = [_both(need) for need in accommodation.needs()]
        rows.append(
            (
                _both(gettext_lazy("Approved accommodations")),
                "、".join(n.zh for n in needs) + "\n" + ", ".join(n.en for n in needs),
                True,
            )
        )
    label_w = 50
    line = 4.8
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    for label, value, bold in rows:
        y = pdf.get_y() + 1
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font(FONT_FAMILY, "B", 9.5)
        pdf.multi_cell(label_w, line, f"{label.zh}\n{label.en}", align="L")
        label_end = pdf.get_y()
        pdf.set_xy(pdf.l_margin + label_w, y)
        pdf.set_font(FONT_FAMILY, "B" if bold else "", 10.5)
        pdf.multi_cell(width - label_w, line, value or "—", align="L")
        pdf.set_y(max(pdf.get_y(), label_end) + 1)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())

    # Photo-ID reminder, what to bring, room rules: zh then en.
    _section(
        pdf,
        width,
        _both(gettext_lazy("Photo ID required")),
        [
            _both(
                gettext_lazy(
                    "Bring the original photo ID matching the name and ID number above. "
                    "Copies and photos of an ID are not accepted."
                )
            )
        ],
    )
    _section(pdf, width, _both(gettext_lazy("What to bring")), [_both(m) for m in _WHAT_TO_BRING])
    _section(pdf, width, _both(gettext_lazy("Room rules")), [_both(m) for m in _ROOM_RULES])
    pdf.set_font(FONT_FAMILY, "", 7)
    issued = timezone.localtime(now)
    pdf.cell(
        width,
        4,
        f"{roc_date(issued.date())} {issued:%H:%M} · {issued:%Y-%m-%d %H:%M} (UTC+8)",
        align="R",
    )


def _pair(obj) -> str:
    zh, en = _in(_ZH, obj), _in(_EN, obj)
    return zh if zh == en else f"{zh}\n{en}"


def _section(pdf: CjkPdf, width: float, title: _Both, items: list[_Both]) -> None:
    """A titled list: Chinese on the left, English on the right, item by item."""
    half = (width - 4) / 2
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "B", 9.5)
    pdf.cell(half + 4, 5, title.zh)
    pdf.cell(half, 5, title.en, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 8)
    for item in items:
        y = pdf.get_y()
        pdf.multi_cell(half, 3.7, f"• {item.zh}", align="L")
        zh_end = pdf.get_y()
        pdf.set_xy(pdf.l_margin + half + 4, y)
        pdf.multi_cell(half, 3.7, f"• {item.en}", align="L")
        pdf.set_y(max(zh_end, pdf.get_y()) + 0.6)


def admission_tickets_pdf(registrations: Iterable, *, now: dt.datetime | None = None) -> bytes:
    """One ticket page per registration (load them with ``select_related`` for the profile,
    session, subject, level, room, venue and center). The caller checks who may print what."""
    now = now or timezone.now()
    pdf = CjkPdf(title="准考證 Admission Ticket", subject="Admission ticket", language="zh-Hant")
    pdf.set_auto_page_break(auto=False)
    count = 0
    for registration in registrations:
        _ticket_page(pdf, registration, now=now)
        count += 1
    if count == 0:
        raise ValueError("No admission tickets to print.")
    return pdf.pdf_bytes()
