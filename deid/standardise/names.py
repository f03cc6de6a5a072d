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
PART_COLUMNS = ("given_names", "family_name", "display_name", "match_key")   # what `parse_columns` gives
_PARTS_SEP = "\x1f"
_UNSEEN = object()
TIDIED_REMEMBERED = 200_000   # name parts a parser keeps (bounded: a national quarter has ~10^5 distinct parts)
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
        self._tidied: dict[tuple[str, bool], str | None] = {}

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
        given = self._tidy(given, family_part=False)
        family = self._tidy(family, family_part=True)
        preferred = self._tidy(preferred, family_part=False)
        display = " ".join(part for part in (given, family) if part) or None
        key = f"{fold(family or '')}|{fold(given or '')}".replace(" ", "") if (family or given) else None
        return ParsedName(given, family, display, key, preferred)

    def parse_series(self, full_names: pl.Series) -> pl.DataFrame:
        """Parse a column of whole names, once per distinct value, into NAME_COLUMNS."""
        from deid.standardise.columns import parse_unique

        return parse_unique(full_names, self.parse, NAME_COLUMNS)

    def parse_columns(self, full: pl.Series, given: pl.Series, family: pl.Series) -> pl.DataFrame:
        """`parse` of each row's parts (or of its whole name when it gives neither part) into PART_COLUMNS.

        Rows with both parts are read part by part, each distinct part once: a part's reading does not
        depend on the other part then, and names recur far more than people. Other rows are parsed
        once per distinct row.
        """
        from deid.standardise.columns import parse_unique

        frame = pl.DataFrame({"f": full, "g": given, "s": family}, schema={"f": pl.Utf8, "g": pl.Utf8, "s": pl.Utf8})
        frame = frame.with_row_index("__row")
        both = (pl.col("g").fill_null("") != "") & (pl.col("s").fill_null("") != "")
        parts = frame.filter(both)
        given_names, family_names = parts.get_column("g").unique(), parts.get_column("s").unique()
        read_given = [self._part_and_key(self._take_preferred(v)[0], family_part=False) for v in given_names.to_list()]
        read_family = [self._part_and_key(v, family_part=True) for v in family_names.to_list()]
        named = (parts.join(pl.DataFrame({"g": given_names, "given_names": [r[0] for r in read_given],
                                          "gk": [r[1] for r in read_given]}, schema_overrides={"given_names": pl.Utf8, "gk": pl.Utf8}),
                            on="g", how="left", maintain_order="left")
                 .join(pl.DataFrame({"s": family_names, "family_name": [r[0] for r in read_family],
                                     "sk": [r[1] for r in read_family]}, schema_overrides={"family_name": pl.Utf8, "sk": pl.Utf8}),
                       on="s", how="left", maintain_order="left"))
        either = pl.col("given_names").is_not_null() | pl.col("family_name").is_not_null()
        named = named.select(
            "__row", "given_names", "family_name",
            pl.when(either).then(pl.concat_str(["given_names", "family_name"], separator=" ", ignore_nulls=True)).alias("display_name"),
            pl.when(either).then(pl.concat_str(["sk", pl.lit("|"), "gk"])).alias("match_key"))
        rest = frame.filter(~both)
        if rest.height:
            keys = rest.select(pl.concat_str([pl.col(c).fill_null("") for c in ("f", "g", "s")], separator=_PARTS_SEP)).to_series()
            parsed = parse_unique(keys, self._parse_joined, PART_COLUMNS).with_columns(rest.get_column("__row"))
            named = pl.concat([named, parsed.select("__row", *PART_COLUMNS)]).sort("__row")
        return named.drop("__row")

    def _part_and_key(self, text: str, *, family_part: bool) -> tuple[str | None, str]:
        """A part as `parse` writes it (given parts after any preferred name is taken out) and its share of the match key."""
        tidy = self._tidy(text, family_part=family_part)
        return tidy, fold(tidy or "").replace(" ", "")

    def _parse_joined(self, key: str) -> ParsedName:
        """`parse` of whole name, given and family parts joined by _PARTS_SEP (empty for missing)."""
        full, given, family = (part or None for part in key.split(_PARTS_SEP))
        return self.parse(full, given=given, family=family) if (given or family) else self.parse(full)

    @staticmethod
    def _take_preferred(text: str) -> tuple[str, str | None]:
        match = _PREFERRED.search(text)
        if not match:
            return text, None
        preferred = next(g for g in match.groups() if g)
        return (text[: match.start()] + " " + text[match.end():]).strip(), preferred.strip()

    def _tidy(self, text: str | None, *, family_part: bool) -> str | None:
        """A name part cleaned and re-cased, remembered: given and family names recur across rows and files."""
        if text is None:
            return None
        key = (text, family_part)
        tidy = self._tidied.get(key, _UNSEEN)   # one look-up: another thread may empty the memo at any time
        if tidy is not _UNSEEN:
            return tidy   # type: ignore[return-value]
        cleaned = self._clean(text)
        tidy = self._fix_case(cleaned, family_part=family_part) if cleaned else None
        if len(self._tidied) >= TIDIED_REMEMBERED:
            self._tidied.clear()
        self._tidied[key] = tidy
        return tidy

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
