"""A name found once in a note is scrubbed wherever else it stands in that note, unless its context there
says it is a word (issue 15): hand-written cases, te reo words that are also names in both roles."""
from __future__ import annotations

import pytest

from deid.scrub import Scrubber


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


def _scrubber(standards, *, same_name: bool) -> Scrubber:
    """Without the name CRF, so these cases test the same-name step whatever the model learns."""
    switches = tuple(r.model_copy(update={"enabled": False}) if r.name == "CrfNameRecognizer" else r
                     for r in standards.recognizers.recognizers)
    recognizers = standards.recognizers.model_copy(update={"same_name_in_note": same_name, "recognizers": switches})
    return Scrubber(standards.model_copy(update={"recognizers": recognizers}))


@pytest.fixture(scope="module")
def with_step(standards):
    return _scrubber(standards, same_name=True)


@pytest.fixture(scope="module")
def without(standards):
    return _scrubber(standards, same_name=False)


@pytest.mark.parametrize("text, scrubbed", [
    # lower case at the start of a clause, where the first mention was found after a cue
    ("Spoke with Mr Ihaia Tane. ihaia is keen on the course.", "Spoke with Mr <PERSON>. <PERSON> is keen on the course."),
    # an everyday English word that is a name: taken again in a person's context ("joy said") ...
    ("Home visit with Joy Parata; joy said the kura is going well.",
     "Home visit with <PERSON>; <PERSON> said the kura is going well."),
])
def test_when_a_found_name_stands_again_in_the_note_then_it_is_scrubbed_there_too(scrubber, with_step, without, text, scrubbed):
    assert scrubber.scrub(text)[0] == scrubbed
    assert with_step.scrub(text)[0] == scrubbed
    assert without.scrub(text)[0] != scrubbed    # the switch is what takes it


@pytest.mark.parametrize("text, scrubbed", [
    # ... but not as a word ("Real joy when ...")
    ("Home visit with Joy Parata. Real joy when pēpi came home.", "Home visit with <PERSON>. Real joy when pēpi came home."),
    # te reo words that are names in one place and words in another
    ("Visited Kiri Walker at home. Pēpi has eczema on the kiri; cream from GP.",
     "Visited <PERSON> at home. Pēpi has eczema on the kiri; cream from GP."),
    ("Spoke with Mata today. Tired mata (eyes), not sleeping.", "Spoke with <PERSON> today. Tired mata (eyes), not sleeping."),
    ("Phoned Aroha Smith re the rent. Lots of aroha in the whare. Aroha said thanks.",
     "Phoned <PERSON> re the rent. Lots of aroha in the whare. <PERSON> said thanks."),
    ("Met Hope Wilson at the marae. Some hope things settle.", "Met <PERSON> at the marae. Some hope things settle."),
])
def test_when_a_found_name_stands_again_as_a_word_then_the_word_stays(scrubber, text, scrubbed):
    assert scrubber.scrub(text)[0] == scrubbed


def test_when_a_name_is_taken_again_then_the_span_says_why(with_step):
    _, spans = with_step.scrub("Spoke with Mr Ihaia Tane. ihaia is keen on the course.")
    again = [s for s in spans if s.recognizer == "SameNameInNote"]
    assert [(s.entity, s.pattern) for s in again] == [("PERSON", "the same name elsewhere in the note")]


def test_when_a_programme_is_kept_then_a_name_inside_it_is_not_taken_again(scrubber):
    keep = scrubber.keep.__class__(["Tipene Trust Programme"])
    clean, _ = scrubber.scrub("Spoke with Tipene Walker. Enrolled in the Tipene Trust Programme.", keep=keep)
    assert clean == "Spoke with <PERSON>. Enrolled in the Tipene Trust Programme."
