"""Known names used for every note of a run (a third user test): a known-name word that is also a particle, a
function word, a weekday or month, or a person's initials ("Te", "at", "Mahuru", "AT") is a name only beside the
rest of its name, never alone. Hand-written notes."""
from __future__ import annotations

import pytest

from deid.scrub.recognizers.known_names_recognizer import KnownNamesRecognizer, initials_keys
from deid.scrub.scrub import Scrubber
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def _scrub(scrubber: Scrubber, text: str, names: list[str]) -> str:
    clean = scrubber.scrub(text, scrubber.known_names(names))[0]
    assert clean is not None
    return clean


def _found(standards: Standards, names: list[str], text: str) -> list[str]:
    recognizer = KnownNamesRecognizer.from_standards(standards, names)
    return sorted(text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"]))


@pytest.mark.parametrize(("text", "names", "expected"), [
    # a staff member's initials in a key-worker column are not the word "at" in another client's note
    ("Met at marae. Rewi wants help.", ["Rewi", "AT"], "Met at marae. <PERSON> wants help."),
    # a client "Te Rangi" does not take "te" after the cue word "pēpi"
    ("Ko te hauora o te pēpi te mea nui.", ["Aroha Te Rangi"], "Ko te hauora o te pēpi te mea nui."),
    ("Hemi te mea nui o te whānau.", ["Hemi Te Rangi"], "<PERSON> te mea nui o te whānau."),
])
def test_when_a_never_alone_word_stands_alone_then_it_stays(scrubber: Scrubber, text: str, names: list[str],
                                                             expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("Spoke with Te Rangi about kai.", ["Aroha Te Rangi"], "Spoke with <PERSON> about kai."),
    ("AROHA TE RANGI came in.", ["Aroha Te Rangi"], "<PERSON> came in."),
    ("no joy getting hold of mrs te rangi today", ["Mere Te Rangi"], "no joy getting hold of mrs <PERSON> today"),
    # the particle between two found words was left ("<PERSON> van <PERSON>")
    ("Ana van der Berg visited.", ["Ana van der Berg"], "<PERSON> visited."),
    # a two-letter name in ordinary case is a name, not initials
    ("Li Na to call back.", ["Li Na Zhu"], "<PERSON> to call back."),
])
def test_when_a_never_alone_word_stands_beside_the_rest_of_its_name_then_the_whole_name_goes(
        scrubber: Scrubber, text: str, names: list[str], expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


def test_when_a_name_is_initials_then_its_letters_are_never_a_name_alone(standards: Standards) -> None:
    assert initials_keys(["AT", "K.M.", "m.p", "R T"]) == {"at", "km", "mp", "r", "t", "rt"}
    assert initials_keys(["Li", "Jo Smith", "Aroha Te Rangi"]) == frozenset()
    assert _found(standards, ["Hemi", "AT", "HK"], "Met at marae with hk. Hemi wants help.") == ["Hemi"]


def test_when_a_known_name_is_a_te_reo_month_then_it_is_a_name_only_beside_the_rest(standards: Standards) -> None:
    assert _found(standards, ["Mahuru Hohaia"], "Ka hui anō i te marama o Mahuru.") == []
    assert "Mahuru Hohaia" in _found(standards, ["Mahuru Hohaia"], "Mahuru Hohaia rang about the hui.")


def test_when_a_known_name_stands_inside_a_te_reo_clause_then_it_is_a_word_of_the_clause(standards: Standards) -> None:
    # "e tiaki ana": "ana" closes the verb phrase; a client called Ana is not meant
    assert _found(standards, ["Ana Hiko"], "He wahine kaha ia, e tiaki ana i ōna tamariki.") == []
    assert _found(standards, ["Ana Hiko"], "I kōrero au ki a ana.") == ["ana"]
    assert _found(standards, ["Akanisi Vea"], "kia kaha akanisi") == ["akanisi"]


def test_te_reo_weekdays_and_months_are_listed_with_and_without_macrons(standards: Standards) -> None:
    words = standards.scrub_words
    assert {"rāhina", "rahina", "rātapu", "ratapu", "rāhoroi"} <= set(words.weekdays)
    assert {"kohi-tātea", "kohitatea", "hakihea"} <= set(words.te_reo_months)
