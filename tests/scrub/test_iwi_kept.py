"""Iwi names in notes (standards/iwi.yaml, the Stats NZ classification): a people, kept; a person beside them goes."""
from __future__ import annotations

import pytest

from deid.scrub.scrub import Scrubber, iwi_phrases
from deid.standards import load_standards


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(load_standards())


@pytest.mark.parametrize("text", ["Ko Ngāti Porou te iwi.", "Her whānau are Te Atiawa.", "Ngai Tahu whānau hui on Friday",
                                  "Kai Tahu rūnanga rang back"])
def test_an_iwi_name_of_the_classification_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text)[0] == text


def test_a_person_beside_an_iwi_name_still_goes(scrubber: Scrubber) -> None:
    assert scrubber.scrub("Spoke with Hemi Walker (Ngāti Porou) today.")[0] == "Spoke with <PERSON> (Ngāti Porou) today."


def test_iwi_phrases_are_the_classifications_names_of_two_words_or_more_with_and_without_macrons() -> None:
    phrases = iwi_phrases(load_standards())
    assert {"Ngāti Porou", "Ngati Porou", "Te Atiawa", "Kai Tahu"} <= set(phrases)
    assert all(len(p.split()) > 1 for p in phrases) and not any("(" in p or " / " in p for p in phrases)
