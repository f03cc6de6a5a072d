"""Notes whose letters a wrong encoding damaged (UTF-8 read as Windows-1252): names and addresses in them are
found whole, and the note is cut as it came. Sentences and addresses written for these tests."""
import pytest

from deid.scrub import Scrubber
from deid.scrub.mojibake import readable
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def _damaged(text: str, undefined: str | None = "?") -> str:
    """`text` as a tool that read its UTF-8 bytes as cp1252 shows it: a byte cp1252 has no character for as
    `undefined`, or (None) as the Latin-1 control character of the same number."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(undefined if undefined is not None else chr(byte))
    return "".join(out)


@pytest.mark.parametrize("letter", list("āēīōūĀĒĪŌŪéüñʻ"))
@pytest.mark.parametrize("undefined", ["?", "\ufffd", None])
def test_every_damaged_form_of_a_letter_is_read_as_the_letter(letter: str, undefined: str | None) -> None:
    word = f"Wh{letter}nga"
    repaired = readable(_damaged(word, undefined))
    assert repaired is not None and repaired[0] == word


def test_the_copy_says_where_each_of_its_characters_starts_in_the_note() -> None:
    note = "Hi KÅ?whai."
    repaired = readable(note)
    assert repaired is not None
    copy, starts = repaired
    assert copy == "Hi Kōwhai."
    assert len(starts) == len(copy) + 1 and starts[-1] == len(note)
    assert note[starts[copy.index("ō")]:starts[copy.index("w")]] == "Å?"


@pytest.mark.parametrize("text", ["Plain note, nothing damaged.", "Kōhanga reo on Tuesday.", "Will she come? Not sure.",
                                  "Costs $5? Yes.", "Ngā mihi"])
def test_a_note_without_damage_is_read_as_it_is(text: str) -> None:
    assert readable(text) is None


def test_a_question_mark_between_letters_is_read_as_a_letter() -> None:
    repaired = readable("Visited T?mati")
    assert repaired is not None and repaired[0].split()[-1].isalpha()


@pytest.mark.parametrize("text, expected", [
    ("Contact is hemi.tÅ«rangi12@xtra.co.nz for the forms.", "Contact is <EMAIL> for the forms."),
    ("Email wiremu_kÄ?hui@outlook.com or 022 345 6789.", "Email <EMAIL> or <PHONE>."),
    ("Picked up koro TÄ?mati ParÄ“kura from the clinic.", "Picked up koro <PERSON> from the clinic."),
    ("Left the forms with nana H?ne.", "Left the forms with nana <PERSON>."),
])
def test_a_name_or_email_with_damaged_letters_is_scrubbed_whole(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text)[0] == expected


def test_damaged_te_reo_words_are_kept(scrubber: Scrubber) -> None:
    text = "KÅ?rero with the whÄ?nau about the kÅ?hanga."
    assert scrubber.scrub(text)[0] == text


def test_a_known_name_with_damaged_letters_finds_the_name_written_whole(scrubber: Scrubber) -> None:
    known = scrubber.known_names(["KÅ?whai Smith"])   # the record's name column was read through cp1252
    assert scrubber.scrub("Kōwhai is settling in well at kura.", known)[0] == "<PERSON> is settling in well at kura."
