"""Record-aware name redaction: every name known from a submission's structured columns."""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan, Word, word_key
from deid.standards import Standards, fold

_NEXT_WORD = re.compile(r"[ \t]+([a-z]{2,})\b")
_INITIAL_AFTER = re.compile(r"[ \t]+([^\W\d_])(?:\.|(?![\w'’]))")      # "Aroha W." / "Lagi W"
_INITIAL_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_])\.?[ \t]+$")     # "j. choi" / "T Tūhiwai"


def name_tokens(names: Iterable[str | None], min_length: int = 2) -> list[str]:
    """Distinct name words from full names (split on spaces and hyphens)."""
    seen: dict[str, str] = {}
    for name in names:
        for word, key in _name_words(name):
            if len(key) >= min_length and key not in seen:
                seen[key] = word
    return list(seen.values())


def _name_words(name: str | None) -> list[tuple[str, str]]:
    """A full name's words as written and their keys (as the note's words are looked up: "Fa'amoana" -> "faamoana")."""
    words = (w.strip(".()\"") for w in re.split(r"[\s\-,]+", unicodedata.normalize("NFC", name or "")))
    return [(w, word_key(w)) for w in words if w]


class _Hit:
    """A known name word found in a note (the parts of `re.Match` the context rules read)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int):
        self._start, self._end, self._text = start, end, text[start:end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


@register
class KnownNamesRecognizer(SpanRecognizer):
    """Finds any word of a known name, in any case, with or without macrons.

    Names of clients, caregivers and whānau come from the structured columns, so a name the
    generic heuristics would miss is still found. A name word that is also an everyday te reo or
    English word (Aroha, Mana, Tui, Hope, Will) is a name only where the context says so: a capital
    mid-sentence, a title, kinship word or person verb before it, a verb such as "said" or a
    possessive after it, or another part of a known name next to it (`NameEvidence`).

    Name words are looked up by their folded key in the note's words (`NoteScan`), one hash lookup per
    word however many names the run knows, in any case and with or without macrons; a name may end at
    an apostrophe ("Hōhepa's").
    """

    NEEDS_KNOWN_NAMES = True

    def __init__(self, names: Iterable[str | None], evidence: NameEvidence | None = None, joiners: Sequence[str] | None = None,
                 supported_entity: str = "PERSON"):
        super().__init__("KnownNamesRecognizer", supported_entity)
        if evidence is None or joiners is None:
            from deid.standards import load_standards

            standards = load_standards()
            evidence = evidence or NameEvidence.from_standards(standards)
            joiners = standards.scrub_words.name_joiners if joiners is None else joiners
        self.evidence = evidence
        joining = "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True))
        # parts of one name side by side: spaces, a comma, "and", or a hyphen ("Ji-woo")
        self._join = re.compile(rf"\s{{1,2}}|\s*(?:,|{joining})\s*|-" if joining else r"\s{1,2}|\s*,\s*|-")
        names = list(names)
        tokens = name_tokens(names)
        loose = [t for t in tokens if not evidence.is_ambiguous(word_key(t))]
        strict = [t for t in tokens if evidence.is_ambiguous(word_key(t))]
        self.keys = frozenset(fold(t) for t in tokens)
        pairs: set[tuple[str, str]] = set()
        for name in names:
            words = fold(name or "").split()
            pairs.update(itertools.pairwise(words))
        self.pairs = frozenset(pairs)  # word pairs inside one known name ("te rangi")
        # the initials of the other words of each known name, by word ("aroha" -> {"w"} for Aroha Waititi)
        initials: dict[str, set[str]] = {}
        for name in names:
            keys = [key for _, key in _name_words(name) if key]
            for key in keys:
                initials.setdefault(key, set()).update(k[0] for k in keys if k != key)
        self._initials = {word: frozenset(letters) for word, letters in initials.items()}
        self._loose = frozenset(word_key(t) for t in loose)
        self._strict = frozenset(word_key(t) for t in strict)
        self.word_keys = self._loose | self._strict   # every known name word, as a note's words are keyed
        self.everyday_keys = self._strict             # those that are also everyday words
        # A name written with an apostrophe (Fa'asalele) is found with or without it; any other name only
        # in a word part without one ("Summers" is not in "Summer's").
        self._apostrophe_keys = frozenset(word_key(t) for t in tokens if "'" in t or "’" in t or "ʻ" in t)
        self.token_count = len(tokens)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> KnownNamesRecognizer:
        return cls(known_names, NameEvidence.from_standards(standards), standards.scrub_words.name_joiners)

    def names_whole(self, phrase: str) -> bool:
        """Every word of a capitalised phrase is part of a known name and two of them stand side by side in
        one ("Aroha Te Rangi"): a person, not a programme."""
        words = [fold(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", phrase)]
        return len(words) > 1 and all(w in self.keys for w in words) and any(p in self.pairs for p in itertools.pairwise(words))

    def _starts_clause(self, text: str, m: _Hit) -> bool:
        """A capitalised known name that begins a sentence and is followed by a verb ("Marama set a goal",
        "Kauri is doing well"); a te reo or English word there is followed by a noun ("Kai parcel")."""
        if not self.evidence.sentence_start(text, m.start()):
            return False
        after = _NEXT_WORD.match(text, m.end())
        if not after:
            return False
        word = after.group(1)
        if m.group().islower():   # "kaha had a good week": in lower case only before a subject verb
            return word in self.evidence.subject_verbs
        return (word in self.evidence.sentence_words or word in self.evidence.clause_verbs or word in self.evidence.subject_verbs
                or word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss")))

    def _find(self, text: str, scan: NoteScan) -> tuple[list[_Hit], list[_Hit]]:
        """The words (or their parts before an apostrophe, longest first) that are known name words whose
        spelling is not an everyday word, and those whose spelling is."""
        loose: list[_Hit] = []
        strict: list[_Hit] = []
        keys, ambiguous = self._loose, self._strict
        if keys.isdisjoint(scan.key_set) and ambiguous.isdisjoint(scan.key_set) and "'" not in text and "’" not in text:
            return loose, strict
        starts, ends, texts = scan.word_starts, scan.word_ends, scan.word_texts
        quoted = "'" in text or "’" in text
        for i, key in enumerate(scan.word_keys):
            if quoted and ("'" in texts[i] or "’" in texts[i]):
                prefixes = Word(starts[i], ends[i], texts[i]).prefixes()
                for found in (keys, ambiguous):
                    hit = next((end for end, key, apostrophe in prefixes
                                if key in found and (not apostrophe or key in self._apostrophe_keys)), None)
                    if hit is not None:
                        (loose if found is keys else strict).append(_Hit(text, starts[i], hit))
            elif key in keys:
                loose.append(_Hit(text, starts[i], ends[i]))
            elif key in ambiguous:
                strict.append(_Hit(text, starts[i], ends[i]))

        return loose, strict

    def _with_initial(self, text: str, m: _Hit, everyday: bool) -> tuple[int, int] | None:
        """The known name word with an initial of the same person's other name beside it ("Aroha W.",
        "pita p.", "j. choi" for Ji-ho Choi): (start, end) of both, or None. Beside a name word that is
        also an everyday word, only a capital initial counts ("lots of aroha w. the whānau" is "with")."""
        letters = self._initials.get(word_key(m.group()))
        if not letters:
            return None
        after = _INITIAL_AFTER.match(text, m.end())
        if after and after.group(1).lower() in letters and not (everyday and after.group(1).islower()):
            return m.start(), after.end()
        before = _INITIAL_BEFORE.search(text, max(0, m.start() - 4), m.start())
        # before an everyday word, only a capital with a full stop ("A mark on the wall" is an article)
        if before and before.group(1).lower() in letters and not (everyday and (before.group(1).islower() or "." not in before.group())):
            return before.start(1), m.end()
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        loose, strict = self._find(text, NoteScan.of(text, nlp_artifacts))
        results = self._in_context(text, loose, strict)
        # a found name word, or an everyday-word one, with the person's initial beside it: both are the name
        found = {(r.start, r.end) for r in results}
        for m, everyday in itertools.chain(((m, False) for m in loose), ((m, True) for m in strict)):
            both = self._with_initial(text, m, everyday)
            if both and both not in found:
                results.append(self.span(both[0], both[1], 0.9, "known name with the person's initial"))
                found.add(both)
        return results

    def _in_context(self, text: str, loose: list[_Hit], strict: list[_Hit]) -> list[RecognizerResult]:
        """Spans for the known name words found: every plain one, and the everyday-word ones the context takes."""
        # a known name in lower case right after "the" is the everyday word its spelling is, even one no list holds
        # ("at the river", "on the kiri"); not after other determiners: "that moka moved out", "he wahine pakari a sefo"
        results = [self.span(m.start(), m.end(), 0.95, "known name") for m in loose if not _after_the(text, m)]
        if not strict:
            return results
        pending = []
        for m in strict:
            # in lower case after an article or determiner, a word ("the hui explained", "her mana")
            if (not (m.group().islower() and self.evidence.determiner_before.search(text, max(0, m.start() - 8), m.start()))
                    and self.evidence.person_context(text, m.start(), m.end())):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (context says a person)"))
            elif (m.group().lstrip("ʻ‘")[:1].isupper() or m.group().islower()) and self._starts_clause(text, m):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (subject of a verb)"))
            else:
                pending.append(m)
        # Everyday-word name parts side by side, none in lower case, are a name ("Aroha TE RANGI").
        for a, b in itertools.pairwise(pending):
            if (self._join.fullmatch(text, a.end(), b.start()) and text[a.end():b.start()].isspace()
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
                if any(e in ends and self._join.fullmatch(text, e, m.start()) for e in range(max(0, m.start() - 5), m.start())) or any(
                        s in starts and self._join.fullmatch(text, m.end(), s) for s in range(m.end() + 1, m.end() + 6)):
                    results.append(self.span(m.start(), m.end(), 0.9, "known name (next to another name)"))
                    ends.add(m.end())
                    starts.add(m.start())
                    pending.remove(m)
                    changed = True
        return results


_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")


def _after_the(text: str, m: _Hit) -> bool:
    """The hit is in lower case, right after "the"."""
    return m.group().islower() and _THE_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None
