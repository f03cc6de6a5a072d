"""Gender, referral source and consent as providers write them (third user test, report item 7)."""
import datetime as dt

import polars as pl
import pytest

from deid.split import consent_filter
from deid.standardise.codes import map_codes, map_gender, said_with
from deid.standardise.standardise import standardise_records
from deid.validate.rules import code_read

QUARTER_END = dt.date(2026, 9, 30)


def _consent(standards, values):
    return map_codes(pl.Series(values, dtype=pl.Utf8), standards.code_lists.code_lists["consent"]).to_list()


def _referral(standards, values):
    return map_codes(pl.Series(values, dtype=pl.Utf8), standards.code_lists.code_lists["referral_source"]).to_list()


# --- gender ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Trans woman", "trans-man", "Transgender", "TRANS", "MtF", "Genderqueer", "agender",
                                     "Fa'afafine", "Whakawāhine", "Tangata ira tāne", "takatāpui", "Non-binary"])
def test_when_gender_is_a_trans_or_gender_diverse_answer_then_it_is_another_gender_not_unidentifiable(standards, written):
    assert map_gender(pl.Series([written]), standards.gender).to_list() == ["3"]


@pytest.mark.parametrize("written", ["fem", "Femme", "FEM", "Females", "women"])
def test_when_gender_is_a_short_or_plural_form_of_female_then_it_is_female(standards, written):
    assert map_gender(pl.Series([written]), standards.gender).to_list() == ["2"]


@pytest.mark.parametrize("written", ["she/her", "He/Him", "they/them", "she / they"])
def test_when_gender_is_pronouns_alone_then_it_is_not_coded_and_the_provider_is_told(standards, written):
    values = pl.Series("gender", [written, "Female"])
    assert map_gender(values, standards.gender).to_list() == [None, "2"]
    assert code_read(values, "gender", standards).to_list() == [False, True]   # the pronoun row fails the provider's check


def test_when_a_gender_is_written_with_pronouns_beside_it_then_the_gender_is_taken(standards):
    assert map_gender(pl.Series(["Female (she/her)", "Male - he/him", "Non-binary (they/them)"]), standards.gender).to_list() == [
        "2", "1", "3"]


def test_when_records_hold_pronouns_for_gender_then_they_are_counted_as_unidentifiable_for_the_steward(standards):
    frame = pl.DataFrame({"gender": ["she/her", "Trans woman", "fem", "she/her"]})
    out, result = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("gender_code").to_list() == ["97", "3", "2", "97"]
    assert result.gender_unmapped == 2


# --- referral source -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, code", [
    ("WINZ", "msd"), ("Work and Income", "msd"), ("MSD", "msd"), ("Ministry of Social Development", "msd"),
    ("OT", "oranga_tamariki"), ("CYFS", "oranga_tamariki"), ("Child, Youth and Family", "oranga_tamariki"),
    ("Oranga Tamariki – Ministry for Children", "oranga_tamariki"),
    ("DHB", "health"), ("Te Whatu Ora", "health"), ("Health NZ", "health"), ("GP", "health"), ("Plunket", "health"),
    ("Whānau Āwhina Plunket", "health"), ("LMC", "health"), ("Well Child Tamariki Ora", "health"),
    ("Kōhanga Reo", "education"), ("RTLB", "education"), ("Kindy", "education"),
    ("Corrections", "justice"), ("Family Court", "justice"), ("NZ Police", "justice"),
    ("Women's Refuge", "community"), ("Whānau Ora", "community"), ("Iwi provider", "community")])
def test_when_a_referral_names_an_nz_agency_by_name_or_abbreviation_then_its_category_is_taken(standards, written, code):
    assert _referral(standards, [written]) == [code]


def test_when_a_referral_label_uses_an_agency_abbreviation_in_a_sentence_then_it_is_read_by_that_word(standards):
    assert _referral(standards, ["Referred by WINZ case manager", "CYFS social worker", "not WINZ"]) == [
        "msd", "oranga_tamariki", None]


def test_when_winz_is_a_referral_then_the_provider_is_not_told_to_fix_it(standards):
    assert code_read(pl.Series("referral_source", ["WINZ", "Te Whatu Ora", "Whoever"]), "referral_source", standards).to_list() == [
        True, True, False]


# --- consent ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["verbal", "Verbal - ok'd on phone", "Yes (verbal)", "Yes - verbal", "Verbal consent",
                                     "Oral consent", "Agreed over the phone", "No (verbal)"])
def test_when_consent_was_given_by_word_of_mouth_then_it_is_not_read_as_consent(standards, written):
    assert _consent(standards, [written]) == [None]


@pytest.mark.parametrize("written, code", [("Yes", "yes"), ("Signed", "yes"), ("Yes - signed", "yes"), ("Written consent", "yes"),
                                           ("No", "no"), ("Declined", "no"), ("", "not_recorded"), ("Not asked", "not_recorded")])
def test_when_consent_is_recorded_as_written_yes_or_a_no_then_it_is_still_read(standards, written, code):
    assert _consent(standards, [written]) == [code]


def test_when_consent_is_verbal_then_the_provider_is_told_on_each_row(standards):
    values = pl.Series("consent_evaluation", ["verbal", "Y", "Verbal - ok'd on phone", None])
    assert code_read(values, "consent", standards).to_list() == [False, True, False, True]


@pytest.mark.parametrize("blank_consent", ["exclude", "include"])
def test_when_consent_is_verbal_then_the_evaluation_keeps_the_row_out_and_counts_it_for_the_steward(standards, agreement,
                                                                                                    blank_consent):
    frame = pl.DataFrame({"consent_evaluation": ["Y", "verbal", "Verbal - ok'd on phone", "N", ""]})
    out, _ = standardise_records(frame, standards, QUARTER_END)
    purpose = agreement.purposes["evaluation"].model_copy(update={"blank_consent": blank_consent})
    kept, refused, blank, unrecognised = consent_filter(out, purpose)
    excluded_blank = 1 if blank_consent == "exclude" else 0        # a blank may be included; verbal never is
    assert kept.height == 2 - excluded_blank
    assert (refused, blank, unrecognised) == (1, excluded_blank, 2)


def test_when_words_are_looked_for_then_only_whole_words_count(standards):
    assert said_with("Verbal - ok'd on phone", ["phone"]) and not said_with("Headphones given", ["phone"])
