"""Pseudonymising a million identities: the identity rule, the linkage HMAC and a purpose's pseudonyms.

    .venv/bin/python bench/bench_pseudonymise.py [--people 1000000]

Target (issue 5): 1,000,000 identities pseudonymised in at most 3 s on 2 cores.
Seven in ten people have a valid NHI; the rest are identified by name match key and date
of birth, and a third of those also appear on an NHI row, so the bridging join has work to do.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from deid.pseudonymise import LINKAGE_DOMAIN, derive_purpose_key, make_key, pseudonymise_records, purpose_pseudonyms  # noqa: E402

TARGET_SECONDS = 3.0


def people(n: int) -> pl.DataFrame:
    i = pl.int_range(n, eager=True)
    # Rows ending in 9 have no NHI and carry the name and DOB of the NHI row three before them.
    who = pl.when(pl.col("i") % 10 == 9).then(pl.col("i") - 3).otherwise(pl.col("i"))
    return pl.DataFrame({"i": i}).select(
        pl.when(pl.col("i") % 10 < 7).then(pl.format("NHI{}", pl.col("i"))).alias("nhi"),
        (pl.col("i") % 10 < 7).alias("nhi_valid"),
        pl.format("family{}|given{}", who % 50_000, who // 50_000).alias("name_match_key"),
        (pl.lit(dt.date(1960, 1, 1)) + pl.duration(days=who % 20_000)).alias("date_of_birth"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1_000_000)
    args = parser.parse_args()
    frame = people(args.people)
    master = make_key(bytes(range(32)))
    started = time.perf_counter()
    records, result = pseudonymise_records(frame, derive_purpose_key(master, LINKAGE_DOMAIN))
    linkage = time.perf_counter() - started
    started = time.perf_counter()
    ids = purpose_pseudonyms(records.get_column("person_key"), derive_purpose_key(master, "evaluation"), "e_")
    purpose = time.perf_counter() - started
    assert ids.len() == args.people and ids.null_count() == 0
    print(f"{args.people:,} rows: {result.identities_by_nhi:,} by NHI, {result.identities_by_name_dob:,} by name + DOB, "
          f"{result.resolved_to_nhi:,} resolved to an NHI; {result.distinct_people:,} distinct people")
    print(f"identity rule + linkage HMAC: {linkage:.2f} s ({args.people / linkage:,.0f}/s; target {TARGET_SECONDS:.0f} s per million)")
    print(f"one purpose's pseudonyms:     {purpose:.2f} s ({args.people / purpose:,.0f}/s)")
    print(f"\ntarget {'met' if linkage <= TARGET_SECONDS * args.people / 1_000_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
