"""Shared plumbing for recognizers that find spans themselves (not by Presidio patterns)."""
from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation


class SpanRecognizer(EntityRecognizer):
    """An EntityRecognizer with nothing to load and one way to report a span."""

    def __init__(self, name: str, supported_entity: str):
        super().__init__(supported_entities=[supported_entity], name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: no model, no network
        pass

    def span(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=pattern)
        return RecognizerResult(self.supported_entities[0], start, end, score, explanation,
                                {RecognizerResult.RECOGNIZER_NAME_KEY: self.name})
