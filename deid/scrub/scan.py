"""One pass over a note that every recognizer shares (issue 16: scrubbing at memory speed).

Presidio hands each recognizer the NLP engine's artifacts for a text; here the artifact is a
`NoteScan`: the note's words (with their folded keys, for name lexicons and known names looked up
by hash rather than by one regex alternation per name list) and its runs of digits (the candidates
of every identifier recognizer). Each part is computed on first use and then shared, so a note is
tokenised once however many recognizers read it. A recognizer given no scan (Presidio's own
engine hands it the no-op engine's artifacts) makes one for itself: the same code either way.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar, overload

from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.standards import fold

# A word: letters, with apostrophes inside ("Fa'asalele", "Hōhepa's"), not touching digits or underscores. A word may
# start after an apostrophe that does not follow a letter: an ʻokina written "'" ("'Ofa"), or a quotation mark.
_WORD = re.compile(r"(?<!\w)(?<!\w['’])[^\W\d_]+(?:['’][^\W\d_]+)*(?!\w)")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the note cut into gap, word, gap, word ... gap
_LETTERS = re.compile(r"(?<!\d)[^\W\d_]+")
_DIGIT_SPLIT = re.compile(r"(\d+)")  # the note cut into gap, digits, gap, digits ... gap
_APOSTROPHES = re.compile(r"['’]")

# The same three patterns for a note written only in Latin letters, common punctuation and arrows (nearly every
# case note): `\w`, `\d` and letters spelled out as ranges of characters, which the regex engine tests from a
# table instead of looking up each character's Unicode category. Each range is built by asking the Unicode
# pattern about every character in it, so on such a note both give the same cuts.
_PLAIN_BLOCKS = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2200))


def _class_of(unicode_class: str) -> str:
    """The characters of the plain blocks that `unicode_class` matches, as a regex class body of ranges."""
    test = re.compile(unicode_class)
    codes = [c for lo, hi in _PLAIN_BLOCKS for c in range(lo, hi) if test.fullmatch(chr(c))]
    runs: list[list[int]] = []
    for c in codes:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


_W, _L, _D = _class_of(r"\w"), _class_of(r"[^\W\d_]"), _class_of(r"\d")
_NOT_PLAIN = re.compile("[^" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi - 1))}" for lo, hi in _PLAIN_BLOCKS) + "]")
_PLAIN_WORD_SPLIT = re.compile(rf"((?<![{_W}])(?<![{_W}]['’])[{_L}]+(?:['’][{_L}]+)*(?![{_W}]))")
_PLAIN_LETTERS = re.compile(rf"(?<![{_D}])[{_L}]+")
_PLAIN_DIGIT_SPLIT = re.compile(rf"([{_D}]+)")

T = TypeVar("T")


class cached_property(Generic[T]):  # named as the functools descriptor it stands in for
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first read, which costs
    more than most of a note's parts): computed on first read, then an ordinary attribute of the instance."""

    def __init__(self, func: Callable[[Any], T]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@functools.lru_cache(maxsize=1 << 16)
def word_key(text: str) -> str:
    """A word's folded key: case, macrons, apostrophes and the ʻokina folded away ("Hōhepa's" -> "hohepas",
    "ʻOfa" and "'Ofa" -> "ofa")."""
    return fold(text.replace("ʻ", "'") if "ʻ" in text else text).replace(" ", "")


class Word:
    """One word of a note: where it is, as written, and its folded key."""

    __slots__ = ("end", "key", "start", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.key = word_key(text)

    def prefixes(self) -> list[tuple[int, str, bool]]:
        """(end, key, whether an apostrophe is inside) of the word and of each part before an apostrophe,
        longest first: a name may end at an apostrophe ("Hōhepa's" holds "Hōhepa")."""
        cuts = [m.start() for m in _APOSTROPHES.finditer(self.text)]
        found = [(self.end, self.key, bool(cuts))]
        for cut in reversed(cuts):
            found.append((self.start + cut, word_key(self.text[:cut]), cut != cuts[0]))
        return found


class NoteScan(NlpArtifacts):
    """The shared artifact for one note: words, letter runs and digit runs, each computed once."""

    def __init__(self, text: str):
        no_tokens: Any = []  # no spaCy Doc: the scan's own words stand in for tokens
        super().__init__(entities=[], tokens=no_tokens, tokens_indices=[], lemmas=[], nlp_engine=None, language="en")
        self.text = text
        self.plain = _NOT_PLAIN.search(text) is None  # only characters the plain patterns cover
        self.memo: dict[str, Any] = {}  # what a recognizer works out in `wants` and reads again in `analyze`

    @classmethod
    def of(cls, text: str, artifacts: Any) -> NoteScan:
        """The scan the engine passed, or a new one when Presidio's engine passed its own artifacts."""
        return artifacts if isinstance(artifacts, NoteScan) and artifacts.text is text else cls(text)

    @cached_property
    def _cut(self) -> tuple[list[str], list[int]]:
        """The note's words and the offsets where its gaps and words end, from one split (no match objects)."""
        parts = (_PLAIN_WORD_SPLIT if self.plain else _WORD_SPLIT).split(self.text)
        return parts[1::2], list(accumulate(map(len, parts)))

    @cached_property
    def word_texts(self) -> list[str]:
        """Each word as written, in order."""
        return self._cut[0]

    @cached_property
    def word_starts(self) -> list[int]:
        return self._cut[1][0:-1:2]

    @cached_property
    def word_ends(self) -> list[int]:
        return self._cut[1][1::2]

    @cached_property
    def word_keys(self) -> list[str]:
        """Each word's folded key (`word_key`), in order: what name lists and cue words are looked up by."""
        return list(map(word_key, self._cut[0]))

    @cached_property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.word_keys)

    @cached_property
    def words(self) -> list[Word]:
        """The words as objects (for a recognizer that wants them whole; the lists above are cheaper)."""
        return [Word(*w) for w in zip(self.word_starts, self.word_ends, self.word_texts, strict=True)]

    @cached_property
    def lower(self) -> str:
        """The note in lower case."""
        return self.text.lower()

    @cached_property
    def letter_runs(self) -> frozenset[str]:
        """Every run of letters in lower case not right after a digit ("Box12" gives "box", "1st" nothing):
        a superset of the words a pattern can need, for deciding whether to run it at all."""
        lower = self.lower
        plain = self.plain and (lower.isascii() or _NOT_PLAIN.search(lower) is None)  # "İ" lowers to "i" and a combining dot
        return frozenset((_PLAIN_LETTERS if plain else _LETTERS).findall(lower))

    @cached_property
    def digit_runs(self) -> list[tuple[int, int]]:
        """(start, end) of each run of digits, from one split (no match objects)."""
        ends = list(accumulate(map(len, (_PLAIN_DIGIT_SPLIT if self.plain else _DIGIT_SPLIT).split(self.text))))
        return list(zip(ends[0:-1:2], ends[1::2], strict=True))

    @cached_property
    def digit_count(self) -> int:
        return sum(end - start for start, end in self.digit_runs)

    def has_any(self, words: frozenset[str]) -> bool:
        """Any of these lower-case letter runs in the note."""
        return not words.isdisjoint(self.letter_runs)


class CuePhrases:
    """Whether any of a list's phrases can be in a note, from its letter runs: a phrase can be there only
    when every run of letters it has is ("driver's licence" needs "driver", "s" and "licence")."""

    def __init__(self, phrases: Sequence[str]):
        runs = [frozenset(_LETTERS.findall(p.lower())) for p in phrases]
        self._by_run: dict[str, list[frozenset[str]]] = {}
        for needed in runs:
            if needed:
                self._by_run.setdefault(max(needed, key=len), []).append(needed)
        self._index = frozenset(self._by_run)

    def present(self, scan: NoteScan) -> bool:
        runs = scan.letter_runs
        return any(needed <= runs for run in self._index & runs for needed in self._by_run[run])
