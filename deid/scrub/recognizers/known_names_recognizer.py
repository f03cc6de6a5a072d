"""Record-aware name redaction: every name known from a submission's structured columns."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer

from deid.standards import fold

_VOWELS = {"a": "[aāäáàâ]", "e": "[eēëéèê]", "i": "[iīïíìî]", "o": "[oōöóòô]", "u": "[uūüúùû]"}
# Name parts that are also everyday words: matched only when written with a capital.
COMMON_WORDS = {"will", "may", "hope", "grace", "joy", "rose", "mark", "bill", "faith", "june", "april", "august", "summer",
                "dawn", "sky", "river", "star", "hunter", "young", "king", "long", "white", "brown", "green", "black",
                "hill", "wood", "field", "page", "rich", "bird", "fox", "love", "park", "lee", "tai", "te", "ana", "ma",
                "rangi", "moana", "ao", "manu", "koa", "aria", "tama", "ari"}


def _token_pattern(token: str) -> str:
    """A regex for a name token that ignores macrons and straight/curly apostrophes."""
    parts = []
    for ch in fold(token).replace(" ", ""):
        parts.append(_VOWELS.get(ch, re.escape(ch)))
    return "['’]?".join(parts) if "'" in token or "’" in token else "".join(parts)


def name_tokens(names: Iterable[str | None], min_length: int = 2) -> list[str]:
    """Distinct name words from full names (split on spaces and hyphens)."""
    seen: dict[str, str] = {}
    for name in names:
        if not name:
            continue
        for word in re.split(r"[\s\-,]+", unicodedata.normalize("NFC", name)):
            word = word.strip(".()\"")
            key = fold(word).replace(" ", "")
            if len(key) >= min_length and key not in seen:
                seen[key] = word
    return list(seen.values())


class KnownNamesRecognizer(SpanRecognizer):
    """Finds any word of a known name, in any case, with or without macrons.

    Names of clients, caregivers and whānau come from the same submission's structured
    columns, so a name the generic heuristics would miss is still found. Words that are
    also ordinary English words match only when capitalised.
    """

    def __init__(self, names: Iterable[str | None], supported_entity: str = "PERSON"):
        super().__init__("KnownNamesRecognizer", supported_entity)
        tokens = name_tokens(names)
        loose = [t for t in tokens if fold(t) not in COMMON_WORDS]
        strict = [t for t in tokens if fold(t) in COMMON_WORDS]
        self._loose = self._compile(loose, re.IGNORECASE)
        self._strict = self._compile(strict, 0)
        self._strict_any_case = self._compile(strict, re.IGNORECASE)
        self.token_count = len(tokens)

    @staticmethod
    def _compile(tokens: list[str], flags: int) -> re.Pattern[str] | None:
        if not tokens:
            return None
        ordered = sorted(tokens, key=lambda t: len(fold(t)), reverse=True)
        if flags & re.IGNORECASE:
            body = "|".join(_token_pattern(t) for t in ordered)
        else:
            body = "|".join(re.escape(t[:1].upper()) + _token_pattern(t[1:]) for t in ordered if t)
        return re.compile(rf"(?<![\w’'])(?:{body})(?![\w])", flags)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for pattern, label in ((self._loose, "known name"), (self._strict, "known name (capitalised)")):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                results.append(self.span(match.start(), match.end(), 0.95, label))
        if self._strict_any_case is not None and results:
            # An everyday-word name part in lower case or capitals ("tama horomona") is still a name
            # when it sits next to another part of a known name.
            found = {(r.start, r.end) for r in results}
            for match in self._strict_any_case.finditer(text):
                if (match.start(), match.end()) in found:
                    continue
                if any((not text[r.end:match.start()].strip() and 0 < match.start() - r.end <= 2)
                       or (not text[match.end():r.start].strip() and 0 < r.start - match.end() <= 2) for r in results):
                    results.append(self.span(match.start(), match.end(), 0.9, "known name (next to another part of it)"))
        return results
