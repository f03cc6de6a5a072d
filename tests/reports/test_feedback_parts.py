"""Feedback on a submission in several parts: each problem names its file; a file not read shows what it held, no "None"."""
from __future__ import annotations

import io

from pypdf import PdfReader

from reports.builders import render
from reports.pdf import feedback_pdf
from tests.reports.fixtures import FINDINGS, feedback_context, submission


def _two_parts(agreement):
    return feedback_context(agreement, submissions=[
        submission(file_name="20261003T010203Z__whanau_oct_a.xlsx", submission_id="t/2026Q3/a1"),
        submission(file_name="20261004T010203Z__whanau_oct_b.xlsx", submission_id="t/2026Q3/b2", sha256="cd" * 32,
                   findings=[FINDINGS[0]])])


def test_when_a_submission_has_two_parts_then_each_problem_names_its_file(agreement):
    context = _two_parts(agreement)
    files = [(p["rule_id"], p["file"]) for p in context["problems"]]
    assert ("date_of_birth.required", "whanau_oct_a.xlsx") in files and ("date_of_birth.required", "whanau_oct_b.xlsx") in files
    assert context["several_files"]
    html = render("provider_feedback.html.j2", context)
    assert "<th>File</th>" in html and "<code>whanau_oct_b.xlsx</code>" in html
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(feedback_pdf(context))).pages)
    assert "whanau_oct_b.xlsx" in text   # a narrow column may wrap the name


def test_when_a_submission_has_one_file_then_problems_need_no_file_column(agreement):
    context = feedback_context(agreement)
    assert not context["several_files"] and all(p["file"] == "tamaki.xlsx" for p in context["problems"])
    assert "<th>File</th>" not in render("provider_feedback.html.j2", context)


def test_when_a_file_was_superseded_then_its_rows_are_told_and_nothing_reads_none(agreement):
    superseded = submission(file_name="20261001T000000Z__whanau_oct.ods", status="superseded", reader=None, rows_received=0,
                            rows_accepted=0, rows_quarantined=0, rows_with_warnings=0, findings=[],
                            message="20261001T000000Z__whanau_oct.ods: replaced by the resubmission 20261009T000000Z__whanau_oct_v2.ods; "
                                    "its 27 rows were not used")
    context = feedback_context(agreement, submissions=[superseded, submission(file_name="20261009T000000Z__whanau_oct_v2.ods")])
    html = render("provider_feedback.html.j2", context)
    assert "None" not in html and "its 27 rows were not used" in html
    assert "read as None" not in html and "Rows received</div><div class=\"value\">0" not in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(feedback_pdf(context))).pages)
    assert "27 rows" in text.replace("\n", " ") and "None" not in text


def test_a_totals_row_is_not_counted_as_a_client_row_set_aside(agreement):
    # outsider test 10: "7 set aside, 1 of them the TOTAL row" beside the row's own "Not a client: not counted as one"
    from tests.reports.fixtures import finding

    totals = finding("row.totals", "row", "blocking", "a totals row, not a client", "Nothing to correct.", (15,))
    context = feedback_context(agreement, submissions=[submission(findings=[*FINDINGS, totals], rows_quarantined=4)])
    html = render("provider_feedback.html.j2", context)
    assert '<div>Rows set aside</div><div class="value">3</div>' in html
    assert '<div>Not client rows (totals, notes)</div><div class="value">1</div>' in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(feedback_pdf(context))).pages)
    assert "1 were not a client's" in " ".join(text.split())


def test_an_unreadable_entry_is_one_line_with_its_reason_not_a_submission_with_empty_cards(agreement):
    # landing test (outsider 10): an Office lock file showed four zero-row cards and "send the data as a spreadsheet"
    lock = submission(file_name="~$return.xlsx", status="unreadable", rows_received=0, rows_accepted=0, rows_quarantined=0,
                      rows_with_warnings=0, findings=[], dropped_columns=[],
                      message="~$return.xlsx: an Office lock file, left while the workbook was open; it holds no data")
    html = " ".join(render("provider_feedback.html.j2", feedback_context(agreement, submissions=[lock])).split())
    assert "an Office lock file" in html and "Rows received" not in html and "send the data as a spreadsheet" not in html
