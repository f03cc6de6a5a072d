"""The compiled suite remembers what it read (codes, ethnicity cells, dates) across a run's files, and
gives exactly what reading each file afresh gives."""
from __future__ import annotations

import random

import polars as pl
import pytest
from polars.testing import assert_frame_equal, assert_series_equal

from deid.standards import quarter_bounds
from deid.validate.checks import LISTED_ROWS, _parsed_date_table, build_compiled_suite, evaluate_suite
from deid.validate.rules import code_read
from tests.validate.messy import messy_submission

Q_START, Q_END = quarter_bounds("2026Q3")
CODES = ["Yes", "no", "Y", "Yes - verbal", "Tāne / male", "Not asked yet", "✓", "maybe", "2", "", "  ", "Completed core schedule",
         "Not completed", "GP", "Self", "whānau", "Kua oti / Completed"]
ETHNICITIES = ["NZ European", "Māori; Samoan", "11", "111", "Klingon", "Samoan and Tongan", "", "99", "Cook Islands Māori / Niuean"]
DATES = ["21/02/2007", "2/3/88", "2026-08-20", "20 Aug 2026", "Thu 3 Sep 2026", "45000", "20260820", "31/02/2025", "unknown",
         "3 Hepetema 2026", "2026-08-20 00:00:00", "5/01/1956 0:00:00", "45000.5"]


@pytest.fixture()
def suite(standards):
    """A fresh suite per test, so nothing is remembered from another test."""
    return build_compiled_suite(standards, Q_START, Q_END)


def _columns(values: list[str]) -> list[pl.Series]:
    rnd = random.Random(2)
    picks = [[rnd.choice([*values, None]) for _ in range(size)] for size in (0, 1, 50, LISTED_ROWS, LISTED_ROWS + 1)]
    return [pl.Series("c", cells, dtype=pl.Utf8) for cells in [*picks, [None, None], values]]


def test_when_codes_are_read_twice_then_each_reading_is_the_fresh_one(standards, suite):
    for code_list in ("consent", "outcome_status", "referral_source", "gender"):
        for column in _columns(CODES):
            expected = code_read(column, code_list, standards)
            for _ in range(2):
                assert_series_equal(suite.codes_read(column, code_list), expected, check_names=False)


def test_when_ethnicity_cells_are_read_twice_then_each_reading_is_the_fresh_one(suite):
    for column in _columns(ETHNICITIES):
        unknown = {cell: suite.ethnicity.classify(cell).unknown_tokens for cell in column.drop_nulls().unique().to_list()}
        expected = column.replace_strict(unknown, default=None, return_dtype=pl.Int64).fill_null(0) == 0
        for _ in range(2):
            found = pl.select(suite.ethnicity_read(column).alias("c")).to_series()
            assert_series_equal(found, expected, check_names=False)


def test_when_dates_are_parsed_twice_then_each_table_is_the_fresh_one(suite):
    frame = pl.DataFrame({"a": [*DATES, None], "b": [None, *reversed(DATES)]})
    for columns in (["a"], ["a", "b"], []):
        expected = _parsed_date_table(frame, columns, suite.date_parsing).sort("text")
        for _ in range(2):
            assert_frame_equal(suite.parsed_dates(frame, columns).sort("text"), expected)


def test_when_a_submission_has_no_rows_then_nothing_fails_and_nothing_is_missing(standards, suite):
    empty = messy_submission(standards).head(0)
    issues, missing = evaluate_suite(empty, suite, None)
    assert issues.height == 0
    assert missing == {e.rule.rule_id: 0 for e in suite.expectations}
