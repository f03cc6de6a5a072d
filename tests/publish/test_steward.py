"""The steward pack names cells as the published tables show them."""
from __future__ import annotations

from deid.aggregate.aggregate import dimension_labels
from deid.aggregate.audit import CellInterval
from deid.publish.steward import primary_intervals


def test_when_a_primary_cell_of_a_coded_dimension_is_listed_then_it_is_named_by_its_label(standards):
    cells = [CellInterval(("p-westland", "exited_early"), "primary", 2, 0.0, 9.0, 1.0, 4.0),
             CellInterval(("p-westland", "Not stated"), "primary", 1, 0.0, 9.0, 1.0, 4.0)]
    rows = primary_intervals(cells, 5, ["provider", "outcome_status"], dimension_labels(standards))
    assert sorted(r["cell"] for r in rows) == ["p-westland · Exited early", "p-westland · Not recognised"]


def test_interval_ends_never_read_as_negative_zero() -> None:
    cell = CellInterval(("P1", "achieved"), "primary", 4, -0.0, 242.0000001, required_low=-1e-9, required_high=8.0)
    [row] = primary_intervals([cell], threshold=20)
    assert row["interval"] == "0–242" and row["window"] == "0–8"   # not "'-0–242" (outsider test 10)
