"""A table whose headings say nothing ('Pātai 1' .. 'Pātai 14') is held for a steward when its columns may
hold the fields the programme needs, with each such column described by shape, never by value."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from deid.ingest import HeaderMatcher, ingest_file, load_provider_mapping
from deid.ingest.config import ProviderMapping
from deid.ingest.ingest import wanted_fields
from deid.ingest.mapping import silent_headings
from deid.ingest.profile import ContentProfiler, column_summary, value_shape
from deid.standards import quarter_bounds

SAMPLES = Path(__file__).resolve().parents[2] / "data-samples"
N = 12
# A te reo return, as a provider wrote it, with its fields' own headings (all read without a steward).
NAMED = {
    "Tau kiritaki": [f"TAO{200 + i}" for i in range(N)],
    "Ingoa": ["Arjun", "Noah", "Mere", "Sione", "Grace", "Hemi", "Aroha", "Wiremu", "Mele", "Tama", "Ana", "Rewi"],
    "Ingoa whānau": ["Tuhoe", "Smith", "Parata", "Tupou", "Chen", "Walker", "Ngata", "Hohaia", "Faleolo", "Kingi",
                     "Brown", "Tipene"],
    "Rā whānau": [f"{1 + i}/{1 + i % 12}/{80 + i}" for i in range(N)],
    "Tau NHI": ["ZZZ0016", "ZAC5361", "ABC12DS", "ZSC21TN"] * (N // 4),
    "Ira": ["Tāne", "Wahine"] * (N // 2),
    "Whakaaetanga": ["Āe", "Kāo", "Āe"] * (N // 3),
    "Rā tīmata": [f"{1 + i}/{3 + i % 4}/26" for i in range(N)],
    "Rā hui": [f"{1 + i}/{7 + i % 3}/26" for i in range(N)],
    "Maha o ngā hui": [str(1 + i % 5) for i in range(N)],
    "Kōrero": ["Home visit went well and the whānau is doing fine this week."] * N,
}


def _ingest(standards, columns: dict[str, list[str]], confirmed: ProviderMapping | None = None):
    text = pl.DataFrame(columns).write_csv()
    return ingest_file(text.encode(), file_name="q3.csv", sha256="cd" * 32, provider="te-ara-oranga", quarter="2026Q3",
                       run_id="r", standards=standards, confirmed=confirmed)


def _numbered(columns: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same columns headed as question numbers: 'Pātai 1', 'Pātai 2' ..."""
    return {f"Pātai {i + 1}": values for i, values in enumerate(columns.values())}


def test_when_its_headings_are_question_numbers_then_the_table_is_held_not_read_without_its_fields(standards):
    frame, result = _ingest(standards, _numbered(NAMED))[0]
    assert result.held and frame.height == N   # every row kept, none lost
    summary = result.held_reasons[0]
    assert summary.startswith("the headings of columns 1, 2, 3, 7, 8, 9, 10, 11 say nothing")
    for field in ("client_ref", "consent_evaluation", "service_date", "one of full_name/family_name/given_names"):
        assert field in summary   # the fields still missing
    assert "head these columns with the standard's names" in summary and "a steward maps each column" in summary
    assert "'consent not recorded'" in summary   # what reading it as it is would cost
    by_column = {r.split(" (", 1)[0]: r for r in result.held_reasons[1:]}
    assert by_column["column 7"] == ("column 7 (a few words or answers, repeated; 100% filled; all shaped Xx): its values "
                                     "look like consent_evaluation")
    assert by_column["column 9"].startswith("column 9 (dates, most in the quarter; 100% filled;")
    assert by_column["column 9"].endswith("look like service_date")
    assert by_column["column 2"].endswith("look like family_name or given_names")
    assert by_column["column 1"].endswith("look like client_ref")


def test_when_a_table_is_held_for_its_headings_then_no_value_of_it_is_in_the_reasons(standards):
    _, result = _ingest(standards, _numbered(NAMED))[0]
    assert result.held
    said = " ".join(result.held_reasons)
    values = {v for column in NAMED.values() for v in column for v in (v, *v.split())} - {"the", "and", "is", "this"}
    assert not [v for v in values if len(v) > 1 and f" {v} " in f" {said} "]
    assert "Pātai" not in said   # columns are named by position: a heading may hold anything


def test_when_a_workbooks_second_client_sheet_has_silent_headings_then_it_is_held_not_passed_over(standards):
    """A sheet whose mapped columns name no one is a code list or a summary, unless its silent columns hold names."""
    columns = {k: v for k, v in NAMED.items() if k != "Tau NHI"}
    workbook = openpyxl.Workbook()
    named, numbered = workbook.active, workbook.create_sheet("Hamilton")
    named.title = "Auckland"
    for sheet, headings in ((named, list(columns)), (numbered, list(_numbered(columns)))):
        sheet.append(headings)
        for i in range(N):
            sheet.append([values[i] for values in columns.values()])
    data = io.BytesIO()
    workbook.save(data)
    tables = ingest_file(data.getvalue(), file_name="q3.xlsx", sha256="cd" * 32, provider="p", quarter="2026Q3",
                         run_id="r", standards=standards, confirmed=None)
    results = {result.sheet: result for _, result in tables}
    assert set(results) == {"Auckland", "Hamilton"} and not results["Auckland"].held
    assert results["Hamilton"].held and results["Hamilton"].rows_received == N
    assert any(r.startswith("column 2 (single names;") for r in results["Hamilton"].held_reasons)


def test_when_the_same_file_has_its_fields_headings_then_it_is_read_without_a_steward(standards):
    _, result = _ingest(standards, NAMED)[0]
    assert not result.held
    assert {"client_ref", "given_names", "family_name", "consent_evaluation", "service_date", "start_date"} <= {
        m.field for m in result.columns}


def test_when_a_steward_confirms_the_silent_columns_then_the_next_run_reads_the_file(standards):
    columns = _numbered(NAMED)
    fields = ["client_ref", "given_names", "family_name", "date_of_birth", "nhi", "gender", "consent_evaluation", "start_date",
              "service_date", "sessions_attended", "case_notes"]
    confirmed = ProviderMapping(provider="te-ara-oranga", columns=dict(zip(columns, fields, strict=True)))
    frame, result = _ingest(standards, columns, confirmed)[0]
    assert not result.held and frame.get_column("consent_evaluation").to_list()[:2] == ["Āe", "Kāo"]
    not_needed = ProviderMapping(provider="te-ara-oranga", columns=dict.fromkeys(columns))   # 'none of these is needed'
    _, result = _ingest(standards, {**columns, "Client ID": NAMED["Tau kiritaki"]}, not_needed)[0]
    assert not any("say nothing" in r for r in result.held_reasons)   # the steward's decision is not asked again


def test_when_an_unknown_heading_names_something_else_then_its_yes_no_values_do_not_hold_the_table(standards):
    """'Transport' says what it holds (just not a standard field): yes/no values under it are not a consent."""
    columns = {k: NAMED[k] for k in ("Tau kiritaki", "Ingoa", "Ingoa whānau", "Rā whānau", "Tau NHI", "Rā hui")}
    _, result = _ingest(standards, {**columns, "Transport": ["Yes", "No", "Yes"] * (N // 3)})[0]
    assert not result.held


def test_when_silent_columns_fit_no_missing_field_then_the_table_is_not_held(standards):
    """Numbered questions the standard does not ask (a satisfaction survey's 'Q1'..'Q3') are left out as before."""
    columns = {k: NAMED[k] for k in ("Tau kiritaki", "Ingoa", "Ingoa whānau", "Rā whānau", "Whakaaetanga", "Rā hui")}
    scores = {f"Q{i}": [str(1 + (i + j) % 5) for j in range(N)] for i in range(1, 4)}
    _, result = _ingest(standards, {**columns, **scores})[0]
    assert not result.held and {"Q1", "Q2", "Q3"} <= set(result.dropped_columns)


@pytest.mark.parametrize("sample", sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.glob("*/*/*.*")))
def test_the_packaged_samples_are_not_held(standards, sample):
    path = SAMPLES / sample
    provider, quarter = path.parts[-3], path.parts[-2]
    for confirmed in (None, load_provider_mapping(standards, provider)):
        tables = ingest_file(path.read_bytes(), file_name=path.name, sha256="ef" * 32, provider=provider, quarter=quarter,
                             run_id="r", standards=standards, confirmed=confirmed)
        assert not [r for _, result in tables for r in result.held_reasons]


def test_silent_headings_are_blank_numbers_or_a_numbered_series_naming_no_field(standards):
    headers = ["Pātai 1", "Pātai 2", "column_7", "3", "Ethnicity 1", "Ethnicity 2", "EthnicityCode1", "EthnicityCode2",
               "Transport", "GP", "#", "Q4", "Notes", "Field 1", "Field 2"]
    assert silent_headings(headers, HeaderMatcher(standards)) == frozenset({0, 1, 2, 3, 13, 14})


def test_wanted_fields_are_the_required_identity_and_consent_fields_without_a_column(standards):
    assert wanted_fields(standards, set()) == (
        ("client_ref",), ("date_of_birth",), ("service_date",), ("full_name", "family_name", "given_names"), ("nhi",),
        ("consent_evaluation",), ("start_date",))
    present = {"client_ref", "family_name", "date_of_birth", "nhi", "service_date", "consent_evaluation"}
    assert wanted_fields(standards, present) == ()


@pytest.mark.parametrize("value, shape", [
    ("TAO200", "X999"), ("19/9/26", "99/9/99"), ("Āe", "Xx"), ("o'brien", "x'x"), ("Mary-Jane Smith", "Xx-Xx Xx"),
    ("2026-07-01T11:30:00+12:00", "9999-99-99X99:99…"),
])
def test_a_values_shape_keeps_its_case_and_digits_but_not_its_letters(value, shape):
    assert value_shape(value) == shape


def test_a_column_summary_tells_kind_fill_and_shape_without_a_value(standards):
    start, end = quarter_bounds("2026Q3")
    profiler = ContentProfiler(standards, start, end)
    dates = pl.Series(["10/8/26", "11/8/26", None, "12/9/26", "1/7/26", "30/9/26", "3/8/26", "4/8/26"])
    assert column_summary(dates, profiler.profile(dates)) == "dates, most in the quarter; 88% filled; mostly shaped 99/9/99"
    blank = pl.Series([None, " "], dtype=pl.Utf8)
    assert column_summary(blank, profiler.profile(blank)) == "empty (2 rows)"
