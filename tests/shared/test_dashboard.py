"""The dashboard registry: panels in order, contributed links and figures in order, a builder
returning None leaves its panel out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from aicert.shared.dashboard import DashboardPanel, DashboardRegistry


def test_panels_and_contributions_come_in_order():
    registry = DashboardRegistry()
    registry.panel("b", lambda *, user: DashboardPanel("b", "B", links=[("own", "/b")]), order=20)
    registry.panel("a", lambda *, user: DashboardPanel("a", "A"), order=10)
    registry.panel("hidden", lambda *, user: None, order=15)
    registry.links("b", lambda *, user: [("after", "/2")], order=5)
    registry.links("b", lambda *, user: [("before", "/0")], order=-5)
    registry.links("b", lambda *, user: [("last", "/3")], order=9)
    registry.figures("a", lambda *, user: [("n", user.n)], order=1)
    registry.links("nobody", lambda *, user: [("lost", "/x")])  # a panel never registered

    panels = registry.panels_for(user=SimpleNamespace(n=7))

    assert [p.key for p in panels] == ["a", "b"]
    assert panels[0].figures == [("n", 7)]
    assert [label for label, _url in panels[1].links] == ["before", "own", "after", "last"]


def test_a_key_cannot_be_taken_by_a_second_panel():
    registry = DashboardRegistry()

    def first(*, user):
        return None

    registry.panel("x", first, order=1)
    registry.panel("x", first, order=1)  # the same app registering again (ready twice)
    with pytest.raises(ValueError, match="registered twice"):
        registry.panel("x", lambda *, user: None, order=2)


def test_every_app_contributes_to_the_platform_dashboard():
    from aicert.shared.dashboard import dashboard

    assert dashboard.panel_keys() == [
        "exam_ready",
        "foundation_admin",
        "item_writer",
        "item_reviewer",
        "psychometrician",
        "marker",
        "center_manager",
        "sessions",
        "invigilator",
        "employer",
        "candidate",
        "my_registrations",
    ]


def test_a_placeholder_panel_drops_its_empty_state_once_other_apps_fill_it():
    registry = DashboardRegistry()
    registry.panel("role", lambda *, user: DashboardPanel("role", "R", "Will appear."), order=1)
    registry.panel("bare", lambda *, user: DashboardPanel("bare", "B", "Will appear."), order=2)
    registry.panel(
        "own",
        lambda *, user: DashboardPanel("own", "O", "A seat is offered.", links=[("x", "/x")]),
        order=3,
    )
    registry.figures("role", lambda *, user: [("rooms", 4)])

    role, bare, own = registry.panels_for(user=SimpleNamespace())

    assert role.figures == [("rooms", 4)] and role.empty_text == ""
    assert bare.empty_text == "Will appear."  # nothing came: the empty state stays
    assert own.empty_text == "A seat is offered."  # a panel's own message about its own links
