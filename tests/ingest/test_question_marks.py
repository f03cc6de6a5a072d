"""A file saved in a code page without macrons (Excel's "CSV (Comma delimited)" on Windows-1252: every ā ē ī ō ū
written as '?') has each word restored where one lexicon word fits, and the provider is told once. Rows, names and
addresses here were written for these tests."""
from __future__ import annotations

import polars as pl
import pytest

from deid.ingest import ingest_file
from deid.ingest.mojibake import repair_frame, repair_notice, repair_text
from deid.mojibake import LostLetterLexicon, standards_lexicon
from deid.standards import Standards


def _saved_without_macrons(text: str) -> str:
    """The text as a Windows-1252 save writes it: every character the code page lacks as '?'."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


@pytest.mark.parametrize("written", ["Whānau moved to 14 Waiwhetū Road, Māngere.", "NZ Māori", "Ngāti Porou",
                                     "Ōtara", "Taitā", "Kei te pai te whānau i tēnei wiki.", "Tūhoe-Ngāpuhi",
                                     "MĀORI", "Seen at Ōtara with the pēpi."])
def test_when_each_lost_word_fits_one_lexicon_word_then_the_text_is_restored(written: str) -> None:
    damaged = _saved_without_macrons(written)
    assert "?" in damaged
    assert repair_text(damaged) == written


@pytest.mark.parametrize("text", ["Is she ok?", "Is it pa? Yes.", "Is it pa? yes", "Will she come? not sure", "??",
                                  "Ref ?12", "Did you see Tama?", "(did she go to the pa?)", "Ka pai? ka pai",
                                  "see https://example.org/form?id=3"])
def test_when_a_question_mark_ends_a_question_then_it_stays(text: str) -> None:
    assert repair_text(text) == text


def test_when_a_question_follows_a_lost_letter_then_the_word_is_restored_and_the_question_kept() -> None:
    assert repair_text("Is that the wh?nau?") == "Is that the whānau?"


@pytest.mark.parametrize("damaged, restored", [
    ("177 Waiwhet? Road", "177 Waiwhetū Road"),     # 'Waiwhet' is no word: the '?' was a letter
    ("Tait?, Lower Hutt", "Taitā, Lower Hutt"),     # a question mark is not followed by a comma
    ("Tait?", "Taitā"),                             # a cell of one word is no question
    ("Ng? mihi", "Ngā mihi"),                       # a lower-case word follows, and 'Ng' is no everyday word
])
def test_when_a_word_ends_in_a_lost_letter_then_its_context_says_so(damaged: str, restored: str) -> None:
    assert repair_text(damaged) == restored


def test_when_several_words_fit_then_the_word_is_left_and_counted() -> None:
    lexicon = LostLetterLexicon.from_words(["tāna", "tōna", "whānau"])
    assert lexicon.restore("t?na wh?nau") == ("t?na whānau", 1, 1)


def test_the_lexicon_is_given_or_the_shipped_standards_and_names_the_lexicon_spelling() -> None:
    lexicon = LostLetterLexicon.from_words(["Kūmarahou"])
    assert repair_text("K?marahou Street", lexicon) == "Kūmarahou Street"
    assert standards_lexicon().restore("Wh?nau")[0] == "Whānau"


def test_when_a_frame_lost_its_macrons_then_words_are_restored_counted_and_rows_named() -> None:
    frame = pl.DataFrame({"Suburb": ["M?ngere", "Tait?", "Naenae"],
                          "Notes": ["Wh?nau moved. Is she ok?", "Fa?atonu rang", "Xy?zq and Qv?wp"],
                          "source_row": [2, 3, 4]})
    repaired, repairs = repair_frame(frame, ["Suburb", "Notes"])
    assert repaired.get_column("Suburb").to_list() == ["Māngere", "Taitā", "Naenae"]
    assert repaired.get_column("Notes").to_list() == ["Whānau moved. Is she ok?", "Fa?atonu rang", "Xy?zq and Qv?wp"]
    assert repaired.get_column("source_row").to_list() == [2, 3, 4]
    assert repairs.restored_words == {"Suburb": 2, "Notes": 1}
    assert repairs.unrestored_words == {"Notes": 3} and repairs.unrestored_rows == {"Notes": (3, 4)}
    assert repairs.cells == {} and repairs.total == 6
    notice = repair_notice(repairs, {"Notes": "column 2"})
    assert notice is not None
    assert "lost its macrons (ā ē ī ō ū became ?)" in notice and "CSV UTF-8" in notice
    assert "restored 3 word(s)" in notice and "3 could not be restored" in notice and "'column 2' (3; rows 3, 4)" in notice


def test_when_no_word_fits_then_the_provider_is_still_told_where_the_question_marks_are() -> None:
    frame = pl.DataFrame({"Notes": ["Fa?atonu rang"], "source_row": [7]})
    _, repairs = repair_frame(frame, ["Notes"], LostLetterLexicon.from_words(["whānau"]))
    notice = repair_notice(repairs)
    assert notice is not None and "'Notes' (1; row 7)" in notice and "CSV UTF-8" in notice


def test_when_questions_and_web_addresses_hold_question_marks_then_nothing_is_said() -> None:
    frame = pl.DataFrame({"Notes": ["Is she ok?", "form at https://example.org/?ref=12", None], "source_row": [2, 3, 4]})
    repaired, repairs = repair_frame(frame, ["Notes"])
    assert repaired.equals(frame) and repairs.total == 0 and repair_notice(repairs) is None


def test_when_an_excel_csv_lost_its_macrons_then_ingest_restores_it_and_tells_the_provider_once(standards: Standards) -> None:
    rows = [("K-101", "Pōmare", "Hēmi", "12/03/1988", "NZ Māori", "14 Waiwhetū Road, Māngere", "Whānau moved to Māngere."),
            ("K-102", "Kūpapa", "Aroha", "01/07/1990", "Ngāti Porou", "9 Tōtara Road, Rotorua", "Is she ok? Pēpi Nevaeh well."),
            ("K-103", "Smith", "Jo", "05/05/1975", "NZ European", "1 High Street, Hastings", "No concerns")]
    header = "Client ID,Surname,First name,Date of birth,Ethnicity,Address,Case notes\r\n"
    body = "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows)
    data = (header + body).encode("cp1252", errors="replace")
    assert b"P?mare" in data and b"Waiwhet? Road" in data
    frame, result = ingest_file(data, file_name="excel.csv", sha256="ab" * 32, provider="p", quarter="2026Q3",
                                run_id="r", standards=standards, confirmed=None)[0]
    assert frame.height == 3
    assert frame.get_column("family_name").to_list()[0] == "Pōmare"
    assert frame.get_column("ethnicity").to_list()[:2] == ["NZ Māori", "Ngāti Porou"]
    assert frame.get_column("address").to_list()[0] == "14 Waiwhetū Road, Māngere"
    assert frame.get_column("case_notes").to_list()[:2] == ["Whānau moved to Māngere.", "Is she ok? Pēpi Nevaeh well."]
    assert len(result.notices) == 1
    assert "lost its macrons" in result.notices[0] and "CSV UTF-8" in result.notices[0]
