"""Build the geography table (standards/geography.csv) from an official download.

`deid standards import-geography FILE` reads a CSV a user downloads and writes a table of the
standard's columns. Two shapes are accepted, told apart by their header:

- LINZ "NZ Suburbs and Localities" (LINZ Data Service layer 113764, CC BY 4.0), exported as CSV:
  needs `name`, `major_name` and `territorial_authority` (the `*_ascii`, `type`, `additional_name`
  and `WKT`/`shape` columns are read when there and otherwise ignored). The TA and region codes
  come from the Stats NZ classification already in the table (`ta_name` -> `ta_code`, region);
  this layer has no postcodes, so a place keeps the postcode the current table gives it, if any.
- The standard's own columns (postcode, suburb, town_city, ta_code, ta_name, region_code,
  region_name), e.g. a Stats NZ concordance prepared to this shape.

Rows that cannot be placed (an unknown TA) are counted and reported, never guessed.
"""
from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from deid.errors import DeidError, StandardsError
from deid.standards import (
    DEFAULT_STANDARDS_DIR,
    GeographyStandard,
    Place,
    fold,
    load_csv_with_header_comments,
)

POSTCODE_FILE = "geography_postcodes.csv"
PLACES_FILE = "geography_places.csv"   # more localities (GeoNames), after geography.csv's own (deid/standardise/geonames.py)
STANDARD_COLUMNS = ("postcode", "suburb", "town_city", "ta_code", "ta_name", "region_code", "region_name")
LINZ_COLUMNS = ("name", "major_name", "territorial_authority")


class GeographyImportError(DeidError):
    """The file is not a geography table this command can read."""


@dataclass(frozen=True)
class GeographyImport:
    rows: list[dict[str, str]]
    shape: str                      # "linz-suburbs-localities" or "standard"
    read: int
    skipped: dict[str, int] = field(default_factory=dict)   # reason -> rows

    @property
    def localities(self) -> int:
        return len({(fold(r["suburb"] or r["town_city"]), r["ta_code"]) for r in self.rows})


def _ta_key(name: str) -> str:
    words = fold(name).split()
    while words and words[-1] in {"district", "city", "council"}:
        words.pop()
    return " ".join(words)


def ta_lookup(classification: GeographyStandard) -> dict[str, dict[str, str]]:
    """TA name (folded, without District/City) -> its Stats NZ codes and names."""
    out: dict[str, dict[str, str]] = {}
    for place in classification.places:
        out.setdefault(_ta_key(place.ta_name), {"ta_code": place.ta_code, "ta_name": place.ta_name,
                                                "region_code": place.region_code, "region_name": place.region_name})
    return out


def check_columns(header: Iterable[str]) -> str:
    """Which shape a header is, or GeographyImportError naming the missing columns."""
    have = {h.strip().lower() for h in header if h}
    if set(STANDARD_COLUMNS) <= have:
        return "standard"
    if set(LINZ_COLUMNS) <= have:
        return "linz-suburbs-localities"
    missing_std = [c for c in STANDARD_COLUMNS if c not in have]
    missing_linz = [c for c in LINZ_COLUMNS if c not in have]
    raise GeographyImportError(
        f"the file's columns are {sorted(have)}; expected either the LINZ Suburbs and Localities columns "
        f"(missing {missing_linz}) or the standard columns {list(STANDARD_COLUMNS)} (missing {missing_std})")


def import_geography(text: str, classification: GeographyStandard) -> GeographyImport:
    """Read an official CSV (as text) into rows of the standard's columns.

    Args:
        text: the CSV file's contents.
        classification: the current table, for TA and region codes and known postcodes.

    Returns:
        The rows (sorted, de-duplicated), the shape read and the rows skipped by reason.

    Raises:
        GeographyImportError: when the header is neither shape.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    shape = check_columns(reader.fieldnames or ())
    tas = ta_lookup(classification)
    postcode_of: dict[tuple[str, str], str] = {}
    for place in classification.places:
        postcode_of.setdefault((fold(place.suburb or place.town_city), place.ta_code), place.postcode)
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    skipped: dict[str, int] = {}
    read = 0
    for raw in reader:
        read += 1
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if shape == "standard":
            if not row["town_city"] or not row["ta_code"] or not row["region_code"]:
                skipped["no town, TA or region"] = skipped.get("no town, TA or region", 0) + 1
                continue
            out = {c: row[c] for c in STANDARD_COLUMNS}
        else:
            name, major = row["name"], row.get("major_name") or row["name"]
            area = tas.get(_ta_key(row["territorial_authority"]))
            if area is None:
                reason = "territorial authority not in the Stats NZ classification"
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            if row.get("type", "").lower() in {"island", "lake", "water"}:
                skipped["not a place people live"] = skipped.get("not a place people live", 0) + 1
                continue
            suburb = "" if fold(name) == fold(major) else name
            out = {"postcode": postcode_of.get((fold(name), area["ta_code"]), ""), "suburb": suburb, "town_city": major, **area}
        rows[tuple(out[c] for c in STANDARD_COLUMNS)] = out
    ordered = sorted(rows.values(), key=lambda r: (r["region_code"], r["ta_code"], r["town_city"], r["suburb"], r["postcode"]))
    return GeographyImport(ordered, shape, read, skipped)


def render_geography_csv(rows: Iterable[Mapping[str, str]], *, source: str, version: str, licence: str) -> str:
    """The table as standards/geography.csv text, with its source, version and licence lines."""
    out = io.StringIO()
    out.write(f"# source: {source}\n# version: {version}\n# licence: {licence}\n")
    writer = csv.DictWriter(out, fieldnames=STANDARD_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in STANDARD_COLUMNS})
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def load_postcode_areas(directory: Path = DEFAULT_STANDARDS_DIR) -> dict[str, Place]:
    """standards/geography_postcodes.csv: postcode -> its TA and region (no suburb or town); empty when absent."""
    path = Path(directory) / POSTCODE_FILE
    if not path.is_file():
        return {}
    _, rows = load_csv_with_header_comments(path)
    places = _places(path, [{**r, "suburb": None, "town_city": ""} for r in rows], ("postcode", "ta_code", "region_code"))
    return {place.postcode: place for place in places}


@functools.lru_cache(maxsize=4)
def load_extra_places(directory: Path = DEFAULT_STANDARDS_DIR) -> tuple[Place, ...]:
    """standards/geography_places.csv: localities geography.csv lacks, with TA and region (no postcodes); empty when absent."""
    path = Path(directory) / PLACES_FILE
    if not path.is_file():
        return ()
    _, rows = load_csv_with_header_comments(path)
    return tuple(_places(path, [{**r, "suburb": r.get("suburb") or None} for r in rows], ("town_city", "ta_code", "region_code")))


def _places(path: Path, rows: list[dict[str, str | None]], required: tuple[str, ...]) -> list[Place]:
    """Rows of a place file as Places; StandardsError names the file, data row, field, value and rule."""
    places = []
    for number, row in enumerate(rows, start=1):
        for column in required:
            if not row.get(column):
                raise StandardsError(f"{path}: data row {number}, field '{column}' is {row.get(column)!r}: "
                                     f"required (every row needs {', '.join(required)})")
        try:
            places.append(Place.model_validate({c: row.get(c) for c in STANDARD_COLUMNS}))
        except ValidationError as error:
            first = error.errors()[0]
            field_name = ".".join(str(p) for p in first["loc"])
            raise StandardsError(f"{path}: data row {number}, field '{field_name}' is {row.get(field_name)!r}: "
                                 f"{first['msg']} (every row needs {', '.join(STANDARD_COLUMNS)})") from None
    return places
