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

    def __init__(self, identifiers: IdentifiersStandard, day_words: Sequence[str] = (), supported_entity: str = "NZ_NHI",
                 reference_words: Sequence[str] = ()):
        """`day_words`: month and weekday abbreviations; one with a time ("Jul 11am", "Fri 10pm") can pass the
        new format's check by chance, and is not an NHI. Nor is a day of the month with its ordinal ("Jul 22nd",
        "the 12th", "due 15th": one in 23 passes), unless written as NHIs are, in capitals without a space, nor a
        reference word with four digits ("REF-4786", `reference_words`: recognizers.yaml `reference_cues`)."""
        self.identifiers = identifiers
        short = sorted({w.lower() for w in day_words if len(w) == 3 and w.isalpha()})
        self._day_and_time = re.compile(rf"(?i)(?:{'|'.join(short)})[ -]?\d{{2}}[ -]?[ap]m") if short else None
        self._reference_words = frozenset(w.upper() for w in reference_words if len(w) == 3 and w.isalpha())
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS, name="NzNhiRecognizer")

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzNhiRecognizer:
        return cls(standards.identifiers, (*standards.scrub_words.months, *standards.scrub_words.weekdays),
                   reference_words=standards.recognizers.reference_cues)

    def wants(self, scan: NoteScan) -> bool:
        """A candidate: two digits (new format) or four (old format) right after three letters."""
        text = scan.text
        return any(end - start in (2, 4) and _LETTERS_BEFORE.search(text, max(0, start - 4), start)
                   for start, end in scan.digit_runs)

    def validate_result(self, pattern_text: str) -> bool:
        if self._day_and_time is not None and self._day_and_time.fullmatch(pattern_text):
            return False
        if _is_day_ordinal(pattern_text) or pattern_text[:3].upper() in self._reference_words:
            return False
        return is_valid_nhi(pattern_text, self.identifiers)


_ORDINAL = re.compile(r"(?i)[a-z]{3}([ -]?)(\d{2})([ -]?)(st|nd|rd|th)")


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _is_day_ordinal(text: str) -> bool:
    """'Jul 22nd', 'the 12th', 'due15th': a day of the month (1-31) with its own ordinal suffix, written with a space
    or not all in capitals (an NHI is written 'ZBN11TH')."""
    match = _ORDINAL.fullmatch(text)
    if match is None or not 1 <= int(match.group(2)) <= 31:
        return False
    if match.group(4).lower() != _ordinal_suffix(int(match.group(2))):
        return False
    return bool(match.group(1) or match.group(3)) or not text.isupper()
