"""Announcements: who may write where, Markdown made safe, publish and expiry, feeds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from aicert.audit.models import AuditEvent
from aicert.promotion import services
from aicert.promotion.rendering import markdown_safe


def _announce(actor, region, **fields):
    data = {
        "actor": actor,
        "region": region,
        "title_zh": "報名開始",
        "title_en": "Registration opens",
        "body_zh": "**歡迎**報名",
        "body_en": "**Welcome**",
        "publish_at": timezone.now() - dt.timedelta(hours=1),
    }
    data.update(fields)
    return services.announcement_create(**data)


def test_manager_writes_for_own_region_only(world):
    announcement = _announce(world.manager_south, world.south)
    assert AuditEvent.objects.filter(
        action="promotion.announcement_create", target_id=str(announcement.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        _announce(world.manager_south, world.north)
    with pytest.raises(PermissionDenied):
        _announce(world.manager_south, None)  # all regions: the foundation only


def test_foundation_writes_for_all_regions(world, client):
    _announce(world.admin, None, title_zh="全國公告")
    assert "全國公告" in client.get(reverse("promotion:region", args=["north"])).content.decode()


def test_stranger_refused_on_the_form(world, client, staff_login):
    response = client.get(reverse("promotion:announcement_create"))
    assert response.status_code == 302  # to sign in
    staff_login(world.manager_south)
    response = client.post(
        reverse("promotion:announcement_create"),
        {
            "region": world.north.pk,
            "title_zh": "x",
            "body_zh": "y",
            "publish_at": "2026-01-01T10:00",
        },
    )
    assert response.status_code == 200  # the north is not among the choices
    assert not world.north.announcements.exists()


def test_markdown_is_sanitised():
    html = markdown_safe(
        "**hi** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.tw)"
    )
    assert "<strong>hi</strong>" in html
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert 'href="https://a.tw"' in html


def test_scheduled_and_expired_are_hidden_pinned_first(world, client):
    now = timezone.now()
    _announce(
        world.manager_south, world.south, title_zh="舊的", publish_at=now - dt.timedelta(days=3)
    )
    _announce(
        world.manager_south,
        world.south,
        title_zh="置頂",
        pinned=True,
        publish_at=now - dt.timedelta(days=5),
    )
    _announce(
        world.manager_south, world.south, title_zh="未來", publish_at=now + dt.timedelta(days=1)
    )
    _announce(
        world.manager_south,
        world.south,
        title_zh="過期",
        publish_at=now - dt.timedelta(days=3),
        expires_at=now - dt.timedelta(days=1),
    )
    page = client.get(reverse("promotion:region", args=["south"])).content.decode()
    assert "未來" not in page and "過期" not in page
    assert page.index("置頂") < page.index("舊的")


def test_atom_and_rss_feeds(world, client):
    _announce(world.manager_south, world.south, title_zh="南區消息")
    _announce(world.manager_north, world.north, title_zh="北區消息")
    atom = client.get(reverse("promotion:region_atom", args=["south"]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert "南區消息" in body and "北區消息" not in body
    rss = client.get(reverse("promotion:region_rss", args=["south"])).content.decode()
    assert "<rss" in rss and "南區消息" in rss
    assert client.get(reverse("promotion:region_atom", args=["nowhere"])).status_code == 404
