"""A provider's outcomes beside the programme's: like with like, missing figures named for what they are."""
from __future__ import annotations

import re

import polars as pl

from reports.builders import build_feedback_context, common_context, outcome_rows, programme_outcomes, render
from reports.charts import outcome_comparison_svg
from reports.pdf import feedback_pdf
from tests.reports.fixtures import GENERATED, submission
from tests.reports.test_feedback_one_source import pdf_text

LABELS = {"met": "Goal met", "half": "Half met", "unmet": "Goal not met", "left": "Left early"}


def _table(cells: dict[str, int | None]) -> pl.DataFrame:
    """The programme row of a protected outcomes table, as released (outcomes shown by label)."""
    return pl.DataFrame({"provider": ["All"] * len(cells), "outcome_status": list(cells), "count": list(cells.values()),
                         "status": ["published" if v is not None else "secondary" for v in cells.values()]})


def test_when_the_programme_table_holds_people_without_outcomes_then_shares_are_of_people_with_one():
    table = _table({"All": 300, "Goal met": 30, "Goal not met": 60, "Left early": None, "Not recorded": 180,
                    "Not recognised": 12})
    counts, with_outcome = programme_outcomes(table, LABELS)
    assert counts == {"met": 30, "unmet": 60, "left": None} and with_outcome == 300 - 180 - 12
    rows, note = outcome_rows({"met": 4, "unmet": 4, None: 2, "not_recorded": 0}, counts, LABELS, with_outcome)
    by_label = {r["label"]: r for r in rows}
    assert by_label["Goal met"]["own_share"] == 0.5 and by_label["Goal met"]["programme_share"] == 30 / 108
    assert "8 of your people with an outcome in the list (2 more had none recorded" in note


def test_when_an_outcome_has_no_row_anywhere_then_it_is_0_and_only_a_hidden_cell_is_suppressed():
    counts, with_outcome = programme_outcomes(_table({"All": 90, "Goal met": 45, "Goal not met": None, "Left early": None}), LABELS)
    rows = {r["label"]: r for r in outcome_rows({"met": 3}, counts, LABELS, with_outcome)[0]}
    assert rows["Half met"]["programme"] == 0 and rows["Half met"]["programme_share"] == 0.0
    assert rows["Goal not met"]["programme"] is None and rows["Goal not met"]["programme_text"] == "suppressed"


def test_when_neither_the_people_with_an_outcome_nor_every_outcome_cell_is_published_then_no_programme_share_is_shown():
    # user test 6: over the published cells alone, "Partly achieved" showed 39% against a true 25%
    table = _table({"All": 209, "Goal met": 80, "Half met": 54, "Goal not met": None, "Left early": 4, "Not recorded": None})
    counts, with_outcome = programme_outcomes(table, LABELS)
    assert with_outcome is None
    rows, note = outcome_rows({"met": 4, "unmet": 4}, counts, LABELS, with_outcome)
    assert all(r["programme_share"] is None for r in rows)
    assert {r["label"]: r["programme"] for r in rows}["Half met"] == 54   # the count itself is still shown
    assert "programme's shares are not shown" in note
    # every outcome cell published: they add up to the people with one, and the shares are of that
    whole = _table({"All": 209, "Goal met": 80, "Half met": 54, "Goal not met": 50, "Left early": 4, "Not recorded": None})
    counts, with_outcome = programme_outcomes(whole, LABELS)
    rows, note = outcome_rows({"met": 4}, counts, LABELS, with_outcome)
    assert {r["label"]: r["programme_share"] for r in rows}["Half met"] == 54 / 188 and "compare like with like" in note


def test_when_a_provider_records_no_outcomes_then_its_side_says_not_recorded_not_0_percent(agreement):
    counts = {"met": 12, "half": 9, "unmet": 6, "left": 3}
    context = build_feedback_context(
        provider="tamaki-whanau-ora", provider_name="Tāmaki", submissions=[submission()],
        own_figures={"people": 20, "sessions": "not recorded", "mean_sessions": "not recorded"},
        own_outcomes={"not_recorded": 20}, programme_outcomes=counts, outcome_labels=LABELS, uses=[], agreement=agreement,
        common=common_context("run1", "2026Q3", "IN-CONFIDENCE", False, GENERATED))
    assert all(o["own"] is None and o["own_share"] is None for o in context["outcomes"])
    assert [o["programme_share"] for o in context["outcomes"]] == [12 / 30, 9 / 30, 6 / 30, 3 / 30]
    html = _between(render("provider_feedback.html.j2", context), 'id="outcomes"', 'id="uses"')
    pdf = _between(pdf_text(feedback_pdf(context)), "Outcomes: you and the programme", "How your data was used")
    svg = outcome_comparison_svg(context["outcomes"])
    for text in (html, pdf):
        assert "not recorded" in text and "suppressed" not in text and not re.search(r"(?<![\d.])0%", text)
        assert "records no outcome in the list" in text
    assert svg.count(">not recorded<") == 4 and "suppressed" not in svg
    figures = _between(pdf_text(feedback_pdf(context)), "Your service figures", "Outcomes: you and the programme")
    assert figures.count("not recorded") == 2 and " 0.0" not in figures


def _between(text: str, start: str, end: str) -> str:
    part = text[text.rindex(start):]
    return part[:part.index(end)]


def test_when_a_provider_sent_no_file_then_its_feedback_does_not_say_every_check_passed(agreement):
    context = build_feedback_context(
        provider="tamaki-whanau-ora", provider_name="Tāmaki", submissions=[],
        own_figures={"people": 0, "sessions": "not recorded", "mean_sessions": "not recorded"},
        own_outcomes={}, programme_outcomes={"met": 12}, outcome_labels=LABELS, uses=[], agreement=agreement,
        common=common_context("run1", "2026Q3", "IN-CONFIDENCE", False, GENERATED))
    for text in (render("provider_feedback.html.j2", context), pdf_text(feedback_pdf(context))):
        assert "Every check passed" not in text and "no file was received for 2026Q3" in text


def test_a_totals_row_is_not_told_to_be_corrected():
    # user test 7: the provider was told "Row set aside (not used) until corrected" beside "nothing else needs fixing"
    from reports.builders import effect_of

    assert effect_of({"rule_id": "row.totals", "severity": "blocking"}) == "Not a client: not counted as one, nothing to correct"
    assert effect_of({"rule_id": "date_of_birth.not_recorded", "severity": "warning"}).startswith("Row kept")
    assert effect_of({"rule_id": "nhi.format", "severity": "blocking"}) == "Row set aside (not used) until corrected"


def test_how_the_data_was_used_names_purposes_in_words_and_says_how_long_it_is_kept(agreement):
    # user test 7: the provider read 'service_delivery' and nothing about how long its data is kept
    context = build_feedback_context(
        provider="tamaki-whanau-ora", provider_name="Tāmaki", submissions=[submission()],
        own_figures={"people": 20, "sessions": 40, "mean_sessions": 2.0}, own_outcomes={}, programme_outcomes={},
        outcome_labels=LABELS, agreement=agreement, common=common_context("run1", "2026Q3", "IN-CONFIDENCE", False, GENERATED),
        uses=[{"description": "Evaluation extract", "audience": "researchers", "purpose": "evaluation", "protection": "k=3"},
              {"description": "Feedback", "audience": "provider", "purpose": "provider_feedback", "protection": "-"}])
    assert context["uses"][0]["purpose"] == agreement.purposes["evaluation"].description
    assert context["uses"][1]["purpose"] == "Provider feedback"
    html = render("provider_feedback.html.j2", context)
    pdf = pdf_text(feedback_pdf(context))
    for text in (html, pdf):
        assert f"the files you send {agreement.retention.raw_submissions_years} year(s)" in " ".join(text.split())


def test_a_warned_value_that_is_kept_as_written_is_not_said_to_be_unused():
    # an outsider user test: an out-of-quarter service date was told "this value was not used" and was then released
    from reports.builders import effect_of

    assert effect_of({"rule_id": "service_date.inside_quarter", "severity": "warning"}) == (
        "Row kept, with the date as you gave it: please check it")
    assert "not used" not in effect_of({"rule_id": "date_of_birth.same_as_before", "severity": "warning"})
    # the same check name when it blocks: the row is set aside, as for any blocking rule
    assert effect_of({"rule_id": "date_of_birth.plausible_range", "severity": "blocking"}) == "Row set aside (not used) until corrected"
    # a value the standardiser leaves out is still "not used"
    assert effect_of({"rule_id": "wellbeing_start.integer_range", "severity": "warning"}) == "Row kept; this value was not used"


def test_when_every_outcome_cell_is_published_then_the_programme_shares_add_up_to_100_percent():
    # outsider test 10: rounded cells 30 + 9 + 12 = 51 against a total less its rounded "Not recorded" of 48: 106%
    table = _table({"All": 66, "Goal met": 30, "Half met": 0, "Goal not met": 9, "Left early": 12, "Not recorded": 18})
    counts, with_outcome = programme_outcomes(table, LABELS)
    assert with_outcome == 48
    rows, _ = outcome_rows({"met": 4}, counts, LABELS, with_outcome)
    assert abs(sum(r["programme_share"] for r in rows) - 1.0) < 1e-9
