"""NZ phone numbers in free text, found and checked by `phonenumbers` (offline)."""
from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan
from deid.standards import Standards

# Every number libphonenumber could take for an NZ one: seven digits or more with separators between them,
# or five or six starting with 8 (NZ's short UAN numbers, the only valid ones that short; metadata for NZ).
# (Both shapes start with a digit: "(?=\d)" first lets the regex engine pass over every other position cheaply.)
_CANDIDATE = re.compile(r"(?=\d)(?:\d(?:\W{0,4}\d){6}|(?<!\d)0?8(?:\W{0,4}\d){4})")
_RUN = re.compile(r"(?:[\s\-./()]{0,3}\d)+")   # the rest of the candidate's digits and separators
_BEFORE, _AFTER = 4, 16                          # characters of context before and after a candidate
# Freephone, shared-cost and premium numbers belong to organisations (NZ numbering plan: 0800, 0508, 0900;
# their national numbers start with 8, 5 or 9, so the costly type lookup runs only for those).
_NOT_PERSONAL = frozenset({phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.SHARED_COST,
                           phonenumbers.PhoneNumberType.PREMIUM_RATE, phonenumbers.PhoneNumberType.UAN})
_DATE_START = re.compile(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}(?!\d)")
# What follows the hour of a time ("10:40AM", "8.15 am", "1000hrs", "9am"): a number that ends in such an hour
# ran on from a phone number into the time written after it ("ph 04 402 4358 // 10:40AM spoke with ...").
_TIME_AFTER = re.compile(r"[:.]\d{2}(?!\d)|\s?(?:hrs|hr|am|pm|a\.m\.|p\.m\.)(?![^\W\d_])", re.IGNORECASE)
_LAST_DIGITS = re.compile(r"[\W_]*\d+$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+|&)\.?[\s:\-–(]*$")   # the word right before a number, past spaces and a colon


@register
class NzPhoneRecognizer(SpanRecognizer):
    """Mobile, landline and +64 forms (0800, 0508 and 0900 numbers kept where the word before them says they
    are an organisation's line). Source:
    Google libphonenumber NZ metadata.

    libphonenumber's matcher (slow: pure Python) runs only on a note with a candidate number.
    `context` (standards/scrub_words.yaml) holds the words that make a number after a reference cue a
    phone number after all; `REFERENCE_LIKE` says a reference can look like one.
    """

    NEEDS_KNOWN_NAMES = False
    REFERENCE_LIKE = True
    COUNTRY_CODE = "nz"

    def __init__(self, context: Sequence[str] = (), extensions: Sequence[str] = (), supported_entity: str = "PHONE_NUMBER",
                 line_cues: Sequence[str] = (), line_endings: Sequence[str] = (), line_joiners: Sequence[str] = ()):
        super().__init__("NzPhoneRecognizer", supported_entity)
        self.context = list(context)
        words = "|".join(re.escape(w) for w in sorted(extensions, key=len, reverse=True))
        self._extension = re.compile(rf"\s*(?:{words})\.?\s*\d+$", re.IGNORECASE) if words else None
        self._line_cues = frozenset(w.casefold() for w in line_cues)
        self._line_endings = tuple(w.casefold() for w in line_endings)
        self._line_joiners = frozenset(w.casefold() for w in line_joiners)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzPhoneRecognizer:
        words = standards.scrub_words
        return cls(words.context.get(cls.__name__, ()), words.phone_extensions,
                   line_cues=words.organisation_line_cues, line_endings=words.organisation_line_endings,
                   line_joiners=words.organisation_line_joiners)

    def organisation_line(self, text: str, start: int) -> bool:
        """Whether the word right before a freephone number says it is an organisation's line ("Healthline
        0800 ...", "rang 0800 ...", "on 027 ... or 0800 ..."), not a person's ("call Mana back on 0800 ...")."""
        window = text[max(0, start - 40):start]
        before = _WORD_BEFORE.search(window)
        if before is None:
            return False
        word = before.group(1).casefold()
        if word in self._line_joiners:   # another number's alternative: the line is the organisation's
            return window[:before.start()].rstrip()[-1:].isdigit()
        return (word in self._line_cues or f"{word}." in self._line_cues
                or any(word.endswith(ending) and word != ending for ending in self._line_endings))

    def wants(self, scan: NoteScan) -> bool:
        """A candidate number in the note; its windows are kept on the scan for `analyze`."""
        if scan.digit_count < 5:
            return False
        windows = scan.memo[self.name] = self.windows(scan.text)
        return bool(windows)

    @staticmethod
    def windows(text: str) -> list[tuple[int, int]]:
        """The stretches of the note around candidate numbers, merged where they touch: libphonenumber reads
        only these. Each runs from a few characters before the candidate (a "+" or bracket) to the end of its
        run of digits and separators and a few characters on (an extension, or the time after a date)."""
        merged: list[tuple[int, int]] = []
        for m in _CANDIDATE.finditer(text):
            start = max(0, m.start() - _BEFORE)
            run = _RUN.match(text, m.end())
            end = min(len(text), (run.end() if run else m.end()) + _AFTER)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        if isinstance(nlp_artifacts, NoteScan) and nlp_artifacts.text is text and self.name in nlp_artifacts.memo:
            windows = nlp_artifacts.memo[self.name]
        else:
            windows = self.windows(text)
        # POSSIBLE, not VALID: a number in a range not yet allocated, or mistyped by one digit,
        # still identifies someone in a case note, so it is scrubbed too (at a lower score).
        for offset, end in windows:
            for match in phonenumbers.PhoneNumberMatcher(text[offset:end], "NZ", leniency=phonenumbers.Leniency.POSSIBLE):
                start = offset + match.start
                if _TIME_AFTER.match(text, start + len(match.raw_string)):
                    trimmed = self._without_time(match)
                    if trimmed is None:
                        continue
                    match = trimmed
                valid = phonenumbers.is_valid_number(match.number)
                digits = sum(ch.isdigit() for ch in match.raw_string)
                if not valid and not (match.raw_string.lstrip("(").startswith(("0", "+")) and digits >= 8):
                    continue  # a bare number (a reference, an amount) is not taken for a phone unless it is a real one
                if start and (text[start - 1] in "$,." or text[start - 1].isdigit()):
                    continue  # the tail of an amount ("$7,830.74")
                if start > 1 and text[start - 1] in "-/" and text[start - 2].isalnum():
                    continue  # the tail of a code ("OT-2024-767555")
                if (str(match.number.national_number)[:1] in "589" and phonenumbers.number_type(match.number) in _NOT_PERSONAL
                        and (not match.raw_string.lstrip("(").startswith(("0", "+")) or self.organisation_line(text, start))):
                    # an organisation's line: said so by the word before it, or not dialled as a whole number at all
                    # (a bare short number, "84077" of "RCT84077", is a code's digits)
                    continue
                if _DATE_START.match(match.raw_string):
                    continue  # a date and its time ("19.11.25 12.30pm", "2025-01-20 2.30pm")
                raw = self._extension.sub("", match.raw_string) if self._extension else match.raw_string
                if raw.startswith("(") and ")" not in raw:   # the note's own bracket around the number stays
                    start, raw = start + 1, raw[1:]
                results.append(self.span(start, start + len(raw), 0.9 if valid else 0.7,
                                         "libphonenumber NZ" + ("" if valid else " (possible number)")))
        return results

    @staticmethod
    def _without_time(match: phonenumbers.PhoneNumberMatch) -> phonenumbers.PhoneNumberMatch | None:
        """The match without the hour of a time it ran into ("04 402 4358 // 10" of "... // 10:40AM"), when
        what is left is still a number libphonenumber can take; None when the match was only the time."""
        cut = _LAST_DIGITS.search(match.raw_string)
        rest = match.raw_string[:cut.start()] if cut else ""
        if sum(ch.isdigit() for ch in rest) < 5:
            return None
        try:
            number = phonenumbers.parse(rest, "NZ")
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(number):
            return None
        return phonenumbers.PhoneNumberMatch(match.start, rest, number)
