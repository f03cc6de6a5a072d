"""The one formula-injection rule: formula-shaped text is escaped, numbers and plain text are left alone."""
from __future__ import annotations

import polars as pl
import pytest

from deid.safe_text import header_as_shown, is_formula_shaped, neutralise_formula, neutralise_frame
from deid.scrub.scrub import Scrubber, Span, scrub_texts


@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("  =1+1", "'  =1+1"),                       # spaces some programs trim first
    ("＝1+1", "'＝1+1"),                          # the full-width sign some locales evaluate
    ("- attended group", "'- attended group"),    # not a formula, but a cell starting with - is still escaped
    ("+64 21 555 0123", "'+64 21 555 0123"),
    ("-3", "-3"),                                 # a plain number cannot run: left alone
    ("+1.5", "+1.5"),
    ("-12%", "-12%"),
    ("-1e5", "-1e5"),
    ("3-4", "3-4"),
    ("Attended 6 of 8 sessions", "Attended 6 of 8 sessions"),
    ("", ""),
    (None, None),
    (-3, -3),
    (2.5, 2.5),
])
def test_when_a_value_is_written_then_only_formula_shaped_text_is_escaped(value, expected):
    assert neutralise_formula(value) == expected
    if isinstance(value, str):
        assert is_formula_shaped(value) == (expected != value)


def test_when_a_frame_is_neutralised_then_text_columns_and_headers_are_escaped_and_numbers_stay_numbers():
    frame = pl.DataFrame({"note": ["=1+1", "-3", "fine", None], "change": [-3, -1, 0, 2], "score": [-0.5, 1.0, None, 2.0],
                          "=cmd|' /C calc'!A0": ["a", "b", "c", "d"]})
    safe = neutralise_frame(frame)
    assert safe.get_column("note").to_list() == ["'=1+1", "-3", "fine", None]
    assert safe.get_column("change").dtype == pl.Int64 and safe.get_column("change").to_list() == [-3, -1, 0, 2]
    assert safe.get_column("score").to_list() == [-0.5, 1.0, None, 2.0]
    assert "'=cmd|' /C calc'!A0" in safe.columns
    assert frame.get_column("note").to_list()[0] == "=1+1"          # the input is not changed


def test_when_the_frame_and_the_value_rule_meet_the_same_text_then_they_agree():
    values = ["=1", "-1", " -1", "\t-1", "-", "+ 2", "@", "a@b", "\n=1", "\u00a0@x", "1,000", "-1,234.5"]
    assert neutralise_frame(pl.DataFrame({"v": values})).get_column("v").to_list() == [neutralise_formula(v) for v in values]


def _found(entity: str, start: int, end: int, recognizer: str) -> Span:
    return Span(entity, start, end, 0.9, recognizer, None)


@pytest.mark.parametrize(("header", "found", "expected"), [
    ("Caregiver DOB", [_found("PERSON", 0, 13, "TitledNameRecognizer")], "Caregiver DOB"),      # a guess from shape
    ("Pēpi name", [_found("PERSON", 5, 9, "CrfNameRecognizer")], "Pēpi name"),
    ("Happy to be contacted?", [_found("PERSON", 0, 5, "CommonGivenNameRecognizer")], "Happy to be contacted?"),
    ("Rain day?", [_found("PERSON", 0, 4, "KnownNamesRecognizer")], "Rain day?"),     # a client called Rain: one word
    ("Whānau email (manu.h@example.net)", [_found("EMAIL_ADDRESS", 14, 32, "NzEmailRecognizer")], "Whānau email (<EMAIL>)"),
    ("Call 027 555 0199 first", [_found("PHONE_NUMBER", 5, 17, "NzPhoneRecognizer")], "Call <PHONE> first"),
    ("Wiremu Kerei", [_found("PERSON", 0, 6, "KnownNamesRecognizer"), _found("PERSON", 7, 12, "KnownNamesRecognizer")],
     "<PERSON>"),                                                                          # a client row read as the header
    ("Checked by Hine", [_found("PERSON", 11, 15, "KnownNamesRecognizer"), _found("PERSON", 11, 15, "TitledNameRecognizer")],
     "Checked by <PERSON>"),                                                               # a client's name, read as a name
    ("Hine", [_found("PERSON", 0, 4, "KnownNamesRecognizer")], "<PERSON>"),                # the whole header
    ("NHI (ABC1235) or ref", [_found("NZ_NHI", 5, 12, "NzNhiRecognizer"), _found("PERSON", 0, 3, "CrfNameRecognizer")],
     "NHI (<NHI>) or ref"),
])
def test_when_a_header_is_shown_back_then_its_words_stay_and_only_identifier_shaped_content_goes(header, found, expected):
    assert header_as_shown(header, found, {"PERSON": "<PERSON>", "EMAIL_ADDRESS": "<EMAIL>", "PHONE_NUMBER": "<PHONE>",
                                           "NZ_NHI": "<NHI>"}) == expected


def test_when_detections_overlap_in_a_header_then_they_are_replaced_once_and_nothing_of_them_is_left():
    found = [_found("NZ_IRD", 4, 15, "NzIrdRecognizer"), _found("PHONE_NUMBER", 8, 20, "NzPhoneRecognizer")]
    assert header_as_shown("IRD 123-456-789 123", found) == "IRD <NZ_IRD>"


def test_when_the_projects_scrubber_reads_headers_then_field_names_stay_and_contact_details_go(standards):
    scrubber = Scrubber(standards)
    headers = ["Caregiver DOB", "Pēpi name", "Happy to be contacted?", "Matua name", "OK for follow-up?",
               "Kaiāwhina email: rewi.t@example.org", "Ph 021 555 0143", "Rāwiri Tane"]
    found = scrub_texts(scrubber, headers, ["Rāwiri", "Tane", "Kiri"], [], workers=1)
    shown = [header_as_shown(h, spans, scrubber.placeholders) for h, (_, spans) in zip(headers, found, strict=True)]
    assert shown == ["Caregiver DOB", "Pēpi name", "Happy to be contacted?", "Matua name", "OK for follow-up?",
                     "Kaiāwhina email: <EMAIL>", "Ph <PHONE>", "<PERSON>"]
