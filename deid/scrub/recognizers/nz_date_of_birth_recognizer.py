"""Dates of birth in free text: a date right after a birth cue (DOB, born, date of birth)."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer

_DATE = r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})"
_CUE = r"(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday(?:\s+is)?|b\.)"


class NzDateOfBirthRecognizer(SpanRecognizer):
    """Only the date is replaced, so the cue word and service dates elsewhere survive.

    The no-op NLP engine gives no tokens for Presidio's context enhancer, so the cue is
    part of the pattern itself. Source: project standard (dates.yaml, day-first input).
    """

    COUNTRY_CODE = "nz"
    PATTERN = re.compile(rf"\b{_CUE}\s*[:\-]?\s*(?P<date>{_DATE})", re.IGNORECASE)

    def __init__(self, supported_entity: str = "DATE_OF_BIRTH"):
        super().__init__("NzDateOfBirthRecognizer", supported_entity)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self.PATTERN.finditer(text):
            results.append(self.span(match.start("date"), match.end("date"), 0.85, "birth cue + date"))
        return results
