"""The product addresses people as 您, never 你, in every zh-Hant catalogue and template."""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "aicert"


def test_every_zh_hant_translation_says_nin_not_ni():
    informal = []
    catalogues = sorted(SRC.rglob("*/zh_Hant/LC_MESSAGES/django.mo"))
    assert len(catalogues) > 10
    for mo in catalogues:
        with mo.open("rb") as fh:
            for msgid, msgstr in gettext.GNUTranslations(fh)._catalog.items():
                if "你" in msgstr:
                    informal.append(f"{mo.relative_to(SRC)}: {msgid!r} -> {msgstr!r}")
    assert not informal, "\n".join(informal)


def test_no_template_hard_codes_ni():
    informal = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("templates/**/*")
        if p.is_file() and p.suffix in {".html", ".txt"} and "你" in p.read_text("utf-8")
    ]
    assert not informal, informal


@pytest.mark.django_db
def test_password_rules_and_sign_in_message_from_django_and_allauth_say_nin(client):
    # Django's and allauth's own zh-Hant catalogues say 你; ours correct them (locale_overrides).
    with translation.override("zh-hant"):
        assert translation.gettext("Your password can’t be entirely numeric.") == (
            "您的密碼不能全都是數字。"
        )
        assert translation.gettext("Successfully signed in as %(name)s.") == (
            "已以 %(name)s 的身分登入。"
        )
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "12345678", "password2": "12345678"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "這個密碼只包含數字。" in text  # refused, in Chinese
    assert "你" not in text
