"""NHI numbers in free text."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from presidio_analyzer import Pattern

from deid.scrub.recognizers.base import ScannedPatternRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan
from deid.standardise.identifiers import is_valid_nhi
from deid.standards import IdentifiersStandard, Standards

_LETTERS_BEFORE = re.compile(r"(?<!\w)[A-HJ-NP-Za-hj-np-z]{3}[ -]?$")


@register
class NzNhiRecognizer(ScannedPatternRecognizer):
    """National Health Index numbers, old (AAANNNC, mod 11) and new (AAANNAX, mod 23) formats.

    Case-insensitive and tolerant of one space or hyphen inside; a match counts only when
    its check character is right. Source: HISO 10046:2024 Consumer Health Identity Standard.
    """

    NEEDS_KNOWN_NAMES = False
    COUNTRY_CODE = "nz"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("NHI old format", r"\b[A-HJ-NP-Z]{3}[ -]?\d{4}\b", 0.5),
        Pattern("NHI new format", r"\b[A-HJ-NP-Z]{3}[ -]?\d{2}[ -]?[A-HJ-NP-Z]{2}\b", 0.5),
    ]

    def __init__(self, identifiers: IdentifiersStandard, day_words: Sequence[str] = (), supported_entity: str = "NZ_NHI"):
        """`day_words`: month and weekday abbreviations; one with a time ("Jul 11am", "Fri 10pm") can pass the
        new format's check by chance, and is not an NHI."""
        self.identifiers = identifiers
        short = sorted({w.lower() for w in day_words if len(w) == 3 and w.isalpha()})
        self._day_and_time = re.compile(rf"(?i)(?:{'|'.join(short)})[ -]?\d{{2}}[ -]?[ap]m") if short else None
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, name="NzNhiRecognizer")

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzNhiRecognizer:
        return cls(standards.identifiers, (*standards.scrub_words.months, *standards.scrub_words.weekdays))

    def wants(self, scan: NoteScan) -> bool:
        """A candidate: two digits (new format) or four (old format) right after three letters."""
        text = scan.text
        return any(end - start in (2, 4) and _LETTERS_BEFORE.search(text, max(0, start - 4), start)
                   for start, end in scan.digit_runs)

    def validate_result(self, pattern_text: str) -> bool:
        if self._day_and_time is not None and self._day_and_time.fullmatch(pattern_text):
            return False
        return is_valid_nhi(pattern_text, self.identifiers)
