"""Day-first date parsing into ISO dates, vectorised with polars."""
from __future__ import annotations

import datetime as dt
import re

import polars as pl

from deid.standards import DatesStandard, fold

_EXCEL_EPOCH = dt.date(1899, 12, 30)


def without_time(text: pl.Expr) -> pl.Expr:
    """The date part of a date written with a time: ISO datetimes from spreadsheets ("2026-03-04
    00:00:00") and booking systems (local time with its offset, "2026-07-01T11:30:00+12:00": the date
    as written is the local date), and day-first dates from database exports ("5/01/1956 0:00:00", "14/01/2026 2:30 PM")."""
    return (text.str.strip_chars()
            .str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+\-]\d{2}:?\d{2})?$", "${1}")
            .str.replace(r"^(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp]\.?[Mm]\.?)?$", "${1}"))


_MACRON_CLASS = {"a": "[aā]", "e": "[eē]", "i": "[iī]", "o": "[oō]", "u": "[uū]"}
_WORDED = r"[A-Za-z,\u0100-\u017f]"
_WEEKDAY = r"(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"
_ORDINAL = r"(?i)\b(\d{1,2})(?:st|nd|rd|th)\b"


def tidy_date_text(text: pl.Expr, month_names: dict[str, str] | None = None) -> pl.Expr:
    """Date text as the input formats read it: without a time, a weekday ('Thu 3 Sep 2026'),
    ordinals ('3rd'), commas ('Sept 3, 2026'), the four-letter 'Sept', and with month names
    written in te reo Māori ('3 Hepetema 2026') put in English."""
    tidy = without_time(text)
    for spelled, english in (month_names or {}).items():   # with or without macrons: 'Hepetema', 'Ākuhata'
        pattern = "".join(_MACRON_CLASS.get(ch, re.escape(ch)) for ch in fold(spelled))
        tidy = tidy.str.replace(f"(?i)\\b{pattern}\\b", english)
    tidy = (tidy.str.replace(_WEEKDAY, "")
            .str.replace_all(_ORDINAL, "${1}")
            .str.replace_all(r"\s*,\s*", " ")
            .str.replace(r"(?i)\bsept\b\.?", "Sep")
            .str.replace(r"(?i)\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.", "${1}")
            .str.replace(r"^([A-Za-z]{3,9})\s+(\d{1,2})\s+(\d{4})$", "${2} ${1} ${3}")   # 'Sep 3 2026': the month is named, so no doubt
            .str.strip_chars())
    return tidy


def parse_dates(values: pl.Series, standard: DatesStandard) -> pl.Series:
    """Parse text dates written day first (or ISO), and Excel serial numbers, to `pl.Date`.

    Anything that is not a real calendar date (31/02/2025, 'unknown') becomes null;
    callers compare with the input to report what failed. Each distinct text is parsed once
    when dates repeat (service dates fall in one quarter, birth dates in a century's days).
    """
    text = values.cast(pl.Utf8)
    distinct = text.unique()
    if distinct.len() * 2 > text.len():
        return _parse_each(text, standard).alias(values.name)
    table = pl.DataFrame({"__key": distinct, "__date": _parse_each(distinct, standard)})
    return (pl.DataFrame({"__key": text}).join(table, on="__key", how="left", nulls_equal=True, maintain_order="left")
            .get_column("__date").alias(values.name))


def _parse_each(values: pl.Series, standard: DatesStandard) -> pl.Series:
    """`parse_dates` value by value (vectorised), with no regard to repeats."""
    text = pl.select(without_time(pl.lit(values.cast(pl.Utf8)))).to_series()
    worded = text.str.contains(_WORDED)   # only dates with words or commas need tidying: most are digits
    if worded.any():
        where = worded.arg_true()
        tidied = pl.select(tidy_date_text(pl.lit(text.gather(where)), standard.month_names)).to_series()
        text = text.scatter(where, tidied)
    # Two-digit years: expand with the pivot so %Y formats apply ("4/3/88" -> "4/3/1988").
    pivot = standard.two_digit_year_pivot
    two_digit = text.str.extract_groups(r"^(\d{1,2})([/.\- ])(\d{1,2}|[A-Za-z]{3,9})([/.\- ])(\d{2})$")
    yy = two_digit.struct.field("5").cast(pl.Int32, strict=False)
    expanded = pl.select(
        pl.when(yy.is_not_null())
        .then(
            pl.concat_str(
                [two_digit.struct.field("1"), two_digit.struct.field("2"), two_digit.struct.field("3"), two_digit.struct.field("4"),
                 pl.when(yy > pivot).then(pl.lit("19")).otherwise(pl.lit("20")), two_digit.struct.field("5")]
            )
        )
        .otherwise(text)
    ).to_series()
    # The first format that reads a value wins; each later one is tried only on the values still unread.
    parsed = pl.Series(values.name, [None] * expanded.len(), dtype=pl.Date)
    where = expanded.is_not_null().arg_true()
    pending = expanded.gather(where)
    for fmt in standard.input_formats:
        if "%y" in fmt or pending.is_empty():
            continue
        got = pending.str.strptime(pl.Date, fmt, strict=False, exact=True)
        read = got.is_not_null()
        if read.any():
            parsed = parsed.scatter(where.filter(read), got.filter(read))
            pending, where = pending.filter(~read), where.filter(~read)
    if pending.is_empty():
        return parsed
    low, high = standard.excel_serial_range
    serial = pl.col("t").cast(pl.Float64, strict=False)
    excel = (
        pl.when(serial.is_between(low, high) & (serial == serial.floor()) & ~pl.col("t").str.contains(r"^\d{8}$"))
        .then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial.cast(pl.Int64)))
        .otherwise(None)
    )
    return parsed.scatter(where, pl.DataFrame({"t": pending}).select(excel).to_series())


# A day and month with no year, as a note-taker writes a visit: 'Thursday 11 October', '11 Oct', '11th of October'.
DAY_MONTH = (r"(?i)^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?"
              r"(?:\s+of)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$")


_DAY_MONTH_RE = re.compile(DAY_MONTH)


def without_year(values: pl.Series) -> bool:
    """Most of a column's dates are a day and a month with no year (an event-date column of a quarter's return)."""
    written = values.cast(pl.Utf8).str.strip_chars().drop_nulls()
    written = written.filter(written != "")
    return written.len() > 0 and int(written.str.contains(DAY_MONTH).sum()) * 2 >= written.len()


def in_the_quarters_year(value: pl.Expr, quarter_start: dt.date) -> pl.Expr:
    """A day and month with no year read in the quarter's year ('Thursday 11 October' of 2026Q4: '11 Oct 2026');
    any other value as written (a date outside the quarter is then reported as any other would be)."""
    parts = value.str.extract_groups(DAY_MONTH)
    dated = pl.concat_str([parts.struct.field("1"), parts.struct.field("2").str.slice(0, 3), pl.lit(str(quarter_start.year))],
                          separator=" ")
    return pl.when(parts.struct.field("1").is_not_null()).then(dated).otherwise(value)


def with_the_year(value: str, year: int) -> str:
    """`in_the_quarters_year` for one value."""
    match = _DAY_MONTH_RE.match(value.strip())
    return f"{match.group(1)} {match.group(2)[:3]} {year}" if match else value


_SLASHED = r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?\s*$"
_MONTH_FIRST_HEADER = re.compile(r"\b(?:mm|m)\s*[/\-.]\s*(?:dd|d)\b", re.IGNORECASE)


def written_month_first(values: pl.Series, header: str = "") -> bool:
    """Whether a column's slashed dates are month first (US style, as survey tools export them): some
    second parts above 12 and no first part above 12, or the header says MM/DD without contradiction."""
    if values.len() > 20_000:   # a spread sample first: nearly every column is day first and says so early
        step = -(-values.len() // 20_000)   # rounded up, so the sample is at most 20,000 (30,001 // 20,000 = 1 recursed forever)
        if not written_month_first(values.gather_every(step), header):
            return False
    parts = values.cast(pl.Utf8).drop_nulls().str.extract_groups(_SLASHED).drop_nulls()
    if parts.is_empty():
        return False
    first = parts.struct.field("1").cast(pl.Int32, strict=False)   # digits of other scripts ("０１"): neither way
    second = parts.struct.field("2").cast(pl.Int32, strict=False)
    day_first = int(((first > 12) & (second <= 12)).sum())    # '25/03/2026' (both above 12: no date either way)
    month_first = int(((second > 12) & (first <= 12)).sum())  # '03/25/2026'
    if day_first:
        return False
    return bool(month_first) or bool(_MONTH_FIRST_HEADER.search(header))


def month_first_as_iso(value: pl.Expr) -> pl.Expr:
    """MM/DD/YYYY (with any time) rewritten as ISO YYYY-MM-DD; other values kept as written."""
    parts = value.str.extract_groups(_SLASHED)
    iso = pl.concat_str([parts.struct.field("3"), parts.struct.field("1").str.zfill(2), parts.struct.field("2").str.zfill(2)],
                        separator="-")
    return pl.when(iso.is_not_null()).then(iso).otherwise(value)


EXAMPLE_AGE_YEARS = 38   # how long before the quarter an example date of birth falls: an adult client's


def example_date(profile: str | None, quarter_start: dt.date) -> str:
    """A date to show a provider how to write a field's dates (day/month/year), plausible for the field: a date of
    birth decades before the quarter (a date in the quarter would be a newborn's), any other date inside the quarter
    (the 14th of its middle month)."""
    month = quarter_start.month + 1 if quarter_start.month < 12 else quarter_start.month
    day = dt.date(quarter_start.year - (EXAMPLE_AGE_YEARS if profile == "birth_date" else 0), month, 14)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
