"""Seats and admission tickets: spreading, stability, accessible seats, release date, the PDF."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.registration.models import Registration, RegistrationNotice, RegistrationStatus
from aicert.registration.seating import RoomGrid, SeatRequest, plan_seats
from aicert.registration.services import (
    accommodation_request_create,
    accommodation_request_decide,
    exam_reminders_send,
    registration_cancel,
    registration_create,
    session_seats_assign,
    tickets_release_due,
)
from aicert.registration.tickets import admission_token, ticket_number
from aicert.scheduling.models import SessionStatus

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def approve(world, candidate, **needs):
    request = accommodation_request_create(
        user=candidate,
        documents=[SimpleUploadedFile("c.pdf", PDF)],
        health_consent=True,
        details="confidential diagnosis",
        **needs,
    )
    return accommodation_request_decide(actor=world.admin, request_id=request.pk, approve=True)


def seat_room(world, rows=4, columns=6, blocked=(), accessible=()):
    room = world.south_room
    room.seat_rows, room.seat_columns = rows, columns
    room.seat_count = rows * columns - len(blocked)
    room.seat_layout = {"blocked": list(blocked), "accessible": list(accessible)}
    room.save()
    return room


def released_session(make_session, **kwargs):
    """A session in 5 days whose tickets were released yesterday (registration still open)."""
    kwargs.setdefault("fee", 0)
    session = make_session(days=5, closes_before_days=1, **kwargs)
    session.ticket_release_on = timezone.localdate() - dt.timedelta(days=1)
    session.save(update_fields=["ticket_release_on"])
    return session


def register(session, candidates):
    return [registration_create(candidate=c, session=session) for c in candidates]


# --- Pure planning ----------------------------------------------------------------------------


def test_plan_spreads_candidates_every_other_seat_first():
    grid = RoomGrid(rows=4, columns=6)
    plan = plan_seats(grid, [SeatRequest(key=i) for i in range(6)])
    assert list(plan.new_seats.values()) == ["A1", "A3", "A5", "C1", "C3", "C5"]
    # With more candidates than the sparse tier, the checkerboard fills next: no two neighbours.
    plan = plan_seats(grid, [SeatRequest(key=i) for i in range(12)])
    seats = set(plan.new_seats.values())
    for label in seats:
        row, col = ord(label[0]) - 65, int(label[1:]) - 1
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            neighbour = f"{chr(65 + row + dr)}{col + dc + 1}"
            assert neighbour not in seats, (label, neighbour)


def test_plan_is_stable_and_fills_free_seats():
    grid = RoomGrid(rows=2, columns=4, blocked=frozenset({"A3"}))
    first = plan_seats(grid, [SeatRequest(key=1), SeatRequest(key=2)])
    assert first.new_seats == {1: "A1", 2: "B2"}
    again = plan_seats(
        grid,
        [SeatRequest(key=1, seat="A1"), SeatRequest(key=2, seat="B2"), SeatRequest(key=3)],
    )
    assert again.kept == {1: "A1", 2: "B2"} and again.new_seats == {3: "B4"}
    # A seat that no longer exists (now blocked) is replaced; a full room leaves people unseated.
    moved = plan_seats(grid, [SeatRequest(key=1, seat="A3")])
    assert moved.new_seats == {1: "A1"}
    full = plan_seats(RoomGrid(rows=1, columns=1), [SeatRequest(key=1), SeatRequest(key=2)])
    assert full.new_seats == {1: "A1"} and full.unseated == [2]


def test_plan_gives_accessible_seats_to_accommodations():
    grid = RoomGrid(rows=2, columns=4, accessible=frozenset({"A1", "B4"}))
    plan = plan_seats(
        grid,
        [
            SeatRequest(key=1),
            SeatRequest(key=2, has_accommodation=True),
            SeatRequest(key=3, needs_accessible=True),
            SeatRequest(key=4, needs_accessible=True),
        ],
    )
    assert plan.new_seats[3] == "A1"
    assert plan.new_seats[4] == "B4"
    assert plan.new_seats[1] not in ("A1", "B4")
    assert plan.accessible_missing == []
    short = plan_seats(grid, [SeatRequest(key=i, needs_accessible=True) for i in range(3)])
    assert short.accessible_missing == [2] and 2 in short.new_seats


# --- The service ------------------------------------------------------------------------------


def test_assign_spreads_is_stable_and_seats_late_registrations(
    world, make_session, make_candidate, django_capture_on_commit_callbacks
):
    seat_room(world, rows=4, columns=6)
    session = released_session(make_session, capacity=12)
    regs = register(session, [make_candidate() for _ in range(4)])
    with django_capture_on_commit_callbacks(execute=True):
        result = session_seats_assign(session_id=session.pk)
    seats = {r.pk: r.seat_label for r in Registration.objects.filter(session=session)}
    assert [seats[r.pk] for r in regs] == ["A1", "A3", "A5", "C1"]
    assert len(result.assigned) == 4 and result.kept == 0
    assert AuditEvent.objects.filter(action="registration.seat_assign").count() == 4
    # Ticket-ready emails once each; running again sends nothing and moves nobody.
    assert len(mail.outbox) == 4
    late = register(session, [make_candidate()])[0]
    registration_cancel(actor=regs[1].candidate, registration=regs[1])
    with django_capture_on_commit_callbacks(execute=True):
        again = session_seats_assign(session_id=session.pk)
    after = {r.pk: r.seat_label for r in Registration.objects.filter(session=session)}
    assert after[regs[0].pk] == "A1" and after[regs[2].pk] == "A5" and after[regs[3].pk] == "C1"
    assert after[regs[1].pk] is None  # the cancelled one's seat is freed ...
    assert after[late.pk] == "A3"  # ... and the late registration takes it
    assert again.kept == 3 and again.released == 1 and again.assigned == {late.pk: "A3"}
    ticket_mails = [
        m for m in mail.outbox if "admission ticket" in m.subject.lower() or "准考證" in m.subject
    ]
    assert len(ticket_mails) == 5
    assert RegistrationNotice.objects.filter(kind="ticket_ready").count() == 5


def test_pending_payment_and_waitlisted_get_no_seat(world, make_session, make_candidate):
    seat_room(world)
    session = released_session(make_session, fee=1000, capacity=1)
    (unpaid,) = register(session, [make_candidate()])
    assert unpaid.status == RegistrationStatus.PENDING_PAYMENT
    waiting = registration_create(candidate=make_candidate(), session=session, join_waitlist=True)
    session_seats_assign(session_id=session.pk)
    unpaid.refresh_from_db()
    waiting.refresh_from_db()
    assert unpaid.seat_label is None and waiting.seat_label is None


def test_accessible_seats_for_accommodations(world, make_session, make_candidate):
    seat_room(world, rows=3, columns=4, accessible=["C4"], blocked=["C3"])
    session = released_session(make_session)
    plain, wheelchair = make_candidate(), make_candidate()
    approve(world, wheelchair, accessible_seat=True, extra_time_percent=25)
    regs = register(session, [plain, wheelchair])
    session_seats_assign(session_id=session.pk)
    seats = {r.candidate_id: r.seat_label for r in Registration.objects.filter(session=session)}
    assert seats[wheelchair.pk] == "C4"
    assert seats[plain.pk] == "A1"
    assert len(regs) == 2


def test_draft_session_and_permissions(world, make_session, make_candidate):
    session = released_session(make_session)
    with pytest.raises(PermissionDenied):
        session_seats_assign(session_id=session.pk, actor=make_candidate())
    north_session = released_session(make_session, room=world.north_room)
    with pytest.raises(PermissionDenied):
        session_seats_assign(session_id=north_session.pk, actor=world.manager)
    session_seats_assign(session_id=session.pk, actor=world.manager)  # own center: fine
    session.status = SessionStatus.DRAFT
    session.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        session_seats_assign(session_id=session.pk, actor=world.manager)


def test_periodic_release_only_after_release_date(
    world, make_session, make_candidate, django_capture_on_commit_callbacks
):
    seat_room(world)
    later = make_session(fee=0, days=30)  # tickets released in 20 days
    now_due = released_session(make_session, subject=world.genai)
    early = register(later, [make_candidate()])[0]
    due = register(now_due, [make_candidate(language="en")])[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tickets_release_due() == 1
    early.refresh_from_db()
    due.refresh_from_db()
    assert early.seat_label is None and due.seat_label == "A1"
    (message,) = mail.outbox
    assert message.subject == "[aicert] Your admission ticket is ready"
    assert "A1" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert tickets_release_due() == 0
    assert len(mail.outbox) == 1


def test_reminder_sent_once_three_days_before(
    world, make_session, make_candidate, django_capture_on_commit_callbacks
):
    soon = make_session(fee=0, days=2, closes_before_days=1)
    far = make_session(fee=0, days=20, subject=world.genai)
    candidate = make_candidate(language="en")
    register(soon, [candidate])
    register(far, [candidate])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert exam_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert exam_reminders_send() == 0
    (message,) = mail.outbox
    assert message.subject == "[aicert] Reminder: your exam is coming up"
    assert "15 minutes" in message.body


# --- Ticket PDF -------------------------------------------------------------------------------


def _pdftotext(body: bytes, tmp_path) -> str:
    path = tmp_path / "ticket.pdf"
    path.write_bytes(body)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


@needs_poppler
def test_ticket_pdf_for_candidate_after_release(
    client, world, make_session, make_candidate, tmp_path
):
    seat_room(world)
    session = released_session(make_session)
    candidate = make_candidate()
    approve(world, candidate, extra_time_percent=25, separate_room=True)
    (registration,) = register(session, [candidate])
    session_seats_assign(session_id=session.pk)
    registration.refresh_from_db()
    client.force_login(candidate)
    page = client.get(reverse("registration:my_registrations")).content.decode()
    url = reverse("registration:ticket_pdf", args=[registration.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdftotext(response.content, tmp_path)
    start = timezone.localtime(session.starts_at)
    assert candidate.candidate_profile.legal_name_zh in text
    assert candidate.candidate_profile.legal_name_en in text
    assert f"民國{start.year - 1911}年{start.month}月{start.day}日" in text
    assert candidate.candidate_profile.id_number_masked in text
    assert candidate.candidate_profile.id_number not in text
    assert ticket_number(registration) in text
    assert "人工智慧基礎概論" in text and "Introduction to AI" in text
    assert registration.seat_label in text
    assert start.strftime("%H:%M") in text
    assert (start + dt.timedelta(minutes=15)).strftime("%H:%M") in text
    assert "+25 %" in text and "separate room" in text
    assert "confidential diagnosis" not in text
    assert "Photo ID" in text and "Room rules" in text
    assert "1 page" not in text


@needs_poppler
def test_ticket_qr_code_carries_the_signed_token_and_page_renders(
    world, make_session, make_candidate, tmp_path
):
    import os

    import segno
    from PIL import Image

    from aicert.registration.admission_ticket import admission_tickets_pdf

    seat_room(world)
    session = released_session(make_session)
    (registration,) = register(session, [make_candidate()])
    session_seats_assign(session_id=session.pk)
    registration.refresh_from_db()
    registration = Registration.objects.select_related(
        "candidate__candidate_profile", "session__subject__level", "session__room__venue__center"
    ).get(pk=registration.pk)
    path = tmp_path / "ticket.pdf"
    path.write_bytes(admission_tickets_pdf([registration]))
    # The embedded QR image, module by module, equals the QR code of the signed token.
    subprocess.run(["pdfimages", "-png", str(path), str(tmp_path / "img")], check=True)
    (image_path,) = sorted(tmp_path.glob("img-*.png"))
    image = Image.open(image_path).convert("L")
    expected = segno.make(admission_token(registration), error="m")
    size = expected.symbol_size(scale=1, border=2)[0]
    assert image.width % size == 0
    scale = image.width // size
    for row_index, row in enumerate(expected.matrix):
        for col_index, dark in enumerate(row):
            x = (col_index + 2) * scale + scale // 2
            y = (row_index + 2) * scale + scale // 2
            assert (image.getpixel((x, y)) < 128) == bool(dark), (row_index, col_index)
    # One A4 page renders; most of it is white paper with some ink on it.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    page = Image.open(tmp_path / "page.png").convert("L")
    assert abs(page.height / page.width - 297 / 210) < 0.01
    dark = sum(page.histogram()[:128])
    assert 0.01 < dark / (page.width * page.height) < 0.3
    if os.environ.get("AICERT_KEEP_TICKET"):
        shutil.copy(path, os.environ["AICERT_KEEP_TICKET"] + ".pdf")
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "110",
                "-singlefile",
                str(path),
                os.environ["AICERT_KEEP_TICKET"],
            ],
            check=True,
        )


def test_ticket_not_available_before_release_or_to_others(
    client, world, make_session, make_candidate
):
    session = make_session(fee=0, days=30)  # released in 20 days
    candidate = make_candidate()
    (registration,) = register(session, [candidate])
    session_seats_assign(session_id=session.pk, actor=world.manager)  # seated early
    url = reverse("registration:ticket_pdf", args=[registration.pk])
    assert client.get(url).status_code == 302
    assert "login" in client.get(url)["Location"]
    client.force_login(candidate)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse(
        "registration:my_registrations"
    )
    page = client.get(reverse("registration:my_registrations")).content.decode()
    assert url not in page
    client.force_login(make_candidate())
    assert client.get(url).status_code == 404


@needs_poppler
def test_manager_seat_page_and_print_all(
    client, world, make_session, make_candidate, staff_login, tmp_path
):
    seat_room(world, accessible=["D6"])
    session = released_session(make_session)
    first, second = make_candidate(), make_candidate()
    approve(world, second, large_print=True, accessible_seat=True)
    register(session, [first, second])
    seats_url = reverse("registration:session_seats", args=[session.pk])
    assign_url = reverse("registration:session_seats_assign", args=[session.pk])
    print_url = reverse("registration:session_tickets_pdf", args=[session.pk])
    assert client.get(seats_url).status_code == 302  # anonymous
    client.force_login(first)
    assert client.get(seats_url).status_code == 403
    assert client.post(assign_url).status_code == 403
    assert client.get(print_url).status_code == 403
    north_manager = make_candidate()
    from aicert.accounts.roles import Role
    from tests.factories import grant

    grant(north_manager, world.north.organisation, Role.CENTER_MANAGER)
    staff_login(north_manager)
    assert client.get(seats_url).status_code == 403
    assert client.post(assign_url).status_code == 403
    staff_login(world.manager)
    response = client.post(assign_url)
    assert response.status_code == 302
    page = client.get(seats_url).content.decode()
    assert "放大字體" in page and "無障礙座位" in page and "請列印放大字體試題" in page
    assert "confidential diagnosis" not in page
    assert "c.pdf" not in page
    pdf = client.get(print_url)
    assert pdf.status_code == 200
    text = _pdftotext(pdf.content, tmp_path)
    assert text.count("Admission Ticket") == 2
    assert first.candidate_profile.legal_name_zh in text
    assert second.candidate_profile.legal_name_zh in text
    assert "D6" in text


def test_manager_cannot_print_before_release(
    client, world, make_session, make_candidate, staff_login
):
    session = make_session(fee=0, days=30)
    register(session, [make_candidate()])
    staff_login(world.manager)
    client.post(reverse("registration:session_seats_assign", args=[session.pk]))
    response = client.get(reverse("registration:session_tickets_pdf", args=[session.pk]))
    assert response.status_code == 302
