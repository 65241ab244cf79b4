"""Query counts of pages that list things (after NetBox's ``query_counts`` and Zulip's
``queries_captured``): a page that lists rows must not make a query a row.

:func:`assert_queries_do_not_grow` renders a page with a few rows and again with more rows, and
fails when the second render takes more queries than the first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL = 2  # rows on the first render
LARGE = 7  # rows on the second


@dataclass
class QueryCounts:
    """What the two renders took: queries and the page's text, with few rows and with many."""

    url: str
    small: int
    large: int
    small_page: str
    large_page: str

    def __str__(self) -> str:
        return f"{self.url}: {self.small} queries with {SMALL} rows, {self.large} with {LARGE}"


def matches(pattern: str) -> Callable[[str], int]:
    """A ``rows_shown`` that counts the matches of a regular expression (a link a row)."""
    compiled = re.compile(pattern)
    return lambda page: len(compiled.findall(page))


def links_to(urls: list[str]) -> Callable[[str], int]:
    """A ``rows_shown`` that counts how many of ``urls`` (filled as rows are added) are linked."""
    return lambda page: sum(f'href="{url}"' in page for url in urls)


def render(client, url: str, params: dict | None = None) -> tuple[list[str], str]:
    """The queries a GET of ``url`` makes and the page it answers (which must be a 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


def _repeated(queries: list[str]) -> str:
    """The statements the larger render made more than once, numbers folded (the suspects)."""
    shapes = Counter(re.sub(r"\b\d+\b", "N", sql) for sql in queries)
    return "\n".join(f"{n} x {sql[:300]}" for sql, n in shapes.most_common() if n > 1)


def assert_queries_do_not_grow(
    client,
    url: str,
    add_rows: Callable[[int, int], object],
    *,
    rows_shown: Callable[[str], int] | None = None,
    params: dict | None = None,
) -> QueryCounts:
    """Given ``add_rows(start, stop)``, which adds the rows numbered ``start`` to ``stop - 1`` to
    what ``url`` lists: render it with :data:`SMALL` and then :data:`LARGE` rows, and assert that
    the larger page takes no more queries. ``rows_shown(page)`` counts the rows on a page, to
    show that both renders really listed them.
    """
    add_rows(0, SMALL)
    render(client, url, params)  # warm the per-process caches (content types, site, translations)
    small, small_page = render(client, url, params)
    add_rows(SMALL, LARGE)
    large, large_page = render(client, url, params)
    counts = QueryCounts(url, len(small), len(large), small_page, large_page)
    print(f"query counts {counts}")  # shown with -s
    if rows_shown is not None:
        assert rows_shown(small_page) == SMALL, (url, rows_shown(small_page))
        assert rows_shown(large_page) == LARGE, (url, rows_shown(large_page))
    assert len(large) <= len(small), f"{counts}: a query a row?\n{_repeated(large)}"
    return counts


_TRANSACTION_CONTROL = re.compile(
    r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK|BEGIN|COMMIT)\b", re.I
)


def statements(captured: CaptureQueriesContext) -> list[str]:
    """The SQL a request sent, without transaction control: a test runs inside a transaction,
    so a service's own transaction shows as savepoint statements here, not BEGIN and COMMIT
    as in production. What is left is every round trip that reads or writes rows."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if not _TRANSACTION_CONTROL.match(query["sql"])
    ]


def shapes(sql: list[str]) -> str:
    """The statements, one a line and cut short, for an assertion's message."""
    return "\n".join(f"{n + 1}. {query[:140]}" for n, query in enumerate(sql))
