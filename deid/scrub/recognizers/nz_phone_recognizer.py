"""NZ phone numbers in free text, found and checked by `phonenumbers` (offline)."""
from __future__ import annotations

import re

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
        # POSSIBLE, not VALID: a number in a range not yet allocated, or mistyped by one digit,
        # still identifies someone in a case note, so it is scrubbed too (at a lower score).
        for match in phonenumbers.PhoneNumberMatcher(text, "NZ", leniency=phonenumbers.Leniency.POSSIBLE):
            valid = phonenumbers.is_valid_number(match.number)
            digits = sum(ch.isdigit() for ch in match.raw_string)
            if not valid and not (match.raw_string.lstrip("(").startswith(("0", "+")) and digits >= 8):
                continue  # a bare number (a reference, an amount) is not taken for a phone unless it is a real one
            if match.start and (text[match.start - 1] in "$,." or text[match.start - 1].isdigit()):
                continue  # the tail of an amount ("$7,830.74")
            end = match.start + len(re.split(r"\s*(?:ext|extn|x)\.?\s*\d+$", match.raw_string, flags=re.IGNORECASE)[0])
            results.append(self.span(match.start, end, 0.9 if valid else 0.7,
                                     "libphonenumber NZ" + ("" if valid else " (possible number)")))
        return results
