"""Validation reads a value that says nothing was recorded ('N/A', 'unknown', '-', '?') as a blank cell, in every
field and rule: a row is set aside for it only when the field is mandatory (and is told so), a field the row is kept
without is warned about (never lost silently), and no rule gives advice about the word itself (an NHI written 'N/A' is
not told to fix a check character)."""
import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

from deid.ingest import ingest_file
from deid.validate import validate_submission
from deid.validate.validate import validate_submission_gx

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
# Rows 2-9 (as a spreadsheet numbers them): the tester's Southside cases, and a service date written N/A.
CSV = """Client ID,Family Name,Given Names,Date of Birth,NHI,Gender,Ethnicity,Service date,Sessions attended
C1,Ngata,Aroha,N/A,ZZZ0016,F,Māori,14/08/2026,4
C2,Parata,Wiremu,,ZAC5361,M,NZ European,15/08/2026,2
C3,Smith,Jo,04/03/1990,N/A,F,NZ European,16/08/2026,1
C4,Brown,Ana,05/03/1991,n/a,F,Samoan,16/08/2026,1
C5,Tipene,Mere,unknown,ZZZ001,F,Tongan,16/08/2026,3
C6,Walker,Tama,06/03/1992,,M,Māori,N/A,2
C7,Hohaia,Rangi,-,ZZZ0016,M,Māori,17/08/2026,2
C8,Tuhiwai,Huia,07/03/1993,ZZZ0016,F,Cook Island,18/08/2026,1
"""


def _validated(standards, validate=validate_submission):
    frame, _ = ingest_file(CSV.encode(), file_name="q3.csv", sha256="cd" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    return validate(frame, standards, Q_START, Q_END)


def _rules(issues: pl.DataFrame) -> set[tuple[int, str]]:
    return {(r["source_row"], r["rule"]) for r in issues.iter_rows(named=True)}


def test_when_a_date_of_birth_is_written_na_then_the_row_is_kept_and_warned_as_a_blank_one_is(standards):
    accepted, quarantine, warnings, result = _validated(standards)
    kept = set(accepted.get_column("source_row").to_list())
    assert {2, 3, 6, 8} <= kept                                   # N/A, blank, unknown, '-': none set aside
    assert not {row for row, _ in _rules(quarantine) if row in (2, 3, 6, 8)}
    warned = {row for row, rule in _rules(warnings) if rule == "date_of_birth.not_recorded"}
    assert warned == {2, 3, 6, 8}
    finding = next(f for f in result.findings if f.rule_id == "date_of_birth.not_recorded")
    assert finding.severity == "warning" and finding.failing_rows == 4 and finding.first_rows == (2, 3, 6, 8)
    assert "N/A" in finding.description and "age" in finding.fix


def test_when_an_nhi_is_written_na_then_it_is_no_nhi_not_a_check_digit_error(standards):
    _, _, warnings, result = _validated(standards)
    nhi_rows = {row for row, rule in _rules(warnings) if rule == "nhi.check_digit"}
    assert nhi_rows == {6}                                         # 'ZZZ001' is too short; 'N/A' and 'n/a' are no NHI
    finding = next(f for f in result.findings if f.rule_id == "nhi.check_digit")
    assert "leave the cell empty" in finding.fix and "7 characters" in finding.description


def test_when_a_mandatory_field_is_written_na_then_the_row_is_set_aside_and_told_why(standards):
    _, quarantine, _, result = _validated(standards)
    assert (7, "service_date.required") in _rules(quarantine)
    finding = next(f for f in result.findings if f.rule_id == "service_date.required")
    assert "set aside" in finding.fix and "N/A" in finding.fix


def test_when_a_date_cannot_be_read_then_the_example_is_a_plausible_date_for_the_field(standards):
    _, _, _, result = _validated(standards)
    by_rule = {f.rule_id: f for f in result.findings}
    assert "e.g. 14/08/1988" in by_rule["date_of_birth.date_parseable"].fix   # a birth date, not one in the quarter
    assert "e.g. 14/08/2026" in by_rule["service_date.date_parseable"].fix    # a service date in the quarter


def test_when_values_say_nothing_was_recorded_then_both_validation_paths_agree(standards):
    new, old = _validated(standards), _validated(standards, validate_submission_gx)
    for new_frame, old_frame in zip(new[:3], old[:3], strict=True):
        assert_frame_equal(new_frame, old_frame)
    assert new[3] == old[3]


def test_when_a_file_keeps_no_dates_of_birth_then_no_row_is_told_it_is_missing(standards):
    """A foodbank's sign-in sheet has no date of birth column: the linkage warning says what that costs, once per row
    without an NHI; 'not recorded' is for rows of a file that gives dates of birth on its other rows."""
    csv = "Client ID,Family Name,Given Names,NHI,Gender,Service date\nC1,Ngata,Aroha,ZZZ0016,F,14/08/2026\nC2,Parata,Mere,,F,15/08/2026\n"
    frame, _ = ingest_file(csv.encode(), file_name="signin.csv", sha256="ef" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    new = validate_submission(frame, standards, Q_START, Q_END)
    assert _rules(new[2]) == {(3, "date_of_birth.for_linkage")}
    old = validate_submission_gx(frame, standards, Q_START, Q_END)
    assert new[3] == old[3]
