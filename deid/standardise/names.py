"""Person names: 'FAMILY, Given' or 'Given Family' into given names, family name and a match key."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from deid.standards import NamesStandard, fold


@dataclass(frozen=True)
class ParsedName:
    given_names: str | None
    family_name: str | None
    display_name: str | None
    match_key: str | None


def _fix_word_case(word: str, particles: set[str]) -> str:
    lower = word.lower()
    if "-" in word:
        return "-".join(_fix_word_case(part, particles) for part in word.split("-"))
    if lower.startswith("o'") and len(lower) > 2:
        return "O'" + lower[2:].capitalize()
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2:].capitalize()
    if lower.startswith("mac") and len(lower) > 5:
        return "Mac" + lower[3:].capitalize()
    if lower in {"van", "von", "der", "den", "de", "da", "del", "la", "le", "di", "du"}:
        return lower
    return lower.capitalize()


def _fix_case(text: str, particles: set[str]) -> str:
    """Fix case only for ALL CAPS or all-lower input; mixed case is kept as given."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not (text == text.upper() or text == text.lower()):
        return text
    return " ".join(_fix_word_case(word, particles) for word in text.split())


class NameParser:
    def __init__(self, standard: NamesStandard):
        self.titles = {fold(t) for t in standard.titles}
        self.particles = {fold(p) for p in standard.family_name_particles}

    def parse(self, full_name: str | None = None, *, given: str | None = None, family: str | None = None) -> ParsedName:
        """Parse a whole name, or tidy separately given parts."""
        if full_name and not (given or family):
            given, family = self._split(full_name)
        given = self._clean(given)
        family = self._clean(family)
        if given:
            given = _fix_case(given, self.particles)
        if family:
            family = _fix_case(family, self.particles)
        display = " ".join(part for part in (given, family) if part) or None
        key = None
        if family or given:
            key = f"{fold(family or '')}|{fold(given or '')}".replace(" ", "")
        return ParsedName(given or None, family or None, display, key)

    def _clean(self, text: str | None) -> str | None:
        if text is None:
            return None
        text = unicodedata.normalize("NFC", str(text))
        text = re.sub(r"\s+", " ", text).strip(" ,.")
        words = text.split()
        while words and fold(words[0]) in self.titles:
            words = words[1:]
        return " ".join(words) or None

    def _split(self, full: str) -> tuple[str | None, str | None]:
        full = unicodedata.normalize("NFC", re.sub(r"\s+", " ", full)).strip()
        if "," in full:
            family, _, given = full.partition(",")
            return given.strip() or None, family.strip() or None
        words = [w for w in full.split(" ") if w]
        while words and fold(words[0]) in self.titles:
            words = words[1:]
        if not words:
            return None, None
        if len(words) == 1:
            return None, words[0]
        start = len(words) - 1
        while start > 1 and fold(words[start - 1]) in self.particles:
            start -= 1
        return " ".join(words[:start]), " ".join(words[start:])
