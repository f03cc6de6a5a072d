"""Email addresses, NZ bank account numbers and NZ driver licence numbers in free text.

Email is matched by shape only: Presidio's EmailRecognizer checks the domain against the
public suffix list, which drops addresses at second-level suffixes such as school.nz.
Bank accounts (bank-branch-account-suffix, 2-4-7-2/3 digits) are taken by their shape
when written with separators, and by python-stdnum's checksum when run together. NZ
driver licence numbers (two letters, six digits) are common-looking, so they are taken
only after a licence cue word (standards/scrub_words.yaml).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.nz import bankaccount

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import CuePhrases, NoteScan
from deid.standards import Standards


def phrase_alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of word lists' phrases, longest first, any whitespace between words."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


@register
class NzEmailRecognizer(SpanRecognizer):
    NEEDS_KNOWN_NAMES = False
    _pattern = re.compile(r"(?<![\w.+'-])[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w@-])")  # letters with macrons too

    def __init__(self, supported_entity: str = "EMAIL_ADDRESS"):
        super().__init__("NzEmailRecognizer", supported_entity)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzEmailRecognizer:
        return cls()

    def wants(self, scan: NoteScan) -> bool:
        return "@" in scan.text

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [self.span(m.start(), m.end(), 0.9, "email shape") for m in self._pattern.finditer(text)]


@register
class NzBankAccountRecognizer(SpanRecognizer):
    """Source: Payments NZ bank account number format; checksum by python-stdnum (stdnum.nz.bankaccount)."""

    NEEDS_KNOWN_NAMES = False
    # Hyphens, spaces, slashes or full stops between the four parts (12-3456-7890123-00, 12/3456/7890123/00).
    _separated = re.compile(r"(?<![\d/.-])(\d{2})([-/. ])(\d{4})\2(\d{7})\2(\d{2,3})(?![\d/-]|\.\d)")
    # Any other mix of those or none (020200-7150404-92, 123456012345600): taken on the checksum.
    _joined = re.compile(r"(?<![\d/.-])\d{2}[-/. ]?\d{4}[-/. ]?\d{7}[-/. ]?\d{2,3}(?![\d/-]|\.\d)")

    def __init__(self, supported_entity: str = "NZ_BANK_ACCOUNT"):
        super().__init__("NzBankAccountRecognizer", supported_entity)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzBankAccountRecognizer:
        return cls()

    def wants(self, scan: NoteScan) -> bool:
        """A candidate: fifteen digits or more, one run of seven or more among them."""
        return scan.digit_count >= 15 and any(end - start >= 7 for start, end in scan.digit_runs)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for m in self._separated.finditer(text):
            valid = _valid_account(re.sub(r"[/. ]", "-", m.group()))
            results.append(self.span(m.start(), m.end(), 0.9 if valid else 0.7,
                                     "bank account" + ("" if valid else " (shape; checksum not valid)")))
        for m in self._joined.finditer(text):
            if not self._separated.fullmatch(m.group()) and _valid_account(re.sub(r"[-/. ]", "", m.group())):
                results.append(self.span(m.start(), m.end(), 0.8, "bank account (other separators, checksum valid)"))
        return results


@functools.lru_cache(maxsize=4096)
def _valid_account(digits: str) -> bool:
    """python-stdnum's check (bank and branch in its registry, then the checksum); slow, so cached."""
    return bool(bankaccount.is_valid(digits))


@register
class NzDriverLicenceRecognizer(SpanRecognizer):
    """Source: NZ Transport Agency licence number format (AA123456, also written AA 123456 or AA-123456).

    After a licence cue word (standards/scrub_words.yaml `licence_cues`) the number is certain. Without
    one, the shape alone is still taken (notes say "got his learners xy123456", or misspell the cue):
    two letters and six digits is also the NZ passport's shape, another identifier, and little else in a
    case note has it; only a reference cue before it (recognizers.yaml `reference_cues`: "policy AB123456")
    makes it a reference instead."""

    NEEDS_KNOWN_NAMES = False
    NUMBER = r"(?<![\w$/.\-])(?P<number>[A-Za-z]{2}[ \-]?\d{6})(?![\w/\-]|\.\d)"

    def __init__(self, cues: Sequence[str], reference_cues: Sequence[str] = (), supported_entity: str = "NZ_DRIVER_LICENCE"):
        super().__init__("NzDriverLicenceRecognizer", supported_entity)
        # The cues' first characters as a look-ahead: the regex engine passes over every other position cheaply.
        ahead = rf"(?i:(?=[{re.escape(''.join(sorted({c[0] for c in cues})))}]))" if all(cues) else ""
        self._pattern = re.compile(rf"{ahead}\b(?i:{phrase_alternation(cues)})\b[^\n]{{0,30}}?\b(?P<number>[A-Za-z]{{2}}[ \-]?\d{{6}})\b")
        self._shape = re.compile(self.NUMBER)
        self._reference = (re.compile(rf"\b(?i:{phrase_alternation(reference_cues)})\b\W{{0,4}}(?:(?:no|number|#)\W{{0,3}})?$")
                           if reference_cues else None)
        self._cues = CuePhrases(cues)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzDriverLicenceRecognizer:
        return cls(standards.scrub_words.licence_cues, standards.recognizers.reference_cues)

    def wants(self, scan: NoteScan) -> bool:
        return any(end - start == 6 for start, end in scan.digit_runs)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        cued = [self.span(m.start("number"), m.end("number"), 0.85, "licence cue + AA123456")
                for m in self._pattern.finditer(text)]
        taken = {r.start for r in cued}
        shaped = [self.span(m.start("number"), m.end("number"), 0.6, "AA123456 (licence or passport shape)")
                  for m in self._shape.finditer(text)
                  if m.start("number") not in taken
                  and not (self._reference and self._reference.search(text[max(0, m.start() - 30):m.start()]))]
        return cued + shaped
