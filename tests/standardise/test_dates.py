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
