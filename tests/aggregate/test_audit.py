"""The LP suppression audit: hidden cells that margins give away are caught, and repaired or withheld."""
from __future__ import annotations

import polars as pl
import pytest

from deid.aggregate import protect_table
from deid.aggregate.aggregate import count_with_margins
from deid.aggregate.audit import AuditModel, audit_table

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
    assert 0 < result.information_loss < 1 and result.audit.intervals
    assert all(c.protected for c in result.audit.intervals)
    primary = [c for c in result.audit.intervals if c.status == "primary"]
    assert sum(c.required_high - c.required_low < 2 for c in primary) == result.unprotectable


def test_when_secondary_suppression_is_off_then_the_audit_fails_and_with_it_on_the_table_passes(test_key):
    counts = count_with_margins(_random_people(400, 1), ["region", "age_band", "gender"])
    dims = ["region", "age_band", "gender"]
    _, alone = protect_table(counts, dims, measure="clients", table="t", seed=test_key, secondary=False)
    _, protected = protect_table(counts, dims, measure="clients", table="t", seed=test_key, time_limit=2)
    assert not alone.releasable and "FAILED" in str(alone.audit)
    assert protected.releasable and not protected.audit.narrow_cells
    assert protected.secondary_suppressed > alone.secondary_suppressed


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_when_hypercubes_certify_a_cell_then_its_exact_lp_interval_is_at_least_that_wide(seed):
    from deid.aggregate.hypercube import hypercube_protect

    dims = ["region", "age_band", "gender"]
    counts = count_with_margins(_random_people(300, seed), dims)
    keys = [tuple(str(v) for v in row) for row in counts.select(dims).rows()]
    true = counts.get_column("count").to_list()
    hidden, proven = hypercube_protect(keys, true, [0 < c < 6 for c in true], [2.0] * len(keys))
    status = ["secondary" if h else "published" for h in hidden]
    model = AuditModel(keys, dims, status, true, [1] * len(keys), min_count=6)   # published cells exact: the hardest case
    checked = 0
    for i in [i for i, h in enumerate(hidden) if h]:
        low, high = model.interval(i)
        assert proven[i] >= 2 and high - low >= proven[i] - 1e-6, (keys[i], low, high, proven[i])
        checked += 1
    assert checked > 10


def test_when_a_pattern_has_an_uncovered_hidden_cell_then_certificates_do_not_vouch_for_it():
    from deid.aggregate.hypercube import hypercube_protect

    keys = [("x", "1"), ("x", "2"), ("x", "All"), ("y", "1"), ("y", "2"), ("y", "All"),
            ("All", "1"), ("All", "2"), ("All", "All")]
    true = [2, 10, 12, 7, 9, 16, 9, 19, 28]
    lone = [k == ("x", "1") or k == ("x", "2") for k in keys]   # a row pair, but the columns give both away
    hidden, proven = hypercube_protect(keys, true, lone, [2.0] * len(keys), may_hide=False)
    assert hidden == lone and proven[0] == 0 and proven[1] == 0
    hidden, proven = hypercube_protect(keys, true, lone, [2.0] * len(keys))
    assert sum(hidden) == 4 and proven[0] >= 2


@pytest.mark.parametrize("seed", [4, 5])
def test_when_a_table_is_too_large_for_the_mip_then_greedy_cuts_protect_it_and_the_lp_agrees(test_key, seed):
    dims = ["region", "age_band", "gender"]
    counts = count_with_margins(_random_people(300, seed), dims)
    protected, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, exact_max_cells=10)
    assert result.suppression_method.startswith("greedy cuts") and result.releasable
    assert all(c.protected for c in result.audit.intervals)
    keys = [tuple(str(v) for v in row) for row in protected.select(dims).rows()]
    status = protected.get_column("status").to_list()
    true = counts.get_column("count").to_list()
    model = AuditModel(keys, dims, status, true, [1] * len(keys), min_count=6)   # only non-negativity: a weaker attacker
    windows = {c.key: c for c in result.audit.intervals}
    for i in [i for i, s in enumerate(status) if s == "primary"][:25]:
        low, high = model.interval(i)
        assert low <= windows[keys[i]].required_low + 1e-6 and high >= windows[keys[i]].required_high - 1e-6


def test_when_a_linked_table_hides_a_cell_then_this_table_hides_it_too_and_stays_safe(test_key):
    from deid.aggregate.protect import cell_identity

    dims = ["region", "gender"]
    counts = count_with_margins(_random_people(400, 7), dims)
    _, alone = protect_table(counts, dims, measure="clients", table="t", seed=test_key)
    region_total = next(cell_identity("clients", {"region": r, "gender": "All"}) for r in ("01", "02", "03", "04", "05")
                        if cell_identity("clients", {"region": r, "gender": "All"}) not in alone.hidden_identities)
    region = region_total.split("region=")[1]
    protected, linked = protect_table(counts, dims, measure="clients", table="t", seed=test_key,
                                      hidden_elsewhere=frozenset({region_total}))
    assert region_total not in alone.hidden_identities and region_total in linked.hidden_identities
    row = protected.filter((pl.col("region") == region) & (pl.col("gender") == "All"))
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


def _records_for(standards, n: int, seed: int) -> pl.DataFrame:
    import numpy as np

    rng = np.random.default_rng(seed)
    people = _random_people(n, seed).rename({"region": "provider", "gender": "gender_label"})
    flags = {f"eth_{item.key}": (rng.random(n) < 0.3).tolist() for item in standards.ethnicity.level1}
    return people.with_columns(*[pl.Series(k, v) for k, v in flags.items()])


def test_when_a_cell_was_hidden_in_an_earlier_release_then_the_next_release_of_that_table_hides_it_too(
        standards, agreement, test_key, tmp_path):
    from types import SimpleNamespace

    from deid.aggregate import build_protected_tables
    from deid.db import Warehouse
    from deid.pipeline import earlier_hidden_cells, record_hidden_cells

    one_table = [t for t in standards.disclosure.tables if t.name == "clients_by_provider_gender"]
    only = standards.model_copy(update={"disclosure": standards.disclosure.model_copy(update={"tables": one_table})})
    first_records = _records_for(only, 400, 11)
    tables, protection, _ = build_protected_tables(first_records, only, agreement, test_key, "run-1", "2026Q2")
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        record_hidden_cells(warehouse, only, SimpleNamespace(run_id="run-1", quarter="2026Q2"), tables, protection)
        same_quarter = earlier_hidden_cells(warehouse, only, "2026Q2")
        other_quarter = earlier_hidden_cells(warehouse, only, "2026Q3")
    first_hidden = protection[0].hidden_identities
    assert first_hidden and same_quarter["clients_by_provider_gender"] == first_hidden
    assert not other_quarter["clients_by_provider_gender"]   # a different quarter's table holds different cells

    revised = _records_for(only, 460, 12)                    # the quarter re-run with revised data
    _, alone, _ = build_protected_tables(revised, only, agreement, test_key, "run-2", "2026Q2")
    _, linked, _ = build_protected_tables(revised, only, agreement, test_key, "run-2", "2026Q2", same_quarter)
    assert not first_hidden <= alone[0].hidden_identities     # on its own the re-run would publish some of them
    assert first_hidden <= linked[0].hidden_identities and linked[0].releasable


def _overlapping_records(standards, n: int, seed: int, share_moving: float) -> pl.DataFrame:
    """People served by one provider, and a share of them by a second too (families move), as
    standardised rows: one row per person per provider, with total-response ethnicity flags."""
    import numpy as np

    rng = np.random.default_rng(seed)
    providers = ["p-a", "p-b", "p-c", "p-d"]
    rows = []
    for i in range(n):
        first = rng.choice(providers)
        served = [first] + ([rng.choice([p for p in providers if p != first])] if rng.random() < share_moving else [])
        age = rng.choice(["Young adult", "Adult", "Older adult"])
        gender, region = rng.choice(["Male", "Female"]), rng.choice(["Auckland", "Waikato", "Otago"])
        for provider in served:   # the same person, seen by each provider (outcomes may differ)
            rows.append({"person_key": f"k{i}", "provider": provider, "gender_label": gender, "region_name": region,
                         "age_band_life_cycle": age, "outcome_status": rng.choice(["achieved", "ongoing", "not_achieved"]),
                         "sessions_attended": int(rng.integers(0, 12))})
    flags = {f"eth_{item.key}": [] for item in standards.ethnicity.level1}
    people = {}
    for row in rows:
        person = people.setdefault(row["person_key"], {k: bool(rng.random() < 0.35) for k in flags})
        for key in flags:
            flags[key].append(person[key])
    return pl.DataFrame(rows).with_columns(*[pl.Series(k, v) for k, v in flags.items()])


@pytest.mark.parametrize("seed, people, share_moving", [(31, 40, 0.05), (32, 60, 0.2), (33, 40, 0.5), (34, 90, 0.9),
                                                        (35, 300, 0.3)])
def test_when_people_are_counted_under_several_providers_then_every_table_is_protected_and_the_run_goes_on(
        standards, agreement, test_key, seed, people, share_moving):
    from deid.aggregate import build_protected_tables

    records = _overlapping_records(standards, people, seed, share_moving)   # small enough that cells are suppressed
    tables, protection, decisions = build_protected_tables(records, standards, agreement, test_key, "run", "2026Q3")
    for result in protection:
        assert result.audit is None or result.audit.error is None, (result.table, str(result.audit))
    released = {d.table for d in decisions if d.released}
    assert released == set(tables) and "clients_by_provider_gender" in tables
    by_provider = tables["clients_by_provider_gender"]
    total = by_provider.filter((pl.col("provider") == "All") & (pl.col("gender_label") == "All")).get_column("count")[0]
    assert total is None or total <= records.get_column("person_key").n_unique() + 2   # people once, within rounding


def test_when_a_table_cannot_be_solved_then_it_is_withheld_with_a_message_and_the_others_are_released(test_key):

    counts = count_with_margins(_random_people(200, 5), ["region", "gender"])
    broken = counts.with_columns(pl.when((pl.col("region") == "All") & (pl.col("gender") == "All"))
                                 .then(pl.col("count") - 50).otherwise(pl.col("count")).alias("count"))  # margins lie
    _, result = protect_table(broken, ["region", "gender"], measure="clients", table="t", seed=test_key)
    assert not result.releasable and "could not be solved" in str(result.audit)
