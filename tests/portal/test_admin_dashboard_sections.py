"""The foundation administrator's panel groups its many links under headed sections."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from aicert.accounts.roles import Role
from tests.factories import FoundationFactory, person

pytestmark = pytest.mark.django_db

SECTIONS = {
    "en": [
        "Content",
        "Sessions and registration",
        "Results and certificates",
        "Reports",
        "Administration",
    ],
    "zh-hant": ["內容", "場次與報名", "成績與證書", "報表", "系統管理"],
}


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_every_admin_link_sits_under_a_section_heading_in_order(client, staff_login, language):
    admin = person("admin", Role.FOUNDATION_ADMIN, FoundationFactory())
    staff_login(admin)
    client.cookies["aicert_language"] = language
    with translation.override(language):
        page = client.get(reverse("portal:dashboard")).content.decode()
    panel = page.split('data-panel="foundation_admin"')[1].split("</section>")[0]
    headings = re.findall(r'<h3 class="links-heading">([^<]*)</h3>', panel)
    assert headings == SECTIONS[language]
    # No link outside a section: every <ul class="links"> follows a heading.
    assert panel.count('<ul class="links">') == len(headings)
    groups = dict(
        zip(headings, re.split(r'<h3 class="links-heading">[^<]*</h3>', panel)[1:], strict=True)
    )
    assert reverse("catalog:certification_list") in groups[SECTIONS[language][0]]
    assert reverse("results:release_list") in groups[SECTIONS[language][2]]
    assert reverse("reports:dashboard") in groups[SECTIONS[language][3]]
    assert reverse("admin:index") in groups[SECTIONS[language][4]]
    assert len(re.findall(r'<a href="', panel)) >= 15
