"""Stage-by-stage timings of one quarterly run over a large synthetic landing.

    .venv/bin/python bench/bench_pipeline.py --rows 50000 --providers 20

Writes the landing under bench/out/, runs every stage runner (without Prefect, to time the
library itself) and prints wall time, rows per second and peak memory per stage. Scrubbing
is timed on a sample of notes (--scrub-notes) because it is the slowest stage by far.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import agreement_naming, peak_mb  # noqa: E402
from deid import pipeline  # noqa: E402
from deid.samples import generate_large  # noqa: E402
from deid.settings import resolve_settings  # noqa: E402
from deid.standards import load_standards  # noqa: E402


def build_landing(out: Path, rows: int, providers: int, quarter: str, notes_share: float = 1.0) -> Path:
    """Split one large standard-layout file into one CSV per provider in the landing layout
    (with `notes_share` of the rows keeping a case note)."""
    standards = load_standards()
    # every client a person of their own (the pool as large as the quarter): drawn with replacement, a person sat at
    # several random providers, which person-level k rightly finds unique (a national quarter's people mostly use one)
    big = generate_large(out / "large.parquet", standards, rows=rows, providers=providers, quarter=quarter, pool_size=rows)
    frame = pl.read_parquet(big)
    if notes_share < 1:
        keep_note = pl.int_range(pl.len()).hash(11) % 1000 < int(notes_share * 1000)
        frame = frame.with_columns(pl.when(keep_note).then(pl.col("case_notes")).otherwise(None).alias("case_notes"))
    landing = out / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    for (provider,), part in frame.group_by(["provider"]):
        folder = landing / provider / quarter
        folder.mkdir(parents=True)
        part.drop("provider").write_csv(folder / f"{provider}_{quarter}.csv")
    return landing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--scrub-notes", type=int, default=2_000)
    parser.add_argument("--quarter", default="2026Q3")
    args = parser.parse_args()

    out = ROOT / "bench" / "out"
    t0 = time.perf_counter()
    landing = build_landing(out, args.rows, args.providers, args.quarter)
    print(f"generated {args.rows} rows for {args.providers} providers in {time.perf_counter() - t0:.1f} s")

    # The sample agreement names five providers; the benchmark's providers join it here.
    agreement_path = agreement_naming(sorted(p.name for p in landing.iterdir()), out)

    state = out / "state"
    shutil.rmtree(state, ignore_errors=True)
    settings = resolve_settings(args.quarter, landing_dir=landing, state_dir=state, agreement_path=agreement_path, demo_key=True)
    standards, agreement = pipeline.load_run_standards(settings)
    figures: list[tuple[str, int, float, float]] = []

    def timed(name: str, rows: int, call):
        start = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - start
        figures.append((name, rows, seconds, peak_mb()))
        return result

    with pipeline.open_warehouse(settings) as warehouse:
        received = timed("ingest + validate (GX)", args.rows, lambda: pipeline.receive_submissions(settings, standards, agreement, warehouse))
    records, _ = timed("standardise", received.accepted.height, lambda: pipeline.standardise_accepted(settings, standards, received.accepted))
    records, _ = timed("pseudonymise", records.height, lambda: pipeline.pseudonymise_people(settings, records))
    sample = records.head(args.scrub_notes)
    timed(f"scrub (first {sample.height} notes)", sample.height, lambda: pipeline.scrub_case_notes(standards, sample))
    records = records.with_columns(pl.lit(None, dtype=pl.Utf8).alias("case_notes_scrubbed"))
    extracts, _ = timed("split", records.height, lambda: pipeline.split_purposes(settings, agreement, records))
    timed("risk gate", sum(e.height for e in extracts.values()), lambda: pipeline.gate_extracts(settings, standards, extracts))
    timed("aggregate + protect", records.height, lambda: pipeline.protect_aggregates(settings, standards, agreement, records))

    print(f"\n{'stage':<32}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    for name, rows, seconds, peak in figures:
        print(f"{name:<32}{rows:>10}{seconds:>10.2f}{rows / seconds if seconds else 0:>12.0f}{peak:>10.0f}")
    print(f"\nrows received {received.rows_received}, accepted {received.rows_accepted}, quarantined {received.rows_quarantined}")


if __name__ == "__main__":
    main()
