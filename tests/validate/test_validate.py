import datetime as dt

import polars as pl
import pytest

from deid.ingest import ingest_file
from deid.validate import build_rules, validate_submission

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
CSV = """Client ID,Family Name,Given Names,Date of Birth,NHI,Gender,Ethnicity,Service date,Sessions attended
C1,Ngata,Aroha,04/03/1990,ZZZ0016,F,Māori,14/08/2026,4
C2,Parata,Wiremu,,ZAC5361,M,NZ European,15/08/2026,2
C3,Smith,Jo,31/02/1990,,F,NZ European,16/08/2026,1
C4,Brown,Ana,04/03/2031,,F,Samoan,16/08/2026,1
C5,Tipene,Mere,04/03/1985,ZZZ0017,Q,Klingon,16/05/2026,many
C1,Ngata,Aroha,04/03/1990,ZZZ0016,F,Māori,14/08/2026,4
C6,,,04/03/1985,,F,Tongan,16/08/2026,3
C7,Walker,Tama,,,M,Māori,17/08/2026,2
"""


def _validate(standards):
    frame, _ = ingest_file(CSV.encode(), file_name="q3.csv", sha256="ab" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    return frame, validate_submission(frame, standards, Q_START, Q_END)


def test_when_rows_break_blocking_rules_then_they_are_quarantined_and_every_row_accounted_for(standards):
    frame, (accepted, quarantine, _, result) = _validate(standards)
    assert result.rows_received == frame.height == 8
    assert result.rows_received == result.rows_accepted + result.rows_quarantined
    rules_by_row = {(r["source_row"], r["rule"]) for r in quarantine.iter_rows(named=True)}
    assert not any(row == 9 for row, _ in rules_by_row)     # no birth date, no NHI: the provider's reference
    assert not any(row == 3 for row, _ in rules_by_row)     # no birth date, but an NHI: identity enough
    # no real birth date (31/02), but the provider's reference identifies the row: kept without the date, as with none
    assert not any(row == 4 for row, _ in rules_by_row)
    assert (5, "date_of_birth.plausible_range") in rules_by_row
    assert (7, "row.duplicate") in rules_by_row           # the repeat, not the first copy
    assert (8, "person_name.any_of") in rules_by_row
    assert 2 in accepted.get_column("source_row").to_list()  # the first copy of the duplicate stays
    assert sorted(accepted.get_column("source_row").to_list()) == [2, 3, 4, 6, 9]


def test_an_unreadable_birth_date_sets_a_row_aside_only_when_nothing_else_identifies_it(standards):
    csv = ("Family Name,Given Names,Date of Birth,NHI,Service date\n"
           "Ngata,Aroha,21 yrs,ZZZ0016,14/08/2026\n"        # an age where the date of birth goes; the NHI identifies her
           "Parata,Wiremu,31/02/1990,,15/08/2026\n")       # no NHI, no reference of the provider's own
    frame, _ = ingest_file(csv.encode(), file_name="q3.csv", sha256="cd" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    frame = frame.with_columns(pl.when(pl.col("source_row") == 3).then(None).otherwise(pl.col("client_ref")).alias("client_ref"))
    accepted, quarantine, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    assert accepted.get_column("source_row").to_list() == [2] and result.rows_quarantined == 1
    assert (3, "date_of_birth.date_parseable") in {(r["source_row"], r["rule"]) for r in quarantine.iter_rows(named=True)}
    assert (2, "date_of_birth.date_unreadable") in {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    fix = next(r.fix for r in build_rules(standards, Q_START, Q_END) if r.rule_id == "date_of_birth.date_unreadable")
    assert "'21 yrs' is an age" in fix


def test_when_a_row_has_neither_birth_date_nor_nhi_then_it_is_kept_with_a_linkage_warning(standards):
    _, (_, _, warnings, _) = _validate(standards)
    warned = {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    assert (9, "date_of_birth.for_linkage") in warned and (3, "date_of_birth.for_linkage") not in warned


def test_when_rows_break_warning_rules_then_they_are_kept_with_warnings(standards):
    _, (accepted, _, warnings, result) = _validate(standards)
    warned = {r["rule"] for r in warnings.filter(pl.col("source_row") == 6).iter_rows(named=True)}
    assert {"nhi.check_digit", "gender.code_list", "ethnicity.code_list", "service_date.inside_quarter",
            "sessions_attended.integer_range"} <= warned
    assert 6 in accepted.get_column("source_row").to_list()
    assert result.rows_with_warnings >= 1


def test_when_findings_are_reported_then_identifying_values_are_never_examples(standards):
    _, (_, quarantine, _, result) = _validate(standards)
    by_rule = {f.rule_id: f for f in result.findings}
    assert by_rule["nhi.check_digit"].examples == ()
    assert "Q" in by_rule["gender.code_list"].examples
    assert by_rule["date_of_birth.for_linkage"].first_rows == (9,) and by_rule["date_of_birth.for_linkage"].examples == ()
    # the secure-zone quarantine keeps file, row, column, rule and value for stewards
    assert set(quarantine.columns) >= {"source_file", "source_row", "column", "rule", "value"}


def test_when_rules_are_built_then_they_come_from_the_standards(standards):
    rules = build_rules(standards, Q_START, Q_END)
    required = {r.column for r in rules if r.check == "required"}
    assert required == {s.name for s in standards.fields.fields if s.required}
    assert all(r.severity in {"blocking", "warning"} and r.fix for r in rules)


def test_when_a_clients_dob_changed_since_an_earlier_quarter_then_a_warning_names_the_row(standards):
    frame, _ = ingest_file(CSV.encode(), file_name="q3.csv", sha256="ab" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    history = pl.DataFrame({"provider": ["p", "p", "other"], "client_ref": ["C1", "C2", "C5"],
                            "date_of_birth": [dt.date(1990, 3, 4), dt.date(1970, 1, 1), dt.date(1900, 1, 1)]})
    _, _, _, result = validate_submission(frame, standards, Q_START, Q_END, history)
    finding = {f.rule_id: f for f in result.findings}["date_of_birth.same_as_before"]
    assert finding.first_rows == ()  # C1 unchanged; C2's DOB is missing this quarter (another rule); C5 is another provider's
    history = history.with_columns(pl.when(pl.col("client_ref") == "C1").then(pl.lit(dt.date(1991, 3, 4)))
                                   .otherwise(pl.col("date_of_birth")).alias("date_of_birth"))
    _, _, _, result = validate_submission(frame, standards, Q_START, Q_END, history)
    finding = {f.rule_id: f for f in result.findings}["date_of_birth.same_as_before"]
    assert finding.first_rows == (2, 7) and finding.severity == "warning"  # row 7 repeats row 2


def test_when_a_code_is_written_in_a_way_the_standardiser_reads_then_no_warning_asks_to_fix_it(standards):
    header = "Client ID,Family Name,Given Names,Date of Birth,Gender,Service date,Consent to evaluation,Outcome\n"
    rows = ["C1,Ngata,Aroha,04/03/1990,Wahine,14/08/2026,Yes - signed,Completed core schedule",
            "C2,Parata,Wiremu,05/03/1991,Tāne,14/08/2026,✓,Continuing",
            "C3,Tupou,Mele,06/03/1992,F,14/08/2026,Not asked,Completed",
            "C4,Chen,Grace,07/03/1993,F,14/08/2026,Maybe later?,Moved away"]
    frame, _ = ingest_file((header + "\n".join(rows) + "\n").encode(), file_name="q3.csv", sha256="cd" * 32, provider="p",
                           quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    _, _, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    warned = {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    assert not {(row, rule) for row, rule in warned if rule.endswith(".code_list") and row in (2, 3, 4)}
    assert (5, "consent_evaluation.code_list") in warned    # not a consent answer anyone can read
    assert "Maybe later?" in {f.rule_id: f for f in result.findings}["consent_evaluation.code_list"].examples


NOT_CLIENTS_CSV = """Client ID,Family Name,Given Names,Date of Birth,Service date
R1,Faleolo,Losa,02/05/1992,03/08/2026
R2,Hakaraia,Tui,11/12/1984,04/08/2026
Grand total,,,,2 clients

"Nā mātou noa, nā te tīma o Te Whare Tiaki"
"""


def test_when_a_totals_row_or_a_sign_off_is_in_the_file_then_each_is_set_aside_with_its_own_reason_only(standards):
    frame, _ = ingest_file(NOT_CLIENTS_CSV.encode(), file_name="whare.csv", sha256="9a" * 32, provider="p",
                           quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    accepted, quarantine, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    assert result.rows_received == 4 == result.rows_accepted + result.rows_quarantined
    assert sorted(accepted.get_column("source_row").to_list()) == [2, 3]
    reasons = {(r["source_row"], r["rule"]) for r in pl.concat([quarantine, warnings]).iter_rows(named=True)}
    assert reasons == {(4, "row.totals"), (6, "row.note")}   # not 'Fill in Date of Birth', not a short row
    by_rule = {f.rule_id: f for f in result.findings}
    assert by_rule["row.totals"].first_rows == (4,) and by_rule["row.note"].first_rows == (6,)
    assert "totals row" in by_rule["row.totals"].description and "sign-off" in by_rule["row.note"].description
    assert by_rule["client_ref.required"].success and by_rule["row.cell_count"].success


NO_REFERENCE_CSV = """Family Name,Given Names,Date of Birth,Service date
Faleolo,Losa,02/05/1992,03/08/2026
Faleolo,Losa,02/05/1992,19/08/2026
Hakaraia,Tui,11/12/1984,04/08/2026
Mahuta,,,05/08/2026
"""


def test_when_client_references_were_derived_then_the_provider_is_not_asked_for_them(standards):
    frame, ingested = ingest_file(NO_REFERENCE_CSV.encode(), file_name="noref.csv", sha256="9b" * 32, provider="p",
                                  quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    assert "client_ref" in dict(ingested.derived)
    _, quarantine, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    by_rule = {f.rule_id: f for f in result.findings}
    assert by_rule["client_ref.unique"].success           # one person on two rows is how refs were derived, not a fault
    assert "client_ref.unique" not in warnings.get_column("rule").to_list()
    required = by_rule["client_ref.required"]             # the surname alone, without a birth date: no one in particular
    assert required.first_rows == (5,) and result.rows_quarantined >= 1
    assert "could not be identified" in required.description and "Fill in" not in required.fix
    assert not any("client_ref" in f.description or "client_ref" in f.fix for f in result.findings)
    assert 5 in quarantine.get_column("source_row").to_list()


def test_when_the_provider_keeps_client_references_then_a_repeated_one_is_still_reported(standards):
    csv = "Client ID,Family Name,Given Names,Date of Birth\nW1,Tane,Ari,01/01/1990\nW1,Rewi,Mata,02/02/1991\n"
    frame, _ = ingest_file(csv.encode(), file_name="refs.csv", sha256="9c" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    _, _, _, result = validate_submission(frame, standards, Q_START, Q_END)
    by_rule = {f.rule_id: f for f in result.findings}
    assert not by_rule["client_ref.unique"].success
    assert by_rule["client_ref.required"].description == "client_ref must have a value"


def test_when_a_start_date_is_decades_before_the_quarter_then_the_row_is_warned_about_its_year(standards):
    csv = ("Client ID,Family Name,Given Names,Date of Birth,Start date,Service date\n"
           "S1,Harawira,Mereana,04/03/1990,3/7/62,14/08/2026\n"
           "S2,Kuresa,Tavita,05/06/1988,3/7/26,15/08/2026\n")
    frame, _ = ingest_file(csv.encode(), file_name="starts.csv", sha256="ef" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    _, _, warnings, _ = validate_submission(frame, standards, Q_START, Q_END)
    warned = {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    assert (2, "start_date.plausible_range") in warned and (3, "start_date.plausible_range") not in warned


def test_when_a_row_repeats_an_earlier_one_then_the_provider_is_told_which_row_it_repeats(standards):
    from deid.pipeline import provider_row_issues
    from reports.builders import rows_to_fix

    _, (_, quarantine, warnings, result) = _validate(standards)
    repeat = quarantine.filter(pl.col("rule") == "row.duplicate").row(0, named=True)
    assert (repeat["source_row"], repeat["value"]) == (7, "2")      # row 7 repeats row 2, the copy kept
    issues = provider_row_issues(quarantine, warnings)
    assert issues.filter(pl.col("rule") == "row.duplicate").get_column("detail").to_list() == ["repeats row 2"]
    assert issues.filter(pl.col("rule") != "row.duplicate").get_column("detail").null_count() == issues.height - 1
    findings = [{"rule_id": f.rule_id, "description": f.description, "fix": f.fix, "severity": f.severity,
                 "blocking": f.severity == "blocking", "column": f.column} for f in result.findings]
    table = rows_to_fix({"findings": findings, "column_mapping": []}, issues)
    assert table.filter(pl.col("row") == 7).get_column("detail").to_list() == ["repeats row 2"]


@pytest.mark.parametrize("note", ["Talk to Anaru first", "Sefa said 7", "5 (Anaru came twice)"])
def test_when_a_short_note_with_a_name_fails_a_check_then_it_is_described_not_shown(standards, note):
    """A red-team user test found these in the steward pack and a provider's feedback JSON."""
    from deid.validate.validate import ExampleScreen

    screen = ExampleScreen(standards, pl.DataFrame())
    assert screen.shown(note) == f"(free text, {len(note)} characters)"
    assert screen.shown("Cook Island") == "Cook Island" and screen.shown("Still attending") == "Still attending"
