"""The sign-up and sign-in pages (allauth's) wear the site's form and button style."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/login/"])
def test_account_forms_use_the_site_form_and_button_classes(client, path):
    text = client.get(path).content.decode()
    form = text.split('<main id="main">')[1].split("</form>")[0]
    assert 'class="form account-form"' in form
    assert re.search(r'<button[^>]*type="submit"[^>]*class="button', form)
