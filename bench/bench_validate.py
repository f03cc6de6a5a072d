"""Validate 200 submissions of 5,000 rows as the pipeline does: the one-pass suite against GX per file.

    .venv/bin/python bench/bench_validate.py                       # 200 files x 5,000 rows
    .venv/bin/python bench/bench_validate.py --files 50 --baseline-files 10

Target (issue 16, item 2): 200 files of 5,000 rows validated in at most 10 s on 2 cores.

The files are CSVs in the standard layout from `generate_large`, with about 2% damaged rows
(bad NHI check characters, impossible and future dates of birth, unknown gender codes,
out-of-range sessions, formulas, rows without a name, repeated rows), and each provider has
an earlier quarter's clients (some dates of birth differ), so quarantine, warnings and the
cross-quarter check have work to do. Reading the files is not timed (it is the ingest stage):
each is read as text into the frame `ingest_file` hands to validation (the columns and types
are checked against `ingest_file` on the first file). Validation is then timed exactly as
`pipeline.process_submission_file` calls it, one `validate_submission` per file.

Each path runs in a fresh child process pinned to 2 cores (POLARS_MAX_THREADS=2; DuckDB is not
used by validation), reading one file at a time as the pipeline does, so its peak memory is its
own. Wall and CPU seconds are both printed: on a shared machine the CPU seconds show the work
done whatever else is running.

1. new: the suite's expectations compiled once for the run, every file evaluated in one
   vectorised pass; Great Expectations itself is not imported (its suite object is built only
   when something asks for it, see `CompiledSuite.gx_suite`); the one-off start-up (compiling
   the suite) is shown apart and included in the total;
2. baseline: the earlier per-file GX path (`validate_submission_gx`), timed on the first
   `--baseline-files` files and extrapolated to all of them when that is fewer (said so).

Both paths' row accounting is compared on the files both validated.
"""
from __future__ import annotations

import os

os.environ["POLARS_MAX_THREADS"] = "2"          # before polars is imported, here and in the children
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import argparse
import datetime as dt
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

QUARTER = "2026Q3"
TARGET_SECONDS = 10.0
CORES = 2


def peak_mb() -> float:
    """This process's own peak resident memory in MB (VmHWM, which starts afresh at exec, unlike
    ru_maxrss, which a spawned child inherits from the parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pin_cores() -> None:
    """Run on at most CORES CPUs (where the OS allows it), as the target assumes."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))[:CORES]
        os.sched_setaffinity(0, cpus)


def build_files(out: Path, files: int, rows: int) -> list[Path]:
    """One damaged standard-layout CSV per provider, plus each provider's earlier clients (Parquet)."""
    from deid.samples import generate_large
    from deid.standards import load_standards

    big = generate_large(out / "large.parquet", load_standards(), rows=files * rows, providers=files, quarter=QUARTER)
    frame = pl.read_parquet(big).with_row_index("__i")
    i = pl.col("__i")
    damaged = frame.with_columns(
        pl.when(i % 900 == 9).then(pl.lit(None)).when(i % 200 == 1).then(pl.col("nhi").str.slice(0, 6) + "Z")
        .otherwise(pl.col("nhi")).alias("nhi"),
        pl.when(i % 500 == 2).then(pl.lit("03/02/2031")).when(i % 500 == 7).then(pl.lit("31/02/1990"))
        .otherwise(pl.col("date_of_birth")).alias("date_of_birth"),
        pl.when(i % 333 == 3).then(pl.lit("Z9")).otherwise(pl.col("gender")).alias("gender"),
        pl.when(i % 400 == 5).then(pl.lit("many")).when(i % 400 == 6).then(pl.lit("999"))
        .otherwise(pl.col("sessions_attended")).alias("sessions_attended"),
        pl.when(i % 700 == 8).then(pl.lit("=SUM(A1:A9)")).otherwise(pl.col("programme")).alias("programme"),
        pl.when(i % 900 == 9).then(pl.lit(None)).otherwise(pl.col("family_name")).alias("family_name"),
    )
    repeats = damaged.filter(i % 500 == 4)
    submission = pl.concat([damaged, repeats]).sort("__i", maintain_order=True).drop("__i")
    landing = out / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    paths = []
    for (provider,), part in submission.group_by(["provider"], maintain_order=True):
        folder = landing / str(provider) / QUARTER
        folder.mkdir(parents=True)
        path = folder / f"{provider}_{QUARTER}.csv"
        part.drop("provider").write_csv(path)
        earlier = part.select("provider", "client_ref", "date_of_birth").head(rows // 2).with_row_index("__j").select(
            "provider", "client_ref",
            pl.when(pl.col("__j") % 97 == 0).then(pl.lit(dt.date(1971, 1, 1)))
            .otherwise(pl.col("date_of_birth").str.strptime(pl.Date, "%d/%m/%Y", strict=False)).alias("date_of_birth"))
        earlier.write_parquet(folder / "history.parquet")
        paths.append(path)
    return sorted(paths)[:files]


def read_submission(path: Path, field_names: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The frame ingest hands to validation (lineage, source_row, source_shape, every field as text)."""
    provider = path.parent.parent.name
    raw = pl.read_csv(path, infer_schema=False)
    frame = raw.with_columns(
        pl.lit("bench").alias("run_id"), pl.lit(provider).alias("provider"), pl.lit(QUARTER).alias("quarter"),
        pl.lit(f"{provider}-{QUARTER}").alias("submission_id"), pl.lit(path.name).alias("source_file"),
        (pl.int_range(raw.height, dtype=pl.Int64) + 2).alias("source_row"), pl.lit(None, dtype=pl.Utf8).alias("source_shape"),
        *[pl.lit(None, dtype=pl.Utf8).alias(name) for name in field_names if name not in raw.columns],
    ).select("run_id", "provider", "quarter", "submission_id", "source_file", "source_row", "source_shape", *field_names)
    return frame, pl.read_parquet(path.parent / "history.parquet")


def check_shape_against_ingest(path: Path) -> str:
    """Compare the bench's frame with `ingest_file`'s for one file: same columns and types."""
    from deid.ingest import ingest_file
    from deid.standards import load_standards

    standards = load_standards()
    ingested, _ = ingest_file(path.read_bytes(), file_name=path.name, sha256="0" * 64, provider=path.parent.parent.name,
                              quarter=QUARTER, run_id="bench", standards=standards, confirmed=None)[0]
    frame, _ = read_submission(path, standards.fields.names)
    same = ingested.schema == frame.schema and ingested.height == frame.height
    return "same columns, types and rows as ingest_file" if same else \
        f"DIFFERS from ingest_file: {dict(ingested.schema)} vs {dict(frame.schema)}"


def measure(paths: list[str], path_kind: str) -> dict:
    """Child process: read each file (not timed) and validate it as the pipeline does (timed).

    Returns wall and CPU seconds (CPU shows the work done whatever else the machine is running),
    rows, peak memory and each file's row accounting.
    """
    pin_cores()
    from deid.standards import load_standards, quarter_bounds
    from deid.validate.validate import validate_submission, validate_submission_gx

    validate = validate_submission if path_kind == "new" else validate_submission_gx
    standards = load_standards()
    start, end = quarter_bounds(QUARTER)
    accounting, rows = [], 0
    first = {"seconds": 0.0, "cpu": 0.0}
    wall = cpu = 0.0
    for n, path in enumerate(paths):
        frame, history = read_submission(Path(path), standards.fields.names)
        began, began_cpu = time.perf_counter(), time.process_time()
        _, quarantine, warnings, result = validate(frame, standards, start, end, history)
        seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - began_cpu
        if n == 0:      # includes compiling the suite (new path) or importing and setting up GX (baseline)
            first = {"seconds": seconds, "cpu": cpu_seconds}
        wall += seconds
        cpu += cpu_seconds
        rows += result.rows_received
        accounting.append((result.rows_received, result.rows_accepted, result.rows_quarantined,
                           result.rows_with_warnings, quarantine.height, warnings.height))
        del frame, history, quarantine, warnings, result
    return {"seconds": wall, "cpu": cpu, "first_file_seconds": first["seconds"], "first_file_cpu": first["cpu"],
            "rows": rows, "files": len(paths), "peak_mb": peak_mb(), "accounting": accounting,
            "gx_imported": "great_expectations" in sys.modules}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200, help="submissions to validate")
    parser.add_argument("--rows", type=int, default=5_000, help="rows per submission (before repeats)")
    parser.add_argument("--baseline-files", type=int, default=20,
                        help="files the per-file GX baseline validates (its time is extrapolated to --files)")
    args = parser.parse_args()
    pin_cores()
    out = ROOT / "bench" / "out" / "validate"
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    paths = build_files(out, args.files, args.rows)
    print(f"built {len(paths)} files of about {args.rows:,} rows in {time.perf_counter() - began:.1f} s; "
          f"frames vs ingest: {check_shape_against_ingest(paths[0])}")
    print(f"cores: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'} "
          f"(POLARS_MAX_THREADS={os.environ['POLARS_MAX_THREADS']}); load average {os.getloadavg()[0]:.1f}")

    spawn = multiprocessing.get_context("spawn")
    results = {}
    for kind, chosen in (("new", paths), ("baseline", paths[: args.baseline_files])):
        with spawn.Pool(1, maxtasksperchild=1) as pool:
            results[kind] = pool.apply(measure, ([str(p) for p in chosen], kind))
    new, old = results["new"], results["baseline"]

    n_files = len(paths)
    steady_new = new["seconds"] - new["first_file_seconds"]
    steady_new_cpu = new["cpu"] - new["first_file_cpu"]
    per_old = (old["seconds"] - old["first_file_seconds"]) / max(old["files"] - 1, 1)
    per_old_cpu = (old["cpu"] - old["first_file_cpu"]) / max(old["files"] - 1, 1)
    old_total = old["first_file_seconds"] + per_old * (n_files - 1)
    old_total_cpu = old["first_file_cpu"] + per_old_cpu * (n_files - 1)
    old_rows = old["rows"] * n_files / old["files"]
    print(f"\n{'path':<46}{'files':>6}{'rows':>11}{'wall s':>9}{'CPU s':>8}{'rows/s':>10}{'peak MB':>9}")
    print(f"{'new: GX suite once, one vectorised pass':<46}{new['files']:>6}{new['rows']:>11,}{new['seconds']:>9.2f}"
          f"{new['cpu']:>8.2f}{new['rows'] / new['seconds']:>10,.0f}{new['peak_mb']:>9,.0f}")
    print(f"{'baseline: GX per file, measured':<46}{old['files']:>6}{old['rows']:>11,}{old['seconds']:>9.2f}"
          f"{old['cpu']:>8.2f}{old['rows'] / old['seconds']:>10,.0f}{old['peak_mb']:>9,.0f}")
    if old["files"] != n_files:
        print(f"{'baseline: extrapolated to ' + str(n_files) + ' files':<46}{n_files:>6}{round(old_rows):>11,}"
              f"{old_total:>9.2f}{old_total_cpu:>8.2f}{old_rows / old_total:>10,.0f}{'':>9}"
              f"  <- extrapolated: first file as measured, the other {n_files - 1} at the mean of the measured ones")
    print(f"\nstart-up (first file; once per process): new, compiling the suite without importing GX, "
          f"{new['first_file_seconds']:.2f} s wall / {new['first_file_cpu']:.2f} s CPU; baseline, importing GX, its "
          f"context and building the suite, {old['first_file_seconds']:.2f} s / {old['first_file_cpu']:.2f} s")
    print(f"Great Expectations imported by the new path: {'yes' if new['gx_imported'] else 'no'}")
    print(f"after start-up, a file: new {steady_new / max(new['files'] - 1, 1) * 1000:.0f} ms wall / "
          f"{steady_new_cpu / max(new['files'] - 1, 1) * 1000:.0f} ms CPU; baseline {per_old * 1000:.0f} ms wall / "
          f"{per_old_cpu * 1000:.0f} ms CPU")
    print(f"speed-up: {old_total / new['seconds']:.1f}x in total wall time, "
          f"{per_old / (steady_new / max(new['files'] - 1, 1)):.1f}x a file after start-up")
    same = new["accounting"][: old["files"]] == old["accounting"]
    print(f"row accounting (received, accepted, quarantined, warned, quarantine and warning entries) "
          f"on the {old['files']} files both validated: {'identical' if same else 'DIFFERENT'}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {CORES} cores")
    met = new["seconds"] <= TARGET_SECONDS
    print(f"\ntarget: {n_files} files validated in at most {TARGET_SECONDS:.0f} s: {'met' if met else 'NOT met'} "
          f"({new['seconds']:.2f} s wall including start-up, {steady_new:.2f} s without; "
          f"{new['cpu']:.2f} s CPU including start-up, {steady_new_cpu:.2f} s without)")


if __name__ == "__main__":
    main()
