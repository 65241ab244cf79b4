"""Dashboard panels, contributed by the apps that own what they show.

The dashboard (``portal``) knows no app: each app registers, in its ``AppConfig.ready``, the
panels it owns and the links or figures it adds to other apps' panels (for example scoring adds
"Appeals" to the foundation administrator's panel). Builders take the signed-in user and return
nothing when the user may not see it, so permission checks stay in the owning app.

Panels appear by ``order``; inside a panel its own links come first, then contributed links by
``order`` (a negative order puts a link before the panel's own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The project's user model lives above this layer (accounts): the base class says enough.
    from django.contrib.auth.base_user import AbstractBaseUser

Link = tuple[str, str]
Figure = tuple[str, Any]


@dataclass
class DashboardPanel:
    """One panel of a dashboard: a title, figures or links, or an empty state saying what will come."""

    key: str
    title: str
    empty_text: str = ""
    links: list[Link] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    table: DashboardTable | None = None
    # (key, heading) of the sections the panel groups its links under, in order; links
    # contributed with a ``section`` go under its heading (see :attr:`groups`).
    sections: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[Link]]] = field(default_factory=list)


class Section:
    """Keys of the foundation administrator's panel sections (the portal gives the headings)."""

    CONTENT = "content"
    SESSIONS = "sessions"
    RESULTS = "results"
    REPORTS = "reports"
    ADMINISTRATION = "administration"


@dataclass(frozen=True)
class DashboardTable:
    """Rows of a panel under column headings: the first column names the row, the others are
    figures (so every number on the panel says what it counts)."""

    header: list[str]
    rows: list[list[Any]]


PanelBuilder = Callable[..., DashboardPanel | None]
LinkBuilder = Callable[..., list[Link]]
FigureBuilder = Callable[..., list[Figure]]


@dataclass(frozen=True)
class _Entry:
    order: int
    name: str
    build: Callable[..., Any]
    section: str = ""


class DashboardRegistry:
    """What every app contributes to the dashboard (one instance: :data:`dashboard`)."""

    def __init__(self) -> None:
        self._panels: dict[str, _Entry] = {}
        self._links: dict[str, list[_Entry]] = {}
        self._figures: dict[str, list[_Entry]] = {}

    def panel(self, key: str, build: PanelBuilder, *, order: int) -> None:
        """Register the panel ``key``: ``build(user=...)`` returns it, or None to leave it out."""
        if key in self._panels and self._panels[key].build is not build:
            raise ValueError(f"Dashboard panel {key!r} is registered twice.")
        self._panels[key] = _Entry(order, key, build)

    def links(self, panel: str, build: LinkBuilder, *, order: int = 0, section: str = "") -> None:
        """Add the links ``build(user=...)`` returns to the panel ``panel`` (when it is shown),
        under its heading ``section`` if the panel has sections."""
        self._add(self._links, panel, build, order, section)

    def figures(self, panel: str, build: FigureBuilder, *, order: int = 0) -> None:
        """Add the figures ``build(user=...)`` returns to the panel ``panel`` (when shown)."""
        self._add(self._figures, panel, build, order)

    @staticmethod
    def _add(
        table: dict[str, list[_Entry]], panel: str, build: Callable, order: int, section: str = ""
    ) -> None:
        entries = table.setdefault(panel, [])
        if any(e.build is build for e in entries):
            return  # AppConfig.ready may run twice (tests re-populating apps): stay idempotent
        entries.append(_Entry(order, getattr(build, "__qualname__", repr(build)), build, section))

    def panels_for(self, *, user: AbstractBaseUser) -> list[DashboardPanel]:
        """The panels ``user`` sees, in order, with every app's contributions."""
        panels = []
        for entry in sorted(self._panels.values(), key=lambda e: (e.order, e.name)):
            panel = entry.build(user=user)
            if panel is None:
                continue
            placeholder = not panel.links and not panel.figures
            if panel.sections:
                self._group(panel, user)
            headed = {key for key, _heading in panel.sections}
            before, after = self._contributed(self._links, panel.key, user, headed)
            panel.links = [*before, *panel.links, *after]
            fig_before, fig_after = self._contributed(self._figures, panel.key, user, set())
            panel.figures = [*fig_before, *panel.figures, *fig_after]
            if placeholder and (panel.links or panel.figures or panel.groups):
                # A role's panel says "… will appear here" only while nothing has: once other
                # apps fill it, the sentence would contradict what the panel shows.
                panel.empty_text = ""
            panels.append(panel)
        return panels

    def _group(self, panel: DashboardPanel, user: AbstractBaseUser) -> None:
        """Put the links contributed under the panel's sections into :attr:`groups` (headed,
        in the panel's section order, empty sections left out)."""
        known = {key for key, _heading in panel.sections}
        grouped: dict[str, list[Link]] = {key: [] for key in known}
        for entry in sorted(self._links.get(panel.key, ()), key=lambda e: e.order):
            if entry.section in known:
                grouped[entry.section].extend(entry.build(user=user))
        panel.groups = [(heading, grouped[key]) for key, heading in panel.sections if grouped[key]]

    @staticmethod
    def _contributed(
        table: dict[str, list[_Entry]], key: str, user: AbstractBaseUser, sections: set[str]
    ) -> tuple[list[Any], list[Any]]:
        before: list[Any] = []
        after: list[Any] = []
        for entry in sorted(table.get(key, ()), key=lambda e: e.order):
            if entry.section and entry.section in sections:
                continue  # shown under its section's heading
            (before if entry.order < 0 else after).extend(entry.build(user=user))
        return before, after

    def panel_keys(self) -> list[str]:
        return sorted(self._panels, key=lambda k: (self._panels[k].order, k))


dashboard = DashboardRegistry()
