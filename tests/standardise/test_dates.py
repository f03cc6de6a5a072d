import datetime as dt

import polars as pl
import pytest

from deid.standardise import parse_dates


@pytest.mark.parametrize("text, expected", [
    ("2026-03-04", dt.date(2026, 3, 4)),
    ("04/03/2026", dt.date(2026, 3, 4)),
    ("4/3/2026", dt.date(2026, 3, 4)),
    ("4/3/88", dt.date(1988, 3, 4)),
    ("4/3/12", dt.date(2012, 3, 4)),
    ("04.03.2026", dt.date(2026, 3, 4)),
    ("04-Mar-2026", dt.date(2026, 3, 4)),
    ("4 March 2026", dt.date(2026, 3, 4)),
    ("2026-03-04 00:00:00", dt.date(2026, 3, 4)),
    ("45000", dt.date(2023, 3, 15)),  # Excel serial day
    ("31/02/2025", None),
    ("13/13/2020", None),
    ("unknown", None),
    (None, None),
])
def test_day_first_dates(standards, text, expected):
    assert parse_dates(pl.Series("d", [text], dtype=pl.Utf8), standards.dates).to_list() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("5/01/1956 0:00:00", dt.date(1956, 1, 5)),        # an Access or SQL export's midnight
    ("14/01/2026 2:30 PM", dt.date(2026, 1, 14)),
    ("2026-03-04 00:00:00", dt.date(2026, 3, 4)),
    ("31/02/2025 0:00:00", None),                      # still a date that does not exist
])
def test_when_a_date_is_written_with_a_time_then_the_date_part_is_read(standards, text, expected):
    assert parse_dates(pl.Series([text]), standards.dates).to_list() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("3 Sept 2026", dt.date(2026, 9, 3)),
    ("Sept 3, 2026", dt.date(2026, 9, 3)),              # the month is named, so month first is no doubt
    ("3rd September 2026", dt.date(2026, 9, 3)),
    ("Thursday, 3 September 2026", dt.date(2026, 9, 3)),
    ("Mar. 4, 2026", dt.date(2026, 3, 4)),
    ("3 Hepetema 2026", dt.date(2026, 9, 3)),           # te reo month names, with or without macrons
    ("12 Ākuhata 2026", dt.date(2026, 8, 12)),
    ("12 akuhata 2026", dt.date(2026, 8, 12)),
    ("Hepetema 3, 2026", dt.date(2026, 9, 3)),          # a te reo month named first, as in English
    ("March 2026", None),                               # no day: not a date, not the 20th of March in year 26
    ("31 Sept 2026", None),
])
def test_when_a_date_is_written_out_in_words_then_it_is_read(standards, text, expected):
    assert parse_dates(pl.Series([text]), standards.dates).to_list() == [expected]


def test_when_a_slashed_date_is_written_in_full_width_digits_then_the_month_first_check_reads_past_it():
    """One such cell once stopped the whole ingest stage (a polars cast error, not a message about the file)."""
    from deid.standardise.dates import written_month_first

    assert written_month_first(pl.Series(["０１/13/2000", "03/25/2026"])) is True
    assert written_month_first(pl.Series(["０１/13/2000", "25/03/2026"])) is False
    assert written_month_first(pl.Series(["０１/１３/2000"])) is False


def test_when_a_column_repeats_its_dates_then_each_row_gets_what_its_value_alone_gets(standards):
    """Repeated dates are parsed once per distinct text, and each format is tried only on what earlier ones left."""
    import random

    written = ["04/03/2026", "2026-03-04", "4/3/88", "04-Mar-2026", "Thu 3 Sep 2026", "3 Hepetema 2026", "45000",
               "20260304", "31/02/2025", "unknown", "", "2026/03/04", "4.3.2026", "14/01/2026 2:30 PM", None]
    rng = random.Random(4)
    values = [rng.choice(written) for _ in range(400)]
    column = parse_dates(pl.Series("d", values, dtype=pl.Utf8), standards.dates)
    assert column.name == "d" and column.dtype == pl.Date
    assert column.to_list() == [parse_dates(pl.Series("d", [v], dtype=pl.Utf8), standards.dates)[0] for v in values]
    assert column.null_count() < len(values) // 2


@pytest.mark.parametrize("rows", [20_001, 30_001, 39_999, 60_001])
def test_when_a_long_column_has_no_slashed_dates_near_its_top_then_the_month_first_check_samples_once_and_ends(rows):
    from deid.standardise.dates import written_month_first

    spread = ["03/25/2026" if i % 7 == 0 else "2026-08-01" for i in range(rows)]   # month-first dates the sample meets
    assert written_month_first(pl.Series(spread)) is True
    assert written_month_first(pl.Series(["2026-08-01"] * rows)) is False
