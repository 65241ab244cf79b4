"""Fees in Chromium: a candidate reads how to pay; the foundation uploads the bank's CSV, reads
the reconciliation report and waives a fee; the candidate then sees the seat confirmed."""

import re

import pytest

from aicert.demo.payments_seed import SAMPLE_STATEMENT
from tests.browser.signin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _sign_in(browser, base: str, email: str, staff: bool):
    return sign_in(
        browser, base, email, second_factor="demo" if staff else None, locale="en-US", timeout=20000
    )


def test_bank_statement_reconciliation_and_waiver(live_server, browser, demo, artifacts):
    from aicert.registration.models import Registration

    base = live_server.url
    payer1 = Registration.objects.get(candidate__email="payer1@aicert.example")
    payer5 = Registration.objects.get(candidate__email="payer5@aicert.example")

    # The candidate sees the virtual account, amount and deadline on "My registrations".
    context, candidate = _sign_in(browser, base, "payer1@aicert.example", staff=False)
    candidate.goto(base + "/registration/")
    due = candidate.locator(".payment-due")
    assert "95279000000014" == due.get_attribute("data-virtual-account")
    assert "NT$1200" in due.inner_text() and "812" in due.inner_text()
    due.locator("a").click()
    candidate.wait_for_url(re.compile(rf"/payments/pay/{payer1.pk}/"))
    assert "9527 9000 0000 14" in candidate.locator(".payment-instructions").inner_text()
    candidate.screenshot(
        path=str(artifacts / "payments-candidate-instructions.png"), full_page=True
    )

    # The foundation admin uploads the bank's statement from the dashboard.
    admin_context, admin = _sign_in(browser, base, "admin@aicert.example", staff=True)
    admin.locator("a[href$='/payments/statements/']").first.click()
    admin.set_input_files("input[name=file]", str(SAMPLE_STATEMENT))
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/payments/statements/\d+/"))
    outcomes = [
        admin.locator(f"tr[data-line='{n}']").get_attribute("data-outcome") for n in range(3, 9)
    ]
    assert outcomes == [
        "confirmed",
        "underpaid",
        "overpaid",
        "not_payable",
        "unknown_account",
        "duplicate",
    ]
    assert "王小明" in admin.locator("tr[data-line='3']").inner_text()
    admin.screenshot(path=str(artifacts / "payments-reconciliation-report.png"), full_page=True)

    # Uploading the same file again is refused and changes nothing.
    admin.goto(base + "/payments/statements/")
    admin.set_input_files("input[name=file]", str(SAMPLE_STATEMENT))
    admin.locator("main form button[type=submit]").click()
    assert admin.locator(
        ".errorlist"
    ).inner_text()  # "already uploaded on …" in the admin's language
    from aicert.payments.models import BankStatement

    assert BankStatement.objects.count() == 1

    # A waiver for the candidate who has not paid.
    admin.goto(base + "/payments/registrations/?q=payer5")
    admin.locator(f"tr[data-registration='{payer5.pk}'] a").click()
    admin.check("input[name=full]")
    admin.fill("textarea[name=reason]", "Low-income household certificate seen")
    admin.locator("#waiver button[type=submit]").click()
    admin.wait_for_url(re.compile(rf"/payments/registrations/{payer5.pk}/$"))
    assert admin.locator("dl.facts").get_attribute("data-status") == "confirmed"
    admin.screenshot(path=str(artifacts / "payments-waiver.png"), full_page=True)

    # The candidate's payment is now confirmed: nothing more to pay.
    candidate.goto(base + "/registration/")
    assert candidate.locator(".payment-due").count() == 0
    payer1.refresh_from_db()
    assert payer1.status == "confirmed"
    assert (
        payer1.get_status_display() in candidate.locator(f"#registration-{payer1.pk}").inner_text()
    )
    context.close()
    admin_context.close()
