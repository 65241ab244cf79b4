"""Payment pages: upload and report for the foundation, instructions for the candidate; who may see what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aicert.payments.models import BankStatement, FeeWaiver
from aicert.payments.services import statement_upload
from tests.payments.conftest import statement_csv

pytestmark = pytest.mark.django_db


def _csv_file(*rows, name="statement.csv", **kwargs):
    return SimpleUploadedFile(name, statement_csv(*rows, **kwargs), content_type="text/csv")


def _row(account, amount, reference):
    return ("2026/11/20", "10:32:05", account, amount, "王小明", reference)


@pytest.fixture
def finance_urls(world, pending):
    registration = pending()
    statement = statement_upload(
        actor=world.admin,
        file_name="first.csv",
        data=statement_csv(_row(registration.virtual_account.number, 400, "T0")),
    )
    return registration, [
        ("get", reverse("payments:statement_list")),
        ("post", reverse("payments:statement_list")),
        ("get", reverse("payments:statement_detail", args=[statement.pk])),
        ("get", reverse("payments:registration_list")),
        ("get", reverse("payments:registration_detail", args=[registration.pk])),
        ("post", reverse("payments:waiver_grant", args=[registration.pk])),
        ("post", reverse("payments:payment_record", args=[registration.pk])),
    ]


def test_anonymous_is_sent_to_sign_in(client, finance_urls):
    _, urls = finance_urls
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_center_manager_and_candidates_are_refused(client, world, finance_urls, staff_login):
    registration, urls = finance_urls
    staff_login(world.manager)
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, url
    client.force_login(registration.candidate)  # even about their own registration
    for method, url in urls:
        assert getattr(client, method)(url, {"full": "on", "reason": "me"}).status_code == 403, url
    assert not FeeWaiver.objects.exists()
    assert BankStatement.objects.count() == 1


def test_admin_uploads_and_reads_the_report(client, world, pending, staff_login):
    paid, short = pending(), pending()
    staff_login(world.admin)
    client.cookies["aicert_language"] = "en"
    url = reverse("payments:statement_list")
    assert client.get(url).status_code == 200
    upload = _csv_file(
        _row(paid.virtual_account.number, "1,000", "TX1"),
        _row(short.virtual_account.number, 500, "TX2"),
        _row("95270000000999", 1000, "TX3"),
        encoding="cp950",
    )
    response = client.post(url, {"file": upload})
    statement = BankStatement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:statement_detail", args=[statement.pk])
    report = client.get(response["Location"]).content.decode()
    assert 'data-line="2" data-outcome="confirmed"' in report
    assert 'data-line="3" data-outcome="underpaid"' in report
    assert 'data-line="4" data-outcome="unknown_account"' in report
    assert "Unknown virtual account" in report and "王小明" in report
    paid.refresh_from_db()
    assert paid.status == "confirmed"
    listing = client.get(url).content.decode()
    assert f'data-statement="{statement.pk}"' in listing


def test_upload_with_bad_rows_shows_the_lines_and_applies_nothing(
    client, world, pending, staff_login
):
    registration = pending()
    staff_login(world.admin)
    client.cookies["aicert_language"] = "en"
    upload = _csv_file(
        _row(registration.virtual_account.number, 1000, "TX1"),
        _row(registration.virtual_account.number, "one thousand", "TX2"),
    )
    response = client.post(reverse("payments:statement_list"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 3:" in page and "Nothing was applied" in page
    assert not BankStatement.objects.exists()


def test_admin_grants_a_waiver_from_the_registration_page(client, world, pending, staff_login):
    registration = pending()
    staff_login(world.admin)
    client.cookies["aicert_language"] = "en"
    page = client.get(reverse("payments:registration_detail", args=[registration.pk]))
    assert "Grant a fee waiver" in page.content.decode()
    bad = client.post(reverse("payments:waiver_grant", args=[registration.pk]), {"reason": "x"})
    assert bad.status_code == 400 and "waive everything" in bad.content.decode()
    response = client.post(
        reverse("payments:waiver_grant", args=[registration.pk]),
        {"full": "on", "reason": "Disadvantaged student"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    search = client.get(reverse("payments:registration_list"), {"q": registration.candidate.email})
    assert f'data-registration="{registration.pk}"' in search.content.decode()


def test_candidate_sees_how_to_pay(client, pending):
    registration = pending()
    number = registration.virtual_account.number
    client.force_login(registration.candidate)
    client.cookies["aicert_language"] = "en"
    mine = client.get(reverse("registration:my_registrations")).content.decode()
    assert f'data-virtual-account="{number}"' in mine
    assert "Pay NT$1000 to bank 812" in mine
    page = client.get(reverse("payments:pay", args=[registration.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert registration.virtual_account.number_display in text and "NT$1000" in text


def test_candidate_cannot_see_another_candidates_payment(client, pending, make_candidate):
    registration = pending()
    client.force_login(make_candidate())
    assert client.get(reverse("payments:pay", args=[registration.pk])).status_code == 404


def test_nothing_due_once_paid(client, world, pending):
    registration = pending()
    statement_upload(
        actor=world.admin,
        file_name="s.csv",
        data=statement_csv(_row(registration.virtual_account.number, 1000, "T")),
    )
    client.force_login(registration.candidate)
    client.cookies["aicert_language"] = "en"
    assert "Pay NT$" not in client.get(reverse("registration:my_registrations")).content.decode()
    text = client.get(reverse("payments:pay", args=[registration.pk])).content.decode()
    assert "Nothing is due" in text


def test_report_and_listing_queries_do_not_grow_with_lines(client, world, pending, staff_login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff_login(world.admin)

    def queries_for(count: int, name: str) -> tuple[int, int]:
        rows = [_row(pending().virtual_account.number, 1000, f"{name}{i}") for i in range(count)]
        statement = statement_upload(
            actor=world.admin, file_name=f"{name}.csv", data=statement_csv(*rows)
        )
        with CaptureQueriesContext(connection) as report:
            assert (
                client.get(reverse("payments:statement_detail", args=[statement.pk])).status_code
                == 200
            )
        with CaptureQueriesContext(connection) as listing:
            assert client.get(reverse("payments:registration_list")).status_code == 200
        return len(report), len(listing)

    small = queries_for(1, "a")
    large = queries_for(6, "b")
    assert large == small
