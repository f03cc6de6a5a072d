"""The feedback PDF's own layout: wrapped table cells and paragraphs, page breaks, and reused font cuts."""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

import reports.pdf as pdf_module
from reports.pdf import LINE_H, _Report, feedback_pdf, wrap_text
from tests.reports.fixtures import feedback_context

LOGGED_HEADINGS = ("Recorded", "Used by", "Use", "What came of it")
LOGGED_WIDTHS = (24, 40, 60, 54)   # as reports.pdf draws the use log


def logged_use(n: int) -> dict[str, str]:
    """A use-log entry whose every cell is marked with its row number and wraps in its column."""
    return {"recorded_on": f"2026-10-{n % 28 + 1:02d}", "used_by": f"Evaluation team {n} of the Ministry of Social Development",
            "use": f"Use {n}: interim evaluation of the programme's reach across Tāmaki Makaurau and Te Tai Tokerau",
            "outcome": f"Outcome {n}: the programme was extended for two more years with the same eligibility rules"}


def long_log(agreement: Any, rows: int = 60) -> dict[str, Any]:
    return feedback_context(agreement) | {"logged_uses": [logged_use(n) for n in range(rows)]}


def text_runs(pdf: bytes) -> list[tuple[int, float, float, str, str, float]]:
    """Every string drawn: (page, x mm, baseline mm from the top, text, font name, size in points)."""
    runs: list[tuple[int, float, float, str, str, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        height = float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float, number: int = number,
                  height: float = height) -> None:
            if text.strip():
                name = str(font["/BaseFont"]) if font else ""
                runs.append((number, tm[4] * 25.4 / 72, (height - tm[5]) * 25.4 / 72, text.strip(), name, size))
        page.extract_text(visitor_text=visit)
    return runs


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def measured(text: str, font: str, size: float) -> float:
    """Width in mm of `text` in the report font named by a PDF's /BaseFont."""
    report = _Report("measuring")
    report.add_page()
    report.set_font("DejaVu", "B" if "Bold" in font else "", size)
    return report.get_string_width(text)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """fpdf2 stamps each document with the moment it was begun; fixed so two drawings can be compared byte for byte."""
    import fpdf.fpdf

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 10, 1, 9, 0, tzinfo=tz)
    monkeypatch.setattr(fpdf.fpdf, "datetime", Clock)


def test_when_a_table_runs_over_pages_then_every_cell_is_printed_whole_and_no_row_is_split(agreement):
    context = long_log(agreement)
    pages = page_texts(feedback_pdf(context))
    where = {}
    for entry in context["logged_uses"]:
        cells = [entry["used_by"], entry["use"], entry["outcome"]]    # each names its row (dates repeat)
        found = [n for n, text in enumerate(pages) for value in cells if " ".join(value.split()) in text]
        assert len(found) == len(cells), entry                        # every cell's whole text, on one page
        assert len(set(found)) == 1, entry                            # the row's cells all on the same page
        where[entry["use"]] = found[0]
    assert len(set(where.values())) >= 2                              # the table did cross a page end


def test_when_a_table_runs_over_pages_then_each_page_begins_with_its_heading_row(agreement):
    context = long_log(agreement)
    runs = text_runs(feedback_pdf(context))
    table_pages = sorted({page for page, _, _, text, _, _ in runs if re.match(r"Use \d+:", text)})
    assert len(table_pages) >= 2
    for page in table_pages:
        on_page = [(y, text, font) for p, _, y, text, font, _ in runs if p == page]
        first_row = min(y for y, text, _ in on_page if re.match(r"Use \d+:", text))
        headings = {text: (y, font) for y, text, font in on_page if text in LOGGED_HEADINGS}
        assert set(headings) == set(LOGGED_HEADINGS), page
        assert all(y < first_row and "Bold" in font for y, font in headings.values())


def test_when_the_report_is_drawn_then_no_text_runs_past_the_printable_width(agreement):
    unbroken = "https://evaluation.example.govt.nz/" + "reports/" * 12 + "interim"
    context = long_log(agreement, rows=8)
    context["logged_uses"].append({"recorded_on": "2026-10-30", "used_by": "Evaluation team", "use": unbroken,
                                   "outcome": "x " * 200})
    report = _Report("margins")
    left, right = report.l_margin, report.w - report.r_margin
    runs = text_runs(feedback_pdf(context))
    assert runs
    for _, x, _, text, font, size in runs:
        assert left - 0.01 <= x and x + measured(text, font, size) <= right + 0.01, text
    assert unbroken in "".join(text for *_, text, _, _ in runs)      # broken between characters, nothing cut off


def test_when_a_cell_is_wrapped_then_each_line_stays_inside_its_column(agreement):
    context = long_log(agreement, rows=3)
    report = _Report("columns")
    edges = [report.l_margin]
    for width in LOGGED_WIDTHS:
        edges.append(edges[-1] + width * report.epw / sum(LOGGED_WIDTHS))
    texts = {v for entry in context["logged_uses"] for v in entry.values()}
    runs = [r for r in text_runs(feedback_pdf(context)) if any(r[3] in t for t in texts)]
    assert len(runs) > len(texts)                                       # some cells took more than one line
    for _, x, _, text, font, size in runs:
        column = max(i for i, edge in enumerate(edges[:-1]) if edge <= x)
        assert x + measured(text, font, size) <= edges[column + 1] - report.c_margin + 0.01, text


def test_when_one_row_is_taller_than_a_page_then_it_continues_on_the_next_and_nothing_is_lost(agreement):
    words = [f"word{n}" for n in range(1200)]
    context = feedback_context(agreement) | {"logged_uses": [{"recorded_on": "2026-10-01", "used_by": "Evaluation team",
                                                              "use": "Long use", "outcome": " ".join(words)}]}
    pages = page_texts(feedback_pdf(context))
    assert re.findall(r"word\d+", " ".join(pages)) == words           # every word, in order, across the pages
    assert sum(bool(re.search(r"word\d+", page)) for page in pages) >= 2


def test_when_names_have_macrons_then_they_are_printed_with_them(agreement):
    context = long_log(agreement, rows=2) | {"provider_name": "Ōtautahi Whānau Ora Kāinga"}
    text = " ".join(page_texts(feedback_pdf(context)))
    assert "Ōtautahi Whānau Ora Kāinga" in text
    assert "Tāmaki Makaurau and Te Tai Tokerau" in text


def test_when_fonts_were_cut_for_an_earlier_report_then_the_pdf_is_the_same_byte_for_byte(agreement, monkeypatch):
    contexts = [long_log(agreement, rows=5), feedback_context(agreement, logged=False, demo=False, outcomes=2)]
    fresh = []
    for context in contexts:
        monkeypatch.setattr(pdf_module, "_EMBEDDED", {})
        fresh.append(feedback_pdf(context))
    assert [feedback_pdf(context) for context in contexts] == fresh
    assert pdf_module._EMBEDDED


@pytest.mark.parametrize("text", ["", "one", "one two three four five six seven", "a\nb c", "averyveryverylongword tail"])
def test_when_text_is_wrapped_then_no_line_is_wider_than_asked_and_no_character_is_lost(text):
    advances = dict.fromkeys(map(ord, "abcdefghijklmnopqrstuvwxyz"), 10.0) | {32: 5.0}
    lines = wrap_text(text, 60.0, advances, "test")
    assert all(sum(advances[ord(c)] for c in line) <= 60.0 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert len(lines) >= 1 + text.count("\n")


def test_when_a_word_is_too_wide_then_it_breaks_after_an_underscore_or_hyphen_where_one_fits():
    """A user test's PDF read "(outcome_statu s)"."""
    advances = dict.fromkeys(map(ord, "abcdefghijklmnopqrstuvwxyz_()-"), 10.0) | {32: 5.0}
    assert wrap_text("(outcome_status)", 120.0, advances, "joints") == ("(outcome_", "status)")
    assert wrap_text("abcdefghijklmnop", 100.0, advances, "joints") == ("abcdefghij", "klmnop")   # none: between characters


def test_when_text_is_wrapped_then_each_line_takes_as_many_words_as_fit():
    advances = dict.fromkeys(map(ord, "ab"), 10.0) | {32: 10.0}
    assert wrap_text("ab ab ab ab", 50.0, advances, "greedy") == ("ab ab", "ab ab")
    assert wrap_text("ab ab ab", 49.0, advances, "greedy") == ("ab", "ab", "ab")


def test_when_a_table_is_drawn_then_its_rows_are_whole_lines_high(agreement):
    report = _Report("rows")
    report.add_page()
    top = report.get_y()
    report.grid(["A", "B"], [["one", "two"], ["a longer value that wraps " * 3, "x"]], [20, 158])
    lines = 1 + 1 + len(report.wrap("a longer value that wraps " * 3, 20 - 2 * report.c_margin))
    assert report.get_y() == pytest.approx(top + lines * LINE_H + 2)


def test_when_a_report_uses_glyphs_cut_before_then_its_font_is_embedded_from_that_cut_without_cutting_again(agreement, monkeypatch):
    context = feedback_context(agreement, logged=False, demo=False, outcomes=2)
    monkeypatch.setattr(pdf_module, "_EMBEDDED", {})
    first = feedback_pdf(context)
    cuts = []
    real_subset = pdf_module.subset.Subsetter.subset
    monkeypatch.setattr(pdf_module.subset.Subsetter, "subset", lambda self, font: cuts.append(font) or real_subset(self, font))
    again = feedback_pdf(context)
    assert again == first
    assert cuts == [], "a font cut before to the same glyphs was cut again"


def test_when_fpdf2_cuts_a_font_not_cut_before_then_it_is_cut_as_fonttools_would():
    import fpdf.output
    from fontTools import ttLib

    assert fpdf.output.ftsubset.Options is pdf_module.subset.Options
    font = ttLib.TTFont(str(pdf_module.FONTS_DIR / "DejaVuSans.ttf"), lazy=True)
    subsetter = fpdf.output.ftsubset.Subsetter(pdf_module.subset.Options(notdef_outline=True))
    subsetter.populate(glyphs=[".notdef", "A", "B"])
    subsetter.subset(font)
    assert set(font.getGlyphOrder()) == {".notdef", "A", "B"}
