"""Provider-facing text uses the provider's own column names; the standard name appears in brackets at most."""
from __future__ import annotations

import re

import polars as pl
import pytest

from reports.builders import (
    _their_words,
    build_provider_quality_context,
    common_context,
    provider_headers,
    render,
    rows_to_fix,
)
from reports.pdf import feedback_pdf
from tests.reports.fixtures import COLUMN_MAPPING, GENERATED, feedback_context, submission
from tests.reports.test_feedback_one_source import pdf_text

STANDARD_NAMES = ("date_of_birth", "client_ref", "full_name", "family_name", "given_names", "outcome_status")
HEADERS = provider_headers({"column_mapping": COLUMN_MAPPING})


@pytest.mark.parametrize(("text", "expected"), [
    ("Fill in date_of_birth for every row.", "Fill in D.O.B. for every row."),
    ("gender must be one of the standard values", "Sex must be one of the standard values"),
    ("the client's name must be given (full_name or family_name or given_names)",
     "the client's name must be given (full name or family name or given names)"),    # no column of theirs: plain words
    ("Use one of: Male, Female, Another gender.", "Use one of: Male, Female, Another gender."),   # a word, not their column
    ("Enter outcome_status as one of the list", "Enter Goal met? as one of the list"),
    ("Use Stats NZ ethnicity labels.", "Use Stats NZ ethnicity labels."),
    ("Check the date of birth against the client's record", "Check the date of birth against the client's record"),
    ("Paste values only (Paste Special > Values)", "Paste values only (Paste Special > Values)"),
])
def test_when_a_check_is_worded_for_a_provider_then_it_names_their_columns(text, expected):
    assert _their_words(text, HEADERS) == expected


def _outside_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", "", text)


def _visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)).split())


def test_when_feedback_lists_what_to_fix_then_it_uses_the_providers_headers_in_html_and_pdf(agreement):
    context = feedback_context(agreement)
    html = _visible(render("provider_feedback.html.j2", context))
    pdf = pdf_text(feedback_pdf(context))
    for text in (html, pdf):
        assert "Fill in D.O.B. for every row." in text and "D.O.B. (date_of_birth)" in text
        assert "Sex must be one of the standard values" in text
        assert not [name for name in STANDARD_NAMES if name in _outside_brackets(text)]


def test_when_a_file_quality_report_is_written_then_problems_checks_and_rows_to_fix_use_their_headers():
    sub = submission()
    issues = pl.DataFrame({"submission_id": ["s"] * 3, "source_row": [4, 9, 5], "column": ["date_of_birth", "date_of_birth", "gender"],
                           "rule": ["date_of_birth.required", "date_of_birth.required", "gender.code_list"],
                           "severity": ["blocking", "blocking", "warning"]})
    context = build_provider_quality_context(sub, issues, common_context("run1", "2026Q3", "IN-CONFIDENCE", False, GENERATED))
    html = _visible(render("quality_provider.html.j2", context))
    assert "Fill in D.O.B. for every row." in html and "Sex must be one of the standard values" in html
    assert not [name for name in STANDARD_NAMES if name in _outside_brackets(html.replace("<code>", ""))
                and name not in {c["standard"] for c in context["columns_used"]}]
    assert next(c["description"] for c in context["checks"]) == "D.O.B. must have a value"
    table = rows_to_fix(sub, issues)
    assert table.filter(pl.col("row") == 4).row(0, named=True) == {
        "row": 4, "column": "D.O.B. (date_of_birth)", "problem": "D.O.B. must have a value", "detail": None,
        "effect": "Row set aside (not used) until corrected", "how_to_fix": "Fill in D.O.B. for every row."}


def test_when_a_note_on_reading_the_file_names_fields_then_the_provider_reads_their_columns_or_plain_words(agreement):
    note = "tamaki.xlsx: service_date was derived: the quarter's end; date_of_birth had two formats"
    context = feedback_context(agreement, submissions=[submission(message=note)])
    assert context["submissions"][0]["message"] == "tamaki.xlsx: service date was derived: the quarter's end; D.O.B. had two formats"
