"""What scrubbing must leave in a note (issue 15): times, reference numbers, everyday te reo expressions and
organisation names, without letting a name through. Hand-written sentences."""
from __future__ import annotations

import pytest

from deid.scrub.scrub import Scrubber
from tests.scrub.conftest import scrub_note


@pytest.mark.parametrize(("text", "expected"), [
    ("rang the office on 09 444 5678. 09:00 call back from the nurse",
     "rang the office on <PHONE>. 09:00 call back from the nurse"),
    ("ph 021 555 0143 // 10:40AM spoke with her about the bill", "ph <PHONE> // 10:40AM spoke with her about the bill"),
    ("ph 04 384 2210 // 1000hrs home visit", "ph <PHONE> // 1000hrs home visit"),
])
def test_a_phone_number_stops_before_the_time_written_after_it(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrub_note(scrubber, text) == expected


def test_am_and_pm_are_never_part_of_a_name(scrubber: Scrubber) -> None:
    clean = scrub_note(scrubber, "3:15PM Mere rang back about the form")
    assert clean.startswith("3:15PM <PERSON> rang back")


@pytest.mark.parametrize("text", [
    "Phone bill $95, invoice no 79104512, disputing it",         # a phone word before the cue names the bill
    "Inland Revenue invoice 49091850 paid on Friday",            # an IRD word before the cue names the payee
    "Kept the receipt (no. 49091850) for the food voucher",      # the number in brackets after the cue
])
def test_a_number_after_a_reference_cue_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrub_note(scrubber, text) == text


def test_an_identifier_word_between_the_cue_and_the_number_still_makes_it_an_identifier(scrubber: Scrubber) -> None:
    assert scrub_note(scrubber, "Ref: IRD 49-091-850 for the WFF form") == "Ref: IRD <IRD> for the WFF form"


def test_an_everyday_te_reo_expression_is_kept_whole(scrubber: Scrubber) -> None:
    text = "Encouraged kiri ki te kiri with pēpi after the birth. Tino pai te wairua o te whare."
    assert scrub_note(scrubber, text) == text


def test_a_te_reo_expression_keeps_its_word_while_the_person_of_that_name_is_scrubbed(scrubber: Scrubber) -> None:
    clean = scrub_note(scrubber, "Kiri ki te kiri with pēpi. Kiri said she is tired.", ["Kiri Walker"])
    assert clean == "Kiri ki te kiri with pēpi. <PERSON> said she is tired."


def test_a_name_right_after_a_te_reo_expression_is_still_scrubbed(scrubber: Scrubber) -> None:
    clean = scrub_note(scrubber, "Nau mai, haere mai Salamasina and her pēpi.", ["Salamasina Tuilagi"])
    assert clean == "Nau mai, haere mai <PERSON> and her pēpi."


def test_a_known_name_in_lower_case_after_the_is_the_everyday_word(scrubber: Scrubber) -> None:
    clean = scrub_note(scrubber, "kids swam at the river after school; River rang later", ["River Wilson"])
    assert clean == "kids swam at the river after school; <PERSON> rang later"


def test_a_known_name_in_lower_case_after_other_small_words_is_still_a_name(scrubber: Scrubber) -> None:
    clean = scrub_note(scrubber, "the landlord said that moka moved out last week", ["Moka Tane"])
    assert "moka" not in clean


@pytest.mark.parametrize("text", [
    "Will ring Tūī Lodge re the bill tomorrow.",
    "Mum feeling whakamā about asking for help.",
])
def test_organisation_names_and_te_reo_words_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrub_note(scrubber, text) == text


@pytest.mark.parametrize("text", [
    "Nan is doing a te reo Māori course at night.",
    "Whānau would prefer a kaupapa Māori provider.",
    "Kaimahi explained the plan in reo Māori and English.",
    "Her Chinese landlord wants the rent by Friday.",
    "Dad listens to Samoan radio while he cooks.",
])
def test_the_name_of_a_people_or_its_language_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrub_note(scrubber, text) == text


def test_the_name_of_a_people_is_still_a_name_after_a_title(scrubber: Scrubber) -> None:
    assert scrub_note(scrubber, "Mr English rang back about the form.") == "Mr <PERSON> rang back about the form."


@pytest.mark.parametrize("text", [
    "Hui cancelled due to the storm.",
    "Koha declined by the family.",
    "Waiata shared afterwards, then karakia.",
])
def test_an_everyday_word_a_participle_was_done_to_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrub_note(scrubber, text) == text


def test_an_everyday_word_name_that_shares_something_is_still_a_name(scrubber: Scrubber) -> None:
    assert scrub_note(scrubber, "Aroha shared her goals with the group.") == "<PERSON> shared her goals with the group."


@pytest.mark.parametrize("text", ["NFA - did not answer the door.", "DNR - did not reply to texts."])
def test_an_abbreviation_in_capitals_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrub_note(scrubber, text) == text


@pytest.mark.parametrize("text, expected", [
    ("Picnic at the park, kids loved it.", "Picnic at the park, kids loved it."),
    ("Rang Mele, budget adviser, about the debt.", "Rang <PERSON>, budget adviser, about the debt."),
    ("Texted Sione, youth worker, re Friday.", "Texted <PERSON>, youth worker, re Friday."),
])
def test_an_everyday_word_before_a_role_is_kept(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrub_note(scrubber, text) == expected
