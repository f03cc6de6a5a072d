"""IRD numbers in free text."""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from deid.scrub.recognizers.base import ScannedPatternRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan
from deid.standardise.identifiers import is_valid_ird
from deid.standards import IdentifiersStandard, Standards


@register
class NzIrdRecognizer(ScannedPatternRecognizer):
    """IRD numbers: 8 or 9 digits, plain, grouped with hyphens or spaces, or with the check digit set apart by
    a hyphen ("2295328-1", "12400078-5", as forms and spreadsheets print it); mod-11 check digit.

    `context` (standards/scrub_words.yaml) holds the words that make a number after a reference cue an
    IRD number after all ("Ref: IRD 49-091-850"); `REFERENCE_LIKE` says a reference can look like one.
    Source: Inland Revenue, IRD number validation rules (two weight sets).
    """

    NEEDS_KNOWN_NAMES = False
    REFERENCE_LIKE = True
    COUNTRY_CODE = "nz"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("IRD grouped", r"\b\d{2,3}[- ]\d{3}[- ]\d{3}\b", 0.4),
        Pattern("IRD plain", r"\b\d{8,9}\b", 0.2),
        Pattern("IRD check digit apart", r"\b\d{7,8}-\d\b", 0.4),
    ]

    def __init__(self, identifiers: IdentifiersStandard, context: Sequence[str] = (), supported_entity: str = "NZ_IRD"):
        self.identifiers = identifiers
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, context=list(context), name="NzIrdRecognizer")

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzIrdRecognizer:
        return cls(standards.identifiers, standards.scrub_words.context.get(cls.__name__, ()))

    def wants(self, scan: NoteScan) -> bool:
        """A candidate: a run of eight or nine digits, runs of two or three, three and three digits joined by
        single hyphens or spaces, or a run of seven or eight digits, a hyphen and one digit."""
        return bool(self._possible(scan))

    @staticmethod
    def _possible(scan: NoteScan) -> frozenset[str]:
        """The patterns that can match the note, from its runs of digits (each pattern's digits are whole
        runs: a word boundary stands before and after them, a separator between)."""
        runs, text = scan.digit_runs, scan.text
        found = set()
        if any(end - start in (8, 9) for start, end in runs):
            found.add("IRD plain")
        for (s0, e0), (s1, e1) in itertools.pairwise(runs):
            if e0 - s0 in (7, 8) and e1 - s1 == 1 and s1 == e0 + 1 and text[e0] == "-":
                found.add("IRD check digit apart")
                break
        for (s0, e0), (s1, e1), (s2, e2) in zip(runs, runs[1:], runs[2:], strict=False):
            if (e0 - s0 in (2, 3) and e1 - s1 == 3 and e2 - s2 == 3 and s1 == e0 + 1 and s2 == e1 + 1
                    and text[e0] in "- " and text[e1] in "- "):
                found.add("IRD grouped")
                break
        return frozenset(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, NoteScan) or nlp_artifacts.text is not text or regex_flags is not None:
            return super().analyze(text, entities, nlp_artifacts, regex_flags)  # called by Presidio's engine
        possible = self._possible(nlp_artifacts)
        return self.match_patterns(text, frozenset(p.name for p in self.patterns if p.name not in possible)) if possible else []

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_ird(pattern_text, self.identifiers)
