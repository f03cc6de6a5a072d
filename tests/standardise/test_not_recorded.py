"""A value that says nothing was recorded ('N/A', 'unknown', '-', '?') is read as a blank cell in every field."""
import datetime as dt

import polars as pl
import pytest

from deid.standardise import standardise_records
from deid.standardise.columns import NOT_RECORDED_IN_NAMES, as_missing, not_recorded

QUARTER_END = dt.date(2026, 9, 30)


@pytest.mark.parametrize("value", ["N/A", "n/a", "N.A.", "NA", "na", "Unknown", "UNK", "not known", "Don't know",
                                   "Not stated", "not recorded", "TBC", "-", "--", "?", "  ", ""])
def test_when_a_value_says_nothing_was_recorded_then_it_reads_as_missing(value):
    assert not_recorded(pl.Series([value])).to_list() == [True]
    assert as_missing(pl.Series([value])).to_list() == [None]


@pytest.mark.parametrize("value", ["0", "None", "nil", "15/08/1990", "ABC1235", "Samoan", "Nadia", "Ana", "王", "Ō"])
def test_when_a_value_is_an_answer_then_it_is_kept(value):
    """'None' and 'nil' are a count of 0; a name or date that merely starts like a missing-value word is kept."""
    assert not_recorded(pl.Series([value])).to_list() == [False]
    assert as_missing(pl.Series([value])).to_list() == [value]


def test_when_na_is_in_a_name_field_then_it_is_a_family_name():
    assert as_missing(pl.Series(["Na", "N/A"]), NOT_RECORDED_IN_NAMES).to_list() == ["Na", None]


def test_when_a_code_list_spells_the_word_then_its_own_answer_is_kept():
    assert as_missing(pl.Series(["unknown", "N/A"]), keep=frozenset({"unknown"})).to_list() == ["unknown", None]


def test_when_iwi_is_written_na_then_the_row_is_not_counted_as_maori_data(standards):
    """An iwi column saying 'N/A' or '-' names no iwi: the row is not Māori data for it (it was, as a non-blank iwi)."""
    frame = pl.DataFrame({"client_ref": ["C1", "C2", "C3"], "ethnicity": ["Samoan"] * 3, "iwi": ["N/A", "-", "Ngāpuhi"]})
    out, result = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("is_maori_data").to_list() == [False, False, True]
    assert out.get_column("iwi").to_list() == [None, None, "Ngāpuhi"]
    assert result.maori_data_rows == 1


def test_when_gender_or_ethnicity_is_written_na_then_it_is_not_stated_not_unidentifiable(standards):
    """Stats NZ: 99 Not stated is for no response; 97 Response unidentifiable for an answer that cannot be coded."""
    frame = pl.DataFrame({"client_ref": ["C1", "C2", "C3"], "gender": ["N/A", "?", "see notes"],
                          "ethnicity": ["N/A", "n.a.", "unknown"]})
    out, result = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("gender_code").to_list() == ["99", "99", "97"]
    # labelled as coded (user test 7: 97 had no label, and tables counted it as "Not stated")
    assert out.get_column("gender_label").to_list() == ["Not stated", "Not stated", "Response unidentifiable"]
    assert result.gender_unmapped == 1
    # 'unknown' is the ethnicity classification's own spelling of 94 Don't know: the standard's answer is kept
    assert out.get_column("ethnicity_codes").to_list() == ["99", "99", "94"]
    assert result.ethnicity_unidentifiable_responses == 0


def test_when_code_list_fields_are_written_na_then_they_are_not_recorded(standards):
    frame = pl.DataFrame({"client_ref": ["C1", "C2"], "outcome_status": ["N/A", "Achieved"],
                          "referral_source": ["unknown", "GP"], "consent_evaluation": ["-", "Yes"]})
    out, _ = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("outcome_status").to_list() == ["not_recorded", "achieved"]
    assert out.get_column("referral_source").to_list() == ["not_recorded", "health"]
    assert out.get_column("consent_evaluation").to_list() == ["not_recorded", "yes"]


def test_when_names_and_contacts_are_written_na_then_none_is_kept(standards):
    """'N/A' is nobody's name (it would give every such client one name key) and no one's phone or address."""
    frame = pl.DataFrame({"client_ref": ["C1", "C2"], "given_names": ["N/A", "Mere"], "family_name": ["N/A", "Na"],
                          "phone": ["n/a", "021 555 0100"], "address": ["N/A", None], "programme": ["-", "Parenting"],
                          "nhi": ["N/A", None], "date_of_birth": ["N/A", "15/08/1990"]})
    out, _ = standardise_records(frame, standards, QUARTER_END)
    first, second = out.row(0, named=True), out.row(1, named=True)
    assert first["name_match_key"] is None and first["display_name"] is None
    assert second["display_name"] and "Na" in second["display_name"]
    assert first["phone"] is None and first["programme"] is None and first["address_raw"] is None
    assert first["address_parse_status"] == second["address_parse_status"]   # both missing
    assert first["nhi"] is None and not first["nhi_valid"]
    assert first["date_of_birth"] is None and first["age_years"] is None


def test_when_a_provider_is_shown_how_to_write_a_date_then_a_birth_date_example_is_a_plausible_birth_date():
    """The fix for an unreadable date of birth showed a date in the reporting quarter (a newborn's)."""
    from deid.standardise.dates import EXAMPLE_AGE_YEARS, example_date

    quarter_start = dt.date(2026, 7, 1)
    born = dt.datetime.strptime(example_date("birth_date", quarter_start), "%d/%m/%Y").date()
    assert born.year == 2026 - EXAMPLE_AGE_YEARS and 18 <= (quarter_start - born).days // 365 <= 80
    assert example_date("event_date", quarter_start) == "14/08/2026"             # a service date: inside the quarter
    assert example_date("event_date", dt.date(2026, 10, 1)) == "14/11/2026"
