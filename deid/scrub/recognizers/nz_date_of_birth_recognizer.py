"""Dates of birth in free text: a date right after a birth cue (DOB, born, date of birth)."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation

_DATE = r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})"
_CUE = r"(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday(?:\s+is)?|b\.)"


class NzDateOfBirthRecognizer(EntityRecognizer):
    """Only the date is replaced, so the cue word and service dates elsewhere survive.

    The no-op NLP engine gives no tokens for Presidio's context enhancer, so the cue is
    part of the pattern itself. Source: project standard (dates.yaml, day-first input).
    """

    COUNTRY_CODE = "nz"
    PATTERN = re.compile(rf"\b{_CUE}\s*[:\-]?\s*(?P<date>{_DATE})", re.IGNORECASE)

    def __init__(self, supported_entity: str = "DATE_OF_BIRTH"):
        super().__init__(supported_entities=[supported_entity], name="NzDateOfBirthRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self.PATTERN.finditer(text):
            explanation = AnalysisExplanation(recognizer=self.name, original_score=0.85, pattern_name="birth cue + date")
            results.append(RecognizerResult(self.supported_entities[0], match.start("date"), match.end("date"), 0.85,
                                            explanation, {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results
