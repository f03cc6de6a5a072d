"""A note written in a code column is not read as a code by its words (outsider7 F1: 'moved to Aunty ...')."""
import polars as pl
import pytest

from deid.standardise.codes import label_shaped, map_codes, map_codes_counted


@pytest.mark.parametrize("written", ["moved to Aunty Losa Fifita in Porirua", "moved house but still coming every week",
                                     "completed 2 of 3 goals", "Left 12/08/2026"])
def test_when_an_outcome_is_a_note_rather_than_a_label_then_no_code_is_guessed_from_its_words(standards, written):
    outcome = standards.code_lists.code_lists["outcome_status"]
    assert not label_shaped(written)
    assert map_codes(pl.Series([written]), outcome).to_list() == [None]


@pytest.mark.parametrize("written, code", [("Moved to Australia", "exited_early"), ("Completed core schedule", "achieved"),
                                           ("Relocated out of region", "exited_early"), ("Active - continuing", "ongoing")])
def test_when_an_outcome_is_a_providers_short_label_then_it_is_still_read_by_its_words(standards, written, code):
    assert label_shaped(written)
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["outcome_status"]).to_list() == [code]


def test_when_a_note_states_a_code_outright_then_the_stated_code_is_read_and_not_counted_as_read_by_words(standards):
    # 'Achieved - <note>': the code is written, the note after the dash is a qualifier (`qualified_code`)
    values = pl.Series(["Achieved - moved to Aunty Losa Fifita in Porirua"])
    coded, read_by_words = map_codes_counted(values, standards.code_lists.code_lists["outcome_status"])
    assert coded.to_list() == ["achieved"] and read_by_words == 0


def test_when_a_referral_is_a_short_label_then_it_is_read_and_a_long_note_is_not(standards):
    referral = standards.code_lists.code_lists["referral_source"]
    written = ["Referred by WINZ case manager", "WINZ case manager rang us on Tuesday about her rent",
               "rang us after seeing a flyer at Plunket last month"]
    assert map_codes(pl.Series(written), referral).to_list() == ["msd", None, None]
