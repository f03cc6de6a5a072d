"""Notes saved in a code page without macrons (every ā ē ī ō ū written as '?'): names and addresses in them are
found, a question mark ending a question stays one, and the note is cut as it came. Sentences and addresses written
for these tests."""
from __future__ import annotations

import pytest

from deid.mojibake import LostLetterLexicon
from deid.scrub import Scrubber
from deid.scrub.mojibake import readable
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def test_the_reading_puts_back_the_macron_vowel_of_the_one_lexicon_word_that_fits() -> None:
    note = "P?pi Nevaeh due for Well Child check. Wh?nau moved to 177 Waiwhet? Road, M?ngere."
    repaired = readable(note)
    assert repaired is not None
    copy, starts = repaired
    assert copy == "Pēpi Nevaeh due for Well Child check. Whānau moved to 177 Waiwhetū Road, Māngere."
    assert starts == list(range(len(note) + 1))   # one letter for each '?': the copy is as long as the note


@pytest.mark.parametrize("note", ["Is she ok? Yes.", "Is it pa?", "Will she come? not sure.", "Costs $5? Yes."])
def test_a_question_mark_ending_a_question_is_read_as_it_is(note: str) -> None:
    assert readable(note) is None


def test_a_lost_letter_no_lexicon_word_explains_is_read_as_a_vowel() -> None:
    repaired = readable("Visited Xy?zq today. Is she ok?", LostLetterLexicon.from_words(["whānau"]))
    assert repaired is not None and repaired[0] == "Visited Xyazq today. Is she ok?"


def test_where_several_words_fit_the_reading_takes_the_first_listed() -> None:
    repaired = readable("t?na wh?nau", LostLetterLexicon.from_words(["tōna", "tāna", "whānau"]))
    assert repaired is not None and repaired[0] == "tōna whānau"


def test_the_excel_saved_note_loses_its_name_and_address(scrubber: Scrubber) -> None:
    note = "P?pi Nevaeh due for Well Child check. Wh?nau moved to 177 Waiwhet? Road, M?ngere."
    scrubbed = scrubber.scrub(note)[0]
    assert scrubbed is not None
    assert "Nevaeh" not in scrubbed and "177" not in scrubbed and "Waiwhet" not in scrubbed
    assert scrubbed.startswith("P?pi <PERSON> due for Well Child check. Wh?nau moved to <")   # cut from the note


def test_a_question_in_a_damaged_note_keeps_its_question_mark(scrubber: Scrubber) -> None:
    note = "Is the wh?nau ok? Kei te pai te wh?nau."
    assert scrubber.scrub(note)[0] == note


def test_a_known_name_written_with_a_lost_letter_finds_the_name(scrubber: Scrubber) -> None:
    known = scrubber.known_names(["Ropata P?mare"])   # the record's name column lost its macrons too
    assert scrubber.scrub("P?mare family came to the hui.", known)[0] == "<PERSON> family came to the hui."
