"""A quarter released again after a resubmission: comparing the two releases must not give away the few
people who changed (deid.aggregate.rerelease, found by a user's differencing of two releases)."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import polars as pl
import pytest

from deid.aggregate import build_protected_tables
from deid.aggregate.protect import one_status
from deid.aggregate.rerelease import ReleasedCell

GENDERS = ["Female", "Male", "Another gender", "Not stated"]
OUTCOMES = ["achieved", "ongoing", "not_achieved", "exited_early", "partly_achieved"]


def _records(standards, n: int = 260, seed: int = 0) -> pl.DataFrame:
    """People of five providers with every table's dimensions, total-response ethnicity and sessions."""
    rng = np.random.default_rng(seed)
    rows = {"person_key": [f"p{i}" for i in range(n)], "provider": rng.choice(list("PQRST"), n).tolist(),
            "gender_label": rng.choice(GENDERS, n, p=[0.55, 0.39, 0.03, 0.03]).tolist(),
            "outcome_status": rng.choice(OUTCOMES, n).tolist(),
            "sessions_attended": rng.integers(1, 12, n).tolist(),
            "region_name": rng.choice(["Northland", "Waikato", "Otago"], n).tolist(),
            "age_band_life_cycle": rng.choice(["15-24", "25-39", "40-64"], n).tolist()}
    flags = {f"eth_{item.key}": (rng.random(n) < 0.35).tolist() for item in standards.ethnicity.level1}
    return pl.DataFrame(rows).with_columns(*[pl.Series(k, v) for k, v in flags.items()])


def _release(records, standards, agreement, key, run, before=None):
    """One release's tables (by table: cell -> (status, value)) and what the secure zone keeps of it."""
    before = before or {}
    hidden = {name: frozenset(i for i, c in cells.items() if c.published is None) for name, cells in before.items()}
    tables, results, _ = build_protected_tables(records, standards, agreement, key, run, "2026Q3", hidden,
                                                earlier_cells=before)
    shown = {}
    for result in results:
        dims = [c for c in tables[result.table].columns if c not in ("count", "status", "run_id", "quarter")]
        shown[result.table] = {tuple(row[:-2]): tuple(row[-2:]) for row in   # as the release files say it
                               one_status(tables[result.table]).select(*dims, "status", "count").iter_rows()}
    kept = {r.table: {cell.identity: cell for cell in r.ledger} for r in results}
    return shown, kept, {r.table: r for r in results}


@pytest.mark.parametrize("withdrawn", [0, 7, 42, 99, 180])
def test_when_one_client_is_withdrawn_and_the_quarter_released_again_then_no_published_cell_changes(
        standards, agreement, test_key, withdrawn):
    records = _records(standards)
    first, kept, _ = _release(records, standards, agreement, test_key, "run-1")
    again, _, results = _release(records.filter(pl.col("person_key") != f"p{withdrawn}"), standards, agreement,
                                 test_key, "run-2", kept)
    assert set(again) == set(first) and all(r.releasable for r in results.values())
    for table, cells in first.items():   # the differencing attack: every cell of every table, side by side
        assert again[table] == cells, table
    assert sum(r.repeated for r in results.values()) > 0


def test_without_the_earlier_release_the_same_withdrawal_shows_in_the_tables(standards, agreement, test_key):
    """The attack the rule answers: released afresh, the withdrawn client's cells move."""
    records = _records(standards)
    first, _, _ = _release(records, standards, agreement, test_key, "run-1")
    moved = 0
    for withdrawn in (0, 7, 42, 99, 180):
        fresh, _, _ = _release(records.filter(pl.col("person_key") != f"p{withdrawn}"), standards, agreement,
                               test_key, "run-2")
        moved += sum(fresh[t].get(cell) != value for t, cells in first.items() for cell, value in cells.items())
    assert moved > 0


def test_a_change_of_the_thresholds_worth_of_people_is_published_and_moves_the_anchor(standards, agreement, test_key):
    records = _records(standards)
    _, kept, _ = _release(records, standards, agreement, test_key, "run-1")
    joined = pl.DataFrame([{**records.row(0, named=True), "person_key": f"new{i}", "provider": "P", "gender_label": "Female"}
                           for i in range(9)], schema=records.schema)
    _, kept_again, _ = _release(pl.concat([records, joined]), standards, agreement, test_key, "run-2", kept)
    cell = "clients|gender_label=Female|provider=P"
    before, after = kept["clients_by_provider_gender"][cell], kept_again["clients_by_provider_gender"][cell]
    assert after.value == before.value + 9 and after.anchor_value == after.value     # a new value, a new anchor
    assert after.published is not None and abs(after.published - after.value) < 3   # rounded afresh


def test_small_changes_do_not_add_up_unseen_the_anchor_stays_until_the_threshold(standards, agreement, test_key):
    records = _records(standards)
    _, kept, _ = _release(records, standards, agreement, test_key, "run-1")
    cell = "clients|gender_label=Female|provider=P"
    anchor = kept["clients_by_provider_gender"][cell]
    women_of_p = records.filter((pl.col("provider") == "P") & (pl.col("gender_label") == "Female"))
    for step in range(1, 7):   # one of them withdrawn in each re-release
        records = records.filter(pl.col("person_key") != women_of_p.item(step, "person_key"))
        _, kept, _ = _release(records, standards, agreement, test_key, f"run-{step + 1}", kept)
        now = kept["clients_by_provider_gender"][cell]
        assert now.value == anchor.value - step
        if step < 6:   # still within the threshold of the value's anchor: shown as before
            assert (now.published, now.anchor_value) == (anchor.published, anchor.value)
        else:          # six people since the value was set: a new value, anchored here
            assert now.anchor_value == now.value


def test_a_cell_whose_last_person_left_is_still_listed_and_a_hidden_cell_stays_hidden(standards, agreement, test_key):
    records = _records(standards)
    first, kept, _ = _release(records, standards, agreement, test_key, "run-1")
    lone = (records.group_by("provider", "gender_label").agg(pl.col("person_key").first(), pl.len())
            .filter(pl.col("len") == 1).row(0, named=True))
    again, _, _ = _release(records.filter(pl.col("person_key") != lone["person_key"]), standards, agreement,
                                 test_key, "run-2", kept)
    row = (lone["provider"], lone["gender_label"])
    assert first["clients_by_provider_gender"][row] == again["clients_by_provider_gender"][row] == ("suppressed", None)


def test_what_a_release_remembers_round_trips_through_the_secure_zone(standards, agreement, test_key, tmp_path):
    from deid.db import Warehouse
    from deid.pipeline import earlier_cell_values, record_cell_values

    tables, results, _ = build_protected_tables(_records(standards), standards, agreement, test_key, "run-1", "2026Q3")
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        written = record_cell_values(warehouse, standards, SimpleNamespace(run_id="run-1", quarter="2026Q3"), tables, results)
        same_quarter = earlier_cell_values(warehouse, standards, "2026Q3")
        other_quarter = earlier_cell_values(warehouse, standards, "2026Q4")
    assert written == sum(len(r.ledger) for r in results) > 0
    for result in results:
        assert same_quarter[result.table] == {cell.identity: cell for cell in result.ledger}
        assert other_quarter[result.table] == {}   # a table of one quarter holds other cells than the next quarter's
    shown = next(c for r in results for c in r.ledger if c.published is not None)
    assert isinstance(shown, ReleasedCell) and shown.anchor_value == shown.value


def test_the_secure_zone_ledger_never_reaches_a_report(standards, agreement, test_key):
    from reports.builders import as_plain

    _, results, _ = build_protected_tables(_records(standards), standards, agreement, test_key, "run-1", "2026Q3")
    assert results[0].ledger and "ledger" not in as_plain(results[0])
    assert {"repeated", "new_cells"} <= set(as_plain(results[0]))
    assert all(c.published is None or c.published % 3 == 0 or c.published == c.value
               for r in results if r.rounding == "rr3" for c in r.ledger)


def test_a_table_by_quarter_repeats_last_quarters_cells_and_counts_none_of_this_quarters_as_new(
        standards, agreement, test_key):
    by_quarter = next(t for t in standards.disclosure.tables if t.name == "clients_by_provider_gender").model_copy(
        update={"name": "clients_by_quarter_provider", "dimensions": ("quarter", "provider")})
    only = standards.model_copy(update={"disclosure": standards.disclosure.model_copy(update={"tables": [by_quarter]})})
    q2 = _records(only, 200, 1).with_columns(pl.lit("2026Q2").alias("quarter"))
    q3 = _records(only, 220, 2).with_columns(pl.lit("2026Q3").alias("quarter"),
                                             ("q3-" + pl.col("person_key")).alias("person_key"))
    _, first, _ = build_protected_tables(q2, only, agreement, test_key, "run-q2", "2026Q2")
    kept = {first[0].table: {c.identity: c for c in first[0].ledger}}
    revised_q2 = q2.filter(pl.col("person_key") != "p3")    # and one 2026Q2 client withdrawn since
    tables, results, _ = build_protected_tables(pl.concat([revised_q2, q3]), only, agreement, test_key, "run-q3", "2026Q3",
                                                earlier_cells=kept)
    shown = {row[:2]: row[2] for row in tables["clients_by_quarter_provider"].select("quarter", "provider", "count").iter_rows()}
    earlier = {c.cell: c.published for c in first[0].ledger}
    assert [shown[cell] for cell in earlier if cell[0] == "2026Q2"] == [v for c, v in earlier.items() if c[0] == "2026Q2"]
    assert {q for q, _ in shown} == {"2026Q2", "2026Q3", "All"}   # each cell says its own quarter
    assert results[0].new_cells == 0 and results[0].repeated >= len([c for c in earlier if c[0] == "2026Q2"])
