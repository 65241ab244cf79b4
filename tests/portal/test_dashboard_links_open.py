"""Every link a demo account's dashboard offers opens for that account: no 403, 404 or 500."""

import re

import pytest
from django.urls import reverse

from aicert.demo.seed import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a href="(/[^"#]*)')


def test_every_dashboard_link_opens_for_the_account_that_sees_it(client, demo_user):
    checked = 0
    for account in DEMO_ACCOUNTS:
        client.force_login(demo_user(account.email))
        text = client.get(reverse("portal:dashboard")).content.decode()
        main = text.split('<main id="main">')[1].split("</main>")[0]
        for url in sorted(set(HREF.findall(main))):
            if url.startswith("/admin/"):
                continue  # the Django admin site is tested by Django
            status = client.get(url).status_code
            assert status == 200, f"{account.email}: {url} answers {status}"
            checked += 1
        client.logout()
    assert checked > 50
