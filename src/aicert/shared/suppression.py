"""Small-cell suppression of every published count.

The rule (primary and complementary suppression, as statistics offices publish tables):

1. **Primary**: a count ``0 < n < threshold`` (``REPORTS_SUPPRESSION_THRESHOLD``, default 10)
   is shown as ``"<threshold>"``. Zero is shown: an empty cell says nothing about a person.
2. **Complementary**: a table's cells are tied by published equations, its *lines*: a row of
   cells and the row's total, a column and its total, the row of column totals and the grand
   total. A line with exactly one hidden entry would give it away by subtraction (total minus
   the others), so the smallest other entry of that line is hidden too (a non-zero one when
   there is one, a total only when nothing else is left). Hiding it may leave another line
   with a single hidden entry; this repeats until every line has none or at least two.
   A complementary cell shows as :data:`COMPLEMENT` ("x", as statistics offices print it),
   not "<10": it is usually large, and saying it is small would mislead. Telling the two
   apart gives nothing away: the small count is still only known to lie between 1 and 9.

After this no hidden entry can be derived by subtracting published entries of any one line
(``tests/reports/test_suppression.py`` checks it on random tables with hypothesis). What the
rule does not cover: differences between *nested* measures of one cell (registrations minus
attended, results minus passed) are not treated as cells of their own; a pass rate is shown
only where both of its counts are.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)

TOTAL = "__total__"
#: How a complementary (not itself small) suppressed cell is shown.
COMPLEMENT = "x"


def threshold() -> int:
    return int(getattr(settings, "REPORTS_SUPPRESSION_THRESHOLD", 10))


def hidden_label(limit: int | None = None) -> str:
    return f"<{threshold() if limit is None else limit}"


def shown(value: int, is_hidden: bool, limit: int) -> str:
    """The published text of one count: the number, "<limit" (small) or "x" (complement)."""
    if not is_hidden:
        return str(value)
    return hidden_label(limit) if 0 < value < limit else COMPLEMENT


def suppressed_keys(
    values: Mapping[K, int],
    lines: Iterable[Sequence[K]],
    *,
    limit: int | None = None,
    forced: Iterable[K] = (),
) -> set[K]:
    """The keys of ``values`` to hide: the small ones and their complements in every line.

    ``lines`` are groups of keys tied by one published equation (a total and its parts, the
    total last by convention; order does not matter to the rule). ``forced`` keys are hidden
    whatever their value (a caller that knows a count equals one hidden elsewhere), and their
    lines are protected like those of small ones.
    """
    limit = threshold() if limit is None else limit
    lines = [list(line) for line in lines if len(line) > 1]
    hidden = {k for k, v in values.items() if 0 < v < limit}
    hidden |= {k for k in forced if k in values}
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [k for k in line if k in hidden]
            if len(inside) != 1:
                continue
            others = [k for k in line if k not in hidden]
            if not others:
                continue
            # Prefer a non-zero part (hiding a zero protects nothing a reader cannot guess).
            nonzero = [k for k in others if values[k] > 0]
            pick = min(nonzero or others, key=lambda k: (values[k], line.index(k)))
            hidden.add(pick)
            changed = True
    return hidden


def suppress(cells: dict[str, int], *, limit: int | None = None) -> dict[str, str]:
    """One line of cells whose sum is published elsewhere: the shown text of each cell."""
    limit = threshold() if limit is None else limit
    hidden = suppressed_keys(cells, [list(cells)], limit=limit)
    return {k: shown(v, k in hidden, limit) for k, v in cells.items()}


def suppress_total(total: int, *, limit: int | None = None) -> str:
    limit = threshold() if limit is None else limit
    return hidden_label(limit) if 0 < total < limit else str(total)


@dataclass
class SuppressedTable:
    """A two-way table of counts with row and column totals, as it may be published.

    ``shown[(row, col)]`` is the text of a cell; ``(row, TOTAL)``, ``(TOTAL, col)`` and
    ``(TOTAL, TOTAL)`` are the totals. ``hidden`` holds the suppressed keys.
    """

    rows: list[str]
    cols: list[str]
    values: dict[tuple[str, str], int]
    hidden: set[tuple[str, str]] = field(default_factory=set)
    limit: int = 10

    def text(self, row: str, col: str) -> str:
        key = (row, col)
        return shown(self.values.get(key, 0), key in self.hidden, self.limit)

    def number(self, row: str, col: str) -> int | None:
        """The published number, or None where it is suppressed."""
        key = (row, col)
        return None if key in self.hidden else self.values.get(key, 0)


def table_lines(rows: Sequence[str], cols: Sequence[str]) -> list[list[tuple[str, str]]]:
    """The published equations of a two-way table with margins."""
    lines = [[(r, c) for c in cols] + [(r, TOTAL)] for r in rows]
    lines += [[(r, c) for r in rows] + [(TOTAL, c)] for c in cols]
    lines.append([(TOTAL, c) for c in cols] + [(TOTAL, TOTAL)])
    lines.append([(r, TOTAL) for r in rows] + [(TOTAL, TOTAL)])
    return lines


def suppress_table(
    cells: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    limit: int | None = None,
    column_totals_only: bool = False,
) -> SuppressedTable:
    """Suppress a rows x cols table with its totals.

    ``column_totals_only`` is for tables whose columns are different measures (registrations,
    attended, results…) that are not summed across a row: only the columns and their totals
    are lines then.
    """
    limit = threshold() if limit is None else limit
    values: dict[tuple[str, str], int] = {}
    for r in rows:
        for c in cols:
            values[(r, c)] = int(cells.get((r, c), 0))
    for c in cols:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    if column_totals_only:
        lines = [[(r, c) for r in rows] + [(TOTAL, c)] for c in cols]
    else:
        for r in rows:
            values[(r, TOTAL)] = sum(values[(r, c)] for c in cols)
        values[(TOTAL, TOTAL)] = sum(values[(TOTAL, c)] for c in cols)
        lines = table_lines(rows, cols)
    hidden = suppressed_keys(values, lines, limit=limit)
    return SuppressedTable(list(rows), list(cols), values, hidden, limit)
