"""Text whose UTF-8 letters were read as Windows-1252 is repaired at ingest, and the provider is told."""
from __future__ import annotations

import polars as pl
import pytest

from deid.ingest import ingest_file
from deid.ingest.mojibake import TE_REO_MACRONS, repair_frame, repair_notice, repair_table, repair_text


def _through_cp1252(text: str, undefined: str) -> str:
    """How a program that reads UTF-8 bytes as Windows-1252 shows the text (undefined bytes as `undefined`,
    or as the Latin-1 control character when it is empty)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(undefined or bytes([byte]).decode("latin-1"))
    return "".join(out)


WORDS = ["Whakatāne", "Tūhoe", "Ōhope", "Kererū", "Tēnā koe", "Ākina", "Ēnei", "Īnanga", "Ūpoko", "pīwakawaka"]


@pytest.mark.parametrize("undefined", ["?", "\ufffd", ""])
@pytest.mark.parametrize("word", WORDS)
def test_when_macrons_were_read_as_windows_1252_then_they_are_repaired(word, undefined):
    damaged = _through_cp1252(word, undefined)
    assert damaged != word
    assert repair_text(damaged) == word


@pytest.mark.parametrize("word", [*WORDS, "Zoë Müller", "Ångström façade"])
def test_when_letters_were_read_as_latin_1_then_they_are_repaired(word):
    assert repair_text(word.encode("utf-8").decode("latin-1")) == word


def test_when_every_macron_vowel_is_damaged_then_each_damaged_form_is_known():
    table = repair_table()
    for vowel in TE_REO_MACRONS:
        for undefined in ("?", "\ufffd", ""):
            assert table[_through_cp1252(vowel, undefined)] == vowel


@pytest.mark.parametrize("text", ["Is this right? Yes?", "Ref ?12", "How are you?", "Über?", "??"])
def test_when_a_question_mark_stands_alone_then_it_is_never_touched(text):
    assert repair_text(text) == text


def test_when_a_damaged_form_could_be_several_letters_none_a_macron_then_it_is_left():
    # 'Ã?' is Á, Í, Ï, Ð or Ý with its second byte lost: nothing says which
    assert repair_text("GÃ?sli") == "GÃ?sli"


def test_when_a_frame_is_repaired_then_rows_are_kept_and_cells_counted_per_column():
    frame = pl.DataFrame({"Iwi": ["NgÄ?ti Awa", "Tainui", None], "Kōrero": ["Hui at the marae", "TÅ«tira", "RÄ\x81"],
                          "n": ["1", "2", "3"]})
    repaired, repairs = repair_frame(frame, ["Iwi", "Kōrero", "n"])
    assert repaired.height == 3 and repaired.get_column("n").to_list() == ["1", "2", "3"]
    assert repaired.get_column("Iwi").to_list() == ["Ngāti Awa", "Tainui", None]
    assert repaired.get_column("Kōrero").to_list() == ["Hui at the marae", "Tūtira", "Rā"]
    assert repairs.cells == {"Iwi": 1, "Kōrero": 2}
    notice = repair_notice(repairs, {"Kōrero": "column 2"})
    assert notice is not None and "3 cell(s)" in notice and "'Iwi' (1)" in notice and "'column 2' (2)" in notice
    assert "UTF-8" in notice


def test_when_a_file_has_garbled_macrons_then_ingest_repairs_every_text_column_and_says_so(standards):
    rows = [("K-101", "Tāwhiri", "Hēmi", "12/03/1988", "Māori", "4 Pūriri Street, Ōtaki", "Hēmi rang from Ōtaki"),
            ("K-102", "Kūpapa", "Rīpeka", "01/07/1990", "Pākehā", "9 Tōtara Road, Rotorua", "Seen with Rīpeka's pēpi"),
            ("K-103", "Smith", "Jo", "05/05/1975", "NZ European", "1 High Street, Hastings", "No concerns")]
    header = "Client ID,Surname,First name,Date of birth,Ethnicity,Address,Case notes\n"
    body = "".join(",".join(f'"{_through_cp1252(cell, "?")}"' for cell in row) + "\n" for row in rows)
    frame, result = ingest_file((header + body).encode("utf-8"), file_name="kfs.csv", sha256="cd" * 32, provider="p",
                                quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    assert result.rows_received == frame.height == 3
    assert frame.get_column("family_name").to_list() == ["Tāwhiri", "Kūpapa", "Smith"]
    assert frame.get_column("ethnicity").to_list() == ["Māori", "Pākehā", "NZ European"]
    assert frame.get_column("case_notes").to_list()[:2] == ["Hēmi rang from Ōtaki", "Seen with Rīpeka's pēpi"]
    assert frame.get_column("address").to_list()[1] == "9 Tōtara Road, Rotorua"
    assert result.repaired_cells == {"Surname": 2, "First name": 2, "Ethnicity": 2, "Address": 2, "Case notes": 2}
    assert len(result.notices) == 1 and "10 cell(s)" in result.notices[0] and "UTF-8" in result.notices[0]


def test_when_a_file_has_no_damage_then_nothing_is_said(standards):
    data = "Client ID,Surname,Date of birth\nA1,Pōtae,01/01/1990\nA2,Jones,02/02/1992\n".encode()
    _, result = ingest_file(data, file_name="ok.csv", sha256="ef" * 32, provider="p", quarter="2026Q3", run_id="r",
                            standards=standards, confirmed=None)[0]
    assert result.repaired_cells == {} and result.notices == ()
