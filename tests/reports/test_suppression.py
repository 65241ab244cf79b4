"""Small-cell suppression: small counts hidden, and no hidden count derivable by subtraction
from the published entries of any row, column or total line it belongs to."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aicert.reports.tables import Published, key
from aicert.shared.suppression import (
    TOTAL,
    suppress,
    suppress_table,
    suppressed_keys,
    table_lines,
)

LIMIT = 10


def test_a_single_small_cell_takes_the_next_smallest_of_its_row_and_column():
    cells = {
        ("a", "x"): 3, ("a", "y"): 40, ("a", "z"): 25,
        ("b", "x"): 30, ("b", "y"): 50, ("b", "z"): 60,
    }  # fmt: skip
    table = suppress_table(cells, ["a", "b"], ["x", "y", "z"], limit=LIMIT)
    assert table.text("a", "x") == "<10" and table.text("a", "z") == "x"
    # Row a: the next smallest (25) goes; column x: its other cell (30) goes; then row b
    # has one hidden cell (30), so its smallest other (50) goes too; column y ... and so on.
    assert ("a", "z") in table.hidden and ("b", "x") in table.hidden
    for line in table_lines(["a", "b"], ["x", "y", "z"]):
        assert len([k for k in line if k in table.hidden]) != 1
    assert table.text(TOTAL, TOTAL) == "208"


def test_zero_is_published_and_not_taken_as_complement_when_another_exists():
    assert suppress({"a": 0, "b": 4, "c": 20, "d": 30}, limit=LIMIT) == {
        "a": "0", "b": "<10", "c": "x", "d": "30",
    }  # fmt: skip


def test_nothing_small_nothing_hidden():
    table = suppress_table({("a", "x"): 12, ("a", "y"): 10}, ["a"], ["x", "y"], limit=LIMIT)
    assert table.hidden == set()


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.one_of(st.integers(0, 12), st.integers(0, 200)),
            min_size=rows * cols,
            max_size=rows * cols,
        ).map(lambda v: (rows, cols, v))
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_suppressed_count_is_derivable_from_its_row_or_column(shape):
    n_rows, n_cols, flat = shape
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    cells = {(r, c): flat[i * n_cols + j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    table = suppress_table(cells, rows, cols, limit=LIMIT)
    for k, v in table.values.items():
        if 0 < v < LIMIT:
            assert k in table.hidden  # primary: every small count, cells and totals alike
    for line in table_lines(rows, cols):
        published = [k for k in line if k not in table.hidden]
        hidden = [k for k in line if k in table.hidden]
        # One equation per line (the parts sum to the total): with exactly one unknown it
        # would be solved by subtraction; none or two or more unknowns reveal no single one.
        assert len(hidden) != 1, (line, hidden, published)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 40), min_size=1))
def test_joint_suppression_of_a_page_hides_a_number_in_every_table_it_appears_in(counts):
    # One count per county in the main table and as the row total of county x level.
    pub = Published()
    pub.one_way("registrations", "county", counts)
    pub.two_way(
        "registrations",
        "county",
        "level",
        {(c, "L1"): v // 2 for c, v in counts.items()}
        | {(c, "L2"): v - v // 2 for c, v in counts.items()},
    )
    pub.resolve(LIMIT)
    for line in pub.lines:
        assert len([k for k in line if k in pub.hidden]) != 1
    for c in counts:
        assert (pub.number(key("registrations", county=c)) is None) == (
            key("registrations", county=c) in pub.hidden
        )


def test_suppressed_keys_ignores_one_element_lines():
    assert suppressed_keys({"a": 3}, [["a"]], limit=LIMIT) == {"a"}
