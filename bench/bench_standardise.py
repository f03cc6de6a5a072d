"""Accuracy per component on the labelled sets, and speed on a million addresses and names.

    .venv/bin/python bench/bench_standardise.py [--rows 1000000]

Targets (issue 4): at least 98% of addresses and 99% of names with every component right;
1,000,000 addresses standardised in at most 20 s on 2 cores and 1,000,000 names in 10 s.
Issue 19: on the held-out half of tests/standardise/heldout.py (written before tuning, places
not drawn from the reference), at least 99% of addresses fully right, 95% strict with macrons
where the reference knows the place, names 99.5%; with ablations, and the reference's coverage.
The million addresses draw their places from the whole reference (geography.csv).

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


def reference_addresses(standards, rows: int, rng: random.Random) -> pl.Series:
    """Addresses whose places are drawn from the whole reference table, in a few writing styles."""
    from tests.standardise.heldout import STREETS

    places = standards.geography.places
    out = []
    for _ in range(rows):
        p = rng.choice(places)
        name, kind = rng.choice(STREETS)
        locality = ", ".join(x for x in (p.suburb, p.town_city) if x)
        text = rng.choice([f"{rng.randint(1, 2999)} {name} {kind}, {locality} {p.postcode}",
                           f"{rng.randint(1, 99)}/{rng.randint(1, 2999)} {name} {kind} {locality}".upper(),
                           f"PO Box {rng.randint(1, 9999)}, {p.town_city} {p.postcode}",
                           f"{rng.randint(1, 2999)} {name} {kind}, Unit {rng.randint(1, 20)}, {locality}"])
        out.append(text)
    return pl.Series("address", out)


def heldout(standards) -> bool:
    """Issue 19 figures on the held-out half, ablations, and coverage; True when the targets are met."""
    from deid.standardise.geography import load_postcode_areas
    from tests.standardise.heldout import generate_addresses, generate_names, score_addresses, score_names

    cases = [c for c in generate_addresses() if c.half == "test"]
    names = [r for r in generate_names() if r[3] == "test"]
    full = AddressParser(standards.address, standards.geography)
    known = lambda n: full.place_key(n) in full.suburbs or full.place_key(n) in full.towns  # noqa: E731
    variants = {"all signals": full,
                "without macron restoration": AddressParser(standards.address, standards.geography, restore_macrons=False),
                "without the postcode table": AddressParser(standards.address, standards.geography, postcode_areas={})}
    print(f"held-out addresses (test half, {len(cases)} rows; tune half not scored here):")
    scores = {}
    for label, parser in variants.items():
        s = scores[label] = score_addresses(parser, cases, known)
        print(f"  {label:<30} fully right {s.fully_right:6.1%}   strict with macrons {s.strict_known:6.1%} "
              f"(of {s.known_rows} known)   TA and region right {s.ta_and_region:6.1%}")
    share, misses = score_names(NameParser(standards.names), names)
    print(f"held-out names (test half, {len(names)} rows): {share:.1%} right (target 99.5%)")
    for text, wrong in scores["all signals"].misses[:10]:
        print(f"  miss: {text!r} {wrong}")
    localities = {(p.suburb or p.town_city) for p in standards.geography.places}
    print(f"reference: {len(localities)} localities, {len({p.postcode for p in standards.geography.places})} postcodes with places, "
          f"{len(load_postcode_areas())} postcodes with TA and region")
    s = scores["all signals"]
    return s.fully_right >= 0.99 and s.strict_known >= 0.95 and share >= 0.995


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
    addresses = AddressParser(standards.address, standards.geography, restore_macrons=False)  # the labelled set's convention
    names = NameParser(standards.names)
    met_heldout = heldout(standards)

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
    addresses = AddressParser(standards.address, standards.geography)
    columns = {"addresses": (reference_addresses(standards, args.rows, rng), addresses.parse_series),
               "names": (varied_names(labelled_names, args.rows, rng), names.parse_series)}
    print()
    met = met_heldout and all(accuracy[k].share_all_right >= TARGETS[k][0] for k in accuracy)
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
