"""Te reo sentence particles and the personal article in case notes (issue 15): the particle stays, the name it
introduces goes. Hand-written sentences (te_reo.yaml `particles` and `person_cues`)."""
from __future__ import annotations

import pytest

from deid.scrub.scrub import Scrubber
from deid.standards import load_standards


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(load_standards())


def _scrub(scrubber: Scrubber, text: str) -> str:
    clean = scrubber.scrub(text)[0]
    assert clean is not None
    return clean


@pytest.mark.parametrize(("text", "expected"), [
    # "Ko" is the focus particle: the name after it goes, the particle and "te pōtiki" (the youngest) stay
    ("Ko Liam te pōtiki, ko Darren te tuakana.", "Ko <PERSON> te pōtiki, ko <PERSON> te tuakana."),
    ("Ko Ra Smith-Tuhoe te pōtiki.", "Ko <PERSON> te pōtiki."),
    # the personal article after a directional particle marks a person
    ("Kua tae mai a Mereana ki te hui.", "Kua tae mai a <PERSON> ki te hui."),
    ("I hoki atu a rawiri ki te kāinga.", "I hoki atu a <PERSON> ki te kāinga."),
])
def test_a_particle_stays_and_the_name_it_introduces_goes(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text) == expected


@pytest.mark.parametrize("text", [
    "Kei te pai te whānau.",                 # "Kei te": is (progressive), not a person called Kei
    "Kua pai ake te wairua i tēnei wiki.",   # "Kua": a change of state
    "Mō te hui i tēnei rā.",
    "Kua tae mai a Plunket.",                # an organisation after the article stays (an organisation word list)
    "I kōrero au i a ia.",                   # a pronoun after the article is no name
    "Ka haere mātou ki te marae ā te Rātapu.",   # Sunday, not a person (a te reo weekday written in full)
    "He wahine kaha ia, e tiaki ana i ōna tamariki.",   # "e tiaki ana": the verb between e and ana
    "Ka hoki mai ia i te marama o Haratua.",  # a te reo month
    # a user test's sign-off and hui note: lower-case te reo words the name model took for names, a short weekday
    "Ka kite anō ā te wiki e heke mai nei.",
    "Ka hui anō tātou ā te Rātū.",
])
def test_a_te_reo_sentence_without_a_name_comes_out_whole(scrubber: Scrubber, text: str) -> None:
    assert _scrub(scrubber, text) == text


def test_a_name_beside_the_verbal_particle_is_still_a_name(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "visited Hemi e ana") == "visited <PERSON> e ana"


def test_a_particle_that_may_be_a_name_stays_part_of_it_outside_a_te_reo_sentence(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "Kei Tanaka rang about the form.") == "<PERSON> rang about the form."


def test_after_a_verb_and_a_comma_a_word_in_lower_case_needs_a_name_list(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "Food parcel dropped off, kai for the week.") == "Food parcel dropped off, kai for the week."
    assert _scrub(scrubber, "new baby, Rua, doing well") == "new baby, <PERSON>, doing well"
    assert _scrub(scrubber, "Ngā mihi, princess") == "Ngā mihi, <PERSON>"   # a sign-off takes its comma
