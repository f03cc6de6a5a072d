"""Generic name heuristic: a capitalised word after a title or a kinship word."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation

from deid.standards import NamesStandard

KIN_WORDS = ["son", "daughter", "partner", "husband", "wife", "pēpi", "pepi", "baby", "brother", "sister", "mum", "mother",
             "dad", "father", "nan", "nana", "koro", "cousin", "niece", "nephew", "grandson", "granddaughter", "tamaiti",
             "tamariki", "whānau member", "boyfriend", "girlfriend", "ex", "stepson", "stepdaughter", "child", "named", "called"]
_NAME = r"[A-ZĀĒĪŌŪ][a-zāēīōū'’\-]+(?:\s+[A-ZĀĒĪŌŪ][a-zāēīōū'’\-]+)?"


class TitledNameRecognizer(EntityRecognizer):
    """'Mr Parata', 'Whaea Mere', 'her son Nikau': the capitalised word(s) after the cue.

    Titles come from standards/names.yaml; kinship words are listed above. Only the name
    is replaced, so the title or relationship stays readable.
    """

    def __init__(self, standard: NamesStandard, supported_entity: str = "PERSON"):
        super().__init__(supported_entities=[supported_entity], name="TitledNameRecognizer", supported_language="en")
        titles = "|".join(re.escape(t) for t in sorted(standard.titles, key=len, reverse=True))
        kin = "|".join(re.escape(k) for k in sorted(KIN_WORDS, key=len, reverse=True))
        # Case-insensitive cue, case-sensitive name: (?i:...) scopes the flag to the cue.
        self._pattern = re.compile(rf"\b(?i:(?:{titles})\.?|(?:{kin}))\s+(?P<name>{_NAME})")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self._pattern.finditer(text):
            explanation = AnalysisExplanation(recognizer=self.name, original_score=0.6, pattern_name="title or kin word + name")
            results.append(RecognizerResult(self.supported_entities[0], match.start("name"), match.end("name"), 0.6,
                                            explanation, {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results
