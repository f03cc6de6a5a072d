"""Accuracy per component on the labelled sets, and speed on a million addresses and names.

    .venv/bin/python bench/bench_standardise.py [--rows 1000000]

Targets (issue 4): at least 98% of addresses and 99% of names with every component right;
1,000,000 addresses standardised in at most 20 s on 2 cores and 1,000,000 names in 10 s.

The million-row columns are built from the labelled inputs with house numbers and name
pairings varied, so most values are distinct (the parsers cache repeats, so repeats
would flatter them); the number of distinct values is printed with each timing.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from deid.standardise import AddressParser, NameParser  # noqa: E402
from deid.standards import load_standards  # noqa: E402
from tests.standardise.accuracy import load_labelled, measure  # noqa: E402
from tests.standardise.test_labelled_accuracy import ADDRESS_PARTS, NAME_PARTS  # noqa: E402

TARGETS = {"addresses": (0.98, 20.0), "names": (0.99, 10.0)}


def varied_addresses(inputs: list[str], rows: int, rng: random.Random) -> pl.Series:
    numbered = [text for text in inputs if re.search(r"\d", text)]
    return pl.Series("address", [re.sub(r"\b\d{1,4}\b", str(rng.randint(1, 2999)), rng.choice(numbered), count=1)
                                 for _ in range(rows)])


def varied_names(labelled: list[dict], rows: int, rng: random.Random) -> pl.Series:
    given = sorted({r["given_names"] for r in labelled if r["given_names"]})
    family = sorted({r["family_name"] for r in labelled if r["family_name"]})
    forms = [lambda g, f: f"{g} {f}", lambda g, f: f"{f.upper()}, {g}", lambda g, f: f"{g} {f}".lower(),
             lambda g, f: f"Mr {g} {f}", lambda g, f: f"{f}, {g} {rng.choice(given)}"]
    return pl.Series("name", [rng.choice(forms)(rng.choice(given), rng.choice(family)) for _ in range(rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    standards = load_standards()
    addresses = AddressParser(standards.address, standards.geography)
    names = NameParser(standards.names)

    labelled_addresses = load_labelled("addresses.psv")
    labelled_names = load_labelled("names.psv")
    accuracy = {
        "addresses": measure(labelled_addresses, [addresses.parse(r["input"]).as_dict() for r in labelled_addresses], ADDRESS_PARTS),
        "names": measure(labelled_names, [vars(names.parse(r["input"])) for r in labelled_names], NAME_PARTS),
    }
    for kind, result in accuracy.items():
        print(f"\n{kind}: {result.all_right}/{result.rows} with every component right "
              f"({result.share_all_right:.1%}; target {TARGETS[kind][0]:.0%})")
        for component, share in result.by_component.items():
            print(f"  {component:<18}{share:>8.1%}")

    rng = random.Random(2026)
    columns = {"addresses": (varied_addresses([r["input"] for r in labelled_addresses], args.rows, rng), addresses.parse_series),
               "names": (varied_names(labelled_names, args.rows, rng), names.parse_series)}
    print()
    met = all(accuracy[k].share_all_right >= TARGETS[k][0] for k in accuracy)
    for kind, (values, parse_series) in columns.items():
        started = time.perf_counter()
        parsed = parse_series(values)
        seconds = time.perf_counter() - started
        assert parsed.height == values.len()
        met &= seconds <= TARGETS[kind][1] * args.rows / 1_000_000
        print(f"{kind}: {values.len():,} values ({values.n_unique():,} distinct) in {seconds:.1f} s "
              f"= {values.len() / seconds:,.0f}/s (target {TARGETS[kind][1]:.0f} s per million)")
    print(f"\ntargets {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
