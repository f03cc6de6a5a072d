"""The provider feedback report as PDF, from the same context as its HTML page.

fpdf2 writes the file directly (no browser, no network). DejaVu Sans is bundled in
reports/fonts so macrons (Tāmaki, Māori) print correctly on any machine.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.charts import OWN_COLOUR, PROGRAMME_COLOUR

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
INK, MUTED = (29, 42, 51), (91, 107, 119)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


class _Report(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(16, 16, 16)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 13) -> None:
        self.ln(3)
        self.set_font("DejaVu", "B", size)
        self.set_text_color(*INK)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(216, 222, 227)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def para(self, text: str, size: float = 9.5, colour: tuple[int, int, int] = INK) -> None:
        self.set_font("DejaVu", "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def grid(self, headings: list[str], rows: list[list[Any]], widths: list[float]) -> None:
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(*INK)
        with self.table(col_widths=widths, headings_style=FontFace(emphasis="BOLD", fill_color=(243, 246, 248)),
                        line_height=5, text_align="LEFT") as table:
            table.row([str(h) for h in headings])
            for values in rows:
                table.row(["" if v is None else str(v) for v in values])
        self.ln(2)

    def outcome_chart(self, outcomes: list[dict[str, Any]]) -> None:
        label_w, plot_w, bar = 55.0, 95.0, 4.0
        x0 = self.l_margin
        self.set_font("DejaVu", "", 8)
        for colour, text, dx in ((OWN_COLOUR, "You", 0), (PROGRAMME_COLOUR, "Programme (protected)", 25)):
            self.set_fill_color(*_rgb(colour))
            self.rect(x0 + label_w + dx, self.get_y(), 3, 3, style="F")
            self.set_xy(x0 + label_w + dx + 4, self.get_y() - 0.6)
            self.cell(20, 4, text)
            self.set_y(self.get_y() + 0.6)
        self.ln(6)
        for item in outcomes:
            if self.get_y() > self.h - 30:
                self.add_page()
            top = self.get_y()
            self.set_text_color(*INK)
            self.set_xy(x0, top + 1)
            self.cell(label_w - 3, 4, str(item["label"]), align="R")
            for offset, share, colour in ((0, item["own_share"], OWN_COLOUR), (bar + 0.8, item["programme_share"], PROGRAMME_COLOUR)):
                y = top + offset
                self.set_xy(x0 + label_w, y)
                if share is None:
                    self.set_text_color(*MUTED)
                    self.cell(30, bar, "suppressed")
                    self.set_text_color(*INK)
                    continue
                width = share * plot_w
                if width > 0:
                    self.set_fill_color(*_rgb(colour))
                    self.rect(x0 + label_w, y, width, bar, style="F")
                self.set_xy(x0 + label_w + width + 1.5, y)
                self.cell(15, bar, f"{round(share * 100)}%")
            self.set_y(top + 2 * bar + 4)
        self.ln(2)


def feedback_pdf(context: dict[str, Any]) -> bytes:
    """The feedback report: submission, what to fix, service figures beside the programme, and every use."""
    pdf = _Report(f"{context['provider_name']} · {context['quarter']} · run {context['run_id']} · {context['classification']}")
    pdf.set_title(f"{context.get('title_prefix', '')}{context['provider_name']}: feedback on your {context['quarter']} reporting")
    pdf.add_page()
    if context.get("demo"):
        pdf.set_fill_color(255, 243, 205)
        pdf.set_font("DejaVu", "B", 9)
        pdf.multi_cell(0, 6, "DEMONSTRATION RUN: synthetic sample data, pseudonymised with the public demo key. Not for real use.",
                       fill=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(0, 9, context["provider_name"], new_x="LMARGIN", new_y="NEXT")
    pdf.para(f"Feedback on your {context['quarter']} reporting · {context['classification']}", colour=MUTED)
    pdf.para("This report gives you back what we received from you, what we could and could not use, how to fix what was "
             "wrong, your own service figures next to the programme as a whole, and every way your data was used. It contains "
             "nothing about any other provider except programme-wide totals that have been protected (randomly rounded to "
             "base 3, with small counts suppressed).")

    pdf.heading("Your submission")
    if not context["submissions"]:
        pdf.para(f"We did not receive a file from you for {context['quarter']}.")
    for s in context["submissions"]:
        pdf.grid(["File", "Status", "Rows received", "Accepted", "Set aside", "Held", "With warnings"],
                 [[s["file_name"], s["status"], s["rows_received"], s["rows_accepted"], s["rows_quarantined"],
                   s.get("rows_held", 0), s["rows_with_warnings"]]], [52, 20, 24, 20, 20, 16, 26])
        if s["status"] == "held":
            pdf.para(str(s.get("status_text", "")))
        elif s.get("message"):
            pdf.para(str(s["message"]))

    pdf.heading("What to fix")
    if context["problems"]:
        pdf.grid(["What was wrong", "Column", "Rows", "Rows to check", "How to fix"],
                 [[p["description"], p["column"], p["failing_rows"], ", ".join(str(r) for r in p["first_rows"][:10]), p["fix"]]
                  for p in context["problems"]], [52, 26, 14, 36, 50])
    else:
        pdf.para("Every check passed. Thank you.")

    own = context["own"]
    pdf.heading("Your service figures")
    pdf.grid(["People you served", "Sessions attended", "Average sessions per person"],
             [[own["people"], own["sessions"], own["mean_sessions"]]], [60, 60, 58])
    pdf.heading("Outcomes: you and the programme", size=11)
    pdf.outcome_chart(context["outcomes"])
    pdf.grid(["Outcome", "Your people", "Your share", "Programme (protected)", "Programme share"],
             [[o["label"], o["own"], f"{round(o['own_share'] * 100)}%",
               "suppressed" if o["programme"] is None else o["programme"],
               "" if o["programme_share"] is None else f"{round(o['programme_share'] * 100)}%"] for o in context["outcomes"]],
             [50, 28, 28, 42, 30])

    pdf.heading("How your data was used")
    if context["uses"]:
        pdf.grid(["Output", "Who receives it", "Purpose", "How it is protected"],
                 [[u["description"], u["audience"], u["purpose"], u["protection"]] for u in context["uses"]], [60, 44, 30, 44])
    if context.get("logged_uses"):
        pdf.para("Reports, decisions and evaluations that drew on your data, from the agency's use log:")
        pdf.grid(["Recorded", "Used by", "Use", "What came of it"],
                 [[u["recorded_on"], u["used_by"], u["use"], u["outcome"]] for u in context["logged_uses"]], [24, 40, 60, 54])
    if not context["uses"] and not context.get("logged_uses"):
        pdf.para("Nothing used your data this quarter.")
    pdf.para(f"Questions or corrections: contact your relationship manager. Privacy concerns: {context['breach_contact']}.",
             colour=MUTED)
    return bytes(pdf.output())
