"""A seeded generator of messy ingested submissions: every validation rule fails on some rows.

Builds the frame `ingest_file` hands to validation (lineage columns, `source_shape`, every
standard field as text) directly, so each kind of mistake is placed on purpose: missing and
impossible dates, two-digit years, ISO datetimes and Excel serials, dates outside the quarter
or the plausible range, bad NHI and IRD check digits, unknown codes and ethnicities, numbers
out of range or not numbers, rows without a name, short and long rows, totals and note rows, formulas, over-long
cells, repeated rows and repeated client references; plus a history whose dates of birth
differ for some clients.
"""
from __future__ import annotations

import datetime as dt
import random

import polars as pl

from deid.ingest.readers import SOURCE_ROW
from deid.standards import Standards

GOOD_NHI = ["ZZZ0016", "ZAC5361", "zzz 0016", "ZZZ-0024"]
BAD_NHI = ["ZZZ0017", "ABC", "1234567", "ZAC536X", ""]
GOOD_IRD = ["49091850", "136410132", "49-091-850"]
BAD_IRD = ["12345678", "136410133", "9999", "abc"]
GOOD_DATES = ["04/03/1990", "4/3/88", "1990-03-04", "1990-03-04 00:00:00", "04.03.1990", "4 Mar 1990",
              "04-Mar-90", "19900304", "32937", "14/08/2026", "2026-07-01", "30 September 2026"]
BAD_DATES = ["31/02/1990", "unknown", "00/00/0000", "1990-13-01", "99999", "12/2026"]
OUT_OF_RANGE_DATES = ["04/03/2031", "01/01/1850", "16/05/2026", "01/10/2026", "30/06/2026"]
ETHNICITIES = ["Māori", "NZ European; Samoan", "Maori/Tongan", "Klingon", "Chinese, Indian", "11; 21", "Ngāti Porou",
               "Samoan; Atlantean", "", " ; "]
INTEGERS = ["4", "1,000", "0", "200", "201", "-1", "many", " 7 ", "10", "11", "3.5"]
FORMULAS = ["=SUM(A1:A3)", "+A1", "@HYPERLINK(x)", "- B2", "-5", "+64 21 480 2268"]


def messy_submission(standards: Standards, rows: int = 600, seed: int = 11, provider: str = "messy",
                     submission_id: str = "sub-messy") -> pl.DataFrame:
    """A submission frame as ingest returns it, with every rule broken on some rows (seeded)."""
    rng = random.Random(seed)
    codes = {spec.name: _code_spellings(standards, spec.code_list) for spec in standards.fields.fields
             if spec.type == "code" and spec.code_list}
    records: list[dict[str, str | None]] = []
    for i in range(rows):
        record: dict[str, str | None] = {}
        for spec in standards.fields.fields:
            record[spec.name] = _value(rng, spec.name, spec.type, codes.get(spec.name, []), i)
        if rng.random() < 0.05:                      # no name at all (and no NHI): person_name.any_of
            record.update(full_name=None, family_name=None, given_names=None, nhi=None)
        if rng.random() < 0.04:                      # no reference, birth date or NHI: date_of_birth.required
            record.update(client_ref=None, date_of_birth=None, nhi=None)
        elif rng.random() < 0.03:                    # no reference or NHI, and a birth date that is none: date_parseable
            record.update(client_ref=None, date_of_birth=rng.choice(BAD_DATES), nhi=None)
        if rng.random() < 0.02:                      # an over-long cell
            record["case_notes"] = "x" * (standards.fields.max_cell_chars + 1)
        if rng.random() < 0.04:                      # a formula in some text column
            record[rng.choice(["programme", "iwi", "address", "case_notes"])] = rng.choice(FORMULAS)
        if records and rng.random() < 0.05:          # an exact repeat of an earlier row
            record = dict(rng.choice(records))
        elif records and rng.random() < 0.04:        # a client reference used again for different content
            record["client_ref"] = rng.choice(records)["client_ref"]
        records.append(record)
    frame = pl.DataFrame(records, schema={name: pl.Utf8 for name in standards.fields.names})
    # short and long rows; and rows ingest marked as not clients (a totals row, a note), which fail only their own rule
    shapes = [rng.choice(["short", "long", "short", "long", "totals", "note"]) if rng.random() < 0.04 else None
              for _ in range(rows)]
    return frame.with_columns(
        pl.lit("run-messy").alias("run_id"), pl.lit(provider).alias("provider"), pl.lit("2026Q3").alias("quarter"),
        pl.lit(submission_id).alias("submission_id"), pl.lit("messy.csv").alias("source_file"),
        (pl.int_range(rows, dtype=pl.Int64) + 2).alias(SOURCE_ROW), pl.Series("source_shape", shapes, dtype=pl.Utf8),
    ).select("run_id", "provider", "quarter", "submission_id", "source_file", SOURCE_ROW, "source_shape",
             *standards.fields.names)


def messy_history(frame: pl.DataFrame, seed: int = 11) -> pl.DataFrame:
    """Earlier quarters' clients for the same provider: most dates of birth agree, some do not."""
    rng = random.Random(seed)
    refs = frame.get_column("client_ref").drop_nulls().unique(maintain_order=True).to_list()
    rows = []
    for ref in refs[: len(refs) // 2]:
        day = dt.date(1990, 3, 4) if rng.random() < 0.5 else dt.date(1980 + rng.randrange(30), 1 + rng.randrange(12), 1)
        rows.append({"provider": frame.get_column("provider")[0], "client_ref": ref, "date_of_birth": day})
        if rng.random() < 0.1:   # two different dates in earlier quarters
            rows.append({"provider": frame.get_column("provider")[0], "client_ref": ref, "date_of_birth": None})
    rows.append({"provider": "another-provider", "client_ref": refs[0], "date_of_birth": dt.date(1900, 1, 1)})
    return pl.DataFrame(rows, schema={"provider": pl.Utf8, "client_ref": pl.Utf8, "date_of_birth": pl.Date})


def _code_spellings(standards: Standards, code_list: str) -> list[str]:
    codes = standards.gender.codes if code_list == "gender" else standards.code_lists.code_lists[code_list].codes
    return [s for c in codes for s in (c.code, c.label, *c.synonyms)]


def _value(rng: random.Random, name: str, kind: str, spellings: list[str], i: int) -> str | None:
    if rng.random() < 0.06:
        return None
    if kind == "date":
        roll = rng.random()
        pool = BAD_DATES if roll < 0.1 else OUT_OF_RANGE_DATES if roll < 0.2 else GOOD_DATES
        return rng.choice(pool)
    if kind == "nhi":
        return rng.choice(BAD_NHI if rng.random() < 0.2 else GOOD_NHI)
    if kind == "ird":
        return rng.choice(BAD_IRD if rng.random() < 0.2 else GOOD_IRD)
    if kind == "code":
        if rng.random() < 0.15:
            return rng.choice(["Q", "unknown", "?", "Yes please", "  "])
        spelling = rng.choice(spellings)
        return rng.choice([spelling, spelling.upper(), f" {spelling.lower()} "])
    if kind == "multi_code":
        return rng.choice(ETHNICITIES)
    if kind == "integer":
        return rng.choice(INTEGERS)
    if name == "client_ref":
        return f"C{i:05d}"
    return rng.choice([f"{name} {i}", f"{name} value", "Ngata", "Parata"])
