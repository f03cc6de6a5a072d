"""Re-runs against the first run of a quarter: nothing new, resumed after a failure, and forced.

    .venv/bin/python bench/bench_rerun.py --rows 20000 --providers 10

Baseline: the first run of the quarter (every stage computed) in the same process and state
folder. Then, each timed end to end through `flows.quarterly.run_quarter` (what `deid run`
does without a Prefect API):

- unchanged:  the same quarter again with nothing new (target: at most 10% of the first run);
- resumed:    a run that failed while publishing, run again (every kept stage reused);
- republish:  `--republish` after the release (kept outputs were removed: every stage again).

Results on this project's 2-core machine (20,000 rows, 10 providers, all notes scrubbed):
see the closing table printed by the run; the README's "Operating it" section quotes it.
"""
from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_pipeline import build_landing  # noqa: E402
from bench.common import agreement_naming, peak_mb  # noqa: E402
from deid import pipeline  # noqa: E402
from deid.settings import AGREEMENT_FILE  # noqa: E402
from flows.quarterly import run_quarter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--providers", type=int, default=10)
    parser.add_argument("--quarter", default="2026Q3")
    args = parser.parse_args()

    out = ROOT / "bench" / "out" / "rerun"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    landing = build_landing(out, args.rows, args.providers, args.quarter)
    config = out / "config"
    (config / "agreements").mkdir(parents=True)
    agreement_naming(sorted(p.name for p in landing.iterdir()), config / "agreements").rename(
        config / "agreements" / AGREEMENT_FILE)
    state = out / "state"

    def run(**options) -> tuple[float, dict]:
        began = time.perf_counter()
        summary = run_quarter(args.quarter, landing_dir=str(landing), state_dir=str(state), config_dir=str(config),
                              demo_key=True, **options)
        return time.perf_counter() - began, summary

    first, summary = run()
    unchanged, again = run()
    assert again.get("unchanged"), "the re-run published again"

    real_register = pipeline.register_release

    def failing_register(*a, **k):
        raise OSError("drill: publishing fails once")
    pipeline.register_release = failing_register
    with contextlib.suppress(Exception):  # the drill's failure, expected
        run(republish=True)
    pipeline.register_release = real_register
    resumed, _ = run(republish=True)
    republished, _ = run(republish=True)

    print(f"\n{args.rows} rows, {args.providers} providers; {summary['rows']['accepted']} accepted; peak {peak_mb():.0f} MB")
    print(f"{'run':<44}{'seconds':>10}{'share of first':>16}")
    for name, seconds in (("first run (baseline)", first), ("unchanged re-run (target <= 10%)", unchanged),
                          ("resumed after a publish failure", resumed), ("--republish (every stage again)", republished)):
        print(f"{name:<44}{seconds:>10.2f}{seconds / first:>15.1%}")


if __name__ == "__main__":
    main()
