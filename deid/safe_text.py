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
"""
from __future__ import annotations

import re
from typing import Any

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
