"""IRD numbers in free text."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from deid.standardise.identifiers import is_valid_ird
from deid.standards import IdentifiersStandard


class NzIrdRecognizer(PatternRecognizer):
    """IRD numbers: 8 or 9 digits, plain or grouped with hyphens or spaces, mod-11 check digit.

    Source: Inland Revenue, IRD number validation rules (two weight sets).
    """

    COUNTRY_CODE = "nz"
    PATTERNS = [
        Pattern("IRD grouped", r"\b\d{2,3}[- ]\d{3}[- ]\d{3}\b", 0.4),
        Pattern("IRD plain", r"\b\d{8,9}\b", 0.2),
    ]
    CONTEXT = ["ird", "tax number", "inland revenue"]

    def __init__(self, identifiers: IdentifiersStandard, supported_entity: str = "NZ_IRD"):
        self.identifiers = identifiers
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, context=self.CONTEXT, name="NzIrdRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_ird(pattern_text, self.identifiers)
