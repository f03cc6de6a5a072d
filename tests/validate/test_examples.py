"""Failing values shown as examples in reports: codes and short labels only, free text described (outsider7 F1)."""
import datetime as dt

import polars as pl
import pytest

from deid.ingest import ingest_file
from deid.validate import validate_submission
from deid.validate.validate import code_vocabulary, example_as_shown, known_name_words

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
NAMES = frozenset({"hemi", "walker", "mere", "parata", "losa", "fifita", "cook"})


@pytest.fixture(scope="module")
def vocabulary(standards):
    return code_vocabulary(standards)


@pytest.mark.parametrize("written", [
    "Cook Island", "Tongan & Fijian", "maori/samoan", "N/A", "she/her", "Female (she/her)", "Kiwi", "dont know", "?",
    "NZ Euro", "Pacific Island", "South African", "Māori (Ngāti Porou)", "Te Ati Awa", "Fa'afafine", "97", "11111",
    "250", "1,200", "x3", "twelve", "Q", "Klingon"])
def test_when_a_failing_value_is_a_code_or_short_label_then_it_is_shown_as_written(vocabulary, written):
    # 'Cook' is a client's family name here, but also a word of Cook Islands Māori: the label names no one
    assert example_as_shown(written, vocabulary, NAMES) == written


@pytest.mark.parametrize("written, shown", [
    ("Samoan (ask Mere Parata 021 555 0199)", "(free text, 37 characters)"),   # the tester's ethnicity cell
    ("see notes - Hemi Walker's partner", "(free text, 33 characters)"),       # the tester's sex cell
    ("moved to Aunty Losa Fifita in Porirua", "(free text, 37 characters)"),   # the tester's result cell
    ("Hemi Walker", "(free text, 11 characters)"),       # two capitalised words that are no code's
    ("Rangi Smith", "(free text, 11 characters)"),       # 'Rangi' is an iwi word (Ngāti Rangi), 'Smith' is not
    ("Parata", "(free text, 6 characters)"),            # one word, but a client's name in this file
    ("Tevita's", "(free text, 8 characters)"),          # a capitalised possessive
    ("0215550199", "(a number, 10 digits)"),            # a phone number
    ("021 555 0199", "(a number, 10 digits)"),
    ("1/2/90", "(free text, 6 characters)"),            # a date
    ("ABC1234", "(free text, 7 characters)"),           # an NHI
    ("mere@example.co.nz", "(free text, 18 characters)"),
    ("Female (She/Her) see file", "(free text, 25 characters)"),
])
def test_when_a_failing_value_is_free_text_or_names_someone_then_it_is_described_not_shown(vocabulary, written, shown):
    assert example_as_shown(written, vocabulary, NAMES) == shown


def test_when_a_file_has_name_columns_then_their_words_are_its_known_names():
    frame = pl.DataFrame({"given_names": ["Hēmi", None, "Mere Ana"], "family_name": ["Walker", "Te Whata", "O'Neil"]})
    assert known_name_words(frame, ["given_names", "family_name", "full_name"]) == {
        "hemi", "mere", "ana", "walker", "te", "whata", "neil"}


CSV = """Client ID,Family Name,Given Names,Date of Birth,Gender,Ethnicity,Service date,Sessions attended,Outcome
C1,Walker,Hemi,04/03/1990,M,Māori,14/08/2026,4,Completed
C2,Parata,Mere,05/03/1991,see notes - Hemi Walker's partner,Samoan (ask Mere Parata 021 555 0199),14/08/2026,2,moved to Aunty Losa Fifita in Porirua
C3,Fifita,Losa,06/03/1992,N/A,Klingon,14/08/2026,1,Achieved
C4,Smith,Jo,07/03/1993,F,Tongan,14/08/2026,021 555 0199,Ongoing
"""


def _findings(standards):
    frame, _ = ingest_file(CSV.encode(), file_name="q3.csv", sha256="ef" * 32, provider="p", quarter="2026Q3",
                           run_id="r", standards=standards, confirmed=None)[0]
    _, _, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    return warnings, {f.rule_id: f for f in result.findings}


def test_when_free_text_is_typed_into_code_columns_then_no_finding_carries_its_words(standards):
    _, findings = _findings(standards)
    shown = " ".join(example for finding in findings.values() for example in finding.examples)
    for private in ("Mere", "Parata", "555", "0199", "Hemi", "Walker", "Losa", "Fifita", "Porirua"):
        assert private not in shown
    assert findings["gender.code_list"].examples == ("(free text, 33 characters)",)   # "N/A" is not recorded: a blank
    assert findings["ethnicity.code_list"].examples == ("(free text, 37 characters)", "Klingon")
    assert findings["sessions_attended.integer_range"].examples == ("(a number, 10 digits)",)


def test_when_an_outcome_is_a_note_then_it_is_not_read_as_a_code_and_the_row_is_warned(standards):
    warnings, findings = _findings(standards)
    warned = {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    assert (3, "outcome_status.code_list") in warned          # 'moved ...' is not read as 'exited early'
    assert findings["outcome_status.code_list"].first_rows == (3,)
    assert findings["outcome_status.code_list"].examples == ("(free text, 37 characters)",)
