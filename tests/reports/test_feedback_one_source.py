"""The feedback report's HTML and PDF come from one context and one section list, and the PDF draws cleanly."""
from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from reports.builders import _environment, render
from reports.charts import PROGRAMME_COLOUR
from reports.pdf import DEMO_FILL, SECTION_DRAWERS, _Report, feedback_pdf
from reports.sections import FEEDBACK_SECTIONS, STEWARD_SECTIONS
from tests.reports.fixtures import feedback_context


class _Headings(HTMLParser):
    """The text of every h2 and h3, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self._level: int | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("h2", "h3"):
            self._level = int(tag[1])
            self.headings.append((self._level, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._level = None

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def html_headings(html: str) -> list[tuple[int, str]]:
    parser = _Headings()
    parser.feed(html)
    return [(level, " ".join(text.split())) for level, text in parser.headings]


def pdf_outline(pdf: bytes) -> list[tuple[int, str]]:
    """The PDF's outline (bookmarks) as (level, title): level 2 for top entries, as the HTML's h2."""
    found: list[tuple[int, str]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))
    walk(PdfReader(io.BytesIO(pdf)).outline, 2)
    return found


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("logged", [True, False], ids=["with-logged-uses", "without"])
def test_when_feedback_is_made_then_html_and_pdf_have_the_same_sections_in_the_same_order(agreement, logged):
    context = feedback_context(agreement, logged=logged)
    html = render("provider_feedback.html.j2", context)
    pdf = feedback_pdf(context)
    expected = [(s.level, s.heading) for s in FEEDBACK_SECTIONS]
    assert html_headings(html) == expected
    assert pdf_outline(pdf) == expected
    assert "Reports, decisions and evaluations that drew on your data" in pdf_text(pdf)   # missing before, whatever the log held


@pytest.mark.parametrize(("template", "sections"), [("provider_feedback.html.j2", FEEDBACK_SECTIONS),
                                                    ("steward_summary.html.j2", STEWARD_SECTIONS)])
def test_when_a_template_is_read_then_it_has_one_block_per_listed_section_and_no_other(template, sections):
    blocks = set(_environment().get_template(template).blocks) - {"title", "body"}
    assert blocks == {s.id for s in sections}


def test_when_the_pdf_builder_is_loaded_then_it_draws_every_listed_section():
    assert set(SECTION_DRAWERS) == {s.id for s in FEEDBACK_SECTIONS}


def _fills(pdf: bytes) -> list[tuple[str, str]]:
    """Every filled rectangle in the PDF's pages, with the fill colour it was drawn in."""
    fills, colour = [], "0 g"
    for page in PdfReader(io.BytesIO(pdf)).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        for match in re.finditer(r"([\d.]+ [\d.]+ [\d.]+) rg|re (f|B)\b", stream):
            if match.group(1):
                colour = match.group(1)
            else:
                fills.append((colour, match.group(2)))
    return fills


def _rg(rgb: tuple[int, int, int]) -> str:
    return " ".join(f"{c / 255:.4f}".rstrip("0").rstrip(".") if c not in (0, 255) else str(c // 255) for c in rgb)


def test_when_the_pdf_is_drawn_then_no_table_row_takes_the_banner_or_chart_colour(agreement):
    context = feedback_context(agreement, outcomes=5)
    fills = _fills(feedback_pdf(context))
    cream = _rg(DEMO_FILL)
    blue_grey = _rg(tuple(int(PROGRAMME_COLOUR[i:i + 2], 16) for i in (1, 3, 5)))
    assert sum(colour == cream for colour, _ in fills) == 1                  # the demo banner, nothing else
    bars = sum(o["programme_share"] is not None for o in context["outcomes"])
    assert sum(colour == blue_grey for colour, _ in fills) == bars + 1        # the programme's bars and its legend key


def test_when_the_chart_would_cross_a_page_end_then_it_moves_whole_to_the_next_page(agreement):
    context = feedback_context(agreement, outcomes=5)
    pdf = _Report("footer")
    pdf.add_page()
    pdf.set_y(pdf.page_break_trigger - 20)
    pdf.outcome_chart(context["outcomes"])
    rectangles = [bytes(pdf.pages[n].contents).count(b" re ") for n in (1, 2)]
    assert pdf.page == 2 and rectangles[0] == 0 and rectangles[1] > 5   # legend and bars all on page 2, none left on page 1
    assert pdf.get_y() < pdf.page_break_trigger   # and ended on that page


def test_when_the_pdf_is_written_then_no_paragraph_is_justified(agreement):
    """fpdf2 justifies Unicode text with a TJ array that widens each space; left-aligned text has none."""
    pdf = feedback_pdf(feedback_context(agreement))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        assert not re.search(r"\) -?[\d.]+\(", stream)      # no space stretched between words
        assert not re.search(r"(?<![\d.])[1-9][\d.]* Tw", stream)


class _FixedClock(dt.datetime):
    """fpdf2 stamps each document with the moment it was begun (and derives the file's /ID from it)."""

    @classmethod
    def now(cls, tz=None):
        return cls(2026, 10, 1, 9, 0, tzinfo=tz)


def test_when_fonts_are_parsed_once_per_process_then_each_pdf_is_the_same_byte_for_byte(agreement, monkeypatch):
    import fpdf.fpdf

    import reports.pdf as pdf_module

    monkeypatch.setattr(fpdf.fpdf, "datetime", _FixedClock)
    first, second = feedback_context(agreement, outcomes=5), feedback_context(agreement, logged=False, demo=False, outcomes=2)
    fresh = []
    for context in (first, second):
        monkeypatch.setattr(pdf_module, "_FACES", {})     # every face parsed from its file, as fpdf2 does by itself
        fresh.append(feedback_pdf(context))
    reused = [feedback_pdf(context) for context in (first, second, first)]   # faces from the last parse
    assert pdf_module._FACES
    assert reused == [fresh[0], fresh[1], fresh[0]]


def test_when_many_reports_are_drawn_by_workers_then_each_is_the_one_drawn_alone(agreement, monkeypatch):
    import fpdf.fpdf

    from reports.pdf import PARALLEL_FROM, feedback_pdfs

    monkeypatch.setattr(fpdf.fpdf, "datetime", _FixedClock)   # forked workers inherit the clock
    contexts = [feedback_context(agreement, logged=bool(i % 2), demo=bool(i % 3), outcomes=1 + i % 5)
                for i in range(PARALLEL_FROM + 1)]
    assert feedback_pdfs(contexts, workers=2) == [feedback_pdf(context) for context in contexts]


def test_when_a_name_has_a_character_outside_the_cut_down_font_then_the_report_is_drawn_from_the_whole_font(agreement):
    from reports.pdf import _draw_feedback

    macrons = feedback_context(agreement) | {"provider_name": "Tāmaki Whānau Ora · ʻOkina Trust"}
    greek = feedback_context(agreement) | {"provider_name": "Ωmega Whānau Trust"}
    assert not any(face.missing_glyphs for face in _draw_feedback(macrons, whole_fonts=False).fonts.values())
    assert any(face.missing_glyphs for face in _draw_feedback(greek, whole_fonts=False).fonts.values())
    for context in (macrons, greek):
        assert context["provider_name"] in pdf_text(feedback_pdf(context))
