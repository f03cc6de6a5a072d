"""Protected tables (issue 18): information lost, distance from the optimum, and time at 50,000 cells.

    .venv/bin/python bench/bench_protect.py [--people 30000] [--big-people 150000] [--time-limit 60]

Prints, on 2 cores:
- a 4-dimension table of about 5,000 cells with its margins (16 x 11 x 7 x 2 categories, about a
  fifth of cells below the threshold): cells suppressed (target: fewer than half), the MIP's lower
  bound on the optimum and the gap (target: within 10%), against the hypercube method on the same
  table; every primary cell's interval checked against its window by the audit;
- a table of about 50,000 cells (16 x 10 x 7 x 3 x 2 x 2 with margins) protected by greedy cut
  generation and audited exactly (every hidden cell's interval by LP) in at most 60 s;
- the optimum against brute force on small tables (every pattern tried).

sdcTable (R) is not in Debian's archive (no r-cran-sdctable package) and CRAN is not reachable
here, so the anchor is the brute-force optimum and the MIP's own lower bound.
"""
from __future__ import annotations

import argparse
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

from deid.aggregate import MARGIN, protect_table  # noqa: E402
from deid.aggregate.aggregate import count_with_margins  # noqa: E402
from deid.aggregate.hypercube import hypercube_protect  # noqa: E402
from deid.aggregate.optimal import Attacker, TableSystem, protection_window  # noqa: E402
from deid.aggregate.protect import attacker_bounds  # noqa: E402
from deid.pseudonymise import make_key  # noqa: E402

SEED = make_key(bytes(range(32)))
THRESHOLD = 6


def people(n: int, shape: dict[str, int], rng: np.random.Generator, skew: float = 0.7) -> pl.DataFrame:
    """Synthetic people, a few common categories and a long tail per dimension (not data-samples/'s generator)."""
    columns = {}
    for name, k in shape.items():
        weights = 1 / np.arange(1, k + 1) ** skew
        columns[name] = np.char.add(name[:2], rng.choice(k, n, p=weights / weights.sum()).astype(str))
    return pl.DataFrame({"person_key": np.arange(n).astype(str), **columns})


def hypercube_cells(counts: pl.DataFrame, dims: list[str]) -> int:
    keys = [tuple(str(v) for v in row) for row in counts.select(dims).rows()]
    true = [int(v) for v in counts.get_column("count")]
    hidden, _ = hypercube_protect(keys, true, [0 < v < THRESHOLD for v in true], [2.0] * len(keys))
    return sum(hidden)


def exposed_by_pattern(keys: list[tuple[str, ...]], dims: list[str], true: np.ndarray, hidden: np.ndarray) -> int:
    primary = (true > 0) & (true < THRESHOLD)
    lower, upper = attacker_bounds(true, primary, THRESHOLD)
    windows = {int(i): protection_window(int(true[i]), THRESHOLD, 2) for i in np.flatnonzero(primary)}
    system = TableSystem.build(keys, dims)
    _, widest_cuts = Attacker(system, true, lower, upper).intervals(np.ones(true.size, dtype=bool), np.flatnonzero(primary),
                                                                  windows, exact=False)
    impossible = {c.cell for c in widest_cuts}
    _, cuts = Attacker(system, true, lower, upper).intervals(hidden, np.flatnonzero(primary), windows, exact=False)
    return len({c.cell for c in cuts} - impossible)


def brute_force(rows: list[list[int]]) -> tuple[int, int]:
    """(fewest cells hidden by trying every pattern, cells hidden by protect_table) on a small two-way table."""
    inner = pl.DataFrame([(f"r{i}", f"c{j}", v) for i, row in enumerate(rows) for j, v in enumerate(row) if v],
                         schema=["r", "c", "count"], orient="row")
    counts = pl.concat([inner,
                        inner.group_by("r").agg(pl.col("count").sum()).with_columns(pl.lit(MARGIN).alias("c")).select("r", "c", "count"),
                        inner.group_by("c").agg(pl.col("count").sum()).with_columns(pl.lit(MARGIN).alias("r")).select("r", "c", "count"),
                        inner.select(pl.lit(MARGIN).alias("r"), pl.lit(MARGIN).alias("c"), pl.col("count").sum())]).sort("r", "c")
    keys = [tuple(row) for row in counts.select("r", "c").rows()]
    true = counts.get_column("count").to_numpy().astype(float)
    primary = (true > 0) & (true < THRESHOLD)
    others = [i for i in range(true.size) if not primary[i]]
    best = None
    for extra in range(len(others) + 1):
        for chosen in combinations(others, extra):
            hidden = primary.copy()
            hidden[list(chosen)] = True
            if not exposed_by_pattern(keys, ["r", "c"], true, hidden):
                best = int(hidden.sum())
                break
        if best is not None:
            break
    _, result = protect_table(counts, ["r", "c"], measure="clients", table="small", seed=SEED)
    return int(best or 0), result.primary_suppressed + result.secondary_suppressed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=30_000, help="people in the 5,000-cell table")
    parser.add_argument("--big-people", type=int, default=150_000, help="people in the 50,000-cell table")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for the optimal search on the 5,000-cell table")
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(18)
    met = True

    shape = {"region": 16, "age_band": 11, "ethnicity": 7, "gender": 2}
    dims = list(shape)
    counts = count_with_margins(people(args.people, shape, rng), dims)
    true = counts.get_column("count").to_numpy()
    primary_share = float(((true > 0) & (true < THRESHOLD)).mean())
    cube = hypercube_cells(counts, dims)
    started = time.perf_counter()
    _, result = protect_table(counts, dims, measure="clients", table="four_dimensions", seed=SEED,
                              exact_max_cells=10_000, time_limit=args.time_limit)
    seconds = time.perf_counter() - started
    hidden = result.primary_suppressed + result.secondary_suppressed
    gap = (result.suppression_cost - result.suppression_lower_bound) / max(result.suppression_lower_bound, 1)
    print(f"4-d table: {result.cells:,} cells, {primary_share:.0%} below {THRESHOLD}; optimal suppression "
          f"({result.suppression_method}) hides {hidden:,} ({result.cells_lost:.1%} of cells, target < 50%), "
          f"lower bound {result.suppression_lower_bound:,.0f}, gap {gap:.1%} (target 10%), information lost "
          f"{result.information_loss:.1%} of people; hypercube hides {cube:,} ({cube / result.cells:.1%}); "
          f"{seconds:.1f} s; audit {result.audit}; {result.unprotectable} cell(s) no pattern can protect")
    met &= result.releasable and result.cells_lost < 0.5 and gap <= 0.10

    if not args.skip_big:
        shape = {"region": 16, "age_band": 10, "ethnicity": 7, "gender": 3, "quarter": 2, "outcome": 2}
        dims = list(shape)
        counts = count_with_margins(people(args.big_people, shape, rng), dims)
        true = counts.get_column("count").to_numpy()
        started = time.perf_counter()
        _, result = protect_table(counts, dims, measure="clients", table="big", seed=SEED, exact_max_cells=10_000)
        seconds = time.perf_counter() - started
        print(f"50k table: {result.cells:,} cells, {((true > 0) & (true < THRESHOLD)).mean():.0%} below {THRESHOLD}; "
              f"protected ({result.suppression_method}) and every hidden cell audited exactly in {seconds:.1f} s "
              f"(target 60 s): {result.primary_suppressed:,} primary, {result.secondary_suppressed:,} secondary "
              f"({result.cells_lost:.1%} of cells); audit {result.audit}")
        met &= result.cells >= 50_000 and seconds <= 60 and result.releasable

    gaps = []
    for rows in ([[2, 10, 14], [9, 3, 20], [30, 25, 8]], [[1, 12, 7], [20, 9, 11]], [[4, 9, 13, 8], [11, 30, 12, 2]]):
        best, ours = brute_force(rows)
        gaps.append(ours - best)
        print(f"small table {len(rows)}x{len(rows[0])}: brute-force optimum {best} cells hidden, protect_table {ours}")
    met &= not any(gaps)
    print(f"\ntargets {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
