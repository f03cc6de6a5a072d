"""Shared plumbing: recognizers that find spans themselves, and Presidio pattern recognizers run by the scrub engine."""
from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation

from deid.scrub.scan import NoteScan


class SpanRecognizer(EntityRecognizer):
    """An EntityRecognizer with nothing to load and one way to report a span."""

    name: str

    def __init__(self, name: str, supported_entity: str):
        super().__init__(supported_entities=[supported_entity], name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: no model, no network
        pass

    def span(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=pattern)
        return RecognizerResult(self.supported_entities[0], start, end, score, explanation,
                                {RecognizerResult.RECOGNIZER_NAME_KEY: self.name})


class ScannedPatternRecognizer(PatternRecognizer):
    """A Presidio `PatternRecognizer` (its `patterns`, `validate_result`, `invalidate_result` and flags) whose
    patterns run straight through the standard library's `re` when the scrub engine calls it with its
    `NoteScan`: no per-match timer, explanation string or duplicate pass (the engine removes contained
    results once per note). Called by Presidio's own engine, Presidio's `analyze` runs unchanged; a test
    holds both paths to the same results.
    """

    name: str
    patterns: list[Pattern]
    global_regex_flags: int | None
    _compiled: list[tuple[Pattern, re.Pattern[str]]] | None = None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, NoteScan) or regex_flags is not None:
            return list(super().analyze(text, entities, nlp_artifacts, regex_flags))
        return self.match_patterns(text)

    def match_patterns(self, text: str, skip: frozenset[str] = frozenset()) -> list[RecognizerResult]:
        """Presidio's pattern rule: a match scores its pattern's score, the maximum when `validate_result`
        says yes, and is dropped when it says no or `invalidate_result` says yes. Patterns named in `skip`
        are not run (the caller knows from the scan that they cannot match)."""
        if self._compiled is None:
            self._compiled = [(p, re.compile(p.regex, self.global_regex_flags or 0)) for p in self.patterns]
        results = []
        for pattern, regex in self._compiled:
            if pattern.name in skip:
                continue
            for match in regex.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                found = text[start:end]
                valid = self.validate_result(found)
                score = pattern.score if valid is None else (EntityRecognizer.MAX_SCORE if valid else EntityRecognizer.MIN_SCORE)
                if self.invalidate_result(found):
                    score = EntityRecognizer.MIN_SCORE
                if score > EntityRecognizer.MIN_SCORE:
                    explanation = AnalysisExplanation(self.name, pattern.score, pattern_name=pattern.name)
                    results.append(RecognizerResult(self.supported_entities[0], start, end, score, explanation,
                                                    {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results
