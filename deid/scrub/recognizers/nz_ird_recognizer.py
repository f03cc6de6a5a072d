"""IRD numbers in free text."""
from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from presidio_analyzer import Pattern

from deid.scrub.recognizers.base import ScannedPatternRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan
from deid.standardise.identifiers import is_valid_ird
from deid.standards import IdentifiersStandard, Standards


@register
class NzIrdRecognizer(ScannedPatternRecognizer):
    """IRD numbers: 8 or 9 digits, plain or grouped with hyphens or spaces, mod-11 check digit.

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
    ]

    def __init__(self, identifiers: IdentifiersStandard, context: Sequence[str] = (), supported_entity: str = "NZ_IRD"):
        self.identifiers = identifiers
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, context=list(context), name="NzIrdRecognizer")

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzIrdRecognizer:
        return cls(standards.identifiers, standards.scrub_words.context.get(cls.__name__, ()))

    def wants(self, scan: NoteScan) -> bool:
        """A candidate: at least eight digits in the note, in a run of two or more."""
        return scan.digit_count >= 8 and any(end - start >= 2 for start, end in scan.digit_runs)

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_ird(pattern_text, self.identifiers)
