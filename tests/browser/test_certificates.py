"""The demo graduate opens their certificate and downloads its PDF; the foundation admin revokes
another certificate, and its public verification page says so (zh-Hant)."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import urlparse

import pytest

from aicert.credentials import sharing
from aicert.credentials.models import Certificate, CertificateStatus
from aicert.demo.credentials_seed import credentials_seed
from tests.browser.signin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _local(url: str, base: str) -> str:
    parts = urlparse(url)
    return f"{base}{parts.path}?{parts.query}"


def test_holder_downloads_pdf_and_admin_revocation_shows_publicly(
    live_server, browser, demo, artifacts, tmp_path
):
    credentials_seed(create_graduate=True)  # the graduate, without seeding the whole sitting
    graduate = Certificate.objects.get(holder__email="graduate@aicert.example")
    other = Certificate.objects.get(holder__email="holder.active@aicert.example")

    # The graduate opens their certificate and downloads the PDF.
    context, page = sign_in(browser, live_server.url, "graduate@aicert.example", second_factor=None)
    page.goto(f"{live_server.url}/certificates/")
    page.get_by_role("link", name=graduate.number).click()
    page.wait_for_url(re.compile(rf"/certificates/{graduate.number}/$"))
    assert page.locator("#certificate-status").inner_text() == "有效"
    assert (
        page.get_by_role("link", name="加入 LinkedIn")
        .get_attribute("href")
        .startswith("https://www.linkedin.com/profile/add?")
    )
    page.screenshot(path=str(artifacts / "certificate-holder.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下載證書（PDF）").click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(str(pdf_path))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "中華民國" in text and graduate.number in text
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-singlefile",
            str(pdf_path),
            str(artifacts / "certificate-pdf"),
        ],
        check=True,
    )
    context.close()

    # The foundation admin finds another certificate and revokes it.
    context, page = sign_in(browser, live_server.url, "admin@aicert.example")
    page.goto(f"{live_server.url}/certificates/manage/")
    page.fill("input[name=q]", "陳冠宇")
    page.locator("#certificate-search button[type=submit]").click()
    page.get_by_role("link", name=other.number).click()
    page.select_option("select[name=status]", CertificateStatus.REVOKED)
    page.fill("textarea[name=reason]", "經查證書持有人冒名應試。")
    page.locator("#status-form button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert page.locator("#certificate-status").inner_text() == "已撤銷"
    page.screenshot(path=str(artifacts / "certificate-admin-revoked.png"), full_page=True)
    context.close()
    other.refresh_from_db()
    assert other.status == CertificateStatus.REVOKED

    # Anyone with the QR code / share link sees it revoked, with no reason and no name.
    public = browser.new_context(locale="zh-TW", viewport={"width": 1200, "height": 900})
    page = public.new_page()
    page.goto(_local(sharing.verification_url(other.number), live_server.url))
    assert page.locator("#verify-badge").inner_text() == "已撤銷"
    result = page.locator("#verify-result").inner_text()
    assert "撤銷" in result and "冒名" not in result and "陳冠宇" not in result
    page.screenshot(path=str(artifacts / "certificate-public-revoked.png"), full_page=True)
    # By number and typed name, the graduate's certificate is valid.
    page.goto(f"{live_server.url}/verify/")
    page.fill("input[name=number]", graduate.number)
    page.fill("input[name=name]", "許雅琪")
    page.locator("#verify-form button[type=submit]").click()
    assert page.locator("#verify-badge").inner_text() == "有效"
    page.screenshot(path=str(artifacts / "certificate-public-valid.png"), full_page=True)
    public.close()
