"""How text damaged by a wrong encoding looks: UTF-8 bytes read as Windows-1252 or Latin-1 ('mojibake').

Shared by ingest (which repairs provider files) and scrubbing (which reads damaged notes as letters), so both
derive the damaged forms the same way, from Python's cp1252 and latin-1 codecs (the WHATWG/Unicode code charts),
never from a typed list.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from deid.standards import Standards, load_csv_with_header_comments, load_iwi_classification, load_standards

CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})   # bytes Windows-1252 leaves without a character


def damaged_forms(character: str) -> set[str]:
    """How the character's UTF-8 bytes read through Windows-1252 (undefined bytes as '?', '\\ufffd' or the
    control character Latin-1 gives them) or through Latin-1."""
    data = character.encode("utf-8")

    def through_cp1252(undefined: str | None) -> str:
        return "".join((undefined or bytes([b]).decode("latin-1")) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252")
                       for b in data)

    forms = {data.decode("latin-1"), through_cp1252("?"), through_cp1252("\ufffd"), through_cp1252(None)}
    return {form for form in forms if form != character}


# --- letters lost to '?': a file saved in a code page that lacks them ---------------------------------------------
#
# Excel's "CSV (Comma delimited)" and other saves in Windows-1252 write '?' for every character the code page has no
# place for: ā ē ī ō ū (and Ā ... Ū, the ʻokina) become '?' ("Wh?nau", "M?ngere", "Waiwhet? Road"). Unlike mojibake
# the letter is gone, so it is only restored where the word, read with each '?' as the letters the code page lacks,
# is exactly one word of the shipped lexicons (te reo words, names, places, ethnicity labels). A '?' ending a word is
# a question mark unless its context says otherwise (`LostLetterLexicon.lost_words`).

LOST_MARKS = "?\ufffd"   # how a lost letter is written: '?' by the saving program, U+FFFD by a reader
_MARK = re.compile("[?\ufffd]")
_WORD = re.compile(r"[^\W\d_]+")
# After a word's last '?', characters a question mark is not followed by in writing: the '?' was a letter.
_NOT_AFTER_QUESTION = frozenset(",;:./-")


def lost_key(word: str) -> str:
    """The word as a Windows-1252 save writes it, in lower case: each character the code page lacks as '?'."""
    lower = word.lower()
    return lower if lower.isascii() else "".join(ch if _in_cp1252(ch) else "?" for ch in lower)


@functools.cache
def _in_cp1252(character: str) -> bool:
    return bool(character.encode("cp1252", errors="ignore"))


def _key_of_damaged(token: str) -> str:
    return "".join("?" if ch in LOST_MARKS else ch for ch in token.lower())


@dataclass(frozen=True)
class LostWord:
    """A word holding lost letters: where it is in the text, and the word as written before when one fits."""

    start: int
    end: int                 # the lost letters a question mark ends are left out ("wh?nau?": "wh?nau")
    restored: str | None     # same length as text[start:end]; None when no lexicon word, or several, fit
    candidates: tuple[str, ...] = ()   # the lexicon words that fit, in the word's case (several when ambiguous)


def _iwi_names(standards: Standards) -> list[str]:
    """The words of the Stats NZ iwi classification's names ("Te Āti Awa", "Ngāti Porou"), as the deployment has it."""
    classification = load_iwi_classification(standards.directory, standards.config_dir)
    return [word for _, name in classification.spellings() for word in name.replace("-", " ").split()]


@dataclass(frozen=True)
class LostLetterLexicon:
    """The shipped words holding a letter Windows-1252 lacks, by how such a save writes them ('wh?nau' -> whānau)."""

    spellings: dict[str, tuple[str, ...]]   # lost_key -> the lexicon's spellings, one per word (case folded)
    words: frozenset[str]                   # every lexicon word, case folded (is a word without its last '?' a word?)
    everyday_words: frozenset[str] = frozenset()   # the words listed in lower case (everyday words, not names)

    @classmethod
    def from_words(cls, words: Iterable[str]) -> LostLetterLexicon:
        """Built from words or phrases (split into words), the most everyday first: where a damaged word fits several,
        the first listed is the one a reading takes (`lost_words` candidates). A word listed both capitalised and in
        lower case is kept in lower case (an everyday word), a proper noun as listed."""
        found: dict[str, dict[str, str]] = {}
        every: set[str] = set()
        everyday: set[str] = set()
        for phrase in dict.fromkeys(words):
            for word in _WORD.findall(phrase):
                every.add(word.casefold())
                if word.islower():
                    everyday.add(word.casefold())
                if word.isascii():
                    continue
                key = lost_key(word)
                if "?" in key:
                    spelled = found.setdefault(key, {})
                    held = spelled.get(word.casefold())
                    if held is None or word.islower():
                        spelled[word.casefold()] = word
        return cls({key: tuple(spelled.values()) for key, spelled in found.items()}, frozenset(every), frozenset(everyday))

    @classmethod
    def from_standards(cls, standards: Standards) -> LostLetterLexicon:
        """Every word of te_reo.yaml, pasifika.yaml, the ethnicity labels, the place names of geography.csv and
        geography_places.csv and name_lexicon.yaml (each as the deployment's standards have it), everyday words
        first."""
        reo, names = standards.te_reo, standards.name_lexicon
        words: list[str] = [*reo.words, *reo.phrases, *reo.pronouns, *reo.particles, *reo.person_cues,
                            *standards.pasifika.words]
        words += [level.label for level in standards.ethnicity.level1] + [level.label for level in standards.ethnicity.level2]
        places: list[tuple[str | None, ...]] = [(p.suburb, p.town_city, p.ta_name, p.region_name)
                                                for p in standards.geography.places]
        places += extra_place_names(standards)
        words += [name for place in places for name in place if name]
        words += [*names.maori_name_words, *names.given_names, *names.family_names, *names.everyday_word_names]
        words += _iwi_names(standards)
        return cls.from_words(words)

    def lost_words(self, text: str) -> list[LostWord]:
        """Each word of the text holding a lost letter ('?' or U+FFFD with a letter on either side), with the one
        lexicon word it fits. A '?' ending a word stays a question mark ("Is she ok?", "Is it pa?") unless the word
        read with it as a letter is a lexicon word and a question mark does not fit there: a comma or a full stop
        follows ("Tait?,"), the word is all the text ("Tait?" in a suburb column), a lower-case word follows and the
        word without the '?' is no everyday word ("Ng? mihi", not "pa? yes"), or the word without the '?' is no word
        of the lexicon at all ("Waiwhet? Road")."""
        if not any(mark in text for mark in LOST_MARKS):
            return []
        found: list[LostWord] = []
        for start, end in _words_with_marks(text):
            token = text[start:end]
            core = token.rstrip(LOST_MARKS)
            if not core or core.strip(LOST_MARKS) == "":
                continue
            tail = len(token) - len(core)
            if tail == 1 and self._final_is_letter(text, start, end, core):
                fits = self._fits(token, text, start)
                if fits:
                    found.append(LostWord(start, end, fits[0] if len(fits) == 1 else None, tuple(fits)))
                    continue
            if any(mark in core for mark in LOST_MARKS):
                fits = self._fits(core, text, start)
                found.append(LostWord(start, start + len(core), fits[0] if len(fits) == 1 else None, tuple(fits)))
        return found

    def restore(self, text: str) -> tuple[str, int, int]:
        """The text with each lost letter restored where one lexicon word fits, and how many words were restored
        and how many held a lost letter inside or at the start of a word (a '?' between letters) and were not."""
        words = self.lost_words(text)
        if not words:
            return text, 0, 0
        parts: list[str] = []
        at = restored = unrestored = 0
        for word in words:
            if word.restored is None:
                unrestored += not _in_address_or_query(text, word.start, word.end)
                continue
            parts += [text[at:word.start], word.restored]
            at = word.end
            restored += 1
        parts.append(text[at:])
        return "".join(parts), restored, unrestored

    def _final_is_letter(self, text: str, start: int, end: int, core: str) -> bool:
        """Whether a word's last '?' (at end - 1) reads as a letter rather than a question mark (see `lost_words`)."""
        after = text[end:end + 2]
        if after[:1] in _NOT_AFTER_QUESTION and after[:1] != "":
            return True
        if not text[end:].strip() and not text[:start].strip():
            return True
        if any(mark in core for mark in LOST_MARKS):
            return False
        stem = core.casefold()
        if after[:1].isspace() and after[1:2].islower() and stem not in self.everyday_words:
            return True
        return len(core) >= 2 and stem not in self.words

    def _fits(self, token: str, text: str, start: int) -> list[str]:
        """The lexicon words the token may have been, written in the token's case."""
        spellings = self.spellings.get(_key_of_damaged(token), ())
        if not spellings:
            return []
        sentence_start = token[0] in LOST_MARKS and _starts_sentence(text, start)
        return [_in_case_of(token, spelled, sentence_start) for spelled in spellings
                if len(spelled) == len(token)]   # (a letter whose lower case is two characters never fits)


def _words_with_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of letters and lost letters holding a lost letter (found from the marks: a note's
    other words are never looked at)."""
    spans: list[tuple[int, int]] = []
    end_of_last = 0
    for m in _MARK.finditer(text):
        at = m.start()
        if at < end_of_last:
            continue
        start, end = at, at + 1
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in LOST_MARKS):
            start -= 1
        while end < len(text) and (text[end].isalpha() or text[end] in LOST_MARKS):
            end += 1
        spans.append((start, end))
        end_of_last = end
    return spans


def _in_case_of(token: str, spelled: str, sentence_start: bool) -> str:
    """The lexicon word with the token's letters kept and each lost letter taken from the lexicon, upper case where
    the token is in capitals, or starts with the lost letter and the lexicon capitalises the word or a sentence
    starts there."""
    letters = [ch for ch in token if ch not in LOST_MARKS]
    capitals = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    out = []
    for i, (ch, lexicon_ch) in enumerate(zip(token, spelled, strict=True)):
        if ch not in LOST_MARKS:
            out.append(ch)
        elif capitals or (i == 0 and (lexicon_ch.isupper() or sentence_start)):
            out.append(lexicon_ch.upper())
        else:
            out.append(lexicon_ch.lower())
    return "".join(out)


def _in_address_or_query(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a web address, an email address or a query ('page?id=3'): a '?' there is no
    lost letter."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    chunk = text[left:right]
    return any(mark in chunk for mark in ("://", "www.", "=", "@", "&"))


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


PLACES_FILE = "geography_places.csv"


def extra_place_names(standards: Standards) -> list[tuple[str | None, ...]]:
    """Place names of geography_places.csv (GeoNames localities; the deployment's copy when it has one)."""
    overlay = standards.config_dir / PLACES_FILE if standards.config_dir else None
    path = overlay if overlay is not None and overlay.is_file() else standards.directory / PLACES_FILE
    if not path.is_file():
        return []
    _, rows = load_csv_with_header_comments(path)
    return [(row.get("suburb"), row.get("town_city"), row.get("ta_name"), row.get("region_name")) for row in rows]


@functools.cache
def standards_lexicon() -> LostLetterLexicon:
    """The lexicon of the standards shipped with the package (for callers not given a run's `Standards`)."""
    return LostLetterLexicon.from_standards(load_standards())
