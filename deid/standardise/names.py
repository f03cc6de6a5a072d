"""Person names: 'FAMILY, Given' or 'Given Family' into given names, family name and a match key.

Capitalisation is kept as written when a part is mixed case; only ALL CAPS or all-lower
parts are re-cased (Mc/O' names, the standard's Mac names and lower-case particles). The
match key folds case, macrons and punctuation so spellings of one name link.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from deid.standardise.casing import prefixed_case
from deid.standards import NamesStandard, fold

NAME_COLUMNS = ("given_names", "family_name", "preferred_name", "display_name", "match_key")
# A preferred name in brackets or quotes: Tama (Tom) Ngata, Wiremu "Bill" Parata, Margaret 'Peggy' Smith.
_PREFERRED = re.compile(r"""\s*(?:\(([^()]+)\)|"([^"]+)"|(?<![\w'])'([^']+)'(?![\w']))\s*""")


@dataclass(frozen=True)
class ParsedName:
    given_names: str | None
    family_name: str | None
    display_name: str | None
    match_key: str | None
    preferred_name: str | None = None


class NameParser:
    def __init__(self, standard: NamesStandard):
        self.titles = {fold(t) for t in standard.titles}
        self.particles = {fold(p) for p in standard.family_name_particles}
        self.lower_particles = {p.casefold() for p in standard.lower_case_particles}
        self.mac_names = {name.casefold(): name for name in standard.mac_names}

    def parse(self, full_name: str | None = None, *, given: str | None = None, family: str | None = None) -> ParsedName:
        """Parse a whole name, or tidy separately given parts."""
        preferred = None
        if full_name and not (given or family):
            full_name, preferred = self._take_preferred(full_name)
            given, family = self._split(full_name)
        elif given:
            given, preferred = self._take_preferred(given)
        if given and "," in given and not family:
            given, family = self._split(given)
        given = self._clean(given)
        family = self._clean(family)
        given = self._fix_case(given, family_part=False) if given else None
        family = self._fix_case(family, family_part=True) if family else None
        preferred = self._clean(preferred)
        preferred = self._fix_case(preferred, family_part=False) if preferred else None
        display = " ".join(part for part in (given, family) if part) or None
        key = f"{fold(family or '')}|{fold(given or '')}".replace(" ", "") if (family or given) else None
        return ParsedName(given, family, display, key, preferred)

    def parse_series(self, full_names: pl.Series) -> pl.DataFrame:
        """Parse a column of whole names, once per distinct value, into NAME_COLUMNS."""
        from deid.standardise.columns import parse_unique

        return parse_unique(full_names, self.parse, NAME_COLUMNS)

    @staticmethod
    def _take_preferred(text: str) -> tuple[str, str | None]:
        match = _PREFERRED.search(text)
        if not match:
            return text, None
        preferred = next(g for g in match.groups() if g)
        return (text[: match.start()] + " " + text[match.end():]).strip(), preferred.strip()

    def _clean(self, text: str | None) -> str | None:
        if text is None:
            return None
        text = unicodedata.normalize("NFC", str(text))
        text = re.sub(r"\s+", " ", text).strip(" ,")
        words = text.split()
        while words and fold(words[0]) in self.titles and len(words) > 1:
            words = words[1:]
        return " ".join(words).strip(" ,.") or None

    def _split(self, full: str) -> tuple[str | None, str | None]:
        full = unicodedata.normalize("NFC", re.sub(r"\s+", " ", full)).strip(" ,")
        if "," in full:
            family, _, given = full.partition(",")
            return given.strip() or None, family.strip() or None
        words = [w for w in full.split(" ") if w]
        titled = False
        while len(words) > 1 and fold(words[0]) in self.titles:
            words, titled = words[1:], True
        if not words:
            return None, None
        if len(words) == 1:
            return None, words[0]
        start = len(words) - 1
        # After a title the particle may open the name: "Mr. De Leon" is all family name.
        first = 0 if titled else 1
        while start > first and fold(words[start - 1]) in self.particles:
            start -= 1
        if start == 0:
            return None, " ".join(words)
        return " ".join(words[:start]), " ".join(words[start:])

    def _fix_case(self, text: str, *, family_part: bool) -> str:
        """Re-case ALL CAPS or all-lower text; mixed case is kept as given."""
        if not any(ch.isalpha() for ch in text) or not (text == text.upper() or text == text.lower()):
            return text
        words = text.split()
        fixed = [self._fix_word(word, particle_ok=family_part and i < len(words) - 1) for i, word in enumerate(words)]
        return " ".join(fixed)

    def _fix_word(self, word: str, *, particle_ok: bool) -> str:
        lower = word.casefold()
        if lower in self.mac_names:
            return self.mac_names[lower]
        if "-" in word:
            return "-".join(self._fix_word(part, particle_ok=False) for part in word.split("-"))
        if particle_ok and lower in self.lower_particles:
            return lower
        prefixed = prefixed_case(lower)
        if prefixed:
            return prefixed
        if "'" in lower:  # Fa'alogo: capital only at the start
            return lower[:1].upper() + lower[1:]
        return lower.capitalize()
