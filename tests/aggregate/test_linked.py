"""Tables of one release attacked together (deid.aggregate.linked; found by a user's own joint LP attack, issue 18)."""
from __future__ import annotations

from scipy.optimize import linprog

from deid.aggregate.linked import LinkedTable, joint_exposures
from deid.aggregate.protect import cell_identity

GENDER = {("P", "F"): 33, ("P", "M"): 18, ("P", "X"): 1, ("P", "N"): 1, ("Q", "F"): 20, ("Q", "M"): 20, ("Q", "X"): 3, ("Q", "N"): 2}
OUTCOME = {("P", "a"): 20, ("P", "b"): 33, ("Q", "a"): 25, ("Q", "b"): 20}


def _with_margins(inner: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    cells = dict(inner)
    for (r, c), v in inner.items():
        cells[(r, "All")] = cells.get((r, "All"), 0) + v
        cells[("All", c)] = cells.get(("All", c), 0) + v
        cells[("All", "All")] = cells.get(("All", "All"), 0) + v
    return cells


def _table(name: str, dims: tuple[str, str], inner: dict[tuple[str, str], int], hidden: set[tuple[str, str]]) -> LinkedTable:
    cells = _with_margins(inner)
    keys = tuple(sorted(cells))
    return LinkedTable(name, dims, keys, tuple(cell_identity("clients", dict(zip(dims, k, strict=True))) for k in keys),
                       tuple(cells[k] for k in keys), tuple(0 < cells[k] < 6 for k in keys), tuple(k in hidden for k in keys))


def _gender_table() -> LinkedTable:
    small = {k for k, v in _with_margins(GENDER).items() if 0 < v < 6}
    return _table("by_gender", ("provider", "gender"), GENDER, small | {("P", "All"), ("Q", "All")})


def _max_with_outcomes_published(cell: str) -> float:
    """An independent attack (scipy): P's two small gender cells once the outcome table gives P's total (53)."""
    # variables: P/X, P/N; P/X + P/N = 53 - 33 - 18; each 1..5
    result = linprog(c=[-1, 0] if cell == "X" else [0, -1], A_eq=[[1, 1]], b_eq=[53 - 33 - 18], bounds=[(1, 5), (1, 5)],
                     method="highs")
    return float(-result.fun)


def test_a_small_cell_each_table_protects_alone_is_pinned_by_the_tables_together_and_a_cell_to_hide_is_named() -> None:
    gender, outcome = _gender_table(), _table("by_outcome", ("provider", "outcome"), OUTCOME, set())
    assert joint_exposures([gender], 6, 2) == []                  # the gender table alone is safe
    assert _max_with_outcomes_published("X") == 1.0               # read together, P/X is exactly 1
    exposures = joint_exposures([gender, outcome], 6, 2)
    pinned = {e.identity: e for e in exposures}
    assert set(pinned) == {"clients|gender=X|provider=P", "clients|gender=N|provider=P"}
    for exposure in exposures:
        assert exposure.interval == (1.0, 1.0) and exposure.window == (1.0, 3.0)
        assert exposure.hide is not None and exposure.hide.startswith("clients|outcome=")


def test_once_the_named_outcome_cells_are_hidden_too_the_tables_together_pin_nothing() -> None:
    gender = _gender_table()
    outcome = _table("by_outcome", ("provider", "outcome"), OUTCOME, {("P", "a"), ("P", "b"), ("Q", "a"), ("Q", "b")})
    assert joint_exposures([gender, outcome], 6, 2) == []


def test_tables_that_count_a_shared_cell_differently_are_not_linked() -> None:
    outcome = _table("by_outcome", ("provider", "outcome"), {("P", "a"): 21, ("P", "b"): 33, ("Q", "a"): 25, ("Q", "b"): 20}, set())
    assert joint_exposures([_gender_table(), outcome], 6, 2) == []
