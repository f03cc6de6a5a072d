"""Disclosure control at scale: risk measures on 10 million records, and protecting a 50,000-cell table.

    .venv/bin/python bench/bench_disclosure.py [--records 10000000] [--quarters 8]

Targets (issue 6), on 2 cores:
- risk checks (k, uniques, prosecutor risk, l-diversity) on 10,000,000 rows x 8
  quasi-identifiers in at most 5 s;
- hypercube secondary suppression plus the audit of a table of at least 50,000 cells (16
  regions x 10 age bands x 7 ethnicities x 3 genders x 8 quarters x 2 outcomes, with margins)
  in at most 60 s, reporting the suppressed cells and the information loss. Above
  audit.exact_max_cells the audit is by hypercube certificates (a feasible table per hidden
  cell, proving its LP interval wide enough), checked by bound propagation.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

from deid.aggregate import protect_table  # noqa: E402
from deid.aggregate.aggregate import count_with_margins  # noqa: E402
from deid.db import Warehouse  # noqa: E402
from deid.pseudonymise import make_key  # noqa: E402
from deid.risk import measure_risk  # noqa: E402
from deid.standards import load_standards  # noqa: E402

QIS = ["region", "ta", "age_band", "gender", "ethnicity", "quarter", "programme", "referral_source"]


def microdata(n: int, rng: np.random.Generator) -> pl.DataFrame:
    skew = lambda k: (p := 1 / np.arange(1, k + 1)) / p.sum()  # noqa: E731  (a few common values, a long tail)
    columns = {"region": 16, "ta": 67, "age_band": 18, "gender": 3, "ethnicity": 7, "quarter": 8, "programme": 12,
               "referral_source": 9, "outcome": 3}
    return pl.DataFrame({name: rng.choice(k, n, p=skew(k)).astype(np.int16) for name, k in columns.items()})


def people(n: int, quarters: int, rng: np.random.Generator) -> pl.DataFrame:
    shape = {"region": 16, "age_band": 10, "ethnicity": 7, "gender": 3, "quarter": quarters, "outcome": 2}
    return pl.DataFrame({"person_key": np.arange(n).astype(str),
                         **{d: np.char.add(f"{d[0]}", rng.integers(0, k, n).astype(str)) for d, k in shape.items()}})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--people", type=int, default=400_000)
    args = parser.parse_args()
    rng = np.random.default_rng(6)

    frame = microdata(args.records, rng)
    with Warehouse(threads=2) as warehouse:
        started = time.perf_counter()
        m = measure_risk(warehouse, frame, QIS, k=3, risk_threshold=0.34, sensitive=["outcome"])
        seconds = time.perf_counter() - started
    print(f"risk: {m.records:,} records x {len(QIS)} quasi-identifiers in {seconds:.1f} s (target 5 s): "
          f"{m.classes:,} classes, k={m.k_min}, {m.sample_uniques:,} uniques, {m.records_below_k:,} records below k=3, "
          f"max prosecutor risk {m.prosecutor_risk_max:.2f}, l-diversity {m.l_diversity['outcome']}, "
          f"t-closeness {m.t_closeness['outcome']:.2f}")
    risk_met = seconds <= 5 * args.records / 10_000_000

    dims = ["region", "age_band", "ethnicity", "gender", "quarter", "outcome"]
    counts = count_with_margins(people(args.people, args.quarters, rng), dims)
    started = time.perf_counter()
    _, result = protect_table(counts, dims, measure="clients", table="bench", seed=make_key(bytes(range(32))),
                              exact_max_cells=load_standards().disclosure.audit.exact_max_cells)
    seconds = time.perf_counter() - started
    print(f"protection: {result.cells:,} cells (with margins) in {seconds:.1f} s (target 60 s): "
          f"{result.primary_suppressed:,} primary and {result.secondary_suppressed:,} secondary suppressions; "
          f"information loss {result.information_loss:.1%} of people in hidden inner cells; audit {result.audit}")
    table_met = result.cells >= 50_000 and seconds <= 60 and result.releasable
    print(f"\ntargets {'met' if risk_met and table_met else 'NOT met'}")


if __name__ == "__main__":
    main()
