"""Text that is safe to open: the one rule against formula injection, used by every writer.

A spreadsheet program (Excel, LibreOffice, Google Sheets) runs a cell as a formula when it
begins with `=`, `+`, `-` or `@`, and some strip a leading tab or carriage return first
(OWASP, "CSV Injection"). Excel also opens HTML tables, and Markdown tables are pasted into
spreadsheets, so every text value written to CSV, XLSX, HTML or Markdown goes through
`neutralise_formula`: such a value is written with a leading single quote, which every
spreadsheet program shows as text. Numbers stay numbers: only text is touched, and text
that is a plain number ("-3", "+1.5", "-12%") cannot run and is left alone. Parquet and
JSON keep values as they are; the data dictionary says which columns are neutralised when
exported.

A provider's column header is shown back to the provider and to stewards as written (`header_as_shown`): it is
the provider's name for a field, not personal data. Only identifier-shaped content found in it is replaced.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import polars as pl

# The OWASP list, with the full-width forms some spreadsheet locales also evaluate.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"
# Patterns with literal characters only, so Python's re and polars (Rust regex) read them alike.
_SPACES = " \n\u00a0"   # spaces some programs trim before reading the first character
FORMULA_START = "^(?:[\t\r]|[" + _SPACES + "]*[" + "".join(FORMULA_TRIGGERS).replace("-", "\\-") + "])"
PLAIN_NUMBER = "[" + _SPACES + "]*[+-]?(?:[0-9]+(?:[.,][0-9]+)*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?[" + _SPACES + "\t\r]*"
_FORMULA_START = re.compile(FORMULA_START)
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)
NEUTRALISED_ON_EXPORT = ("text: a value beginning with =, +, -, @, tab or carriage return is written with a leading ' "
                         "in CSV, XLSX, HTML and Markdown (OWASP CSV injection rule); the Parquet value is unchanged")


def is_formula_shaped(value: str) -> bool:
    """True when a spreadsheet could run `value` as a formula (a plain number such as -3 cannot run)."""
    return bool(value) and bool(_FORMULA_START.match(value)) and not _PLAIN_NUMBER.fullmatch(value)


def neutralise_formula(value: Any) -> Any:
    """`value` as text that no spreadsheet runs: a leading `'` when it is formula-shaped.

    Anything that is not a string (numbers, dates, None) is returned unchanged.
    """
    if isinstance(value, str) and is_formula_shaped(value):
        return ESCAPE + value
    return value


def _is_text(dtype: pl.DataType) -> bool:
    return dtype == pl.Utf8 or isinstance(dtype, (pl.Categorical, pl.Enum))


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column's values and every column name neutralised; numeric columns untouched."""
    def safe(column: str) -> pl.Expr:
        text = pl.col(column).cast(pl.Utf8)
        shaped = text.str.contains(FORMULA_START) & ~text.str.contains(f"^(?:{PLAIN_NUMBER})$")
        return pl.when(shaped).then(pl.lit(ESCAPE) + text).otherwise(text).alias(column)

    text_columns = [c for c, dtype in frame.schema.items() if _is_text(dtype)]
    out = frame.with_columns(safe(c) for c in text_columns) if text_columns else frame
    renamed = {c: neutralise_formula(c) for c in out.columns if neutralise_formula(c) != c}
    return out.rename(renamed) if renamed else out


class Detection(Protocol):
    """What a recognizer found in a text (`deid.scrub.scrub.Span` has these fields)."""

    @property
    def entity(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def recognizer(self) -> str: ...


PERSON = "PERSON"
# The one source of person names that is evidence rather than shape: names the table's own name columns hold.
TABLE_NAMES_RECOGNIZER = "KnownNamesRecognizer"
_LETTERS = re.compile(r"[^\W\d_]+")


def _stands_as_name(header: str, start: int, end: int, guesses: list[Detection]) -> bool:
    """A name of the table that is a full name (two words or more), the whole header, or a word the name
    recognizers also read as a name there ("Whaea Mere"): not an everyday word that is also someone's name."""
    words = _LETTERS.findall(header[start:end])
    return len(words) >= 2 or _LETTERS.findall(header) == words or any(g.start < end and start < g.end for g in guesses)


def _table_name_runs(header: str, found: list[Detection]) -> list[tuple[int, int]]:
    """Adjacent names of the table (only spaces between) joined: "Aroha" "Smith" -> "Aroha Smith"."""
    runs: list[tuple[int, int]] = []
    for d in sorted((d for d in found if d.entity == PERSON and d.recognizer == TABLE_NAMES_RECOGNIZER), key=lambda d: d.start):
        if runs and (d.start <= runs[-1][1] or not header[runs[-1][1]:d.start].strip()):
            runs[-1] = (runs[-1][0], max(runs[-1][1], d.end))
        else:
            runs.append((d.start, d.end))
    return runs


_BRACKETED = re.compile(r"\([^)]*\)")
_CONTACT = re.compile(r"\d{3}|@")
_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])[A-ZĀĒĪŌŪ][\w'’-]+(?:[ \t]+[A-ZĀĒĪŌŪ][\w'’-]+)+")   # two or more: a name


def header_as_shown(header: str, found: Iterable[Detection], placeholders: Mapping[str, str] | None = None) -> str:
    """A provider's column header as it is shown back: their words kept, identifier-shaped content replaced.

    A header names a field ("Caregiver DOB", "Pēpi name", "Happy to be contacted?"), so a capitalised word
    in it is no evidence of a person: the name recognizers' guesses from a word's shape are ignored. Replaced
    are what the recognizers find by form (an email, phone, NHI, IRD, bank account, address, date of birth,
    a formula) and a person's name the table's own name columns hold, where it stands as a full name, as
    the whole header (a client row read as the header row) or where a name recognizer also reads it as one.
    `found`: the scrubber's detections in `header`; `placeholders`: the text per entity (recognizers.yaml),
    else `<ENTITY>`.
    """
    detections = list(found)
    spans = [(d.start, d.end, d.entity) for d in detections if d.entity != PERSON]
    guesses = [d for d in detections if d.entity == PERSON and d.recognizer != TABLE_NAMES_RECOGNIZER]
    spans += [(start, end, PERSON) for start, end in _table_name_runs(header, detections)
              if _stands_as_name(header, start, end, guesses)]
    # inside brackets a header's words are an aside, not a field's name: a name recognizer's guess there stands
    # ('Emergency contact (Whetu Kereama 021 555 7788)')
    asides = [(m.start(), m.end()) for m in _BRACKETED.finditer(header)]
    spans += [(d.start, d.end, PERSON) for d in guesses if any(a <= d.start and d.end <= b for a, b in asides)]
    # ... and with a number or email beside them, capitalised words there are a contact's name
    spans += [(m.start(), m.end(), PERSON) for a, b in asides if _CONTACT.search(header, a, b)
              for m in _CAPITALISED_RUN.finditer(header, a, b)]
    merged: list[tuple[int, int, str]] = []
    for start, end, entity in sorted(spans):
        if merged and start < merged[-1][1]:    # overlapping detections are replaced as one
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, entity))
    parts, at = [], 0
    for start, end, entity in merged:
        parts += [header[at:start], (placeholders or {}).get(entity, f"<{entity}>")]
        at = end
    return "".join(parts) + header[at:]
