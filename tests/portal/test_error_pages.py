"""Error pages speak the person's language and lead back into the site (they were Django's bare
English "403 Forbidden" / "Not Found", with no navigation)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_page_not_found_in_chinese_with_the_way_home(client):
    response = client.get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "<h1>找不到此頁面</h1>" in text
    assert f'href="{reverse("portal:home")}">回到首頁</a>' in text
    assert 'class="site-header"' in text  # the site's navigation is there


def test_page_not_found_in_english_for_a_signed_in_person(client):
    client.force_login(UserFactory())
    client.cookies["aicert_language"] = "en"
    text = client.get("/no-such-page/").content.decode()
    assert "<h1>Page not found</h1>" in text
    assert f'href="{reverse("portal:dashboard")}">Back to my dashboard</a>' in text


def test_forbidden_page_explains_and_leads_back_to_the_dashboard(client):
    client.force_login(UserFactory())  # a candidate, not the foundation
    response = client.get(reverse("results:release_list"))
    text = response.content.decode()
    assert response.status_code == 403
    assert "<h1>無權限開啟此頁面</h1>" in text
    assert f'href="{reverse("portal:dashboard")}">回到我的主頁</a>' in text


def test_server_error_page_is_bilingual_and_needs_no_request_context():
    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "系統發生錯誤" in text and "Something went wrong" in text
