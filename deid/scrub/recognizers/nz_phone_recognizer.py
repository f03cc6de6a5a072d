"""NZ phone numbers in free text, found and checked by `phonenumbers` (offline)."""
from __future__ import annotations

import phonenumbers
from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer


class NzPhoneRecognizer(SpanRecognizer):
    """Mobile, landline, 0800/0508 and +64 forms. Source: Google libphonenumber NZ metadata."""

    COUNTRY_CODE = "nz"
    CONTEXT = ["phone", "ph", "mobile", "cell", "call", "text", "landline"]

    def __init__(self, supported_entity: str = "PHONE_NUMBER"):
        super().__init__("NzPhoneRecognizer", supported_entity)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, "NZ", leniency=phonenumbers.Leniency.VALID):
            results.append(self.span(match.start, match.end, 0.9, "libphonenumber NZ"))
        return results
