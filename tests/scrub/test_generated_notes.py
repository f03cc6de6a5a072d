"""Issue 15 targets on the held-out half of the generated notes (`tests/scrub/generated_notes.py`).

The held-out half was scored only, never read, while the scrubber was tuned on the other half.
"""
from __future__ import annotations

import pytest

from deid.scrub import Scrubber
from tests.scrub.generated_notes import held_out_notes, scrub_and_score, tune_notes

IDENTIFIERS = ["NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL"]


@pytest.fixture(scope="module")
def notes():
    return held_out_notes()


@pytest.fixture(scope="module")
def text_only(standards, notes):
    return scrub_and_score(Scrubber(standards), notes, with_names=False)


@pytest.fixture(scope="module")
def with_names(standards, notes):
    return scrub_and_score(Scrubber(standards), notes, with_names=True)


def test_when_the_set_is_generated_then_halves_differ_and_every_label_points_into_its_note(notes):
    tune = tune_notes()
    assert len(notes) >= 500 and len(tune) >= 500
    assert not {n.text for n in notes} & {n.text for n in tune}
    kinds = {kind for note in notes for kind, _, _ in note.pii}
    keeps = {kind for note in notes for kind, _, _ in note.keep}
    assert kinds == {"PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "ADDRESS", "DOB"}
    assert keeps == {"REO", "WORD", "PROGRAMME", "ORGANISATION", "DATE", "AMOUNT", "TIME", "REFERENCE"}
    for note in notes:
        for _, start, end in (*note.pii, *note.keep):
            assert 0 <= start < end <= len(note.text) and note.text[start:end].strip()


def test_when_only_the_text_is_known_then_at_least_95_percent_of_names_are_removed(text_only):
    assert text_only.recall("PERSON") >= 0.95, text_only.misses[:20]


def test_when_the_record_names_are_known_then_at_least_99_5_percent_of_names_are_removed(with_names):
    assert with_names.recall("PERSON") >= 0.995, with_names.misses[:20]


@pytest.mark.parametrize("kind", IDENTIFIERS)
def test_every_identifier_of_each_kind_is_removed(text_only, kind):
    assert text_only.recall(kind) == 1.0, [m for m in text_only.misses if m[0] == kind]


@pytest.mark.parametrize("kind", ["DOB", "ADDRESS"])
def test_at_least_99_percent_of_dates_of_birth_and_addresses_are_removed(text_only, kind):
    assert text_only.recall(kind) >= 0.99, [m for m in text_only.misses if m[0] == kind]


@pytest.mark.parametrize("mode", ["text_only", "with_names"])
def test_at_least_99_percent_of_each_kind_of_word_that_must_survive_is_kept(request, mode):
    score = request.getfixturevalue(mode)
    for kind in score.keep_total:
        assert score.keep_rate(kind) >= 0.99, (kind, [o for o in score.over if o[0] == kind][:10])
