"""Scrubbing targets on the hand-labelled notes: identifiers 100%, names 95%, distractors 98% kept."""
from __future__ import annotations

import pytest

from deid.scrub import Scrubber
from tests.scrub.labelled_notes import load_notes, parse_note, scrub_and_score


@pytest.fixture(scope="module")
def result(standards):
    return scrub_and_score(Scrubber(standards), load_notes())


def test_the_labelled_set_is_large_and_varied():
    notes = load_notes()
    kinds = {kind for note in notes for kind, _, _ in note.pii}
    assert len(notes) >= 300 and kinds == {"PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "ADDRESS", "DOB"}
    assert sum(len(note.keep) for note in notes) >= 200


@pytest.mark.parametrize("kind", ["NHI", "IRD", "PHONE", "EMAIL"])
def test_every_identifier_of_each_kind_is_removed(result, kind):
    assert result.recall(kind) == 1.0, [m for m in result.misses if m[0] == kind]


def test_at_least_95_percent_of_names_are_removed(result):
    # 97% while standards/names.yaml held a given-name list grown from these very notes; with the outside
    # lexicon (issue 15) they are no longer fitted, and the generated held-out set carries the name targets.
    assert result.recall("PERSON") >= 0.95, [m for m in result.misses if m[0] == "PERSON"]


def test_at_least_98_percent_of_distractors_survive(result):
    assert result.distractors_kept >= 0.98, result.over


def test_the_markup_maps_to_the_plain_text():
    note = parse_note("Aroha Ngata|Called [[PERSON:Aroha]] about {{Triple P}}.")
    assert note.known_names == ("Aroha Ngata",) and note.text == "Called Aroha about Triple P."
    assert note.pii == (("PERSON", 7, 12),) and note.keep == ((19, 27),)
