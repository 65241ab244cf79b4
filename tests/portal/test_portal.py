import pytest
from django.conf import settings
from django.urls import reverse

from aicert.demo.seed import DEMO_ACCOUNTS, demo_seed

pytestmark = pytest.mark.django_db


def test_default_language_is_traditional_chinese_even_for_english_browsers(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hant"
    assert "認證" in response.content.decode()


def test_language_switch_sets_cookie_and_returns(client, db):
    response = client.post(
        reverse("portal:language_switch"), {"language": "en", "next": "/catalog/"}
    )
    assert response.status_code == 302 and response["Location"] == "/catalog/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/catalog/")
    assert page["Content-Language"] == "en" and "Certifications" in page.content.decode()
    back = client.post(
        reverse("portal:language_switch"), {"language": "zh-hant", "next": "/catalog/"}
    )
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"


def test_language_switch_refuses_unknown_language_and_foreign_redirect(client, db):
    assert client.post(reverse("portal:language_switch"), {"language": "fr"}).status_code == 400
    response = client.post(
        reverse("portal:language_switch"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_every_page_has_the_language_switcher(client, demo):
    for url in ["/", "/catalog/", "/centers/", reverse("account_login"), reverse("account_signup")]:
        assert 'name="language" value="en"' in client.get(url).content.decode(), url


EXPECTED_PANEL = {
    "admin@aicert.example": "foundation_admin",
    "writer@aicert.example": "item_writer",
    "reviewer@aicert.example": "item_reviewer",
    "reviewer2@aicert.example": "item_reviewer",
    "psychometrician@aicert.example": "psychometrician",
    "marker@aicert.example": "marker",
    "marker2@aicert.example": "marker",
    "manager.south@aicert.example": "center_manager",
    "manager.north@aicert.example": "center_manager",
    "invigilator.south@aicert.example": "invigilator",
    "employer@aicert.example": "employer",
    "candidate@aicert.example": "candidate",
}


def test_every_demo_account_lands_on_its_dashboard(client, demo_user):
    assert set(EXPECTED_PANEL) == {a.email for a in DEMO_ACCOUNTS}
    for email, panel in EXPECTED_PANEL.items():
        client.force_login(demo_user(email))
        response = client.get(reverse("portal:dashboard"))
        assert response.status_code == 200, email
        assert f'data-panel="{panel}"' in response.content.decode(), email
        client.logout()


def test_demo_seed_twice_is_harmless(demo):
    from aicert.accounts.models import Membership, User
    from aicert.catalog.models import BlueprintEntry
    from aicert.centers.models import Room

    counts = (
        User.objects.count(),
        Membership.objects.count(),
        Room.objects.count(),
        BlueprintEntry.objects.count(),
    )
    demo_seed()
    assert counts == (
        User.objects.count(),
        Membership.objects.count(),
        Room.objects.count(),
        BlueprintEntry.objects.count(),
    )


def test_login_with_password_and_totp(client, demo):
    from aicert.demo.seed import DEMO_PASSWORD, demo_totp_code

    response = client.post(
        reverse("account_login"),
        {"login": "manager.south@aicert.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    response = client.post(
        reverse("mfa_authenticate"), {"code": demo_totp_code("manager.south@aicert.example")}
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_login_is_rate_limited(client, demo):
    from aicert.demo.seed import DEMO_PASSWORD

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": "candidate@aicert.example", "password": "wrong"}
        )
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"), {"login": "candidate@aicert.example", "password": DEMO_PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signed_in_language_choice_is_remembered(client, demo_user):
    user = demo_user("candidate@aicert.example")
    client.force_login(user)
    client.post(reverse("portal:language_switch"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_password_reset_sends_a_link_that_sets_a_new_password(client, demo):
    import re

    from django.core import mail

    from aicert.demo.seed import DEMO_PASSWORD

    client.post(reverse("account_reset_password"), {"email": "candidate@aicert.example"})
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "brand-New-pass-2026", "password2": "brand-New-pass-2026"},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(email="candidate@aicert.example", password="brand-New-pass-2026")
    assert not client.login(email="candidate@aicert.example", password=DEMO_PASSWORD)


def test_foundation_admin_reaches_the_whole_admin(client, demo_user):
    client.force_login(demo_user("admin@aicert.example"))
    for name in [
        "admin:index",
        "admin:catalog_level_changelist",
        "admin:centers_room_changelist",
        "admin:accounts_user_changelist",
        "admin:audit_auditevent_changelist",
    ]:
        assert client.get(reverse(name)).status_code == 200, name


def test_pages_name_the_site_icon_and_it_is_served(client, db):
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)
