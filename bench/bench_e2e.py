"""The whole quarterly flow on a national-style quarter, as `deid run` runs it, against its I/O floor.

    .venv/bin/python bench/bench_e2e.py --clients 1000000 --providers 200 --notes-share 0.1
    .venv/bin/python bench/bench_e2e.py --clients 20000 --compare-notes 1000    # a quick look

Generates the quarter (one CSV per provider, in a child process so its frames are not counted
against the run) and a config folder whose agreement names every provider, then runs
`flows.quarterly.run_quarter` (what `deid run` does without a Prefect API) and prints, per stage:

- wall seconds;
- peak MB: the highest memory of this process and its children (scrubbing and PDF workers
  included), sampled every 50 ms from /proc while the stage runs, as proportional set size (PSS:
  a page shared by n processes counts 1/n to each, so a forked worker's copy-on-write pages are
  not counted twice as resident sizes would);
- +MB: that peak less the resident memory when the stage began, i.e. what the stage itself
  added on top of what earlier stages still held (not the process's running maximum);
- CPU seconds: user and system time of this process and of its worker processes while the stage
  ran (live ones read from /proc, ended ones from their exit), a figure that other jobs on a shared
  machine do not inflate as they do wall time.

The I/O floor, measured in the same run after the flow, is reading every landed file (polars,
all text) and writing it once as Parquet: the least any pipeline over these files must do.

In the same run it then compares, on the same inputs:
- the risk measures (k-anonymity, distinct and entropy l-diversity, t-closeness; DuckDB, as the
  gate runs them) against pycanon's, on the extracts the run released (read back from the release);
- the scrubber against Presidio's BatchAnalyzerEngine with the same recognizers, one process each,
  on a sample of the run's own case notes (`bench_scrub.throughput_one_process`).

Pinned to 2 cores: CPU affinity (inherited by worker processes), POLARS_MAX_THREADS=2, DuckDB's
2 threads (the warehouse and the gate's scratch database), and the scrubber's workers (it starts
os.cpu_count() processes: the figure is printed, so a run on a larger machine says so).

Targets (issue 16): 1,000,000 clients in at most 60 s, at most 3 GB, at most 15x the floor.
"""
from __future__ import annotations

import os

CORES = 2
if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > CORES:
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:CORES])
os.environ["POLARS_MAX_THREADS"] = str(CORES)   # before polars is imported, here and in every child

import argparse  # noqa: E402
import logging  # noqa: E402
import multiprocessing  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import polars as pl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deid.settings import AGREEMENT_FILE  # noqa: E402

STAGE_LINE = re.compile(r"\[(\d+)/\d+\] (\S+) (\.\.\.|done in|: reused)")
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 60.0, 3072.0, 15.0


def _memory_kb(pid: int) -> int:
    """A process's proportional set size (resident size where the kernel does not report it)."""
    for source, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(source, encoding="ascii") as lines:
                return next(int(line.split()[1]) for line in lines if line.startswith(field))
        except (OSError, StopIteration):
            continue
    raise OSError(f"no memory figure for process {pid}")


def tree_rss_mb(pid: int) -> float:
    """Memory (PSS) of a process and all its descendants, from /proc (Linux)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += _memory_kb(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    kids = [int(c) for c in children.read().split()]
                    found += kids
                    stack += kids
        except OSError:
            continue
    return found


def cpu_seconds() -> float:
    """User and system CPU of this process, of its children that have ended, and of the live ones (so
    a worker pool that outlives a stage has its CPU counted in the stage that used it)."""
    t = os.times()
    total = t.user + t.system + t.children_user + t.children_system
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += sum(int(v) for v in fields[11:15]) / ticks   # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            continue
    return total


class StageMeter(logging.Handler):
    """Follows the flow's progress lines: per stage, wall time, the sampled peak of resident memory
    (this process and its children) while it ran, and the memory at its start."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.current: str | None = None
        self.began = 0.0
        self.start_mb = 0.0
        self.peak = 0.0
        self.cpu_began = 0.0
        self.figures: list[tuple[str, float, float, float]] = []   # stage, seconds, peak MB, MB at start
        self.cpu: dict[str, float] = {}                              # stage -> CPU seconds (this process and its workers)
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            if self.current:
                self.peak = max(self.peak, tree_rss_mb(os.getpid()))

    def emit(self, record: logging.LogRecord) -> None:
        found = STAGE_LINE.search(record.getMessage())
        if not found:
            return
        stage, what = found.group(2).rstrip(":"), found.group(3)
        if what == "...":
            self.start_mb = tree_rss_mb(os.getpid())
            self.current, self.began, self.peak = stage, time.perf_counter(), self.start_mb
            self.cpu_began = cpu_seconds()
        elif self.current == stage:
            self.peak = max(self.peak, tree_rss_mb(os.getpid()))
            self.figures.append((stage, time.perf_counter() - self.began, self.peak, self.start_mb))
            self.cpu[stage] = cpu_seconds() - self.cpu_began
            self.current = None
        else:
            self.figures.append((f"{stage} (reused)", 0.0, 0.0, 0.0))

    def close(self) -> None:
        self._stop.set()
        super().close()


def build_quarter(out: Path, clients: int, providers: int, notes_share: float, quarter: str) -> tuple[Path, Path]:
    """The landing (one CSV per provider) and a config folder whose agreement names every provider."""
    from bench.bench_pipeline import build_landing
    from bench.common import agreement_naming

    landing = build_landing(out, clients, providers, quarter, notes_share)
    config = out / "config"
    (config / "agreements").mkdir(parents=True)
    agreement_naming(sorted(p.name for p in landing.iterdir()), config / "agreements").rename(
        config / "agreements" / AGREEMENT_FILE)
    return landing, config


def io_floor(landing: Path) -> float:
    """Read every landed file and write it once as Parquet."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for n, path in enumerate(sorted(landing.rglob("*.csv"))):
            pl.read_csv(path, infer_schema=False).write_parquet(Path(scratch) / f"{n}.parquet")
    return time.perf_counter() - began


class Inputs:
    """What the scrub stage received in the run, kept for the same-input comparison after it: a sample
    of its notes and the run's distinct names (as polars series: a few MB, not Python lists)."""

    def __init__(self, sample: int) -> None:
        self.sample = sample
        self.notes = pl.Series("case_notes", [], pl.Utf8)
        self.names = pl.Series("names", [], pl.Utf8)
        self.total_notes = 0

    def watch(self) -> None:
        from deid import pipeline
        from deid.scrub.scrub import NAME_COLUMNS

        scrub = pipeline.scrub_case_notes

        def scrub_case_notes(standards: Any, records: pl.DataFrame) -> Any:
            notes = records.get_column("case_notes").drop_nulls()
            self.total_notes, self.notes = notes.len(), notes.head(self.sample)
            self.names = pl.concat([records.get_column(c).cast(pl.Utf8) for c in NAME_COLUMNS if c in records.columns]
                                   ).drop_nulls().unique().sort()
            return scrub(standards, records)

        pipeline.scrub_case_notes = scrub_case_notes   # type: ignore[assignment]


def released_extracts(release_dir: Path) -> dict[str, pl.DataFrame]:
    """The extracts the gate released, by purpose, read back from the release folder."""
    return {path.stem.removesuffix("_extract"): pl.read_parquet(path) for path in sorted(release_dir.rglob("*_extract.parquet"))}


def compare_risk(extracts: dict[str, pl.DataFrame], config: Path) -> list[str]:
    """Each released extract's risk measures as the gate computes them (DuckDB) and as pycanon does, same frame."""
    from deid.db import Warehouse
    from deid.risk import measure_risk
    from deid.standards import load_standards

    try:
        from pycanon import anonymity
    except ImportError as exc:
        return [f"pycanon: not installed ({exc}); `.venv/bin/pip install pycanon` (it pins old numpy/pandas exactly: "
                "install it, then reinstall requirements.lock's versions)"]
    rules = load_standards(config_dir=config).disclosure.risk
    lines = [f"{'extract':<18}{'rows':>9}{'measure':>16}{'deid':>10}{'pycanon':>10}   same"]
    timings: list[tuple[str, float, float]] = []
    for name, frame in extracts.items():
        settings = rules.extracts.get(name)
        if settings is None or not frame.height:
            continue
        qis = [q for q in settings.quasi_identifiers if q in frame.columns]
        sensitive = [s for s in settings.sensitive if s in frame.columns][:1]
        # The same input for both: quasi-identifiers and the sensitive column as text, a blank as its own value
        # (pandas' group-by would otherwise drop blank keys, where the gate counts them as a class).
        same = frame.select([pl.col(c).cast(pl.Utf8).fill_null("(blank)") for c in [*qis, *sensitive]])
        began = time.perf_counter()
        with Warehouse(":memory:", threads=CORES, memory_limit="2GB") as scratch:
            ours = measure_risk(scratch, same, qis, k=rules.k_threshold, risk_threshold=rules.max_prosecutor_risk,
                                sensitive=sensitive)
        ours_s = time.perf_counter() - began
        pandas_frame = same.to_pandas()
        began = time.perf_counter()
        theirs = {"k-anonymity": anonymity.k_anonymity(pandas_frame, qis)}
        if sensitive:
            theirs["l-diversity"] = anonymity.l_diversity(pandas_frame, qis, sensitive)
            theirs["entropy l"] = anonymity.entropy_l_diversity(pandas_frame, qis, sensitive)
            theirs["t-closeness"] = anonymity.t_closeness(pandas_frame, qis, sensitive)
        theirs_s = time.perf_counter() - began
        mine: dict[str, float] = {"k-anonymity": ours.k_min}
        if sensitive:
            s = sensitive[0]
            mine.update({"l-diversity": ours.l_diversity[s], "entropy l": ours.entropy_l_diversity[s],
                         "t-closeness": ours.t_closeness[s]})
        for measure, value in mine.items():
            other = float(theirs[measure])
            # pycanon reports entropy l-diversity as a whole number (floor of exp(entropy))
            agree = int(value) == int(other) if measure == "entropy l" else abs(float(value) - other) < 1e-6
            lines.append(f"{name:<18}{frame.height:>9,}{measure:>16}{float(value):>10.4g}{other:>10.4g}   "
                         f"{'yes' if agree else 'NO'}")
        timings.append((name, ours_s, theirs_s))
    for name, ours_s, theirs_s in timings:
        lines.append(f"{name}: deid (DuckDB) {ours_s:.2f} s, pycanon {theirs_s:.2f} s: deid {theirs_s / ours_s:.1f}x pycanon's speed")
    return lines


def compare_scrub(notes: list[str], names: list[str], scrub_seconds: float, total_notes: int) -> list[str]:
    """The run's own notes (a sample) scrubbed by deid and by Presidio's BatchAnalyzerEngine, one process each."""
    from bench.bench_scrub import throughput_one_process
    from deid.scrub import Scrubber
    from deid.standards import load_standards

    lines = [f"scrub stage in the run: {total_notes:,} notes in {scrub_seconds:.1f} s = "
             f"{total_notes / scrub_seconds if scrub_seconds else 0:,.0f} notes/s ({os.cpu_count()} processes; "
             "start-up included; target 5,000/s)"]
    if not notes:
        return [*lines, "no case notes in the run to compare"]
    texts = notes
    (ours_wall, ours_cpu), (base_wall, base_cpu) = throughput_one_process(Scrubber(load_standards()), texts, names)
    lines.append(f"{len(texts):,} of the run's notes (mean {sum(map(len, texts)) / len(texts):.0f} characters), one process, "
                 f"best of two: deid {ours_wall:,.0f} notes/s wall ({ours_cpu:,.0f} CPU), Presidio BatchAnalyzerEngine "
                 f"{base_wall:,.0f} wall ({base_cpu:,.0f} CPU): {ours_wall / base_wall:.1f}x wall, "
                 f"{ours_cpu / base_cpu:.1f}x CPU (target 5x)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1_000_000, help="clients (rows) in the quarter")
    parser.add_argument("--providers", type=int, default=200, help="providers (one file each)")
    parser.add_argument("--notes-share", type=float, default=0.1, help="share of clients with a case note")
    parser.add_argument("--quarter", default="2026Q3", help="the quarter to generate and run")
    parser.add_argument("--compare-notes", type=int, default=2_000,
                        help="notes of the run scrubbed again by deid and by Presidio for the comparison")
    parser.add_argument("--no-compare", action="store_true", help="skip the pycanon and Presidio comparisons")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes for the per-submission stages (default: as `deid run` chooses; 1: none)")
    args = parser.parse_args()

    out = ROOT / "bench" / "out" / f"e2e-{args.clients}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    began = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(1) as pool:   # its frames are freed with the child
        landing, config = pool.apply(build_quarter, (out, args.clients, args.providers, args.notes_share, args.quarter))
    landed_mb = sum(p.stat().st_size for p in landing.rglob("*.csv")) / 1e6
    print(f"generated {args.clients:,} clients across {args.providers} providers ({args.notes_share:.0%} with notes; "
          f"{landed_mb:,.0f} MB of CSV) in {time.perf_counter() - began:.1f} s")
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"pinned: {affinity} CPUs (affinity), POLARS_MAX_THREADS={os.environ['POLARS_MAX_THREADS']}, DuckDB threads "
          f"{CORES}, scrubbing processes {os.cpu_count()}; load average before the run {os.getloadavg()[0]:.1f}")

    from flows.quarterly import run_quarter

    inputs = Inputs(args.compare_notes)
    inputs.watch()
    meter = StageMeter()
    progress = logging.getLogger("deid.progress")
    progress.setLevel(logging.INFO)
    progress.addHandler(meter)
    began, cpu_began = time.perf_counter(), cpu_seconds()
    summary = run_quarter(args.quarter, landing_dir=str(landing), state_dir=str(out / "state"), config_dir=str(config),
                          demo_key=True, workers=args.workers)
    total, total_cpu = time.perf_counter() - began, cpu_seconds() - cpu_began
    meter.close()
    progress.removeHandler(meter)
    load = os.getloadavg()[0]
    floor = io_floor(landing)

    print(f"\n{'stage':<28}{'seconds':>10}{'CPU s':>8}{'peak MB':>10}{'+MB':>8}   (peak: this process and its children "
          "while the stage ran; +MB: above the stage's start)")
    for stage, seconds, peak, start in meter.figures:
        print(f"{stage:<28}{seconds:>10.1f}{meter.cpu.get(stage, 0.0):>8.1f}{peak:>10.0f}{peak - start:>8.0f}")
    rows = summary["rows"]
    peak = max((p for _, _, p, _ in meter.figures), default=0.0)
    print(f"\nrows: {rows['received']:,} received, {rows['accepted']:,} accepted, {rows['quarantined']:,} quarantined")
    print(f"end to end {total:.1f} s wall, {total_cpu:.1f} s CPU (target <= {TARGET_SECONDS:.0f} s at 1,000,000 clients); peak {peak:,.0f} MB "
          f"(target <= {TARGET_MB:,.0f} MB); load average at the end {load:.1f} on {CORES} cores")
    print(f"I/O floor (read every landed CSV, write it as Parquet) {floor:.1f} s; end to end is {total / floor:.0f}x "
          f"the floor (target <= {TARGET_RATIO:.0f}x)")
    if args.no_compare:
        return
    print("\nrisk measures on the released extracts, deid against pycanon (same frames):")
    for line in compare_risk(released_extracts(Path(summary["release_dir"])), config):
        print("  " + line)
    scrub_seconds = next((s for stage, s, _, _ in meter.figures if stage == "scrub"), 0.0)
    print("\nscrubbing, deid against Presidio's BatchAnalyzerEngine with the same recognizers:")
    for line in compare_scrub(inputs.notes.to_list(), inputs.names.to_list(), scrub_seconds, inputs.total_notes):
        print("  " + line)


if __name__ == "__main__":
    main()
