"""The one formula-injection rule: formula-shaped text is escaped, numbers and plain text are left alone."""
from __future__ import annotations

import polars as pl
import pytest

from deid.safe_text import is_formula_shaped, neutralise_formula, neutralise_frame


@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("  =1+1", "'  =1+1"),                       # spaces some programs trim first
    ("＝1+1", "'＝1+1"),                          # the full-width sign some locales evaluate
    ("- attended group", "'- attended group"),    # not a formula, but a cell starting with - is still escaped
    ("+64 21 555 0123", "'+64 21 555 0123"),
    ("-3", "-3"),                                 # a plain number cannot run: left alone
    ("+1.5", "+1.5"),
    ("-12%", "-12%"),
    ("-1e5", "-1e5"),
    ("3-4", "3-4"),
    ("Attended 6 of 8 sessions", "Attended 6 of 8 sessions"),
    ("", ""),
    (None, None),
    (-3, -3),
    (2.5, 2.5),
])
def test_when_a_value_is_written_then_only_formula_shaped_text_is_escaped(value, expected):
    assert neutralise_formula(value) == expected
    if isinstance(value, str):
        assert is_formula_shaped(value) == (expected != value)


def test_when_a_frame_is_neutralised_then_text_columns_and_headers_are_escaped_and_numbers_stay_numbers():
    frame = pl.DataFrame({"note": ["=1+1", "-3", "fine", None], "change": [-3, -1, 0, 2], "score": [-0.5, 1.0, None, 2.0],
                          "=cmd|' /C calc'!A0": ["a", "b", "c", "d"]})
    safe = neutralise_frame(frame)
    assert safe.get_column("note").to_list() == ["'=1+1", "-3", "fine", None]
    assert safe.get_column("change").dtype == pl.Int64 and safe.get_column("change").to_list() == [-3, -1, 0, 2]
    assert safe.get_column("score").to_list() == [-0.5, 1.0, None, 2.0]
    assert "'=cmd|' /C calc'!A0" in safe.columns
    assert frame.get_column("note").to_list()[0] == "=1+1"          # the input is not changed


def test_when_the_frame_and_the_value_rule_meet_the_same_text_then_they_agree():
    values = ["=1", "-1", " -1", "\t-1", "-", "+ 2", "@", "a@b", "\n=1", "\u00a0@x", "1,000", "-1,234.5"]
    assert neutralise_frame(pl.DataFrame({"v": values})).get_column("v").to_list() == [neutralise_formula(v) for v in values]
