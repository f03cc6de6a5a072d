"""Spreadsheet formulas in free text: content to neutralise, never to publish.

A case note copied out of a spreadsheet, or typed to attack one, can hold a formula
(`=HYPERLINK("http://...","...")`, `@SUM(1+1)`, `=cmd|' /C calc'!A0`). Opened in a
spreadsheet such a cell runs, and a link can carry what it points at off the machine, so
the scrubber replaces the formula with a placeholder like any other finding. Three shapes
are taken:

- a line that starts with a formula: `=` or `＝` followed by a function, reference, number,
  sign, bracket or quote, or `@`, `+` or `-` followed (after any arithmetic) by a function
  call in capitals or a data exchange; the rest of the line is the formula (a cell runs all of it);
- a function call in capitals after `=`, `@`, `+` or `-` anywhere in the text, up to its
  closing bracket;
- dynamic data exchange (`cmd|' /C calc'!A0`) anywhere.

Text that merely starts with `-` or `+` ("- attended group", "+ve progress") is not a
formula and stays; whatever is written to CSV, XLSX, HTML or Markdown is still escaped by
`deid.safe_text` on the way out. Source: OWASP, "CSV Injection".
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan
from deid.standards import Standards

_CALL_ARGS = r"\((?:[^()\n]|\((?:[^()\n]|\([^()\n]*\))*\))*\)?"   # brackets nested three deep, or to the line's end


@register
class SpreadsheetFormulaRecognizer(SpanRecognizer):
    """Formula-shaped text (OWASP CSV injection payloads) in case notes."""

    NEEDS_KNOWN_NAMES = False

    PATTERNS = (
        ("formula at the start of a line", re.compile(
            r"(?m)^[ \t]*(?P<formula>(?:[=＝][ \t]*[A-Za-z_$(\"'0-9+\-]|[@＠+\-＋－](?:[0-9.]+[+\-*/])*(?:[A-Z][A-Z0-9_.]*\(|[A-Za-z]\w*\|))[^\n]*)")),
        ("function call in a formula", re.compile(
            r"(?<![\w])(?P<formula>[=@+\-＝＠][ \t]*[A-Z][A-Z0-9_.]*[ \t]*" + _CALL_ARGS + ")")),
        ("dynamic data exchange", re.compile(r"(?P<formula>\b[A-Za-z]\w*\|[ \t]*'[^'\n]*'(?:[ \t]*![ \t]*[\w$]+)?)")),
    )

    def __init__(self, supported_entity: str = "SPREADSHEET_FORMULA"):
        super().__init__("SpreadsheetFormulaRecognizer", supported_entity)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> SpreadsheetFormulaRecognizer:
        return cls()

    def wants(self, scan: NoteScan) -> bool:
        """Every shape needs "=", a bracket (a function call) or "|" (data exchange)."""
        text = scan.text
        return "=" in text or "＝" in text or "(" in text or "|" in text

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [self.span(m.start("formula"), m.end("formula"), 0.95, name)
                for name, pattern in self.PATTERNS for m in pattern.finditer(text)]
