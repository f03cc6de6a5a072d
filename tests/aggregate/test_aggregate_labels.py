"""Published tables read in one vocabulary (labels), and people with nothing recorded are not counted as 0."""
from __future__ import annotations

import polars as pl
import pytest

import deid.aggregate.aggregate as aggregate
from deid.aggregate import build_protected_tables, provider_own_figures

OUTCOMES = ["achieved", "not_achieved", "ongoing", "exited_early"]


def _records(standards) -> pl.DataFrame:
    """Two providers of 48 people: one records outcomes (a few unreadable) and sessions; the other neither."""
    rows = []
    for i in range(48):
        rows.append({"person_key": f"n{i}", "provider": "p-northland", "outcome_status": None if i % 16 == 0 else OUTCOMES[i % 4],
                     "sessions_attended": 2 + i % 5, "gender_label": "Female" if i % 3 else "Male",
                     "region_name": "Northland", "age_band_life_cycle": "25-39"})
        rows.append({"person_key": f"s{i}", "provider": "p-southland", "outcome_status": "not_recorded",
                     "sessions_attended": None, "gender_label": "Female" if i % 2 else "Male",
                     "region_name": "Southland", "age_band_life_cycle": "15-24"})
    flags = {f"eth_{item.key}": [item.key == "european"] * len(rows) for item in standards.ethnicity.level1}
    return pl.DataFrame(rows, schema_overrides={"sessions_attended": pl.Int64}).with_columns(
        *[pl.Series(k, v) for k, v in flags.items()])


@pytest.fixture(scope="module")
def built(standards, agreement, test_key):
    return build_protected_tables(_records(standards), standards, agreement, test_key, "run-1", "2026Q3")


def test_when_outcomes_are_tabled_then_every_value_is_a_label_and_none_is_a_code(built, standards):
    tables, _, _ = built
    codes = {c.code for c in standards.code_lists.code_lists["outcome_status"].codes} | {"not_recorded"}
    for name in ("outcomes_by_provider", "sessions_by_provider_outcome"):
        shown = set(tables[name].get_column("outcome_status").to_list())
        assert not shown & codes, (name, shown & codes)
    shown = set(tables["outcomes_by_provider"].get_column("outcome_status").to_list())
    assert shown == {"All", "Achieved", "Not achieved", "Ongoing", "Exited early", "Not recorded", "Not recognised"}


def test_when_tables_are_labelled_then_counts_and_suppression_are_those_counted_by_code(built, standards, agreement, test_key,
                                                                                      monkeypatch):
    """Labels are only shown: each cell rounds by its code's identity, as in earlier releases, so none moves."""
    tables, results, _ = built
    monkeypatch.setattr(aggregate, "dimension_labels", lambda _standards: {})
    by_code, results_by_code, _ = build_protected_tables(_records(standards), standards, agreement, test_key, "run-1", "2026Q3")
    monkeypatch.undo()
    labels = aggregate.dimension_labels(standards)
    for name, table in tables.items():
        dims = [d for d in table.columns if d not in {"count", "status", "run_id", "quarter"}]
        assert table.equals(aggregate.with_labels(by_code[name], dims, labels)), name
    assert [r.hidden_identities for r in results] == [r.hidden_identities for r in results_by_code]


def test_when_a_provider_records_no_sessions_then_it_is_left_out_of_the_sessions_table_not_counted_as_0(built, standards):
    tables, _, _ = built
    sessions = tables["sessions_by_provider_outcome"]
    assert "p-southland" not in sessions.get_column("provider").to_list()
    assert "p-northland" in sessions.get_column("provider").to_list()
    figures = provider_own_figures(_records(standards))
    south = figures.filter(pl.col("provider") == "p-southland")
    assert south.get_column("people_with_sessions").sum() == 0 and south.get_column("people").sum() == 48
    assert figures.filter(pl.col("provider") == "p-northland").get_column("people_with_sessions").sum() == 48


def test_when_a_category_has_nobody_in_a_row_then_the_table_shows_it_as_0_not_a_missing_row(built):
    """Northland records no 15-24s and Southland no 25-39s: both cells are published as 0, so every region shows
    every age band the table has, and a reader can tell "nobody" from "not published"."""
    tables, _, _ = built
    table = tables["clients_by_region_age_band"]
    bands = set(table.get_column("age_band_life_cycle").to_list())
    for region in ("Northland", "Southland"):
        assert set(table.filter(pl.col("region_name") == region).get_column("age_band_life_cycle").to_list()) == bands
    empty = table.filter((pl.col("region_name") == "Northland") & (pl.col("age_band_life_cycle") == "15-24")).row(0, named=True)
    assert (empty["count"], empty["status"]) == (0, "published")
