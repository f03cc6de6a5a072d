"""NZ phone numbers in free text, found and checked by `phonenumbers` (offline)."""
from __future__ import annotations

import phonenumbers
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation


class NzPhoneRecognizer(EntityRecognizer):
    """Mobile, landline, 0800/0508 and +64 forms. Source: Google libphonenumber NZ metadata."""

    COUNTRY_CODE = "nz"
    CONTEXT = ["phone", "ph", "mobile", "cell", "call", "text", "landline"]

    def __init__(self, supported_entity: str = "PHONE_NUMBER"):
        super().__init__(supported_entities=[supported_entity], name="NzPhoneRecognizer", supported_language="en")

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, "NZ", leniency=phonenumbers.Leniency.VALID):
            explanation = AnalysisExplanation(recognizer=self.name, original_score=0.9, pattern_name="libphonenumber NZ")
            results.append(RecognizerResult(self.supported_entities[0], match.start, match.end, 0.9, explanation,
                                             {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results
