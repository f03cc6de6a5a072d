"""Optimal secondary suppression, checked from outside: an independent LP attack (scipy), brute-force optima,
linked quarters and the `deid protect` options."""
from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import polars as pl
import pytest
from scipy.optimize import linprog
from typer.testing import CliRunner

from deid.aggregate import MARGIN, count_with_margins, protect_table
from deid.aggregate.audit import STATED_ATTACKER
from deid.aggregate.protect import cell_identity
from deid.cli import app

THRESHOLD, LEVEL = 6, 2


def _people(n: int, seed: int, shape: dict[str, int]) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    columns = {}
    for name, k in shape.items():
        weights = 1 / np.arange(1, k + 1)
        columns[name] = np.char.add(name[0], rng.choice(k, n, p=weights / weights.sum()).astype(str)).tolist()
    return pl.DataFrame({"person_key": [f"p{i}" for i in range(n)], **columns})


def _equalities(keys: list[tuple[str, ...]]) -> np.ndarray:
    """Written here from the definition, not from the protection code: every margin is the sum of the cells it totals."""
    index = {key: i for i, key in enumerate(keys)}
    rows = []
    for key in keys:
        for d, value in enumerate(key):
            if value != MARGIN:
                continue
            children = [index[other] for other in keys
                        if other[d] != MARGIN and all(other[e] == key[e] for e in range(len(key)) if e != d)]
            if children:
                row = np.zeros(len(keys))
                row[index[key]] = 1.0
                row[children] = -1.0
                rows.append(row)
    return np.array(rows)


def _attack(keys, true, hidden, primary, extra_known=()) -> dict[int, tuple[float, float]]:
    """The stated attacker by scipy's linprog: published cells exact, primary cells 1..threshold-1, others >= 0."""
    a_eq = _equalities(keys)
    ceiling = max(true)
    bounds = [((1, THRESHOLD - 1) if primary[i] else (0, ceiling)) if hidden[i] and (i not in extra_known or primary[i])
              else (true[i], true[i]) for i in range(len(keys))]
    return _linprog_intervals(a_eq, bounds, [i for i in range(len(keys)) if primary[i]])


def _linprog_intervals(a_eq, bounds, cells) -> dict[int, tuple[float, float]]:
    """Each cell's smallest and largest value subject to `a_eq` x = 0 and `bounds` (scipy's linprog, HiGHS)."""
    found = {}
    for i in cells:
        c = np.zeros(len(bounds))
        c[i] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=np.zeros(a_eq.shape[0]), bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=np.zeros(a_eq.shape[0]), bounds=bounds, method="highs")
        assert low.status == 0 and high.status == 0
        found[i] = (low.fun, -high.fun)
    return found


def _window(count: int) -> tuple[int, int]:
    low = min(max(count - LEVEL // 2, 1), THRESHOLD - 1 - LEVEL)
    return low, low + LEVEL


def _exposed(keys, true, hidden, primary, extra_known=(), widest=None) -> list[tuple[str, ...]]:
    """Primary cells whose interval misses their window, other than those even hiding everything cannot protect."""
    attacked = _attack(keys, true, hidden, primary, extra_known)
    widest = widest or _attack(keys, true, [True] * len(keys), primary)
    exposed = []
    for i, (low, high) in attacked.items():
        want_low, want_high = _window(true[i])
        want_low, want_high = max(want_low, widest[i][0]), min(want_high, widest[i][1])
        if low > want_low + 1e-6 or high < want_high - 1e-6:
            exposed.append(keys[i])
    return exposed


def _pattern(protected: pl.DataFrame, dims: list[str]):
    keys = [tuple(str(v) for v in row) for row in protected.select(dims).rows()]
    status = protected.get_column("status").to_list()
    return keys, [s != "published" for s in status], [s == "primary" for s in status]


@pytest.mark.parametrize("seed, people, shape", [
    (41, 300, {"region": 5, "age": 4, "gender": 3}),
    (42, 500, {"region": 6, "age": 5, "gender": 2}),
    (43, 120, {"region": 4, "outcome": 4}),
    (44, 900, {"region": 5, "age": 4, "ethnicity": 3, "gender": 2}),
])
def test_when_an_independent_lp_attacks_a_protected_table_then_no_primary_cell_is_exposed(test_key, seed, people, shape):
    dims = list(shape)
    counts = count_with_margins(_people(people, seed, shape), dims)
    protected, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, time_limit=5)
    keys, hidden, primary = _pattern(protected, dims)
    true = [int(v) for v in counts.get_column("count")]
    assert result.releasable and sum(primary) > 3
    assert _exposed(keys, true, hidden, primary) == []
    # and the audit's own intervals agree with the independent attack
    attacked = _attack(keys, true, hidden, primary)
    own = {c.key: (c.low, c.high) for c in result.audit.intervals}
    assert all(own[keys[i]] == pytest.approx(interval, abs=1e-6) for i, interval in attacked.items())


def test_when_only_primary_cells_are_hidden_then_the_independent_attack_finds_them():
    counts = count_with_margins(_people(300, 41, {"region": 5, "age": 4, "gender": 3}), ["region", "age", "gender"])
    keys = [tuple(str(v) for v in row) for row in counts.select("region", "age", "gender").rows()]
    true = [int(v) for v in counts.get_column("count")]
    primary = [0 < v < THRESHOLD for v in true]
    assert _exposed(keys, true, primary, primary)    # the attack is not vacuous


def _tiny_table(rows: list[list[int]]) -> pl.DataFrame:
    records = [(f"r{i}", f"c{j}", v) for i, row in enumerate(rows) for j, v in enumerate(row) if v]
    frame = pl.DataFrame(records, schema=["r", "c", "count"], orient="row")
    inner = frame
    margins = [inner.group_by("r").agg(pl.col("count").sum()).with_columns(pl.lit(MARGIN).alias("c")),
               inner.group_by("c").agg(pl.col("count").sum()).with_columns(pl.lit(MARGIN).alias("r")),
               inner.select(pl.col("count").sum()).with_columns(pl.lit(MARGIN).alias("r"), pl.lit(MARGIN).alias("c"))]
    return pl.concat([inner, *[m.select("r", "c", "count") for m in margins]]).sort("r", "c")


def _brute_force_optimum(keys, true) -> int:
    """The fewest cells hidden such that the independent attack exposes nothing, by trying every pattern."""
    primary = [0 < v < THRESHOLD for v in true]
    others = [i for i in range(len(keys)) if not primary[i]]
    widest = _attack(keys, true, [True] * len(keys), primary)
    for extra in range(len(others) + 1):
        for chosen in combinations(others, extra):
            hidden = [primary[i] or i in chosen for i in range(len(keys))]
            if not _exposed(keys, true, hidden, primary, widest=widest):
                return sum(hidden)
    raise AssertionError("no pattern protects")


@pytest.mark.parametrize("rows", [
    [[2, 10, 14], [9, 3, 20], [30, 25, 8]],
    [[1, 12, 7], [20, 9, 11]],
    [[4, 9, 13, 8], [11, 30, 12, 2]],
])
def test_when_a_table_is_small_enough_to_try_every_pattern_then_the_optimum_matches(test_key, rows):
    counts = _tiny_table(rows)
    protected, result = protect_table(counts, ["r", "c"], measure="clients", table="t", seed=test_key)
    keys, hidden, _ = _pattern(protected, ["r", "c"])
    true = [int(v) for v in counts.get_column("count")]
    assert result.suppression_method == "optimal" and result.releasable
    assert sum(hidden) == _brute_force_optimum(keys, true)


def test_when_the_cost_is_people_then_fewer_people_are_hidden_than_when_it_is_cells(test_key):
    dims = ["region", "gender"]
    counts = count_with_margins(_people(300, 45, {"region": 6, "gender": 3}), dims)
    by_cells, cells_result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, time_limit=5)
    by_people, people_result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, time_limit=5,
                                             cost="total")
    true = counts.get_column("count")
    people = [sum(v for v, s in zip(true, table.get_column("status"), strict=True) if s != "published")
              for table in (by_cells, by_people)]
    assert cells_result.suppression_method == people_result.suppression_method == "optimal"
    assert people[1] <= people[0] and cells_result.secondary_suppressed <= people_result.secondary_suppressed


def _quarterly(seed: int, quarters: list[str]) -> pl.DataFrame:
    frames = [_people(160, seed + k, {"region": 4, "gender": 3}).with_columns(
        pl.lit(q).alias("quarter"), (pl.col("person_key") + f"-{q}").alias("person_key")) for k, q in enumerate(quarters)]
    return pl.concat(frames)


def test_when_a_table_with_a_quarter_dimension_is_released_again_then_both_releases_together_expose_nothing(test_key):
    dims = ["region", "gender", "quarter"]
    first = count_with_margins(_quarterly(50, ["2026Q2"]), dims)
    released, first_result = protect_table(first, dims, measure="clients", table="t", seed=test_key)
    # with one quarter, a cell (r, g, 2026Q2) and its margin (r, g, All) are the same count: either published gives it away
    known_slice = {(r, g) for r, g, q, s in released.select(*dims, "status").rows() if s == "published"}
    second = count_with_margins(_quarterly(50, ["2026Q2", "2026Q3"]), dims)
    keys = [tuple(str(v) for v in row) for row in second.select(dims).rows()]
    known = {i for i, (r, g, q) in enumerate(keys) if q == "2026Q2" and (r, g) in known_slice}
    identities = [cell_identity("clients", dict(zip(dims, key, strict=True))) for key in keys]
    protected, linked = protect_table(second, dims, measure="clients", table="t", seed=test_key,
                                      hidden_elsewhere=first_result.hidden_identities,
                                      published_elsewhere=frozenset(identities[i] for i in known))
    assert first_result.releasable and linked.releasable
    assert first_result.hidden_identities <= linked.hidden_identities   # hidden before: hidden again
    keys, hidden, primary = _pattern(protected, dims)
    true = [int(v) for v in second.get_column("count")]
    # the attacker holds both releases: every cell the first one published is known exactly
    widest = _attack(keys, true, [True] * len(keys), primary, known)
    assert _exposed(keys, true, hidden, primary, known, widest) == []


# --- deid protect ----------------------------------------------------------------------------------

runner = CliRunner()
SEED = "a private seed of sixteen+ characters"


def _write_counts(path, label: str = "Total", margins: bool = True) -> None:
    rows = [("01", "1", 40), ("01", "2", 3), ("02", "1", 25), ("02", "2", 30), ("03", "1", 12), ("03", "2", 14)]
    if margins:
        rows += [("01", label, 43), ("02", label, 55), ("03", label, 26), (label, "1", 77), (label, "2", 47), (label, label, 124)]
    path.write_text("region,gender,n\n" + "".join(f"{r},{g},{n}\n" for r, g, n in rows), encoding="utf-8")


def test_when_margins_are_labelled_total_then_protect_reads_and_writes_them_so(tmp_path):
    source, out = tmp_path / "counts.csv", tmp_path / "o.csv"
    _write_counts(source)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n", "--out", str(out),
                                 "--total-label", "Total", "--seed", SEED])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(out, infer_schema=False)
    assert "Total" in table["region"].to_list() and "All" not in table["region"].to_list()
    assert "12 cells, 1 primary" in result.stdout and "audit: passed" in result.stdout


def test_when_margins_are_absent_then_add_margins_computes_them(tmp_path):
    source, out = tmp_path / "counts.csv", tmp_path / "o.csv"
    _write_counts(source, margins=False)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n", "--out", str(out),
                                 "--add-margins", "--seed", SEED, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["cells"] == 12 and payload["primary"] == 1 and payload["audit"] == "passed"
    assert {"secondary", "information_lost", "cells_lost", "lower_bound", "primary_intervals"} <= payload.keys()
    interval = payload["primary_intervals"][0]
    assert interval["low"] <= interval["required_low"] and interval["high"] >= interval["required_high"]


@pytest.mark.parametrize("args, message", [
    (["--total-label", "All"], "no margin rows"),
    (["--total-label", "All"], '--total-label "Total"'),   # outsider user test 9: the file's own label is named
    (["--add-margins", "--total-label", "Total"], "already margins"),
    (["--total-label", "Total", "--cost", "people"], "--cost must be"),
])
def test_when_protect_is_misused_then_the_message_names_the_file_and_the_fix(tmp_path, args, message):
    source = tmp_path / "counts.csv"
    _write_counts(source)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n",
                                 "--out", str(tmp_path / "o.csv"), "--seed", SEED, *args])
    assert result.exit_code != 0 and message in result.output


def test_when_no_key_and_no_seed_are_given_then_protect_says_which_it_needs(tmp_path, monkeypatch):
    monkeypatch.delenv("DEID_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("DEID_PSEUDONYM_KEY_FILE", raising=False)
    monkeypatch.delenv("DEID_ROUNDING_SEED", raising=False)
    source = tmp_path / "counts.csv"
    _write_counts(source)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n",
                                 "--out", str(tmp_path / "o.csv"), "--total-label", "Total"])
    assert result.exit_code != 0 and "DEID_PSEUDONYM_KEY" in result.output


def test_when_the_seed_is_short_then_it_is_refused(tmp_path):
    source = tmp_path / "counts.csv"
    _write_counts(source)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n",
                                 "--out", str(tmp_path / "o.csv"), "--total-label", "Total", "--seed", "short"])
    assert result.exit_code != 0 and "at least 16" in result.output


def _three_way_problem(seed: int, shape: dict[str, int] | None = None):
    """A table of 500 people with its margins (region x age x gender unless `shape` says), and the stated
    attacker's view of it."""
    from deid.aggregate.optimal import protection_window
    from deid.aggregate.protect import attacker_bounds

    shape = shape or {"region": 6, "age": 5, "gender": 3}
    dims = list(shape)
    counts = count_with_margins(_people(500, seed, shape), dims)
    keys = [tuple(str(v) for v in row) for row in counts.select(dims).rows()]
    values = counts.get_column("count").to_numpy().astype(float)
    primary = (values > 0) & (values < THRESHOLD)
    lower, upper = attacker_bounds(values, primary, THRESHOLD)
    windows = {int(i): protection_window(int(values[i]), THRESHOLD, LEVEL) for i in np.flatnonzero(primary)}
    return dims, keys, values, primary, lower, upper, windows


def _sparse_equalities(keys: list[tuple[str, ...]]):
    """As `_equalities`, grouped by line so a table of thousands of cells is quick (still from the definition)."""
    from scipy import sparse

    lines: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    margins: dict[tuple[int, tuple[str, ...]], int] = {}
    for i, key in enumerate(keys):
        for d, value in enumerate(key):
            line = (d, key[:d] + key[d + 1:])
            if value == MARGIN:
                margins[line] = i
            else:
                lines.setdefault(line, []).append(i)
    rows, cols, vals = [], [], []
    for r, (line, children) in enumerate((line, children) for line, children in lines.items() if line in margins):
        rows += [r] * (len(children) + 1)
        cols += [margins[line], *children]
        vals += [1.0] + [-1.0] * len(children)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(max(rows, default=-1) + 1, len(keys)))


def _attack_cells(keys, true, hidden, primary, cells) -> dict[int, tuple[float, float]]:
    """The stated attacker by scipy's linprog, for the given cells only."""
    a_eq = _sparse_equalities(keys)
    ceiling = max(true)
    bounds = [((1, THRESHOLD - 1) if primary[i] else (0, ceiling)) if hidden[i] else (true[i], true[i])
              for i in range(len(keys))]
    return _linprog_intervals(a_eq, bounds, cells)


def test_when_a_table_of_thousands_of_cells_is_audited_then_every_interval_agrees_with_an_independent_lp():
    from deid.aggregate.hypercube import hypercube_protect
    from deid.aggregate.optimal import TableSystem, protection_window
    from deid.aggregate.protect import attacker_bounds, audit_pattern

    dims = ["region", "age", "ethnicity", "gender"]
    counts = count_with_margins(_people(4_000, 46, {"region": 10, "age": 8, "ethnicity": 6, "gender": 3}), dims)
    assert counts.height > 2_000
    keys = [tuple(str(v) for v in row) for row in counts.select(dims).rows()]
    true = [int(v) for v in counts.get_column("count")]
    values = np.asarray(true, dtype=float)
    primary = (values > 0) & (values < THRESHOLD)
    hidden = np.array(hypercube_protect(keys, true, primary.tolist(), [2.0] * len(keys))[0])   # the large tables' pattern
    lower, upper = attacker_bounds(values, primary, THRESHOLD)
    windows = {int(i): protection_window(true[i], THRESHOLD, LEVEL) for i in np.flatnonzero(primary)}
    audit = audit_pattern(TableSystem.build(keys, dims), values, hidden, lower, upper, windows, keys, true, primary, LEVEL)
    assert audit.method == STATED_ATTACKER and audit.cells_audited == len(audit.intervals) == hidden.sum()
    own = {c.key: c for c in audit.intervals}
    rng = np.random.default_rng(46)
    sample = np.concatenate([rng.choice(np.flatnonzero(primary), 12, replace=False),
                             rng.choice(np.flatnonzero(hidden & ~primary), 12, replace=False)])
    attacked = _attack_cells(keys, true, hidden.tolist(), primary.tolist(), sample)
    for i, (low, high) in attacked.items():
        assert (own[keys[i]].low, own[keys[i]].high) == pytest.approx((low, high), abs=1e-6), keys[i]
        want_low, want_high = _window(true[i]) if primary[i] else (None, None)
        if primary[i] and not (low <= want_low + 1e-6 and high >= want_high - 1e-6):
            assert not own[keys[i]].protected      # the audit says so too: this pattern is not enough here


def test_when_a_table_is_above_the_large_table_size_then_it_is_audited_exactly_and_repaired(test_key):
    dims = ["region", "age", "gender"]
    counts = count_with_margins(_people(600, 47, {"region": 6, "age": 5, "gender": 3}), dims)
    protected, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, large_table_cells=10,
                                      large_audit_seconds=120)
    assert result.suppression_method.startswith("hypercube") and result.releasable
    assert result.audit.method == STATED_ATTACKER
    keys, hidden, primary = _pattern(protected, dims)
    assert _exposed(keys, [int(v) for v in counts.get_column("count")], hidden, primary) == []


@pytest.mark.parametrize(("people", "seed", "shape"), [(600, 47, {"region": 6, "age": 5, "gender": 3}),
                                                     (2000, 48, {"region": 8, "age": 6, "eth": 4}),
                                                     (300, 49, {"a": 5, "b": 4, "c": 3, "d": 2})])
def test_when_the_large_tables_exact_audit_runs_out_of_time_then_no_primary_cell_is_left_exposed_and_it_says_so(
        test_key, people, seed, shape):
    # the hypercube alone (counts >= 0 only) leaves 33, 9 and 65 primary cells of these tables exposed to the
    # stated attacker; before the repair, certificates passed those patterns
    dims = list(shape)
    counts = count_with_margins(_people(people, seed, shape), dims)
    protected, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, large_table_cells=10,
                                      large_audit_seconds=0)
    assert result.audit is not None and result.releasable
    assert result.suppression_method.startswith("hypercube, then cubes within the stated prior")
    assert "did not finish in 0 s" in result.audit.method and "pins no primary cell" in result.audit.method
    keys, hidden, primary = _pattern(protected, dims)
    assert _exposed(keys, [int(v) for v in counts.get_column("count")], hidden, primary) == []


def test_when_subtraction_pins_a_cell_and_nothing_more_may_be_hidden_then_the_large_table_is_not_released(
        test_key, monkeypatch):
    import deid.aggregate.protect as protect_module
    from deid.aggregate.optimal import OutOfTime

    def out_of_time(*args, **kwargs):
        raise OutOfTime("as a 50,000-cell table's exact audit would")

    monkeypatch.setattr(protect_module, "audit_pattern", out_of_time)
    dims = ["region", "age", "gender"]
    counts = count_with_margins(_people(600, 47, {"region": 6, "age": 5, "gender": 3}), dims)
    _, result = protect_table(counts, dims, measure="clients", table="t", seed=test_key, large_table_cells=10,
                              large_audit_seconds=0, secondary=False)
    assert result.audit is not None and not result.releasable
    pinned = [c for c in result.audit.narrow_cells if c.required_low is not None]
    assert pinned and all(c.status == "primary" and not c.protected for c in pinned)
    assert "pins" in result.audit.method and "pins no primary cell" not in result.audit.method


def test_when_the_search_starts_from_a_protecting_pattern_then_it_never_returns_a_costlier_one(test_key):
    from deid.aggregate.optimal import TableSystem, optimise_suppression

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(48)
    system = TableSystem.build(keys, dims)
    everything = np.ones(values.size, dtype=bool)      # protects (where anything can), at the highest cost
    args = (system, values, primary, np.zeros(values.size, dtype=bool), lower, upper, windows, np.ones(values.size))
    stopped = optimise_suppression(*args, time_limit=0.0, incumbent=everything)
    assert stopped.cost <= values.size and not stopped.optimal
    assert _exposed(keys, [int(v) for v in values], stopped.hidden.tolist(), primary.tolist()) == []
    searched = optimise_suppression(*args, time_limit=30, incumbent=everything)
    alone = optimise_suppression(*args, time_limit=30)
    assert searched.optimal and alone.optimal and searched.cost == alone.cost < values.size
    hidden = searched.hidden.tolist()
    exposed = _exposed(keys, [int(v) for v in values], hidden, primary.tolist())
    assert exposed == []


@pytest.mark.parametrize("seed", [49, 50])
def test_when_cubes_stay_within_the_stated_prior_then_the_independent_attack_exposes_nothing(seed):
    from deid.aggregate.hypercube import hypercube_protect
    from deid.aggregate.optimal import protection_window
    from deid.aggregate.protect import attacker_bounds, stated_hypercube

    dims = ["region", "age", "gender"]
    counts = count_with_margins(_people(400, seed, {"region": 6, "age": 5, "gender": 3}), dims)
    keys = [tuple(str(v) for v in row) for row in counts.select(dims).rows()]
    true = [int(v) for v in counts.get_column("count")]
    values = np.asarray(true, dtype=float)
    primary = (values > 0) & (values < THRESHOLD)
    lower, upper = attacker_bounds(values, primary, THRESHOLD)
    windows = {int(i): protection_window(true[i], THRESHOLD, LEVEL) for i in np.flatnonzero(primary)}
    stated = stated_hypercube(keys, true, primary, lower, upper, windows)
    assert _exposed(keys, true, stated.tolist(), primary.tolist()) == []
    # the cubes that ignore the prior (counts >= 0 only) leave primary cells exposed to this attacker
    plain = hypercube_protect(keys, true, primary.tolist(), [2.0] * len(keys))[0]
    assert _exposed(keys, true, plain, primary.tolist()) != []


@pytest.mark.parametrize("seed, shape, start", [
    (51, {"region": 6, "age": 5, "gender": 3}, "everything"),
    (52, {"region": 5, "age": 4, "ethnicity": 3, "gender": 2}, "everything"),
    (53, {"region": 6, "age": 5, "gender": 3}, "stated hypercube"),
])
def test_when_a_protecting_pattern_is_pruned_then_it_hides_fewer_cells_and_the_independent_attack_exposes_nothing(
        seed, shape, start):
    from deid.aggregate.optimal import Attacker, TableSystem, prune_pattern
    from deid.aggregate.protect import stated_hypercube

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(seed, shape)
    true = [int(v) for v in values]
    system = TableSystem.build(keys, dims)
    everything = np.ones(values.size, dtype=bool)
    widest, impossible = Attacker(system, values, lower, upper).intervals(everything, np.flatnonzero(primary), windows,
                                                                          exact=False)
    for cut in impossible:      # as protect_table does: a window no pattern meets asks for what hiding everything gives
        windows[cut.cell] = (max(windows[cut.cell][0], widest[cut.cell][0]), min(windows[cut.cell][1], widest[cut.cell][1]))
    hidden = everything if start == "everything" else stated_hypercube(keys, true, primary, lower, upper, windows)
    pruned = prune_pattern(system, values, hidden, primary, lower, upper, windows, np.ones(values.size))
    assert np.all(pruned <= hidden) and np.all(pruned[primary]) and pruned.sum() < hidden.sum()
    assert _exposed(keys, true, pruned.tolist(), primary.tolist()) == []


def test_when_the_pruning_runs_out_of_time_then_the_pattern_is_kept_as_it_was():
    from deid.aggregate.optimal import TableSystem, prune_pattern

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(51)
    everything = np.ones(values.size, dtype=bool)
    kept = prune_pattern(TableSystem.build(keys, dims), values, everything, primary, lower, upper, windows,
                         np.ones(values.size), deadline=0.0)
    assert kept.all()


@pytest.mark.parametrize("seed, shape", [
    (54, {"region": 6, "age": 5, "gender": 3}),
    (56, {"region": 7, "age": 4, "gender": 3}),
])
def test_when_a_pruned_pattern_is_published_again_cell_by_cell_then_the_independent_attack_exposes_nothing(seed, shape):
    from deid.aggregate.optimal import TableSystem, optimise_suppression, prune_pattern, publish_again

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(seed, shape)
    true = [int(v) for v in values]
    system = TableSystem.build(keys, dims)
    everything = np.ones(values.size, dtype=bool)
    # greedy cut generation: a pattern that protects (windows no pattern meets narrowed, as protect_table does)
    greedy = optimise_suppression(system, values, primary, np.zeros(values.size, dtype=bool), lower, upper, windows,
                                  np.ones(values.size), exact=False)
    windows = greedy.windows
    pruned = prune_pattern(system, values, greedy.hidden, primary, lower, upper, windows, np.ones(values.size))
    assert _exposed(keys, true, pruned.tolist(), primary.tolist()) == []
    again = publish_again(system, values, pruned, primary, lower, upper, windows, np.ones(values.size))
    assert np.all(again <= pruned) and np.all(again[primary])
    assert _exposed(keys, true, again.tolist(), primary.tolist()) == []
    # the same input gives the same pattern
    assert np.array_equal(again, publish_again(system, values, pruned, primary, lower, upper, windows, np.ones(values.size)))
    # from everything hidden, cells are published again (the pattern protects, so each try can succeed)
    from_all = publish_again(system, values, everything, primary, lower, upper, windows, np.ones(values.size))
    assert from_all.sum() < everything.sum()
    assert _exposed(keys, true, from_all.tolist(), primary.tolist()) == []


def test_when_publishing_again_has_no_lps_left_or_no_time_then_the_pattern_is_kept_as_it_was():
    from deid.aggregate.optimal import TableSystem, publish_again

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(51)
    everything = np.ones(values.size, dtype=bool)
    system = TableSystem.build(keys, dims)
    for options in ({"max_lps": 0}, {"deadline": 0.0}):
        kept = publish_again(system, values, everything, primary, lower, upper, windows, np.ones(values.size), **options)
        assert kept.all()


def test_when_the_completer_gets_the_exposed_cells_then_the_search_returns_a_protecting_pattern():
    from deid.aggregate.optimal import optimise_suppression
    from deid.aggregate.protect import stated_hypercube

    dims, keys, values, primary, lower, upper, windows = _three_way_problem(52)
    true = [int(v) for v in values]
    calls: list[list[int]] = []

    def complete(candidate, cells):
        calls.append(cells)
        return stated_hypercube(keys, true, candidate, lower, upper, {cell: windows[cell] for cell in cells})

    from deid.aggregate.optimal import TableSystem
    found = optimise_suppression(TableSystem.build(keys, dims), values, primary, np.zeros(values.size, dtype=bool),
                                 lower, upper, windows, np.ones(values.size), time_limit=0.5, completer=complete)
    assert all(set(cells) <= set(np.flatnonzero(primary).tolist()) for cells in calls)
    assert _exposed(keys, true, found.hidden.tolist(), primary.tolist()) == []


# --- sums (magnitude tables): the same search and audit, checked by the same kind of outside attack -------------


def _sums_table(n: int, providers: int, seed: int) -> pl.DataFrame:
    from deid.aggregate.aggregate import sum_with_margins

    rng = np.random.default_rng(seed)
    size = rng.pareto(1.2, providers) + 0.2
    rows = pl.DataFrame({"person_key": [f"p{i}" for i in range(n)],
                         "provider": [f"P{i:03d}" for i in rng.choice(providers, n, p=size / size.sum())],
                         "outcome": rng.choice(["met", "partly", "not", "withdrew"], n, p=[.45, .25, .2, .1]).tolist(),
                         "sessions": (rng.poisson(6, n) + (rng.random(n) < 0.02) * rng.integers(40, 200, n)).tolist()})
    return sum_with_margins(rows, ["provider", "outcome"], "sessions", top_n=1)


def _sums_attack(frame: pl.DataFrame, true: list[int]) -> dict[int, tuple[float, float]]:
    """Published sums exact, margins additive, hidden sums >= 0 (scipy's linprog): every primary cell's interval."""
    keys = [tuple(str(v) for v in row) for row in frame.select("provider", "outcome").rows()]
    status = frame.get_column("status").to_list()
    a_eq = _equalities(keys)
    bounds = [(true[i], true[i]) if s == "published" else (0, None) for i, s in enumerate(status)]
    return _linprog_intervals(a_eq, bounds, [i for i, s in enumerate(status) if s == "primary"])


def test_when_sums_are_protected_then_no_sensitive_sum_can_be_narrowed_below_its_share_by_an_outside_attack():
    from deid.aggregate.protect import protect_magnitude_table
    from deid.standards import MagnitudeRules

    rules = MagnitudeRules(min_contributors=20, dominance_top=1, dominance_share=0.5, protection_share=0.2)
    sums = _sums_table(6_000, 40, 5)
    true = [int(v) for v in sums.get_column("count").to_list()]
    protected, result = protect_magnitude_table(sums, ["provider", "outcome"], measure="sessions", table="s", rules=rules)
    assert result.releasable and result.primary_suppressed > 10 and result.secondary_suppressed > 0
    for cell, (low, high) in _sums_attack(protected, true).items():
        assert low <= true[cell] * 0.9 + 1e-6 and high >= true[cell] * 1.1 - 1e-6, (cell, true[cell], low, high)
    # each primary cell's interval is in the result, against its window, as the audit found it
    primary_intervals = [c for c in result.audit.intervals if c.status == "primary"]
    assert len(primary_intervals) == result.primary_suppressed and all(c.protected for c in primary_intervals)


def test_when_a_linked_table_hides_a_sum_then_it_stays_hidden_and_the_table_is_still_protected():
    from deid.aggregate.protect import protect_magnitude_table
    from deid.standards import MagnitudeRules

    rules = MagnitudeRules(min_contributors=20, dominance_top=1, dominance_share=0.5, protection_share=0.2)
    sums = _sums_table(6_000, 40, 5)
    true = [int(v) for v in sums.get_column("count").to_list()]
    first, _ = protect_magnitude_table(sums, ["provider", "outcome"], measure="sessions", table="s", rules=rules)
    published = first.filter((pl.col("status") == "published") & (pl.col("provider") != MARGIN)
                             & (pl.col("outcome") != MARGIN)).row(0, named=True)
    linked = frozenset({cell_identity("sessions", {"provider": published["provider"], "outcome": published["outcome"]})})
    again, result = protect_magnitude_table(sums, ["provider", "outcome"], measure="sessions", table="s", rules=rules,
                                            hidden_elsewhere=linked)
    row = again.filter((pl.col("provider") == published["provider"]) & (pl.col("outcome") == published["outcome"]))
    assert row.get_column("status")[0] == "secondary" and row.get_column("count")[0] is None
    assert result.releasable
    for cell, (low, high) in _sums_attack(again, true).items():
        assert low <= true[cell] * 0.9 + 1e-6 and high >= true[cell] * 1.1 - 1e-6
