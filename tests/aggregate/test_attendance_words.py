"""A file of one row per session that says on each row whether the client came ('Attended', 'DNA'): a row that says
so is one session, a 'did not attend' row none (fields.yaml `word_codes`, code_lists.yaml `attendance`)."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from deid.aggregate.aggregate import counted_sessions, sessions_notes
from deid.standardise.codes import number_or_word
from deid.standardise.standardise import standardise_records

QUARTER_END = dt.date(2026, 9, 30)


def test_attendance_words_read_as_one_session_or_none_and_numbers_as_written(standards):
    words = standards.code_lists.code_lists["attendance"]
    values = pl.Series(["Attended", "DNA", "Did not attend", "no show", "present", "3", "1,200", None, "maybe"])
    read, worded = number_or_word(values, words)
    assert read.to_list() == [1, 0, 0, 0, 1, 3, 1200, None, None]
    assert worded.to_list() == [True, True, True, True, True, False, False, False, False]


def _sessions_file(attendance: list[str], dates: list[str], refs: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"client_ref": refs, "service_date": dates, "sessions_attended": attendance})


def test_in_a_file_of_one_row_per_session_each_attended_row_is_a_session_and_dna_rows_are_none(standards):
    frame = _sessions_file(["Attended", "Attended", "DNA", "Attended", "Did not attend", "Attended"],
                           ["05/07/2026", "12/07/2026", "19/07/2026"] * 2, ["C1"] * 3 + ["C2"] * 3)
    out, _ = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("sessions_attended").to_list() == [1, 1, 0, 1, 0, 1]
    records = out.with_columns(pl.col("client_ref").alias("person_key"), pl.lit("p").alias("provider"),
                               pl.lit("p/2026Q3/sessions.csv").alias("submission_id"), pl.lit("sessions.csv").alias("source_file"),
                               (pl.int_range(pl.len()) + 2).alias("source_row"), pl.lit(None, dtype=pl.Utf8).alias("programme"))
    counted = counted_sessions(records)
    assert counted.group_by("person_key").agg(pl.col("sessions_attended").sum()).sort("person_key").rows() == [("C1", 2), ("C2", 2)]
    note = sessions_notes(counted)["p"]
    assert "4 rows counted as sessions for 2 people" in note and "2 more say the client did not attend: not counted" in note


@pytest.mark.parametrize("attendance", [["Attended", "Attended"], ["Attended", "DNA"]])
def test_in_a_file_of_one_row_per_client_an_attendance_word_is_no_count(standards, attendance):
    """'Attended' on a client's only row says they came, not how often: their sessions are not recorded."""
    frame = _sessions_file(attendance, ["05/07/2026", "12/07/2026"], ["C1", "C2"])
    out, _ = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("sessions_attended").to_list() == [None, None]


def test_a_sessions_column_of_words_fails_no_check_and_other_words_still_do(standards):
    from deid.validate.rules import prepare_check_columns

    names = tuple(standards.fields.names)
    given = {"sessions_attended": ["Attended", "DNA", "lots", "4"], "client_ref": ["C1", "C1", "C2", "C3"]}
    frame = pl.DataFrame({n: given.get(n, [None] * 4) for n in names}, schema={n: pl.Utf8 for n in names})
    checked = prepare_check_columns(frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias("source_shape")), standards, names)
    assert checked.get_column("__chk__sessions_attended.integer_range").to_list() == [True, True, False, True]
