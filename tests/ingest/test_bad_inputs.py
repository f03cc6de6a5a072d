"""The bad-input corpus: every file gets a clear answer naming the file, and the row, column
and rule where a row is at fault; nothing in a good file processed beside them is lost."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from deid.db import Warehouse
from deid.io import SubmissionFile, sha256_file
from deid.pipeline import process_submission_file
from deid.settings import resolve_settings

CORPUS = Path(__file__).parent / "bad_inputs"

REJECTED = {
    "01_empty.csv": "the file is empty",
    "02_header_only.csv": "header row but no data rows",
    "03_blank_lines_only.csv": "the file is empty",
    "04_wrong_delimiter.csv": "the file mixes delimiters",
    "16_unclosed_quote.csv": "unclosed quote",
    "17_binary.csv": "binary, not CSV text",
    "18_not_a_spreadsheet.xlsx": "not a spreadsheet",
    "19_broken_zip.xlsx": "not a readable XLSX",
    "20_not_parquet.parquet": "not a Parquet file",
    "30_empty_workbook.xlsx": "empty",
    "31_header_only.xlsx": "header row but no data rows",
}

# A file a person could read but whose mapping needs a steward is held, never rejected.
HELD = {"05_no_person_columns.csv": "no column for one of full_name/family_name/given_names/nhi"}

# file -> (rule, column, failing source rows, blocking?)
ROW_FINDINGS = {
    "08_truncated_row.csv": [("row.cell_count", "(whole row)", (3,), False), ("service_date.required", "service_date", (3,), True)],
    "09_row_with_extra_cells.csv": [("row.cell_count", "(whole row)", (2,), False)],
    "10_formulas_in_cells.csv": [("row.formula", "(any column)", (2, 3), False)],
    "12_thousands_separators.csv": [("sessions_attended.integer_range", "sessions_attended", (2,), False)],
    # an impossible date of birth on a row the NHI and reference identify: kept without it, warned (outsider test 10)
    "21_impossible_dates.csv": [("date_of_birth.date_unreadable", "date_of_birth", (2,), False)],
    "22_future_dob.csv": [("date_of_birth.plausible_range", "date_of_birth", (2,), True)],
    "23_invalid_nhi.csv": [("nhi.check_digit", "nhi", (2,), False)],
    "24_duplicate_rows.csv": [("row.duplicate", "(whole row)", (3,), True)],
    "25_unknown_codes.csv": [("gender.code_list", "gender", (2,), False), ("ethnicity.code_list", "ethnicity", (2,), False)],
    "26_service_date_outside_quarter.csv": [("service_date.inside_quarter", "service_date", (2,), False)],
    "27_missing_names.csv": [("person_name.any_of", "full_name,family_name,given_names,nhi", (2,), True)],
    "33_reference_and_name_only.csv": [("date_of_birth.for_linkage", "date_of_birth", (2, 3), False)],
}

CLEAN = ["06_extra_columns.csv", "07_duplicate_headers.csv", "11_excel_serial_dates.csv", "13_windows_1252.csv",
         "14_mixed_encodings.csv", "15_utf16.csv", "28_tab_separated.csv", "29_quoted_newlines.csv", "32_title_rows.xlsx"]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return resolve_settings("2026Q3", state_dir=tmp_path_factory.mktemp("state"), demo_key=True)


def _process(path: Path, settings, standards):
    f = SubmissionFile("tamaki-whanau-ora", "2026Q3", path, sha256_file(path), path.stat().st_size,
                       dt.datetime.now(dt.UTC))
    with Warehouse() as warehouse:
        return process_submission_file(f, settings, standards, warehouse)[0]


def test_when_the_corpus_is_listed_then_every_file_has_exactly_one_expected_outcome():
    expected = [set(REJECTED), set(HELD), set(ROW_FINDINGS), set(CLEAN)]
    assert {p.name for p in CORPUS.iterdir()} == set().union(*expected)
    assert sum(len(names) for names in expected) == len(set().union(*expected))   # no file expects two outcomes


@pytest.mark.parametrize("name, reason", sorted(REJECTED.items()))
def test_when_a_file_is_unreadable_then_it_is_rejected_whole_with_file_and_reason(settings, standards, name, reason):
    accepted, outcome, _ = _process(CORPUS / name, settings, standards)
    assert outcome.status == "rejected" and accepted.height == 0
    assert outcome.message.startswith(f"{name}: the whole file was rejected") and reason in outcome.message


@pytest.mark.parametrize("name, expected", sorted(ROW_FINDINGS.items()))
def test_when_rows_are_at_fault_then_findings_name_row_column_and_rule(settings, standards, name, expected):
    _accepted, outcome, _ = _process(CORPUS / name, settings, standards)
    assert outcome.status == "accepted"
    assert outcome.rows_received == outcome.rows_accepted + outcome.rows_quarantined
    findings = {f.rule_id: f for f in outcome.findings}
    for rule, column, rows, blocking in expected:
        finding = findings[rule]
        assert (finding.column, finding.first_rows, finding.success) == (column, rows, False), rule
        assert finding.severity == ("blocking" if blocking else "warning") and finding.fix
    blocked_rows = {r for rule, _, rows, blocking in expected if blocking for r in rows}
    assert outcome.rows_quarantined == len(blocked_rows)


@pytest.mark.parametrize("name", CLEAN)
def test_when_a_file_is_odd_but_sound_then_every_row_is_accepted(settings, standards, name):
    accepted, outcome, _ = _process(CORPUS / name, settings, standards)
    assert outcome.status == "accepted" and outcome.rows_quarantined == 0 and accepted.height == outcome.rows_received >= 1
    assert all(f.success for f in outcome.findings if f.severity == "blocking")


def test_when_a_file_keeps_only_the_providers_reference_and_a_name_then_rows_are_accepted_with_a_linkage_warning(settings, standards):
    """No date of birth, no NHI, no service date: the person is the provider's own reference (counted within
    the provider, never linked across providers), the service date is the quarter, and the provider is told."""
    accepted, outcome, _ = _process(CORPUS / "33_reference_and_name_only.csv", settings, standards)
    assert outcome.status == "accepted" and accepted.height == outcome.rows_received == 2
    assert accepted.get_column("client_ref").to_list() == ["C1", "C2"]
    assert set(accepted.get_column("service_date").to_list()) == {"2026-09-30"}
    findings = {f.rule_id: f for f in outcome.findings}
    assert findings["date_of_birth.required"].success and findings["date_of_birth.for_linkage"].severity == "warning"


def test_when_text_is_windows_1252_or_mixed_then_every_character_is_right(settings, standards):
    accepted, outcome, _ = _process(CORPUS / "13_windows_1252.csv", settings, standards)
    assert outcome.encoding == "cp1252" and accepted.row(0, named=True)["family_name"] == "O’Brien"
    accepted, outcome, _ = _process(CORPUS / "14_mixed_encodings.csv", settings, standards)
    names = accepted.get_column("family_name").to_list() + accepted.get_column("ethnicity").to_list()
    assert "O’Brien" in names and "Māori" in names
    assert outcome.encoding.startswith("mixed") and "lines 3 were read as Windows-1252" in outcome.message


def test_when_columns_are_extra_or_repeated_then_they_are_dropped_and_reported(settings, standards):
    _, outcome, _ = _process(CORPUS / "06_extra_columns.csv", settings, standards)
    assert outcome.dropped_columns == ("Bank account",)
    assert any(h == "Worker" and f == "key_worker" for h, f, _ in outcome.column_mapping)  # kept for scrubbing notes, never released
    _, outcome, _ = _process(CORPUS / "07_duplicate_headers.csv", settings, standards)
    assert outcome.dropped_columns == ("Date of Birth (2)",)


def test_when_a_cell_holds_10_megabytes_then_only_its_row_is_quarantined(tmp_path, settings, standards):
    path = tmp_path / "huge_cell.csv"
    header = "Client ID,Family Name,Given Names,Date of Birth,Service date,Case notes\n"
    path.write_text(header + f'C1,Ngata,Aroha,04/03/1990,14/08/2026,"{"x" * 10_000_000}"\nC2,Parata,Mere,05/06/1985,15/08/2026,ok\n',
                    encoding="utf-8")
    accepted, outcome, _ = _process(path, settings, standards)
    findings = {f.rule_id: f for f in outcome.findings}
    assert findings["row.cell_too_long"].first_rows == (2,) and outcome.rows_quarantined == 1
    assert accepted.get_column("client_ref").to_list() == ["C2"]


@pytest.mark.parametrize("name, reason", sorted(HELD.items()))
def test_when_a_required_column_is_missing_then_the_file_is_held_for_mapping_with_rows_counted(settings, standards, name, reason):
    accepted, outcome, _ = _process(CORPUS / name, settings, standards)
    assert outcome.status == "held" and accepted.height == 0
    assert reason in outcome.message and "deid mapping confirm" in outcome.message
    assert outcome.rows_received == outcome.rows_held > 0 and outcome.balanced


def test_when_a_field_name_header_holds_a_name_and_a_phone_then_the_provider_is_shown_it_scrubbed(tmp_path, settings, standards):
    """A red-team user test: 'Emergency contact (Whetu Kereama 021 555 7788)' was shown as written in the columns not kept."""
    source = tmp_path / "return.csv"
    source.write_text("Client name,Date of birth,NHI,Emergency contact (Whetu Kereama 021 555 7788)\n"
                      "Mere Ngata,12/03/1984,ZZZ0016,x\n", encoding="utf-8")
    _, outcome, _ = _process(source, settings, standards)
    shown = " ".join(outcome.dropped_columns) + " " + " ".join(h for h, _, _ in outcome.column_mapping)
    assert "021 555 7788" not in shown and "Whetu Kereama" not in shown
