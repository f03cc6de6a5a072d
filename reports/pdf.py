"""The provider feedback report as PDF, from the same context and section list as its HTML page.

fpdf2 writes the file directly (no browser, no network, no system libraries). The sections are
`reports.sections.FEEDBACK_SECTIONS`, walked in order as the HTML template walks them; each has a
drawer here, and each heading is also an entry in the PDF's outline (bookmarks), so a reader's
tools (and the tests) can compare the PDF's sections with the HTML's. DejaVu Sans is bundled in
reports/fonts so macrons (Tāmaki, Māori) print correctly on any machine.

Drawing is kept cheap because a run writes one report per provider (200 in a national quarter;
issue 16). Text is laid out here rather than by fpdf2's `multi_cell` and `table`, which cost about
0.15 s a report: each string is wrapped greedily from the font's advance widths (wrappings are
remembered per process, since most cells repeat across providers), then drawn line by line with
`FPDF.text` at known positions, with a rectangle per table cell. Writing the file was dominated by
cutting the fonts down to the glyphs used; every report embeds COMMON_GLYPHS, so most embed the
same glyphs, and a font cut before to the same glyphs is embedded as it is, not cut again (`_written`).
"""
from __future__ import annotations

import copy
import hashlib
import io
import logging
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import accumulate
from pathlib import Path
from typing import Any

import fpdf.output
from fontTools import subset, ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from reports.charts import OWN_COLOUR, PROGRAMME_COLOUR
from reports.sections import FEEDBACK_SECTIONS, Section

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# The Unicode blocks the reports are written in: Latin with every extension (macrons, the Pasifika
# 'okina and glottal marks), combining marks, punctuation, currency, arrows, maths and box drawing.
REPORT_BLOCKS = ((0x20, 0x7E), (0xA0, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
                 (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2500, 0x25FF))
_log = logging.getLogger(__name__)
INK, MUTED, WHITE, BAD, OK = (29, 42, 51), (91, 107, 119), (255, 255, 255), (163, 38, 31), (46, 107, 46)
HEADING_FILL, DEMO_FILL = (243, 246, 248), (255, 243, 205)
CHART_LABEL_W, CHART_PLOT_W, CHART_BAR = 55.0, 95.0, 4.0
# The glyphs every report embeds whether it prints them or not: then most reports embed the same
# glyphs, and `_written` cuts the fonts down from a copy cut before (saving 15-25 ms a face).
COMMON_GLYPHS = "".join(map(chr, range(0x20, 0x7F))) + "āēīōūĀĒĪŌŪ·–—‘’“”…"
LINE_H, TABLE_SIZE = 5.0, 8.5      # mm per line of a paragraph or table cell; table text in points
BASELINE = 0.3                     # fpdf2's baseline: half a line down, then this share of the font size


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


_FACES: dict[tuple[str, str], TTFFont] = {}   # (family+style, file) -> a parsed face, never itself written


def _fresh_face(pdf: FPDF, template: TTFFont) -> TTFFont:
    """A face for one more document from one parsed before: the widths and glyph maps (what fpdf2
    spends its time building, 0.15 s a face) are copied, while what each document changes (the
    subset of glyphs it uses, and the font file, which the subsetter cuts down in place when the
    PDF is written) starts afresh, exactly as `FPDF.add_font` would make them."""
    face = copy.copy(template)
    face.i = len(pdf.fonts) + 1
    face.ttfont = ttLib.TTFont(template.ttffile, recalcTimestamp=False, fontNumber=template.collection_font_number, lazy=True)
    face.cw = copy.copy(template.cw)               # a defaultdict: looking up a missing character adds it
    face.glyph_ids = dict(template.glyph_ids)
    face.missing_glyphs = []
    face.biggest_size_pt = 0
    face._hbfont = None
    face.subset = SubsetMap(face)
    return face


_CUT: dict[Path, Path] = {}


def _cut_font(path: Path) -> Path:
    """The font cut down to REPORT_BLOCKS (a third of its size), made once per machine in the temp folder.

    fpdf2 subsets the embedded font for every document it writes, and that work grows with the
    font: from a cut-down copy each report is drawn about a third faster. A report that uses a
    character outside these blocks is drawn again from the whole font (`feedback_pdf`). Where the
    copy cannot be written, the whole font is used.
    """
    if path in _CUT:
        return _CUT[path]
    blocks = ",".join(f"{a:x}-{b:x}" for a, b in REPORT_BLOCKS)
    digest = hashlib.sha256(path.read_bytes() + blocks.encode()).hexdigest()[:16]
    cut = Path(tempfile.gettempdir()) / f"deid-fonts-{os.getuid() if hasattr(os, 'getuid') else 0}" / f"{path.stem}-{digest}.ttf"
    if not cut.exists():
        try:
            cut.parent.mkdir(mode=0o700, exist_ok=True)
            font = ttLib.TTFont(str(path), recalcTimestamp=False)
            options = subset.Options()
            options.layout_features, options.name_IDs, options.name_languages = ["*"], ["*"], ["*"]
            options.notdef_outline, options.hinting = True, True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[u for low, high in REPORT_BLOCKS for u in range(low, high + 1)])
            logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
            subsetter.subset(font)
            partial = cut.with_suffix(f".{os.getpid()}.part")
            font.save(str(partial))
            os.replace(partial, cut)
        except OSError as exc:
            _log.info("drawing reports from the whole font %s (no cut-down copy: %s)", path.name, exc)
            cut = path
    _CUT[path] = cut
    return cut


class _Report(FPDF):
    def __init__(self, footer_text: str, whole_fonts: bool = False):
        super().__init__(format="A4")
        self.footer_text = footer_text
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
            self._add_font_once("DejaVu", style, FONTS_DIR / name if whole_fonts else _cut_font(FONTS_DIR / name))
            face = self.fonts[f"dejavu{style}"]
            if isinstance(face, TTFFont):
                for character in COMMON_GLYPHS:
                    face.subset.pick(ord(character))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(16, 16, 16)

    def _add_font_once(self, family: str, style: str, path: Path) -> None:
        """`add_font`, parsing each font file once per process rather than once per report (a run
        writes one report per provider); the PDF written is the same byte for byte."""
        fontkey, key = f"{family.lower()}{style}", (f"{family.lower()}{style}", str(path))
        template = _FACES.get(key)
        if template is None or template.color_font is not None:
            self.add_font(family, style, str(path))
            added = self.fonts[fontkey]
            if template is None and isinstance(added, TTFFont):
                _FACES[key] = _fresh_face(self, added)   # a copy: this document's own face gets subset
            return
        self.fonts[fontkey] = _fresh_face(self, template)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}", align="C")

    def room_left(self) -> float:
        return self.page_break_trigger - self.get_y()

    def keep_together(self, height: float) -> None:
        """Start a new page unless `height` millimetres fit on this one (a chart or a heading never splits)."""
        if self.room_left() < height:
            self.add_page()

    def heading(self, section: Section) -> None:
        """A section heading, kept with the start of its content, and an entry in the PDF's outline."""
        size = 13.0 if section.level == 2 else 11.0
        self.keep_together(30)
        self.ln(3)
        self.start_section(section.heading, level=section.level - 2)
        self.block(section.heading, size, 7, bold=True)
        if section.level == 2:
            self.set_draw_color(216, 222, 227)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def para(self, text: str, size: float = 9.5, colour: tuple[int, int, int] = INK, bold: bool = False) -> None:
        """A left-aligned paragraph (never justified: short last lines would get wide gaps)."""
        self.block(text, size, LINE_H, colour=colour, bold=bold)
        self.ln(1)

    def banner(self, text: str) -> None:
        self.set_fill_color(*DEMO_FILL)
        self.block(text, 9, 6, bold=True, fill=True)
        self.set_fill_color(*WHITE)   # nothing drawn later inherits the banner's fill
        self.ln(2)

    def block(self, text: str, size: float, line_height: float, *, colour: tuple[int, int, int] = INK,
              bold: bool = False, fill: bool = False) -> None:
        """Text across the page width, wrapped, a new page taken between lines where one is full
        (as `multi_cell` would); `fill` shades each line's band in the current fill colour."""
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_text_color(*colour)
        for line in self.wrap(text, self.epw - 2 * self.c_margin):
            if self.y + line_height > self.page_break_trigger:
                self.add_page()
            if fill:
                self.rect(self.l_margin, self.y, self.epw, line_height, style="F")
            if line:
                self.text(self.l_margin + self.c_margin, self.y + line_height / 2 + BASELINE * self.font_size, line)
            self.y += line_height
        self.x = self.l_margin

    def wrap(self, text: str, width: float) -> tuple[str, ...]:
        """`text` in the current font broken into lines no wider than `width` millimetres."""
        face = self.current_font
        assert isinstance(face, TTFFont)
        return wrap_text(text, width * self.k * 1000 / self.font_size_pt, face.cw, str(face.ttffile))

    def grid(self, headings: list[str], rows: list[list[Any]], widths: list[float]) -> None:
        """A table across the page: a shaded bold heading row, bordered cells, long values wrapped
        within their column, and a row never split across pages (the heading row is drawn again on
        each new page). Only a row taller than a whole page is continued on the next.

        Args:
            widths: the columns' shares of the page width (in millimetres when they add up to it).
        """
        columns = [w * self.epw / sum(widths) for w in widths]
        lefts = list(accumulate(columns[:-1], initial=self.l_margin))
        inner = [w - 2 * self.c_margin for w in columns]
        self.set_font("DejaVu", "B", TABLE_SIZE)
        head = [self.wrap(str(h), w) for h, w in zip(headings, inner, strict=True)]
        self.set_font("DejaVu", "", TABLE_SIZE)
        body = [[self.wrap("" if v is None else str(v), w) for v, w in zip(values, inner, strict=True)] for values in rows]
        self.set_text_color(*INK)
        self.set_draw_color(*INK)
        self.set_fill_color(*WHITE)
        first = _line_count(body[0]) if body else 0
        self.keep_together(min(_line_count(head) + first, self._lines_per_page()) * LINE_H)   # the heading never alone
        self._grid_row(head, lefts, columns, heading=True)
        for cells in body:
            self._grid_row(cells, lefts, columns, repeat=head)
        self.x = self.l_margin
        self.ln(2)

    def _lines_per_page(self) -> int:
        return int((self.page_break_trigger - self.t_margin) // LINE_H)

    def _grid_row(self, cells: Sequence[Sequence[str]], lefts: list[float], columns: list[float], *,
                  heading: bool = False, repeat: Sequence[Sequence[str]] = ()) -> None:
        """One table row at the current position; on a new page when it does not fit, below `repeat`
        (the heading row). A row taller than a page is drawn a page-full of lines at a time."""
        while cells:
            count = _line_count(cells)
            room = int((self.page_break_trigger - self.y) // LINE_H)
            if count > room:
                if count <= self._lines_per_page() - _line_count(repeat) or room < 1:
                    self.add_page()
                    if repeat:
                        self._grid_row(repeat, lefts, columns, heading=True)
                    continue
                now, cells = [c[:room] for c in cells], [c[room:] for c in cells]
                self._grid_cells(now, lefts, columns, room, heading)
                self.add_page()
                if repeat:
                    self._grid_row(repeat, lefts, columns, heading=True)
                cells = cells if any(cells) else []
                continue
            self._grid_cells(cells, lefts, columns, count, heading)
            return

    def _grid_cells(self, cells: Sequence[Sequence[str]], lefts: list[float], columns: list[float], count: int,
                    heading: bool) -> None:
        """Each cell's border (filled for the heading) and its lines, centred in the row's height."""
        top, height = self.y, count * LINE_H
        if heading:
            self.set_font("DejaVu", "B", TABLE_SIZE)
            self.set_fill_color(*HEADING_FILL)
        drop = LINE_H / 2 + BASELINE * self.font_size
        for left, width, lines in zip(lefts, columns, cells, strict=True):
            self.rect(left, top, width, height, style="DF" if heading else "D")
            y = top + (height - len(lines) * LINE_H) / 2 + drop
            for line in lines:
                if line:
                    self.text(left + self.c_margin, y, line)
                y += LINE_H
        if heading:
            self.set_fill_color(*WHITE)
            self.set_font("DejaVu", "", TABLE_SIZE)
        self.y = top + height

    def outcome_chart(self, outcomes: list[dict[str, Any]]) -> None:
        """Paired bars per outcome, as the HTML's SVG chart; moved whole to the next page if it does not fit."""
        row_height = 2 * CHART_BAR + 4
        self.keep_together(8 + row_height * len(outcomes))
        x0 = self.l_margin
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*INK)
        legend_y = self.get_y()
        for colour, text, dx in ((OWN_COLOUR, "You", 0.0), (PROGRAMME_COLOUR, "Programme (protected)", 25.0)):
            self.set_fill_color(*_rgb(colour))
            self.rect(x0 + CHART_LABEL_W + dx, legend_y, 3, 3, style="F")
            self.set_xy(x0 + CHART_LABEL_W + dx + 4, legend_y - 0.6)
            self.cell(20, 4, text)
        self.set_y(legend_y + 6)
        for item in outcomes:
            top = self.get_y()
            self.set_text_color(*INK)
            self.set_xy(x0, top + 1)
            self.cell(CHART_LABEL_W - 3, 4, str(item["label"]), align="R")
            for offset, share, colour, missing in (
                    (0.0, item["own_share"], OWN_COLOUR, item.get("own_text", "not recorded")),
                    (CHART_BAR + 0.8, item["programme_share"], PROGRAMME_COLOUR, item.get("programme_text", "suppressed"))):
                y = top + offset
                self.set_xy(x0 + CHART_LABEL_W, y)
                if share is None:
                    self.set_text_color(*MUTED)
                    self.cell(30, CHART_BAR, missing)
                    self.set_text_color(*INK)
                    continue
                width = share * CHART_PLOT_W
                if width > 0:
                    self.set_fill_color(*_rgb(colour))
                    self.rect(x0 + CHART_LABEL_W, y, width, CHART_BAR, style="F")
                self.set_xy(x0 + CHART_LABEL_W + width + 1.5, y)
                self.cell(15, CHART_BAR, f"{round(share * 100)}%")
            self.set_y(top + row_height)
        self.set_fill_color(*WHITE)   # the chart's bar colours stop here
        self.ln(2)


def _line_count(cells: Sequence[Sequence[str]]) -> int:
    return max((len(lines) for lines in cells), default=0)


_WRAPPED: dict[tuple[str, str, float], tuple[str, ...]] = {}   # (font file, text, width) -> lines; most cells repeat
WRAPPED_KEPT = 20_000


_BREAK_AFTER = ("_", "-", "/", ".", "@")   # where a word too wide for its column is best broken


def wrap_text(text: str, width: float, advances: dict[int, float], font: str) -> tuple[str, ...]:
    """`text` broken greedily at spaces (and at line ends) into lines of at most `width`, in the
    units of `advances` (each character's advance width, keyed by code point; `font` names them).
    A word wider than `width` is broken after its last underscore, hyphen, slash, full stop or @ that fits, else
    between characters, so nothing is cut off; runs of spaces
    print as one. Every text has at least one line (an empty one for "")."""
    key = (font, text, width)
    found = _WRAPPED.get(key)
    if found is not None:
        return found
    space = advances[32]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            size = sum(map(advances.__getitem__, map(ord, word)))
            if line and used + space + size <= width:
                line.append(word)
                used += space + size
                continue
            if line:
                lines.append(" ".join(line))
            while size > width:
                cut, part = 1, advances[ord(word[0])]
                while cut < len(word) and part + advances[ord(word[cut])] <= width:
                    part += advances[ord(word[cut])]
                    cut += 1
                joint = max(word.rfind(mark, 0, cut) for mark in _BREAK_AFTER)   # "(outcome_" | "status)", not "statu" | "s)"
                if 0 < joint < cut - 1:
                    cut = joint + 1
                    part = sum(map(advances.__getitem__, map(ord, word[:cut])))
                lines.append(word[:cut])
                word, size = word[cut:], size - part
            line, used = ([word], size) if word else ([], 0.0)
        lines.append(" ".join(line))
    found = tuple(lines)
    if len(_WRAPPED) >= WRAPPED_KEPT:
        _WRAPPED.clear()
    _WRAPPED[key] = found
    return found


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def _submission(pdf: _Report, context: dict[str, Any]) -> None:
    if not context["submissions"]:
        pdf.para(f"We did not receive a file from you for {context['quarter']}.", colour=BAD)
    for s in context["submissions"]:
        if s["status"] in ("superseded", "duplicate", "unreadable"):   # not read this run: no row counts, only what it is
            pdf.para(f"File {s['file_name']}: status {s['status']}. {s.get('status_text', '')}")
            if s.get("message"):
                pdf.para(str(s["message"]))
            continue
        pdf.grid(["File", "Status", "Rows received", "Accepted", "Set aside", "Held", "With warnings"],
                 [[s["file_name"], s["status"], s["rows_received"], s["rows_accepted"], s["rows_quarantined"],
                   s.get("rows_held", 0), s["rows_with_warnings"]]], [52, 20, 24, 20, 20, 16, 26])
        if s["status"] == "held":
            pdf.para(str(s.get("status_text", "")))
        elif s.get("message"):
            pdf.para(str(s["message"]))
        if s.get("rows_not_clients"):
            pdf.para(f"Of the rows set aside, {s['rows_not_clients']} were not a client's (a totals row, a note or a "
                     "sign-off): nothing to correct in them.")
        if s.get("dropped_columns"):
            pdf.para("These columns are not part of the shared data standard, so we did not keep them (we only keep what the "
                     f"programme needs): {', '.join(s['dropped_columns'])}.")


def _what_to_fix(pdf: _Report, context: dict[str, Any]) -> None:
    if context["problems"]:
        rows = [[p["description"], p["column"], p["failing_rows"],
                 ", ".join(str(r) for r in p["first_rows"][:10]) + (f" and {p['failing_rows'] - min(len(p['first_rows']), 10)} more"
                                                                   if p["failing_rows"] > min(len(p["first_rows"]), 10) else ""),
                 p["effect"], p["fix"]] for p in context["problems"]]
        if context.get("several_files"):   # a submission in parts: each problem names its file
            pdf.grid(["File", "What was wrong", "Your column", "Rows", "Rows to check", "Effect", "How to fix"],
                     [[p["file"], *row] for p, row in zip(context["problems"], rows, strict=True)], [26, 34, 22, 10, 26, 24, 36])
        else:
            pdf.grid(["What was wrong", "Your column", "Rows", "Rows to check", "Effect", "How to fix"], rows, [42, 26, 12, 30, 26, 42])
    elif context.get("held"):
        pdf.para(f"Nothing to fix yet: {context['held']} of your rows are waiting for a data steward to confirm what some columns "
                 "hold. They will be checked once that is done.")
    elif not context["submissions"]:
        pdf.para(f"Nothing to check: no file was received for {context['quarter']}. Send this quarter's return to be "
                 "included in the next release.")
    else:
        pdf.para("Every check passed. Thank you.", colour=OK, bold=True)


def _figures(pdf: _Report, context: dict[str, Any]) -> None:
    own = context["own"]
    pdf.grid(["People you served", "Sessions attended", "Average sessions per person"],
             [[own["people"], own["sessions"], own["mean_sessions"]]], [60, 60, 58])
    if own.get("sessions_note"):
        pdf.para(own["sessions_note"])


def _outcomes(pdf: _Report, context: dict[str, Any]) -> None:
    pdf.outcome_chart(context["outcomes"])
    pdf.grid(["Outcome", "Your people", "Your share", "Programme (protected)", "Programme share"],
             [[o["label"], o.get("own_text", "not recorded") if o["own"] is None else o["own"],
               _percent(o["own_share"]) if o["own_share"] is not None else o.get("own_text", ""),
               o.get("programme_text", "suppressed") if o["programme"] is None else o["programme"],
               _percent(o["programme_share"]) if o["programme_share"] is not None else o.get("programme_text", "")]
              for o in context["outcomes"]], [50, 28, 28, 42, 30])
    if context.get("outcome_note"):
        pdf.para(context["outcome_note"])


def _uses(pdf: _Report, context: dict[str, Any]) -> None:
    if context["uses"]:
        pdf.para("Every output that includes information from your submission:")
        pdf.grid(["Output", "Who receives it", "Purpose", "Your records in it", "How it is protected"],
                 [[u["description"], u["audience"], u["purpose"], u.get("your_records", ""), u["protection"]]
                  for u in context["uses"]], [46, 30, 30, 40, 32])
    else:
        pdf.para("No release used your data this quarter.")
    if context.get("retention_note"):
        pdf.para(context["retention_note"])


def _logged_uses(pdf: _Report, context: dict[str, Any]) -> None:
    if context["logged_uses"]:
        pdf.grid(["Recorded", "Used by", "Use", "What came of it"],
                 [[u["recorded_on"], u["used_by"], u["use"], u["outcome"]] for u in context["logged_uses"]], [24, 40, 60, 54])
    else:
        pdf.para(context["no_logged_uses"], colour=MUTED)


SECTION_DRAWERS: dict[str, Callable[[_Report, dict[str, Any]], None]] = {
    "submission": _submission, "what_to_fix": _what_to_fix, "figures": _figures, "outcomes": _outcomes,
    "uses": _uses, "logged_uses": _logged_uses,
}
if set(SECTION_DRAWERS) != {s.id for s in FEEDBACK_SECTIONS}:
    raise RuntimeError(f"reports/pdf.py draws sections {sorted(SECTION_DRAWERS)} but reports/sections.py lists "
                       f"{sorted(s.id for s in FEEDBACK_SECTIONS)}; a section must be in both the HTML and the PDF")


def feedback_pdf(context: dict[str, Any]) -> bytes:
    """The feedback report: the sections of FEEDBACK_SECTIONS in order, from the context the HTML page is rendered from."""
    pdf = _draw_feedback(context, whole_fonts=False)
    if any(getattr(face, "missing_glyphs", None) for face in pdf.fonts.values()):
        pdf = _draw_feedback(context, whole_fonts=True)    # a character outside the cut-down font's blocks
    return _written(pdf)


_EMBEDDED: dict[tuple[str, frozenset[str]], bytes] = {}   # (font file, glyphs used) -> that font cut to those glyphs
EMBEDDED_KEPT = 256


class _AlreadyCut(ttLib.TTFont):  # type: ignore[misc]
    """A font cut before to exactly the glyphs a document uses: fpdf2's cut would leave it as it is
    (cutting a cut font to the same glyphs gives the same bytes), so it is neither cut nor saved again."""

    def __init__(self, cut: bytes):
        super().__init__(io.BytesIO(cut), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        self.cut = cut

    def save(self, file: Any, reorderTables: bool | None = True) -> None:
        file.write(self.cut)


class _Subsetter(subset.Subsetter):  # type: ignore[misc]
    """fontTools' subsetter as fpdf2 uses it, except that a font already cut (`_AlreadyCut`) is left as it is."""

    def subset(self, font: ttLib.TTFont) -> None:
        if not isinstance(font, _AlreadyCut):
            super().subset(font)


class _SubsetModule:
    """What fpdf2 uses of `fontTools.subset` when it writes a PDF, with `_Subsetter` in place of the subsetter;
    any other font is cut exactly as before."""

    Options = subset.Options
    Subsetter = _Subsetter


fpdf.output.ftsubset = _SubsetModule  # type: ignore[attr-defined]


def _written(pdf: FPDF) -> bytes:
    """`pdf.output()`, each font cut down from a copy already cut to the same glyphs where this process has one.

    fpdf2 cuts every embedded font down to the glyphs the document uses, and from the report font
    (2,000 glyphs) that costs 20-30 ms a face; most reports use the same glyphs as an earlier
    one (COMMON_GLYPHS). Cutting the earlier result again would give the same bytes, so it is
    embedded as it is (`_AlreadyCut`): about 7 ms a report less than cutting it again.
    """
    new: list[tuple[TTFFont, tuple[str, frozenset[str]]]] = []
    for face in pdf.fonts.values():
        if not isinstance(face, TTFFont) or face.color_font is not None:
            continue
        key = (str(face.ttffile), frozenset(face.subset.get_all_glyph_names()))
        cut = _EMBEDDED.get(key)
        if cut is None:
            new.append((face, key))
        else:   # its boxes were measured when it was first cut, and cutting again leaves it as it is
            face.ttfont = _AlreadyCut(cut)
    written = bytes(pdf.output())
    for face, key in new:
        if len(_EMBEDDED) >= EMBEDDED_KEPT:
            _EMBEDDED.clear()
        saved = io.BytesIO()
        face.ttfont.save(saved)   # fpdf2 has cut this document's copy of the font down in place
        _EMBEDDED[key] = saved.getvalue()
    return written


def _draw_feedback(context: dict[str, Any], *, whole_fonts: bool) -> _Report:
    pdf = _Report(f"{context['provider_name']} · {context['quarter']} · run {context['run_id']} · {context['classification']}",
                  whole_fonts)
    pdf.set_title(f"{context.get('title_prefix', '')}{context['provider_name']}: feedback on your {context['quarter']} reporting")
    pdf.add_page()
    if context.get("demo"):
        pdf.banner("DEMONSTRATION RUN: synthetic sample data, pseudonymised with the public demo key. Not for real use.")
    pdf.block(context["provider_name"], 17, 9, bold=True)
    pdf.para(f"Feedback on your {context['quarter']} reporting · {context['classification']}", colour=MUTED)
    pdf.para(context["intro"])
    for section in FEEDBACK_SECTIONS:
        pdf.heading(section)
        SECTION_DRAWERS[section.id](pdf, context)
    managers = "; ".join(f"{who}: {role}" for who, role in context["relationship_managers"].items())
    pdf.para(f"Questions or corrections: contact your relationship manager ({managers}). "
             f"Privacy concerns: {context['breach_contact']}.", colour=MUTED)
    return pdf


PARALLEL_FROM = 16   # reports; fewer are drawn in this process (starting workers would cost more than it saves)


def feedback_pdfs(contexts: list[dict[str, Any]], workers: int | None = None,
                  draw: Callable[[dict[str, Any]], bytes] = feedback_pdf) -> list[bytes]:
    """Many providers' feedback PDFs, in the order of `contexts`, each the same as `feedback_pdf` makes.

    A run writes one report per provider (200 in a national quarter) and each is pure Python
    layout, so with enough of them they are drawn by `workers` processes (default: one per CPU).
    The first is drawn here, so that forked workers (Linux) begin with the fonts parsed and every
    module imported; they draw PDFs only (no polars or DuckDB), and hand back bytes. A daemonic
    process (a Dask worker's) may not start processes, so it draws them all itself.

    Args:
        draw: what draws one report (`feedback_pdf`; a module-level function, so workers can be handed it).
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(contexts) < PARALLEL_FROM or multiprocessing.current_process().daemon:
        return [draw(context) for context in contexts]
    first = draw(contexts[0])
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        rest = list(pool.map(draw, contexts[1:], chunksize=max(1, (len(contexts) - 1) // (4 * workers))))
    return [first, *rest]
