import statistics

import polars as pl
import pytest

from deid.aggregate import MARGIN, cell_draw, count_with_margins, protect_table, random_round, suppress_secondary
from deid.aggregate.aggregate import governance_decision
from deid.standards import TableSpec


@pytest.mark.parametrize("count", [0, 3, 6, 9, 300])
def test_when_count_is_a_multiple_of_3_then_rr3_leaves_it(count):
    assert all(random_round(count, d / 10) == count for d in range(10))


@pytest.mark.parametrize("count", [1, 2, 4, 5, 7, 8, 10, 11, 100, 101])
def test_when_rr3_rounds_then_result_is_a_neighbouring_multiple_and_unbiased(count):
    draws = [i / 3000 for i in range(3000)]
    rounded = [random_round(count, d) for d in draws]
    assert set(rounded) <= {count - count % 3, count - count % 3 + 3}
    assert statistics.mean(rounded) == pytest.approx(count, abs=0.01)


@pytest.mark.parametrize("count, allowed", [(19, {18, 20}), (23, {20, 25}), (123, {120, 130}), (1234, {1200, 1300})])
def test_when_graduated_then_bases_follow_the_stats_nz_bands(count, allowed):
    assert {random_round(count, d / 10, "graduated") for d in range(10)} == allowed


def test_when_the_same_cell_appears_again_then_it_rounds_the_same(test_key):
    a = cell_draw(test_key, "clients|provider=x")
    assert a == cell_draw(test_key, "clients|provider=x") and 0 <= a < 1
    assert a != cell_draw(test_key, "clients|provider=y")


def _people(rows):
    return pl.DataFrame([{"person_key": f"p{i}", "provider": p, "gender": g} for i, (p, g) in enumerate(rows)])


def test_when_counting_then_margins_and_total_are_distinct_people():
    frame = _people([("a", "F")] * 7 + [("a", "M")] * 2 + [("b", "F")] * 8)
    counts = count_with_margins(frame, ["provider", "gender"])
    lookup = {(r["provider"], r["gender"]): r["count"] for r in counts.iter_rows(named=True)}
    assert lookup[("a", "F")] == 7 and lookup[("a", MARGIN)] == 9 and lookup[(MARGIN, MARGIN)] == 17 and lookup[(MARGIN, "F")] == 15


def test_when_a_cell_is_small_then_it_and_a_complement_are_suppressed_in_every_line(test_key):
    frame = _people([("a", "F")] * 7 + [("a", "M")] * 2 + [("b", "F")] * 8 + [("b", "M")] * 9 + [("c", "F")] * 12 + [("c", "M")] * 10)
    counts = count_with_margins(frame, ["provider", "gender"])
    protected, result = protect_table(counts, ["provider", "gender"], measure="clients", table="t", seed=test_key)
    assert result.primary_suppressed == 1 and result.secondary_suppressed >= 1
    status = {(r["provider"], r["gender"]): r["status"] for r in protected.iter_rows(named=True)}
    assert status[("a", "M")] == "primary"
    # no line (a row or column with its margin) has exactly one hidden cell
    for _dim, other in ((0, 1), (1, 0)):
        lines = {}
        for key, s in status.items():
            lines.setdefault(key[other], []).append(s)
        assert all(sum(s != "published" for s in line) != 1 for line in lines.values())
    assert protected.filter(pl.col("status") != "published").get_column("count").null_count() == protected.filter(pl.col("status") != "published").height
    assert all(c % 3 == 0 for c in protected.get_column("count").drop_nulls())


def test_when_secondary_suppression_runs_then_a_lone_primary_cell_gets_the_cheapest_rectangle_of_partners():
    rows = [("x", "1", 2), ("x", "2", 10), ("y", "1", 7), ("y", "2", 40), ("z", "1", 9), ("z", "2", 9)]
    rows += [(a, MARGIN, sum(c for r, _, c in rows if r == a)) for a in "xyz"]
    rows += [(MARGIN, b, sum(c for _, r, c in rows[:6] if r == b)) for b in "12"] + [(MARGIN, MARGIN, 77)]
    frame = pl.DataFrame({"a": [r[0] for r in rows], "b": [r[1] for r in rows], "count": [r[2] for r in rows]}
                         ).with_columns(pl.when(pl.col("count") < 6).then(pl.lit("primary")).otherwise(pl.lit("published")).alias("status"))
    out, proven = suppress_secondary(frame, ["a", "b"], [2.0] * frame.height)
    hidden = {(a, b) for a, b, s in out.select("a", "b", "status").rows() if s != "published"}
    assert hidden == {("x", "1"), ("x", "2"), ("y", "1"), ("y", "2")} or hidden == {("x", "1"), ("x", "2"), ("z", "1"), ("z", "2")}
    assert all(w >= 2 for w, s in zip(proven, out.get_column("status"), strict=True) if s != "published")


def test_when_maori_breakdown_not_approved_then_table_is_withheld(agreement):
    spec = TableSpec(name="t", description="d", dimensions=("provider", "ethnicity_group"), measure="clients")
    unapproved = agreement.model_copy(update={"maori_data_governance": agreement.maori_data_governance.model_copy(
        update={"maori_breakdowns_approved": False})})
    decision = governance_decision(spec, unapproved)
    assert not decision.released and "withheld" in decision.reason
    assert governance_decision(spec, agreement).released
    iwi = TableSpec(name="i", description="d", dimensions=("iwi",), measure="clients")
    assert not governance_decision(iwi, agreement).released


def test_when_tables_are_counted_then_names_addresses_and_notes_are_not_carried_into_the_counting(standards):
    from deid.aggregate.aggregate import counted_columns

    flags = {f"eth_{item.key}": [True] for item in standards.ethnicity.level1}
    records = pl.DataFrame({"person_key": ["p1"], "given_name": ["Aroha"], "address_line": ["12 Queen St"],
                            "case_notes_scrubbed": ["Visited <PERSON>."], "provider": ["A"], "outcome_status": ["achieved"],
                            "sessions_attended": [3], "region_name": ["Auckland"], **flags})
    kept = counted_columns(records, standards)
    assert {"given_name", "address_line", "case_notes_scrubbed"}.isdisjoint(kept.columns)
    assert {"person_key", "provider", "outcome_status", "sessions_attended", "region_name", *flags} <= set(kept.columns)
