"""What a released table says of its hidden cells (found by a user's own LP attacker, issue 18)."""
from __future__ import annotations

import polars as pl

from deid.aggregate.protect import one_status
from deid.aggregate.table import margins_not_summing


def test_a_released_table_says_suppressed_for_primary_and_secondary_cells_alike() -> None:
    table = pl.DataFrame({"region": ["a", "b", "c"], "count": [None, None, 9], "status": ["primary", "secondary", "published"]})
    assert one_status(table).get_column("status").to_list() == ["suppressed", "suppressed", "published"]


def test_a_margin_that_is_not_the_sum_of_its_cells_is_named_with_both_values() -> None:
    table = pl.DataFrame({"r": ["a", "a", "b", "b", "a", "b", "All", "All", "All"],
                          "g": ["1", "2", "1", "2", "All", "All", "1", "2", "All"],
                          "count": [1, 2, 3, 4, 10, 7, 4, 6, 10]})
    assert margins_not_summing(table, ["r", "g"]) == ["(All, All) is 10, its cells along r add up to 17",
                                                      "(a, All) is 10, its cells along g add up to 3"]
    fixed = table.with_columns(pl.when((pl.col("r") == "a") & (pl.col("g") == "All")).then(3).when(
        (pl.col("r") == "All") & (pl.col("g") == "All")).then(10).otherwise(pl.col("count")).alias("count"))
    assert margins_not_summing(fixed, ["r", "g"]) == []
