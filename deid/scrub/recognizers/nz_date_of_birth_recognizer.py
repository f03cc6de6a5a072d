"""Dates of birth in free text: a date right after a birth cue (DOB, born, date of birth)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.nz_contact_recognizers import phrase_alternation
from deid.scrub.registry import register
from deid.scrub.scan import CuePhrases, NoteScan
from deid.standards import ScrubWordsStandard, Standards


@register
class NzDateOfBirthRecognizer(SpanRecognizer):
    """Only the date is replaced, so the cue word and service dates elsewhere survive.

    Dates: 12/05/2017, 2017-05-12, 12 May 2017, 12th May 2017, 12th of May 2017, May 12, 2017,
    May 12th 2017. A linking word may stand between cue and date ("date of birth as 3/5/1975", "DOB is ...").
    Birth cues, their linking words, month names and day suffixes come from standards/scrub_words.yaml.
    The cue is part of the pattern itself (only the date after it is a date of birth).
    Source: project standard (dates.yaml, day-first input).
    """

    NEEDS_KNOWN_NAMES = False
    COUNTRY_CODE = "nz"

    def __init__(self, words: ScrubWordsStandard, supported_entity: str = "DATE_OF_BIRTH"):
        super().__init__("NzDateOfBirthRecognizer", supported_entity)
        month = rf"(?:{phrase_alternation(words.months)})\.?"
        day = rf"\d{{1,2}}(?:{phrase_alternation(words.day_suffixes)})?"
        date = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{day}(?:\s+of)?\s+{month},?\s+\d{{2,4}}"
                rf"|{month}\s+{day},?\s+\d{{4}})")
        # The cues' first characters as a look-ahead: the regex engine passes over every other position cheaply.
        ahead = rf"(?=[{re.escape(''.join(sorted({c[0] for c in words.birth_cues})))}])" if all(words.birth_cues) else ""
        links = rf"(?:(?:{phrase_alternation(words.birth_cue_links)})\s+)?" if words.birth_cue_links else ""
        self.pattern = re.compile(rf"{ahead}\b(?:{phrase_alternation(words.birth_cues)})\s*[:\-]?\s*{links}(?P<date>{date})",
                                  re.IGNORECASE)
        self._cues = CuePhrases(words.birth_cues)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzDateOfBirthRecognizer:
        return cls(standards.scrub_words)

    def wants(self, scan: NoteScan) -> bool:
        return bool(scan.digit_runs) and self._cues.present(scan)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [self.span(m.start("date"), m.end("date"), 0.85, "birth cue + date") for m in self.pattern.finditer(text)]
