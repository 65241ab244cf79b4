"""The self-assessment pages are reachable from the dashboard (no menu led to them before)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _panel(client, user, key: str) -> str:
    client.force_login(user)
    text = client.get(reverse("portal:dashboard")).content.decode()
    assert f'data-panel="{key}"' in text
    return text.split(f'data-panel="{key}"')[1].split("</section>")[0]


def test_candidate_dashboard_links_to_the_practice_test(client, demo_user):
    panel = _panel(client, demo_user("candidate@aicert.example"), "candidate")
    assert f'href="{reverse("selfassess:home")}">自我評量</a>' in panel
    # The practice bank is the psychometrician's, not a candidate's.
    assert reverse("selfassess:bank") not in panel


def test_psychometrician_dashboard_links_to_the_practice_bank(client, demo_user):
    panel = _panel(client, demo_user("psychometrician@aicert.example"), "psychometrician")
    assert f'href="{reverse("selfassess:bank")}">練習題庫</a>' in panel
    assert client.get(reverse("selfassess:bank")).status_code == 200


def test_center_manager_dashboard_links_to_the_training_courses(client, demo_user):
    panel = _panel(client, demo_user("manager.south@aicert.example"), "center_manager")
    assert f'href="{reverse("selfassess:courses")}">培訓課程</a>' in panel
    assert client.get(reverse("selfassess:courses")).status_code == 200


def test_invigilator_sees_no_course_link_it_could_not_open(client, demo_user):
    client.force_login(demo_user("invigilator.south@aicert.example"))
    text = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("selfassess:courses") not in text
    assert reverse("selfassess:bank") not in text
