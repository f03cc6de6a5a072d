"""Columns mapped by what their values are: status words are not names, several codes of a list name its
field, a count asked as 'How many ...?', and a file's one wellbeing score asked without saying when."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from deid.ingest import map_columns
from deid.ingest.profile import ContentProfiler, content_fit

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
ROWS = 24


@pytest.fixture(scope="module")
def profiler(standards):
    return ContentProfiler(standards, Q_START, Q_END)


def _client_columns(rows: int = ROWS) -> dict[str, list[str]]:
    given = ["Aroha", "Wiremu", "Mele", "Sione", "Grace", "Hemi", "Tavita", "Priya"]
    family = ["Ngata", "Parata", "Tupou", "Faleolo", "Chen", "Walker", "Leota", "Singh"]
    return {"Client ID": [f"C{100 + i}" for i in range(rows)],
            "Name": [f"{given[i % 8]} {family[(i * 3) % 8]}" for i in range(rows)],
            "DOB": [f"{1 + i % 27:02d}/{1 + i % 12:02d}/19{70 + i % 30}" for i in range(rows)],
            "Session date": [f"{1 + i % 28:02d}/08/2026" for i in range(rows)]}


def _mapped(profiler, standards, extra: dict[str, list[str]]):
    frame = pl.DataFrame({**_client_columns(), **extra})
    return {m.header: m for m in map_columns(frame, standards, None, profiler).matches}


def test_when_a_column_holds_one_status_word_then_it_is_not_taken_for_a_person(standards, profiler):
    """'Attendance' ('Attended' on every row) was the key worker with confidence: a status is no name. It is the
    sessions field's word for one session (fields.yaml `word_codes`), counted only in a file of one row per session."""
    matches = _mapped(profiler, standards, {"Attendance": ["Attended"] * ROWS})
    assert matches["Attendance"].field == "sessions_attended" and not matches["Attendance"].uncertain
    assert "words for a state or an answer (not names)" in matches["Attendance"].evidence


def test_when_an_attendance_column_is_ticked_yes_or_no_then_it_is_not_taken_for_a_person(standards, profiler):
    matches = _mapped(profiler, standards, {"Attendance": ["Y", "Y", "N", "Y"] * (ROWS // 4)})
    assert matches["Attendance"].field != "key_worker"


@pytest.mark.parametrize("values", [["Cancelled", "Attended"], ["Ongoing"], ["Completed", "Declined"], ["Y", "N"]])
def test_when_values_are_statuses_then_they_do_not_fit_a_name_field(standards, profiler, values):
    profile = profiler.profile(pl.Series([values[i % len(values)] for i in range(ROWS)]))
    assert profile.status_words == 1.0
    assert all(content_fit(profile, kind) == 0.0 for kind in ("staff_name", "person_name", "full_name"))


@pytest.mark.parametrize("worker", ["Aroha", "Ahmed", "Grace", "AT"])
def test_when_one_worker_is_named_on_every_row_then_it_is_still_the_key_worker(standards, profiler, worker):
    """A small provider with one staff member: the same name down the column (one ending as a participle
    would, a name that is also a word, initials) is still a name."""
    matches = _mapped(profiler, standards, {"Staff": [worker] * ROWS})
    assert matches["Staff"].field == "key_worker"


def test_when_values_spell_several_outcome_codes_then_the_column_is_the_outcome(standards, profiler):
    """'What happened' with Completed / Ongoing / Exited early (and the provider's own 'Did not engage')."""
    labels = ["Completed", "ongoing", "Exited early", "Did not engage", "Completed", "Ongoing"]
    matches = _mapped(profiler, standards, {"What happened": [labels[i % 6] for i in range(ROWS)]})
    assert matches["What happened"].field == "outcome_status" and not matches["What happened"].uncertain
    assert "3 of the outcome_status list's codes" in matches["What happened"].evidence


def test_when_sector_words_name_goal_areas_then_they_are_not_referral_sources(standards, profiler):
    """'Health', 'School', 'Police' are referral sources' spellings, and also goal areas and funders."""
    areas = ["Health", "School", "Police", "Housing", "Income"]
    matches = _mapped(profiler, standards, {"Goal area": [areas[i % 5] for i in range(ROWS)],
                                            "Funder": [areas[(i + 1) % 5] for i in range(ROWS)]})
    assert matches["Goal area"].field != "referral_source" and matches["Funder"].field != "referral_source"


@pytest.mark.parametrize("header", ["How many groups this term?", "How many sessions?", "How many visits this quarter"])
def test_when_a_question_asks_how_many_then_it_is_the_sessions_count(standards, profiler, header):
    matches = _mapped(profiler, standards, {header: [str(i % 12) for i in range(ROWS)]})
    assert matches[header].field == "sessions_attended"


def test_when_a_question_asks_how_many_children_then_it_is_not_the_sessions_count(standards, profiler):
    matches = _mapped(profiler, standards, {"How many children?": [str(1 + i % 4) for i in range(ROWS)]})
    assert matches["How many children?"].field != "sessions_attended"


def test_when_this_quarter_is_said_then_the_count_is_the_quarter_one(standards, profiler):
    """'this' is a filler word ('Sessions this qtr' beside 'Total sessions YTD'), once stemmed as headers are."""
    matches = _mapped(profiler, standards, {"TOTAL SESSIONS YTD": [str(10 + i % 30) for i in range(ROWS)],
                                            "SESSIONS THIS QTR": [str(i % 9) for i in range(ROWS)]})
    assert matches["SESSIONS THIS QTR"].field == "sessions_attended"
    assert matches["TOTAL SESSIONS YTD"].field is None


def test_when_a_file_has_one_wellbeing_score_asked_once_then_it_is_the_end_score(standards, profiler):
    header = "How are you feeling? (1-10)"
    matches = _mapped(profiler, standards, {header: [str(1 + i % 10) for i in range(ROWS)]})
    assert matches[header].field == "wellbeing_end" and not matches[header].uncertain
    assert "only score on the 1-10 scale" in matches[header].evidence


def test_when_the_file_has_a_start_score_then_a_lone_question_is_not_guessed(standards, profiler):
    header = "How are you feeling? (1-10)"
    matches = _mapped(profiler, standards, {"Wellbeing (start)": [str(1 + i % 10) for i in range(ROWS)],
                                            header: [str(1 + (i + 3) % 10) for i in range(ROWS)]})
    assert matches["Wellbeing (start)"].field == "wellbeing_start"
    assert matches[header].field != "wellbeing_start"


def test_when_a_small_count_shares_only_a_small_word_with_the_scores_then_it_is_no_wellbeing_score(standards, profiler):
    """'i' is in 'i mua' and 'i muri' (before, after): 'Fanau i le aiga' (children in the family) is a count."""
    matches = _mapped(profiler, standards, {"Fanau i le aiga": [str(1 + i % 6) for i in range(ROWS)]})
    assert matches["Fanau i le aiga"].field is None


@pytest.mark.parametrize("blank", ["column_18", "column R (no heading)"])
def test_when_a_column_has_no_heading_then_only_its_values_decide(standards, profiler, blank):
    """The reader's name for a blank heading is not the provider's words ('no' is not 'number'), and the group
    label over it may only be carried over from the column before ('Staff' over Q and an empty R)."""
    frame = pl.DataFrame({**_client_columns(), blank: [None] * ROWS, "Blank 2": ["ZZZ0016", "ZAC5361"] * (ROWS // 2)})
    frame = frame.rename({"Blank 2": "column_19" if blank == "column_18" else "column S (no heading)"})
    matches = map_columns(frame, standards, None, profiler, groups={blank: "Staff"}).matches
    by_header = {m.header: m for m in matches}
    assert by_header[blank].field is None and by_header[blank].candidates[0][1] == 0.0
    assert by_header[frame.columns[-1]].field == "nhi"
