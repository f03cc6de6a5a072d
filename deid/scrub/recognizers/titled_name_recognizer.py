"""Generic name heuristics for names no structured column lists.

`TitledNameRecognizer`: the word(s) after a title or a cue word ("Mr Parata", "her son
Nīkau", "kaimahi Hemi and social worker Losi"). `CommonGivenNameRecognizer`: a word on the
standard's list of common given names, anywhere. Titles, cue words and names come from
standards/names.yaml. Only the name is replaced, so a title or relationship stays readable.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from deid.scrub.recognizers.base import SpanRecognizer
from deid.standards import NamesStandard, fold

_UPPER = "A-ZĀĒĪŌŪÀ-ÖØ-Þ"
_LOWER = "a-zāēīōūß-öø-ÿ"
_TITLE_WORD = rf"[{_UPPER}][{_LOWER}'’\-]+"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’\-]+"
_ANY_WORD = rf"[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’\-]*"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class TitledNameRecognizer(SpanRecognizer):
    """A title or cue word, then a name: capitalised (Nīkau), ALL CAPS next to capitals (MUM HINE), or
    a listed given name in any case (dad nikau); then more names joined by "and", "&" or commas."""

    def __init__(self, standard: NamesStandard, supported_entity: str = "PERSON"):
        super().__init__("TitledNameRecognizer", supported_entity)
        self.given = {fold(n) for n in (*standard.common_given_names, *standard.everyday_word_names)}
        cues = _alternation([*standard.titles, *standard.name_cues]).replace(r"\ ", r"\s+")
        # Case-insensitive cue, case-sensitive name: (?i:...) scopes the flag to the cue.
        self._pattern = re.compile(rf"(?<![\w'’])(?i:(?:{cues})(?:\.?\s+(?:{cues}))*)\.?:?\s+(?P<names>{_ANY_WORD}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_ANY_WORD})*)")
        self._word = re.compile(_ANY_WORD)
        self.cues = {fold(w) for w in (*standard.titles, *standard.name_cues)}
        self.not_names = self.cues | _SENTENCE_WORDS

    def _is_name(self, word: str, cue: str) -> bool:
        key = fold(word)
        if key in self.not_names:
            return False
        if re.fullmatch(_TITLE_WORD, word):
            return True
        if re.fullmatch(_CAPS_WORD, word) and (cue.isupper() or key in self.given):
            return True
        return key in self.given

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self._pattern.finditer(text):
            cue = text[match.start():match.start("names")].split()[-1]
            for word in self._word.finditer(text, match.start("names"), match.end("names")):
                if word.group() == "and" or fold(word.group()) in self.cues:
                    cue = word.group()  # "teacher Mrs Lee": a second cue word before the name
                    continue
                if not self._is_name(word.group(), cue):
                    break  # "her son was ..." stops at the first word that is not a name
                results.append(self.span(word.start(), word.end(), 0.6, "title or cue word + name"))
        return results


class CommonGivenNameRecognizer(SpanRecognizer):
    """A capitalised or ALL CAPS word on the standard's list of common given names."""

    def __init__(self, standard: NamesStandard, supported_entity: str = "PERSON"):
        super().__init__("CommonGivenNameRecognizer", supported_entity)
        everyday = {fold(n) for n in standard.everyday_word_names}
        names = [n for n in standard.common_given_names if fold(n) not in everyday]
        variants = {v for n in names for v in (n, n.upper(), _plain(n), _plain(n).upper())}
        self._pattern = re.compile(rf"(?<![\w'’\-])(?:{_alternation(variants)})(?![\w\-])")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        return [self.span(m.start(), m.end(), 0.55, "common given name") for m in self._pattern.finditer(text)]


def _plain(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)))


# Words that follow a cue without being a name ("called back", "son was", "to the").
_SENTENCE_WORDS = {
    "a", "an", "the", "and", "or", "but", "is", "was", "were", "are", "has", "had", "have", "will", "would", "can", "could",
    "to", "from", "for", "with", "at", "on", "in", "of", "by", "back", "again", "about", "today", "tonight", "yesterday",
    "she", "he", "they", "her", "his", "their", "them", "him", "it", "this", "that", "who", "not", "no", "also", "now",
    "all", "both", "each", "every", "home", "in", "out", "up", "off", "over", "later", "first", "last", "next", "new",
    "visit", "visited", "rang", "called", "came", "said", "asked", "attended", "went", "left", "did", "does", "do",
}
