"""Record-aware name redaction: every name known from a submission's structured columns."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence

from deid.standards import fold

_NEXT_WORD = re.compile(r"[ \t]+([a-z]{2,})\b")
_JOIN = re.compile(r"\s{1,2}|\s*(?:,|and|&)\s*")
_VOWELS = {"a": "[aāäáàâ]", "e": "[eēëéèê]", "i": "[iīïíìî]", "o": "[oōöóòô]", "u": "[uūüúùû]"}


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

    Names of clients, caregivers and whānau come from the structured columns, so a name the
    generic heuristics would miss is still found. A name word that is also an everyday te reo or
    English word (Aroha, Mana, Tui, Hope, Will) is a name only where the context says so: a capital
    mid-sentence, a title, kinship word or person verb before it, a verb such as "said" or a
    possessive after it, or another part of a known name next to it (`NameEvidence`).
    """

    def __init__(self, names: Iterable[str | None], evidence: NameEvidence | None = None, supported_entity: str = "PERSON"):
        super().__init__("KnownNamesRecognizer", supported_entity)
        if evidence is None:
            from deid.standards import load_standards

            evidence = NameEvidence.from_standards(load_standards())
        self.evidence = evidence
        names = list(names)
        tokens = name_tokens(names)
        loose = [t for t in tokens if not evidence.is_ambiguous(fold(t))]
        strict = [t for t in tokens if evidence.is_ambiguous(fold(t))]
        self.keys = frozenset(fold(t) for t in tokens)
        pairs = set()
        for name in names:
            words = fold(name or "").split()
            pairs.update(zip(words, words[1:]))
        self.pairs = frozenset(pairs)  # word pairs inside one known name ("te rangi")
        self._loose = self._compile(loose)
        self._strict = self._compile(strict)
        self.token_count = len(tokens)

    def names_whole(self, phrase: str) -> bool:
        """Every word of a capitalised phrase is part of a known name and two of them stand side by side in
        one ("Aroha Te Rangi"): a person, not a programme."""
        words = [fold(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", phrase)]
        return len(words) > 1 and all(w in self.keys for w in words) and any(p in self.pairs for p in zip(words, words[1:]))

    def _starts_clause(self, text: str, m: re.Match[str]) -> bool:
        """A capitalised known name that begins a sentence and is followed by a verb ("Marama set a goal",
        "Kauri is doing well"); a te reo or English word there is followed by a noun ("Kai parcel")."""
        if not self.evidence.sentence_start(text, m.start()):
            return False
        after = _NEXT_WORD.match(text, m.end())
        if not after:
            return False
        word = after.group(1)
        return (word in self.evidence.sentence_words or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")))

    @staticmethod
    def _compile(tokens: list[str]) -> re.Pattern[str] | None:
        if not tokens:
            return None
        ordered = sorted(tokens, key=lambda t: len(fold(t)), reverse=True)
        body = "|".join(_token_pattern(t) for t in ordered)
        return re.compile(rf"(?<![\w’'])(?:{body})(?![\w])", re.IGNORECASE)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        if self._loose is not None:
            results = [self.span(m.start(), m.end(), 0.95, "known name") for m in self._loose.finditer(text)]
        if self._strict is None:
            return results
        pending = []
        for m in self._strict.finditer(text):
            if self.evidence.person_context(text, m.start(), m.end()):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (context says a person)"))
            elif m.group()[:1].isupper() and self._starts_clause(text, m):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (subject of a verb)"))
            else:
                pending.append(m)
        # Everyday-word name parts side by side, none in lower case, are a name ("Aroha TE RANGI").
        for a, b in zip(pending, pending[1:]):
            if (_JOIN.fullmatch(text, a.end(), b.start()) and text[a.end():b.start()].isspace()
                    and not a.group().islower() and not b.group().islower()):
                for m in (a, b):
                    if not any(r.start == m.start() for r in results):
                        results.append(self.span(m.start(), m.end(), 0.9, "known name (parts side by side)"))
        pending = [m for m in pending if not any(r.start == m.start() for r in results)]
        # An everyday-word name is still a name next to another known name ("tama horomona", "Mihi and Hemi").
        ends = {r.end for r in results}
        starts = {r.start for r in results}
        changed = True
        while pending and changed:
            changed = False
            for m in list(pending):
                if any(e in ends and _JOIN.fullmatch(text, e, m.start()) for e in range(max(0, m.start() - 5), m.start())) or any(
                        s in starts and _JOIN.fullmatch(text, m.end(), s) for s in range(m.end() + 1, m.end() + 6)):
                    results.append(self.span(m.start(), m.end(), 0.9, "known name (next to another name)"))
                    ends.add(m.end())
                    starts.add(m.start())
                    pending.remove(m)
                    changed = True
        return results
