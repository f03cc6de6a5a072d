"""NHI numbers in free text."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from deid.standardise.identifiers import is_valid_nhi
from deid.standards import IdentifiersStandard


class NzNhiRecognizer(PatternRecognizer):
    """National Health Index numbers, old (AAANNNC, mod 11) and new (AAANNAX, mod 23) formats.

    Case-insensitive and tolerant of one space or hyphen inside; a match counts only when
    its check character is right. Source: HISO 10046:2024 Consumer Health Identity Standard.
    """

    COUNTRY_CODE = "nz"
    PATTERNS = [
        Pattern("NHI old format", r"\b[A-HJ-NP-Z]{3}[ -]?\d{4}\b", 0.5),
        Pattern("NHI new format", r"\b[A-HJ-NP-Z]{3}[ -]?\d{2}[ -]?[A-HJ-NP-Z]{2}\b", 0.5),
    ]
    CONTEXT = ["nhi", "national health index", "health number"]

    def __init__(self, identifiers: IdentifiersStandard, supported_entity: str = "NZ_NHI"):
        self.identifiers = identifiers
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, context=self.CONTEXT, name="NzNhiRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return is_valid_nhi(pattern_text, self.identifiers)
