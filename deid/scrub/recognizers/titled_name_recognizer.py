"""Generic name heuristic: a capitalised word after a title or a kinship word."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer
from deid.standards import NamesStandard

KIN_WORDS = ["son", "daughter", "partner", "husband", "wife", "pēpi", "pepi", "baby", "brother", "sister", "mum", "mother",
             "dad", "father", "nan", "nana", "koro", "cousin", "niece", "nephew", "grandson", "granddaughter", "tamaiti",
             "tamariki", "whānau member", "boyfriend", "girlfriend", "ex", "stepson", "stepdaughter", "child", "named", "called"]
_NAME = r"[A-ZĀĒĪŌŪ][a-zāēīōū'’\-]+(?:\s+[A-ZĀĒĪŌŪ][a-zāēīōū'’\-]+)?"


class TitledNameRecognizer(SpanRecognizer):
    """'Mr Parata', 'Whaea Mere', 'her son Nikau': the capitalised word(s) after the cue.

    Titles come from standards/names.yaml; kinship words are listed above. Only the name
    is replaced, so the title or relationship stays readable.
    """

    def __init__(self, standard: NamesStandard, supported_entity: str = "PERSON"):
        super().__init__("TitledNameRecognizer", supported_entity)
        titles = "|".join(re.escape(t) for t in sorted(standard.titles, key=len, reverse=True))
        kin = "|".join(re.escape(k) for k in sorted(KIN_WORDS, key=len, reverse=True))
        # Case-insensitive cue, case-sensitive name: (?i:...) scopes the flag to the cue.
        self._pattern = re.compile(rf"\b(?i:(?:{titles})\.?|(?:{kin}))\s+(?P<name>{_NAME})")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self._pattern.finditer(text):
            results.append(self.span(match.start("name"), match.end("name"), 0.6, "title or kin word + name"))
        return results
