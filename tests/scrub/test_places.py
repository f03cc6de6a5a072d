"""A client's suburb or town after a residence cue is scrubbed; the same place names elsewhere (offices, services,
meeting places, programmes) are kept (second user test, item 2)."""
import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers.nz_street_address_recognizer import NzResidencePlaceRecognizer
from deid.scrub.scan import NoteScan
from deid.standards import Standards


@pytest.fixture(scope="module")
def places(standards: Standards) -> NzResidencePlaceRecognizer:
    return NzResidencePlaceRecognizer.from_standards(standards)


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def _found(recognizer: NzResidencePlaceRecognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, [], NoteScan(text))]


@pytest.mark.parametrize("text, place", [
    ("Whaea Ngaire says the boys are back living in Wainuiomata now.", "Wainuiomata"),
    ("Family relocated to Kaikohe after the lease ended.", "Kaikohe"),
    ("Rawiri has been staying with his koro out in Tokoroa.", "Tokoroa"),      # a few words between verb and "in"
    ("Her new address: Aranui", "Aranui"),
    ("Mum is renting a unit in Hamilton East since June.", "Hamilton East"),   # a town and a direction: one suburb
    ("lives at cannons creek with 3 tamariki", "cannons creek"),               # lower case, two words
    ("MOVED BACK TO LINWOOD IN MAY", "LINWOOD"),                                # capitals
    ("They moved here from Onekawa.", "Onekawa"),                               # "from" after a residence word
    ("Whānau moved up to Ahipara over summer.", "Ahipara"),                     # a locality from geography_places.csv
    ("Kei te noho rātou ki Māngere ināianei.", "Māngere"),                      # te reo: they are living at
    ("Kua hūnuku te whānau ki Taitā.", "Taitā"),                                # te reo: the family has shifted to
])
def test_when_a_residence_cue_comes_before_a_known_place_then_the_place_is_found(
        places: NzResidencePlaceRecognizer, text: str, place: str) -> None:
    assert _found(places, text) == [place]


@pytest.mark.parametrize("text", [
    "Hui at the Naenae office with the team.",                 # a service place, no residence cue
    "Referred to Kāinga Ora Wainuiomata for a transfer.",      # an organisation named after a place
    "She is staying at Tokoroa Hospital overnight.",           # a cue, but the place names a hospital
    "Drove to Linwood for the Incredible Years group.",        # "to" alone says nothing about a home
    "Moved to Oranga Tamariki care last week.",                # a kept phrase that begins with a suburb's name
    "The Wainuiomata whānau day is on Saturday.",              # a programme named after a place
    "Lives with koro, goes to kura in Aranui.",                # the clause after a comma is not about the home
    "moved the session to Māngere library",                    # "moved" without a residence particle
])
def test_when_a_place_name_has_no_residence_cue_before_it_then_it_is_kept(places: NzResidencePlaceRecognizer, text: str) -> None:
    assert _found(places, text) == []


def test_when_a_note_names_a_home_and_an_office_then_only_the_home_is_scrubbed(scrubber: Scrubber) -> None:
    text = "Met at the Naenae office; she has moved to Taitā with the kids and is settling in."
    clean, spans = scrubber.scrub(text, None, None)
    assert clean == "Met at the Naenae office; she has moved to <ADDRESS> with the kids and is settling in."
    assert [s.recognizer for s in spans] == ["NzResidencePlaceRecognizer"]


def test_when_the_standard_lists_no_residence_cues_then_no_place_is_found(standards: Standards) -> None:
    """The cues come from standards/scrub_words.yaml, not from the code."""
    words = standards.scrub_words.model_copy(update={"residence_cues": ()})
    recognizer = NzResidencePlaceRecognizer.from_standards(standards.model_copy(update={"scrub_words": words}))
    assert _found(recognizer, "Family relocated to Kaikohe after the lease ended.") == []


def test_the_place_recognizer_writes_the_entity_and_placeholder_recognizers_yaml_gives_it(standards: Standards) -> None:
    switch = next(s for s in standards.recognizers.recognizers if s.name == "NzResidencePlaceRecognizer")
    assert switch.enabled
    assert NzResidencePlaceRecognizer.from_standards(standards).supported_entities == [switch.entity]
    assert Scrubber(standards).placeholders[switch.entity] == switch.placeholder


def test_the_residence_cues_hold_each_cue_once(standards: Standards) -> None:
    cues = standards.scrub_words.residence_cues
    assert cues and len(cues) == len(set(cues))


@pytest.mark.parametrize("text, found", [
    ("Lives in Te Atatu South 0610.", "Te Atatu South 0610"),      # a user test: the postcode stayed after <ADDRESS>
    ("lives in Hornby, 8042 now", "Hornby, 8042"),
    ("moved to Porirua East 5024 last month", "Porirua East 5024"),
])
def test_when_a_postcode_follows_a_residence_place_then_it_goes_with_the_place(places: NzResidencePlaceRecognizer,
                                                                                  text: str, found: str) -> None:
    assert _found(places, text) == [found]
