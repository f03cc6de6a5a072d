"""Dates of birth in free text: a date right after a birth cue (DOB, born, date of birth)."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
          r"|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# 12/05/2017, 2017-05-12, 12 May 2017, 12th May 2017, 12th of May 2017, May 12, 2017, May 12th 2017.
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}(?:\s+of)?\s+{_MONTH},?\s+\d{{2,4}}"
         rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}})")
_CUE = r"(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?(?:\s+the)?|birthday(?:\s+is)?|b\.)"


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
