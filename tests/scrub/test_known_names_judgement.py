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


# --- the record's names in the forms notes write them (issue 15: recall with the record's names) ---------------------

@pytest.mark.parametrize(("text", "names", "expected"), [
    # initials of one known name, with full stops in any case or as capitals alone
    ("Mum rang. C.K. keen to come to the next hui.", ["Craig Karaka"], "Mum rang. <PERSON> keen to come to the next hui."),
    ("Spoke to CK about the rent.", ["Craig Karaka"], "Spoke to <PERSON> about the rent."),
    ("dropped r.t. home after kura", ["Ruby Tamihana"], "dropped <PERSON> home after kura"),
    ("O: Z.V. alert and active.", ["Zoe Van der Berg"], "O: <PERSON> alert and active."),   # a family name's particle
    # not a word or an abbreviation written in capitals, nor a licence's letters before its digits
    ("Hui at 10 AM at the marae.", ["Aroha Mika"], "Hui at 10 AM at the marae."),
    ("Licence AX 933687 seen.", ["Anaru Xu"], "Licence <DRIVER_LICENCE> seen."),
])
def test_when_a_known_persons_initials_stand_as_a_word_then_they_are_the_person(
        scrubber: Scrubber, text: str, names: list[str], expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


@pytest.mark.parametrize(("text", "names", "expected"), [
    # two words of one known name in its order, in lower case: a name even where each word alone is an everyday one
    ("lots of aroha from the whānau. aroha cooper came in later.", ["Aroha Cooper"],
     "lots of aroha from the whānau. <PERSON> came in later."),
    ("the sky was clear so we walked. sky gill has eczema.", ["Sky Gill"], "the sky was clear so we walked. <PERSON> has eczema."),
    # in lower case at the start of a clause, before a verb: the subject
    ("tuaine happy, alofa worried about school.", ["Alofa Matapo"], "tuaine happy, <PERSON> worried about school."),
    ("koha given. tūmanako gave $20 to the marae.", ["Tūmanako Rewi"], "koha given. <PERSON> gave $20 to the marae."),
    # ... but a thing's participle and nothing it acts on is the word: the hui was cancelled
    ("hui cancelled due to rain, rebooked for next week.", ["Hui Tane"], "hui cancelled due to rain, rebooked for next week."),
    ("She wants to restore her mana after court. Mana worried about court.", ["Mana Rewi"],
     "She wants to restore her mana after court. <PERSON> worried about court."),
    # the owner of the identifier after the name
    ("Jun cell 021 315 8154 is new.", ["Jun Chen"], "<PERSON> cell <PHONE> is new."),
    ("hōhaia licence zp 063179 suspended", ["Hōhaia Kingi"], "<PERSON> licence <DRIVER_LICENCE> suspended"),
    ("SEE YOU NEXT WIKI - PH +64 27 582 6158.", ["Wiki Pōhatu"], "SEE YOU NEXT WIKI - PH <PHONE>."),   # not across a dash
    # a possessive written without its apostrophe; not an everyday word's plural
    ("Malias sister came too.", ["Malia Mahe"], "<PERSON> sister came too."),
    ("Marks on the wall near the door.", ["Mark Reid"], "Marks on the wall near the door."),
    # in a note in capitals, two everyday-word names in the order of one known name, and only they
    ("MANAIA RANGI DREW A PICTURE OF THE WHĀNAU FOR ATAWHAI.", ["Manaia Rangi", "Atawhai Rangi"],
     "<PERSON> DREW A PICTURE OF THE WHĀNAU FOR <PERSON>."),
])
def test_when_context_says_a_known_name_that_is_an_everyday_word_is_a_person_then_it_goes(
        scrubber: Scrubber, text: str, names: list[str], expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


def test_when_a_known_name_follows_an_organisation_name_then_the_organisation_does_not_take_it_back(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "Rent paid to Moana Pacific Health Hine said it was hard.", ["Hine Ruawai"]) \
        == "Rent paid to Moana Pacific Health <PERSON> said it was hard."
    # after "o" the words are the organisation's own name
    assert _scrub(scrubber, "Te Puna Hauora o Rongo wants a meeting.", ["Rongo Tipene"]) == "Te Puna Hauora o Rongo wants a meeting."


def test_when_known_names_that_are_te_reo_words_are_joined_by_and_then_they_are_people_not_a_programme(scrubber: Scrubber) -> None:
    names = ["Hui Tipene", "Nikau Pōhatu"]
    assert _scrub(scrubber, "Hui Tipene coping. Hui and Nikau arguing in front of the tamariki.", names) \
        == "<PERSON> coping. <PERSON> and <PERSON> arguing in front of the tamariki."
    # the everyday words stay where they are words
    assert _scrub(scrubber, "The hui was held under the nikau palms.", names) == "The hui was held under the nikau palms."
