"""The LP suppression audit: hidden cells that margins give away are caught, and repaired or withheld."""
from __future__ import annotations

import polars as pl
import pytest

from deid.aggregate import protect_table
from deid.aggregate.audit import audit_table
from deid.aggregate.aggregate import count_with_margins

# A 2 x 2 table with margins; (a, x) = 2 is below the threshold of 6.
CELLS = [("a", "x", 2), ("a", "y", 10), ("b", "x", 9), ("b", "y", 12), ("a", "All", 12), ("b", "All", 21),
         ("All", "x", 11), ("All", "y", 22), ("All", "All", 33)]


def _table(hidden: dict[tuple[str, str], str]) -> pl.DataFrame:
    rows = [(r, c, None if (r, c) in hidden else n, hidden.get((r, c), "published")) for r, c, n in CELLS]
    return pl.DataFrame(rows, schema=["r", "c", "count", "status"], orient="row")


def _audit(hidden, base, level=3):
    return audit_table(_table(hidden), ["r", "c"], true_counts=[n for *_, n in CELLS], bases=[base] * len(CELLS),
                       min_count=6, protection_level=level)


def test_when_counts_are_exact_and_one_cell_is_hidden_then_the_margins_give_it_away():
    result = _audit({("a", "x"): "primary"}, base=1)
    assert not result.passed and result.narrow_cells[0].low == result.narrow_cells[0].high == 2


def test_when_the_complement_shares_a_line_then_both_are_still_exact():
    result = _audit({("a", "x"): "primary", ("a", "y"): "secondary"}, base=1)
    assert {(c.key, c.low, c.high) for c in result.narrow_cells} == {(("a", "x"), 2, 2), (("a", "y"), 10, 10)}


def test_when_a_whole_block_is_hidden_then_each_cell_has_room():
    hidden = {("a", "x"): "primary", ("a", "y"): "secondary", ("b", "x"): "secondary", ("b", "y"): "secondary"}
    result = _audit(hidden, base=1)
    assert result.passed and result.narrowest_width >= 3


def test_when_published_counts_are_rounded_to_base_3_then_their_ranges_widen_the_hidden_cell():
    result = _audit({("a", "x"): "primary"}, base=3)
    assert result.passed and result.narrowest_width == 6  # 0 to 6: 11±2 less 9±2, and 12±2 less 10±2


def test_when_ethnicity_is_total_response_then_its_margin_is_not_taken_as_a_sum():
    frame = pl.DataFrame([("Māori", 2, "primary"), ("Pacific", 7, "published"), ("All", 8, "published")],
                         schema=["eth", "count", "status"], orient="row").with_columns(
        pl.when(pl.col("status") == "primary").then(None).otherwise(pl.col("count")).alias("count"))
    exact_sum = audit_table(frame, ["eth"], true_counts=[2, 7, 8], bases=[1, 1, 1], min_count=6, protection_level=3)
    total_response = audit_table(frame, ["eth"], true_counts=[2, 7, 8], bases=[1, 1, 1], min_count=6, protection_level=3,
                                 non_additive=("eth",))
    assert exact_sum.narrow_cells[0].low == 1 and exact_sum.narrow_cells[0].high == 1
    assert total_response.passed and total_response.narrowest_width == 7  # at least 1, at most the margin


def _random_people(n: int, seed: int) -> pl.DataFrame:
    import numpy as np

    rng = np.random.default_rng(seed)
    return pl.DataFrame({"person_key": [f"p{i}" for i in range(n)],
                         "region": rng.choice(["01", "02", "03", "04", "05"], n, p=[.5, .3, .1, .07, .03]).tolist(),
                         "age_band": rng.choice(["0-4", "5-9", "10-14", "15-19"], n).tolist(),
                         "gender": rng.choice(["1", "2", "3"], n, p=[.49, .49, .02]).tolist()})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_when_a_table_is_protected_then_every_hidden_cell_passes_the_audit(test_key, seed):
    counts = count_with_margins(_random_people(400, seed), ["region", "age_band", "gender"])
    _, result = protect_table(counts, ["region", "age_band", "gender"], measure="clients", table="t", seed=test_key)
    assert result.releasable and result.audit.cells_audited == result.primary_suppressed + result.secondary_suppressed
    assert result.audit.narrowest_width >= 3 and 0 < result.information_loss < 1


def test_when_the_audit_fails_then_more_cells_are_hidden_until_it_passes_or_the_table_is_withheld(test_key):
    counts = count_with_margins(_random_people(400, 1), ["region", "age_band", "gender"])
    dims = ["region", "age_band", "gender"]
    _, unrepaired = protect_table(counts, dims, measure="clients", table="t", seed=test_key, protection_level=14, repair_rounds=0)
    _, repaired = protect_table(counts, dims, measure="clients", table="t", seed=test_key, protection_level=14, repair_rounds=5)
    assert not unrepaired.releasable and "FAILED" in str(unrepaired.audit)
    assert repaired.releasable and repaired.audit.narrowest_width >= 14
    assert repaired.secondary_suppressed > unrepaired.secondary_suppressed


@pytest.mark.parametrize("seed", [4, 5])
def test_when_a_table_is_too_large_for_the_lp_then_propagation_is_used_and_is_never_narrower_than_the_lp(test_key, seed):
    from deid.aggregate.audit import AuditModel, PROPAGATION, propagate_bounds

    dims = ["region", "age_band", "gender"]
    counts = count_with_margins(_random_people(300, seed), dims)
    protected, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, exact_max_cells=10)
    assert result.audit.method == PROPAGATION and result.releasable
    keys = [tuple(str(v) for v in row) for row in protected.select(dims).rows()]
    status = protected.get_column("status").to_list()
    published = protected.get_column("count").to_list()
    bases = [3] * len(keys)
    lo, hi = propagate_bounds(keys, dims, status, published, bases)
    model = AuditModel(keys, dims, status, published, bases, min_count=6)
    for i in [i for i, s in enumerate(status) if s != "published"][:25]:
        low, high = model.interval(i)
        assert lo[i] <= low + 1e-6 and high <= hi[i] + 1e-6  # propagation is an outer bound of the exact interval


def test_when_a_linked_table_hides_a_cell_then_this_table_hides_it_too_and_stays_safe(test_key):
    from deid.aggregate.protect import cell_identity

    dims = ["region", "gender"]
    counts = count_with_margins(_random_people(400, 7), dims)
    region_total = cell_identity("clients", {"region": "01", "gender": "All"})
    _, alone = protect_table(counts, dims, measure="clients", table="t", seed=test_key)
    protected, linked = protect_table(counts, dims, measure="clients", table="t", seed=test_key,
                                      hidden_elsewhere=frozenset({region_total}))
    assert region_total not in alone.hidden_identities and region_total in linked.hidden_identities
    row = protected.filter((pl.col("region") == "01") & (pl.col("gender") == "All"))
    assert row.get_column("status")[0] == "secondary" and row.get_column("count")[0] is None
    assert linked.releasable


def test_when_sums_are_protected_then_few_contributors_and_a_dominant_one_are_suppressed_and_audited():
    from deid.aggregate.aggregate import sum_with_margins
    from deid.aggregate.protect import protect_magnitude_table
    from deid.standards import MagnitudeRules

    rows = ([{"person_key": f"a{i}", "provider": "A", "outcome": "met", "sessions": 3} for i in range(25)]
            + [{"person_key": f"b{i}", "provider": "A", "outcome": "not", "sessions": 2} for i in range(4)]       # too few
            + [{"person_key": f"c{i}", "provider": "B", "outcome": "met", "sessions": 1} for i in range(24)]
            + [{"person_key": "c-big", "provider": "B", "outcome": "met", "sessions": 90}]                      # dominant
            + [{"person_key": f"d{i}", "provider": "B", "outcome": "not", "sessions": 4} for i in range(30)])
    sums = sum_with_margins(pl.DataFrame(rows), ["provider", "outcome"], "sessions", top_n=1)
    cell = sums.filter((pl.col("provider") == "B") & (pl.col("outcome") == "met")).row(0, named=True)
    assert (cell["count"], cell["contributors"], cell["top"]) == (114, 25, 90)
    rules = MagnitudeRules(min_contributors=20, dominance_top=1, dominance_share=0.5, protection_share=0.2)
    protected, result = protect_magnitude_table(sums, ["provider", "outcome"], measure="sessions", table="s", rules=rules)
    status = {(r["provider"], r["outcome"]): r["status"] for r in protected.iter_rows(named=True)}
    assert status[("A", "not")] == "primary" and status[("B", "met")] == "primary"
    assert result.releasable and "20% of its value" in str(result.audit)
    assert all(r["count"] is None for r in protected.iter_rows(named=True) if r["status"] != "published")
