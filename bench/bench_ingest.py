"""Ingest and validate one large submission: wall time, peak memory, and the time each rule takes.

    .venv/bin/python bench/bench_ingest.py                 # 1,000,000 rows
    .venv/bin/python bench/bench_ingest.py --rows 200000

Target (issue 3): a 1,000,000-row submission ingested and validated in at most 30 s wall
on 2 cores, with peak memory under 2.5 GB.

The file is a CSV in the standard layout with realistic damage (bad NHI check characters,
future dates of birth, unknown gender codes, repeated rows), so quarantine and warnings
have work to do. Each measurement runs in a fresh child process, so its peak memory is
its own:

1. the pipeline's receive stage end to end: landing discovery, hashing, raw store,
   reading, column mapping, the Great Expectations suite, quarantine and registry;
2. the time per rule: preparing its check column (polars), and, as a diagnostic pass,
   its expectation run alone in GX (the real run evaluates the whole suite at once).
"""
from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from bench.common import agreement_naming, peak_mb  # noqa: E402

PROVIDER = "bench-provider"
QUARTER = "2026Q3"
TARGET_SECONDS, TARGET_MB = 30.0, 2500.0


def build_submission(out: Path, rows: int) -> Path:
    """A standard-layout CSV with about 1% damaged rows, in a one-provider landing folder."""
    from deid.samples import generate_large
    from deid.standards import load_standards

    big = generate_large(out / "large.parquet", load_standards(), rows=rows, providers=1, quarter=QUARTER)
    frame = pl.read_parquet(big).drop("provider").with_row_index("__i")
    damaged = frame.with_columns(
        pl.when(pl.col("__i") % 200 == 1).then(pl.col("nhi").str.slice(0, 6) + "Z").otherwise(pl.col("nhi")).alias("nhi"),
        pl.when(pl.col("__i") % 500 == 2).then(pl.lit("03/02/2031")).otherwise(pl.col("date_of_birth")).alias("date_of_birth"),
        pl.when(pl.col("__i") % 333 == 3).then(pl.lit("Z9")).otherwise(pl.col("gender")).alias("gender"),
    )
    repeats = damaged.filter(pl.col("__i") % 500 == 4)
    submission = pl.concat([damaged, repeats]).sort("__i", maintain_order=True).drop("__i")
    landing = out / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    folder = landing / PROVIDER / QUARTER
    folder.mkdir(parents=True)
    path = folder / f"{PROVIDER}_{QUARTER}.csv"
    submission.write_csv(path)
    return path


def measure_receive(out: Path) -> dict:
    """Child process: the receive stage over the landing, as a quarterly run does it."""
    from deid import pipeline
    from deid.settings import resolve_settings

    settings = resolve_settings(QUARTER, landing_dir=out / "landing", state_dir=out / "state",
                                agreement_path=agreement_naming([PROVIDER], out), demo_key=True)
    shutil.rmtree(out / "state", ignore_errors=True)
    standards, agreement = pipeline.load_run_standards(settings)
    from deid.validate.validate import _gx_context
    _gx_context()  # GX's one-off start-up is not part of reading a file
    started = time.perf_counter()
    with pipeline.open_warehouse(settings) as warehouse:
        received = pipeline.receive_submissions(settings, standards, agreement, warehouse)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": peak_mb(), "received": received.rows_received,
            "accepted": received.rows_accepted, "quarantined": received.rows_quarantined}


def measure_rules(path: Path) -> dict:
    """Child process: seconds per rule, preparing its column and running its expectation alone."""
    from deid.ingest.ingest import ingest_file
    from deid.standards import load_standards, quarter_bounds
    from deid.validate.rules import build_rules, prepare_check_columns
    from deid.validate.validate import run_gx_suite, validate_submission

    standards = load_standards()
    start, end = quarter_bounds(QUARTER)
    data = path.read_bytes()
    began = time.perf_counter()
    frame, _ = ingest_file(data, file_name=path.name, sha256="0" * 64, provider=PROVIDER, quarter=QUARTER,
                           run_id="bench", standards=standards, confirmed=None)[0]
    read_seconds = time.perf_counter() - began
    del data
    timings: dict[str, float] = {}
    _, _, _, result = validate_submission(frame, standards, start, end, None, timings)
    failing = {f.rule_id: f.failing_rows for f in result.findings}
    prepared = prepare_check_columns(frame, standards, standards.fields.names)
    alone: dict[str, float] = {}
    for rule in build_rules(standards, start, end):
        began = time.perf_counter()
        run_gx_suite(prepared, [rule], suite_name=f"bench_{rule.rule_id}")
        alone[rule.rule_id] = time.perf_counter() - began
    return {"read_seconds": read_seconds, "prepare": timings, "alone": alone, "failing": failing}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / "ingest"
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    path = build_submission(out, args.rows)
    print(f"built {path.name}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - began:.1f} s")

    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(1, maxtasksperchild=1) as pool:
        run = pool.apply(measure_receive, (out,))
    with spawn.Pool(1, maxtasksperchild=1) as pool:
        rules = pool.apply(measure_rules, (path,))

    print(f"\nreceive stage (ingest + validate), {run['received']:,} rows: {run['seconds']:.1f} s wall, "
          f"peak memory {run['peak_mb']:,.0f} MB (targets: {TARGET_SECONDS:.0f} s, {TARGET_MB:,.0f} MB)")
    print(f"accepted {run['accepted']:,}, quarantined {run['quarantined']:,}; "
          f"{run['received'] / run['seconds']:,.0f} rows/s")
    print(f"\nreading + column mapping: {rules['read_seconds']:.2f} s")
    print(f"{'rule':<32}{'prepare s':>10}{'GX alone s':>12}{'failing rows':>14}")
    for rule_id, seconds in rules["alone"].items():
        print(f"{rule_id:<32}{rules['prepare'].get(rule_id, 0.0):>10.2f}{seconds:>12.2f}{rules['failing'].get(rule_id, 0):>14,}")
    for label in ("(great expectations suite)", "(validation total)"):
        print(f"{label:<32}{rules['prepare'][label]:>10.2f}")
    met = run["seconds"] <= TARGET_SECONDS and run["peak_mb"] < TARGET_MB
    print(f"\ntarget {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
