"""The whole quarterly flow on a national-style quarter, as `deid run` runs it, against its I/O floor.

    .venv/bin/python bench/bench_e2e.py --clients 1000000 --providers 200 --notes-share 0.1

Generates the quarter (one CSV per provider) and a config folder whose agreement names every
provider, then runs `flows.quarterly.run_quarter` (what `deid run` does without a Prefect API)
and prints each stage's wall time and peak memory. Peak memory is sampled every 50 ms from
/proc for this process and its children (scrubbing workers included) while the stage runs,
so each stage's figure is its own, not the process's running maximum. The I/O floor, measured
in the same run, is reading every landed file (polars, all text) and writing it once as
Parquet: the least any pipeline over these files must do. The run is pinned to 2 cores
(CPU affinity, POLARS_MAX_THREADS, DuckDB threads, scrubbing workers).

Targets (issue 16): 1,000,000 clients in at most 60 s, at most 3 GB, at most 15x the floor.
"""
from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "2")   # before polars is imported

import argparse  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import polars as pl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_pipeline import build_landing  # noqa: E402
from bench.common import agreement_naming  # noqa: E402
from deid.settings import AGREEMENT_FILE  # noqa: E402

STAGE_LINE = re.compile(r"\[(\d+)/\d+\] (\S+) (\.\.\.|done in|: reused)")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


class StageMeter(logging.Handler):
    """Follows the flow's progress lines: wall time and sampled peak memory per stage."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.current: str | None = None
        self.began = 0.0
        self.peak = 0.0
        self.figures: list[tuple[str, float, float]] = []
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
            self.current, self.began, self.peak = stage, time.perf_counter(), tree_rss_mb(os.getpid())
        elif self.current == stage:
            self.figures.append((stage, time.perf_counter() - self.began, self.peak))
            self.current = None
        else:
            self.figures.append((f"{stage} (reused)", 0.0, 0.0))

    def close(self) -> None:
        self._stop.set()
        super().close()


def build_quarter(out: Path, clients: int, providers: int, notes_share: float, quarter: str) -> tuple[Path, Path]:
    """The landing (one CSV per provider) and a config folder whose agreement names every provider."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--providers", type=int, default=200)
    parser.add_argument("--notes-share", type=float, default=0.1)
    parser.add_argument("--quarter", default="2026Q3")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 2:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])

    out = ROOT / "bench" / "out" / "e2e"
    shutil.rmtree(out, ignore_errors=True)
    began = time.perf_counter()
    landing, config = build_quarter(out, args.clients, args.providers, args.notes_share, args.quarter)
    print(f"generated {args.clients:,} clients across {args.providers} providers "
          f"({args.notes_share:.0%} with notes) in {time.perf_counter() - began:.1f} s")

    from flows.quarterly import run_quarter

    meter = StageMeter()
    progress = logging.getLogger("deid.progress")
    progress.setLevel(logging.INFO)
    progress.addHandler(meter)
    began = time.perf_counter()
    summary = run_quarter(args.quarter, landing_dir=str(landing), state_dir=str(out / "state"), config_dir=str(config),
                          demo_key=True)
    total = time.perf_counter() - began
    meter.close()
    floor = io_floor(landing)

    print(f"\n{'stage':<28}{'seconds':>10}{'peak MB':>10}")
    for stage, seconds, peak in meter.figures:
        print(f"{stage:<28}{seconds:>10.1f}{peak:>10.0f}")
    rows = summary["rows"]
    print(f"\nrows: {rows['received']:,} received, {rows['accepted']:,} accepted, {rows['quarantined']:,} quarantined")
    print(f"end to end {total:.1f} s (target <= 60 s at 1,000,000 clients); peak "
          f"{max((p for _, _, p in meter.figures), default=0):.0f} MB (target <= 3,072 MB)")
    print(f"I/O floor {floor:.1f} s; end to end is {total / floor:.0f}x the floor (target <= 15x)")


if __name__ == "__main__":
    main()
