"""Generic name heuristics for names no structured column lists.

`TitledNameRecognizer`: the word(s) after a title, a kinship or role word, or a verb of speaking
or visiting ("Mr Parata", "her son Nīkau", "spoke with aroha", "kaimahi Hemi and social worker
Losi"), and a name-like word before a verb such as "said" or a possessive ("Aroha said", "Hemi's
car"). `CommonGivenNameRecognizer`: a capitalised word in the outside name lexicon
(standards/name_lexicon.yaml) that is not also an everyday te reo or English word. Cue words,
verbs and lexicons come from standards/ through `NameEvidence`. Only the name is replaced, so a
title or relationship stays readable.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import (
    LOWER,
    LOWER_LETTERS,
    UPPER,
    UPPER_LETTERS,
    NameEvidence,
    grouped_alternation,
)
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan, word_key
from deid.standards import Standards, fold

_UPPER, _LOWER = UPPER, LOWER
_TITLE_WORD = (rf"(?:M(?:a?c)[{_UPPER}][{_LOWER}]+|"   # McAlister, MacDonald: a Gaelic family name's capital inside it
               rf"[{_UPPER}](?:[{_LOWER}]|['’\-][{_UPPER}{_LOWER}])[{_LOWER}'’\-]*(?:['’\-][{_UPPER}][{_LOWER}]+)*)")   # O'Connor, Al-Khatib
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’\-]+"
_ANY_WORD = rf"[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’\-]*"
_TITLE_RE, _CAPS_RE = re.compile(_TITLE_WORD), re.compile(_CAPS_WORD)
_LETTER_WORDS = re.compile(r"[^\W\d_]+")
_TITLE_AFTER = re.compile(r"[ \t]+([A-ZĀĒĪŌŪ][a-zāēīōū'’\-]+)\b")
_LAST_CUE_WORD = re.compile(r"[^\W\d_][\w'’\-]*(?=[^\w]*$)")
_SENTENCE_BREAK = re.compile(r"\.\s+")
# Two people named in full and joined by "and" or "&" ("Noted Hine Poutama and Manaia Kereama today"): judged by
# `_full_name_pair`; the second is taken.
_WORD_AFTER_PAIR = re.compile(r"[ \t]+([^\W\d_]+)")
_TWO_FULL_NAMES = re.compile(rf"(?<![\w'’\-])(?P<a>[{_UPPER}][{_LOWER}]+) (?P<b>[{_UPPER}][{_LOWER}'’\-]*[{_LOWER}])[ \t]+(?:and|&)[ \t]+"
                             rf"(?P<c>[{_UPPER}][{_LOWER}]+) (?P<d>[{_UPPER}][{_LOWER}'’\-]*[{_LOWER}])(?![\w'’\-])")
_NEXT_LOWER_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_DIGIT_AFTER = re.compile(r"[ \t]*(?:\d|of\b)")
_OWNED = re.compile(r"['’]s[ \t]+([^\W\d_]+)")   # a possessive and the word after it
_NAME_CHARS = frozenset(UPPER_LETTERS + LOWER_LETTERS + "'’-")  # what a name before a verb is made of
# The capital first, the look-behinds after it (each taking in the capital): the regex engine then passes over the many
# positions without a capital from its first character, without entering the pattern there.
# A word may follow an apostrophe that follows no letter (an ʻokina written "'": "'Ofa", "'Aisea").
_SCAN_WORD = re.compile(rf"[{_UPPER}](?<![\w\-@.][{_UPPER}])(?<!\w['’][{_UPPER}])[{_UPPER}{_LOWER}\-]*(?:['’][{_UPPER}{_LOWER}]+)?(?![\w@])")
_CAPITALISED = "capitalised words"   # NoteScan.memo key
# A letter alone with its full stop, as a word ("spoke to p. briefly", "logged by M.", "- t."): not one of several initials
# or an abbreviation's letters ("p.m.", "e.g.", "J.R."), nor after a number ("5 a.")
_LONE_INITIAL = re.compile(r"(?<![\w.'’\-@/])[^\W\d_]\.(?![\w'’]|[ \t]?[^\W\d_]\.)")
# ... where it ends the note (after it, at most a closing bracket and spaces): a worker's initial signing it
_NOTE_END = re.compile(r"\)?\s*\Z")
_WORD_BEFORE_INITIAL = re.compile(r"([^\W\d_][\w'’\-]*)[ \t]+\Z")


def capitalised_words(text: str, artifacts: object = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of each capitalised word standing alone in the note (`_SCAN_WORD`): found once per note
    (kept on its scan) for the three recognizers that read them."""
    scan = artifacts if isinstance(artifacts, NoteScan) and artifacts.text is text else None
    found = scan.memo.get(_CAPITALISED) if scan is not None else None
    if found is None:
        found = [(m.start(), m.end(), m.group()) for m in _SCAN_WORD.finditer(text)]
        if scan is not None:
            scan.memo[_CAPITALISED] = found
    return found


# a te reo article in lower case right before a word: the word is a common noun ("te pōtiki", "ngā tamariki")
_REO_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:te|ngā|nga|he)[ \t]+$")


@register
class TitledNameRecognizer(SpanRecognizer):
    """A title, kinship or role word or a person verb, then a name: capitalised (Nīkau), ALL CAPS next
    to capitals (MUM HINE) or on a name list, or in lower case when `NameEvidence.lower_case_name`
    says so (dad nikau, spoke with aroha); then more names joined by "and", "&" or commas. And a
    name-like word right before a person verb or a possessive (Aroha said, Hemi's)."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, evidence: NameEvidence, verbs_after: Sequence[str] | None = None, supported_entity: str = "PERSON",
                 identifier_cues: Sequence[str] = ()):
        super().__init__("TitledNameRecognizer", supported_entity)
        self.evidence = evidence
        # What only a person has, after a possessive: kin, role and household words, and identifiers' cue words (first words)
        self._owned = frozenset(fold(w) for w in (*(c for c in evidence.cue_words if " " not in c and fold(c) not in evidence.verbs
                                                     and not evidence.after.match(" " + c)),
                                                   *evidence.groups, *(c.split()[0] for c in identifier_cues)))
        # The first words of the verbs after a name: without one of them (or an apostrophe) in the note,
        # there is no "Aroha said" or "Hemi's" to find. None: always look.
        self._after_first = frozenset(word_key(v.split()[0]) for v in verbs_after) if verbs_after is not None else None
        cues = evidence.cue_alternation
        # Case-insensitive cue, case-sensitive name: (?i:...) scopes the flag to the cue.
        # "a new baby, Rua": a comma may stand between a cue and the name it introduces
        self._pattern = re.compile(rf"(?<![\w'’])(?i:(?:{cues})(?:\.?\s+(?:{cues}))*)(?:[.,]?:?\s+|[ \t]*\()(?P<names>{_ANY_WORD}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_ANY_WORD}|[ \t]+(?=[{_UPPER}]){_ANY_WORD})*)")
        self._word = re.compile(_ANY_WORD)
        # "TE HIRA, Ataahua", "NGUYỄN, Ryan": a family name in capitals, a comma, a given name.
        self._family_tail = re.compile(rf",(?<=[{_UPPER}'’]{{2}},)[ \t]*[{_UPPER}]")
        self._family_first = re.compile(rf"(?=[{_UPPER}])(?<![\w'’\-])(?P<family>[{_UPPER}][{_UPPER}'’]+(?:[ \-][{_UPPER}][{_UPPER}'’]+)*),"
                                        rf"[ \t]*(?P<given>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD})?)")
        self._cue_first = {v for c in evidence.cue_words for v in (c.split()[0].lower(), fold(c.split()[0]))}
        # "J. Brown", "S. Aumua-Peleti": an initial with its full stop, then a family name (not "St. Kilda" on a
        # place list, nor "P. O. Box 12": the word must not run on to a number)
        self._initial_tail = re.compile(rf"[{_UPPER}]\.[ \t]?[{_UPPER}]")
        self._initial_first = re.compile(rf"(?<![\w.'’\-])[{_UPPER}]\.[ \t]?(?P<family>{_TITLE_WORD}|{_CAPS_WORD})(?<![\-'’])(?![\w.'’]*\.[{_UPPER}]|[ \t]+\d)")
        # an initial without its full stop before a family name in title case ("M Young", "L Havili"): a consonant (a vowel
        # alone is a word or a te reo particle: "A", "I", "O Rongo")
        # (the letter first, the look-behind after it: the regex engine passes over the positions without such a capital)
        self._bare_initial_first = re.compile(rf"[B-DF-HJ-NP-TV-Z](?<![\w.'’\-@/&][B-DF-HJ-NP-TV-Z])[ \t](?P<family>{_TITLE_WORD})"
                                              rf"(?<![\-'’])(?![\w'’]|[ \t]+\d)")
        self._after = re.compile(rf"(?<=[{_UPPER}{_LOWER}]){evidence.after.pattern}")
        self._name_word = re.compile(rf"(?P<name>{_TITLE_WORD}|{_CAPS_WORD}|[{_LOWER}]+)")
        about = grouped_alternation(evidence.bracket_words, ignore_case=True)
        # "Hemi, Whānau Ora navigator", "Losa - Pasifika family worker": a name, a comma or dash, then a role
        roles = grouped_alternation(standards_roles(evidence), ignore_case=True)
        self._role_after = re.compile(rf"(?<![\w\-])(?<!\w['’])(?P<names>(?:{_TITLE_WORD}|{_CAPS_WORD}|[{_LOWER}]{{3,}})(?:[ \t]+(?:{_TITLE_WORD}|{_CAPS_WORD}|[{_UPPER}]\.?))?)"
                                      rf"[ \t]*(?:,|[-–—]+|\()[ \t]*(?:[\w'’\-]+[ \t]+){{0,3}}?(?i:{roles})\b") if roles else None
        # "~Hemi A FW", "-- Summer budget adviser", "/tipene YW", "- Rowena (SW)": after a sign-off mark that starts
        # a sentence, a name, then a role, a role's capitals or the end of the note
        self._signed = re.compile(rf"(?:^|[.!?][ \t]+|\n)(?:~|-{{1,2}}|—|/)[ \t]*['’]?(?P<names>(?:[{_UPPER}]\.?[ \t]+)?(?:{_TITLE_WORD}|{_CAPS_WORD}|[{_LOWER}]{{3,}})"
                                  rf"(?:[ \t]+(?:{_TITLE_WORD}|[{_UPPER}]\.?))?)(?=[ \t]*(?:\(|[{_UPPER}]{{2,3}}\b|(?:[\w'’\-]+[ \t]+){{0,2}}?(?i:{roles})\b|$))") if roles else None
        self._bracketed = re.compile(rf"(?<![\w\-])(?<!\w['’])(?P<names>(?:{_TITLE_WORD}|{_CAPS_WORD}|[{_LOWER}]{{3,}})(?:[ \t]+(?:{_TITLE_WORD}|{_CAPS_WORD}|[{_UPPER}]\.?))?)"
                                     rf"[ \t]*\((?:\d{{1,2}}\)|(?:[^\W\d_]+[ \t]+)?(?i:{about})(?!\w))")   # a word may stand first ("(big sister)"); (?!\w), not \b: "(b. 1988" ends in a full stop
        # What each of the three patterns above and `_initial_first` and `_family_first` must hold from a character on
        # (its bracket, separator, initial or comma), found from that character: a note without it has no match to find,
        # and the full patterns, tried at every word, are passed over.
        self._bracketed_tail = re.compile(rf"\((?:\d{{1,2}}\)|(?:[^\W\d_]+[ \t]+)?(?i:{about})(?!\w))")
        self._signed_mark = re.compile(r"[.!?\n][ \t]*(?:~|-|—|/)")   # (or the note starting with the mark)
        self._role_tail = re.compile(rf"[,\-–—(][\-–—]*[ \t]*(?:[\w'’\-]+[ \t]+){{0,3}}?(?i:{roles})\b") if roles else None

    def _lone_initials(self, text: str) -> list[RecognizerResult]:
        """A letter alone with its full stop is a person's initial right after a verb of speaking, visiting or writing
        ("spoke to p. briefly", "seen l. and the boys", "logged by M."), and where it ends the note, signing it ("... will
        try again m.", "- t.", "(T.)"), after a mark or, a letter in lower case, after a word in lower case (a capital
        after a word is a thing's letter: "plan B.", "Vitamin D.")."""
        found = []
        ev = self.evidence
        for match in _LONE_INITIAL.finditer(text):
            start = match.start()
            if ev.cue_before(text, start) == "verb":
                found.append(self.span(start, start + 2, 0.6, "initial after a person verb"))
            elif _NOTE_END.match(text, match.end()):
                before = _WORD_BEFORE_INITIAL.search(text, max(0, start - 40), start)
                if before is None or (text[start].islower() and before.group(1).islower()):
                    found.append(self.span(start, start + 2, 0.6, "initial signing a note"))
        return found

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> TitledNameRecognizer:
        words = standards.scrub_words
        return cls(NameEvidence.from_standards(standards), standards.names.person_verbs_after,
                   identifier_cues=(*(c for cues in words.context.values() for c in cues), *words.birth_cues, *words.licence_cues, "nhi"))

    def _cue_matches(self, text: str, scan: NoteScan) -> Iterator[re.Match[str]]:
        """The cue pattern tried only where a word that can begin a cue stands (the note's words, looked up
        by key): one alternation of a few hundred cues run at every position costs more than the rest of
        the note's recognizers."""
        end = 0
        if self._cue_first.isdisjoint(scan.key_set):
            return
        starts = scan.word_starts
        for i, key in enumerate(scan.word_keys):
            if key not in self._cue_first or starts[i] < end:
                continue
            match = self._pattern.match(text, starts[i])
            if match:
                # the words taken as names may begin the next cue: "mum Roimata and baby Kōwhai", and
                # "the tamariki. Spoke with John" (a full stop ends the first, so "Spoke" is no name)
                end = match.start("names")
                yield match

    def _before_verb_matches(self, text: str, scan: NoteScan) -> Iterator[re.Match[str]]:
        """A word right before a person verb or a possessive, found from the verb back."""
        if (self._after_first is not None and "'" not in text and "’" not in text
                and self._after_first.isdisjoint(scan.key_set)):
            return
        for after in self._after.finditer(text) if self._after_first is None else self._after_at_starts(text, scan):
            match = self._last_word(text, after.start())
            if match:
                yield match

    def _after_at_starts(self, text: str, scan: NoteScan) -> Iterator[re.Match[str]]:
        """What `self._after.finditer(text)` finds, tried only where it can start: at an apostrophe ("'s"),
        or at the spaces before a word that can begin a person verb (any word with an apostrophe or a letter
        outside ASCII is tried too, for case folding). Left to right, none overlapping, as finditer."""
        starts: set[int] = set()
        for quote in "'’":
            at = text.find(quote)
            while at >= 0:
                starts.add(at)
                at = text.find(quote, at + 1)
        after_first, texts, word_starts = self._after_first or frozenset(), scan.word_texts, scan.word_starts
        tried = [i for i, key in enumerate(scan.word_keys) if key in after_first] if not after_first.isdisjoint(scan.key_set) else []
        if starts or not text.isascii():
            tried += [i for i, word in enumerate(texts) if not word.isascii() or "'" in word]
        for i in tried:
            at = word_starts[i]
            while at and text[at - 1].isspace():
                at -= 1
            if at < word_starts[i]:
                starts.add(at)
        end = 0
        for at in sorted(starts):
            if at >= end and (match := self._after.match(text, at)):
                end = match.end()
                yield match

    def _last_word(self, text: str, end: int) -> re.Match[str] | None:
        """The name-shaped word ending at `end`, standing alone (no word character, apostrophe or hyphen
        right before it) and starting within 40 characters: found from `end` back over name letters, then
        checked whole, rather than by a regex tried at each of the 40 starts."""
        stop = max(0, end - 40)
        if end > stop and text[end - 1] == "\n":
            end -= 1  # as a regex's "$" would: the word may end before a last line break
        start = end
        while start > stop and text[start - 1] in _NAME_CHARS:
            start -= 1
        if start == end:
            return None
        if start:
            before = text[start - 1]
            if before.isalnum() or before in "_-" or (before in "'’" and start > 1 and text[start - 2].isalnum()):
                return None   # also a word running on past the 40 characters ("'Ofa said": an ʻokina before it is no letter)
        return self._name_word.fullmatch(text, start, end)

    def _is_name(self, word: str, cue: str, kind: str) -> bool:
        key = fold(word)
        ev = self.evidence
        if key in ev.not_names:
            return False
        if key in ev.sentence_words:
            # "her nan Will", "phoned Will": a capitalised name that is also a sentence word
            return word[:1].isupper() and word[1:2].islower() and key in ev.everyday
        if _TITLE_RE.fullmatch(word):
            return True
        if _CAPS_RE.fullmatch(word):
            return (cue.isupper() and kind != "verb") or ev.is_listed_name(key) or key in ev.te_reo or ev.polynesian_shape(key)
        # a kinship or role word (not a verb such as "said": "(mum) said grace") lets an everyday-word name in lower case in
        return ev.lower_case_name(key, "kin" if kind == "cue" and not ev.after.match(" " + cue) else kind)

    def _owner(self, text: str, end: int, key: str) -> bool:
        """A word that is also a name, before a possessive and a kin, role or household word or an identifier's cue
        ("awhina's koro", "Will's IRD", "hope's aiga", "May's eldest"): the person they belong to. Never a kin word, title or
        group itself ("Mum's whare", "whānau's")."""
        m = _OWNED.match(text, end)
        ev = self.evidence
        return m is not None and fold(m.group(1)) in self._owned and len(key) > 2 and key not in ev.cues and key not in ev.groups \
            and key not in ev.verbs and key not in ev.places and key not in ev.organisation_words \
            and (ev.is_listed_name(key) or key in ev.te_reo or ev.polynesian_shape(key))

    def _named_word(self, written: str) -> bool:
        """A word in title case that is a given name as well as a month, a modal or an initial ("May", "Will", "Jun", "S"):
        no cue, group or word of a sentence alone ("Mum", "The")."""
        key = fold(written.rstrip("."))
        ev = self.evidence
        if len(key) == 1:
            return written[:1].isupper()
        return (written[:1].isupper() and written[1:].islower() and key not in ev.cues and key not in ev.groups
                and (key in ev.given or key in ev.everyday))

    def _name_not_word(self, text: str, word: re.Match[str], kind: str) -> bool:
        """A capitalised name that is also a month or a modal ("Uncle Jun", "Nurse May", "Aunty April") right after a
        title, kinship or role word: the name, unless a number follows (a date: "dad Jun 5")."""
        written = word.group()
        key = fold(written)
        ev = self.evidence
        return (kind in ("cue", "title") and written[:1].isupper() and written[1:].islower() and key in ev.not_names
                and key not in ev.cues and key not in ev.groups and (key in ev.given or key in ev.everyday or key in ev.te_reo)
                and not _DIGIT_AFTER.match(text, word.end()))

    def _kin_word_as_name(self, text: str, between: str, start: int, words: list[re.Match[str]]) -> tuple[int, int] | None:
        """A capitalised kin or role word that is also a given name, right after a title, kinship or role word and
        before no name ("Koro Teina at home", "son Teina", "Whaea Tina re meds"): the person's name; (start, end) or None."""
        ev = self.evidence
        cue_words = list(self._word.finditer(between))
        if len(cue_words) < 2:
            return None
        last, previous = cue_words[-1].group(), cue_words[-2].group()
        key = fold(last)
        if (not (last[:1].isupper() and last[1:].islower()) or key in ev.titles or key in ev.groups or key in ev.verbs
                or not (key in ev.given or key in ev.te_reo) or fold(previous) not in ev.cues or ev.cue_kind(previous) == "verb"
                or between[cue_words[-2].end():cue_words[-1].start()] not in (" ", "\t")):
            return None
        if words and words[0].group()[:1].isupper() and self._is_name(words[0].group(), last, "cue"):
            return None   # "Koro Teina Hemi": a title before a name
        return start + cue_words[-1].start(), start + cue_words[-1].end()

    def _thing_after_role(self, text: str, start: int, names: int, first: str) -> bool:
        """A te reo kinship, role or group word written with a capital mid-sentence, then a capitalised word on no name
        list and of no name's shape ("Rangatahi Hub", "Papa Pride", "Teina Mentoring"): the words of a programme's or
        group's name, not a role and the person's name ("koro Hemi", "Nurse Jama", "Mum Sarah" stay). A title ("Whaea",
        "Matua") is no such word: after it a capitalised word is a name."""
        if not (first[:1].isupper() and first[1:].islower()):
            return False
        cue = _LAST_CUE_WORD.search(text, start, names)
        if cue is None:
            return False
        written, ev = cue.group(), self.evidence
        cue_key = fold(written)
        if not (written[:1].isupper() and written[1:].islower()) or ev.sentence_start(text, cue.start()) \
                or cue_key in ev.titles or cue_key not in ev.cue_keys or not (cue_key in ev.te_reo or cue_key in ev.groups) \
                or not text[cue.end():names].isspace():
            return False   # (a role word alone, right before the word: not the end of "Ngā mihi nui, Ora")
        key = fold(first)
        return key in ev.organisation_words or not (key in ev.given or key in ev.family or key in ev.maori_names
                                                    or ev.polynesian_shape(key) or ev.korean_shape(key) or key in ev.te_reo)

    def _role_before_name(self, text: str, names_end: int, end: int) -> bool:
        """A capitalised word right after the role word ending at `end`, on no list of words that are no names: the role
        names that person ("facilitator Pania Karaitiana"). (Only where the role stands right after the comma or dash:
        "Tangi Raela, referred by SW Hao" is Tangi Raela's intake.)"""
        ev = self.evidence
        between = _LETTER_WORDS.findall(text, names_end, end)
        if not between or any(fold(w) not in ev.cue_keys and fold(w) not in ev.cue_last_words for w in between):
            return False   # words other than the role's between the names and the role ("Tangi Raela, referred by SW")
        after = _TITLE_AFTER.match(text, end)
        if after is None:
            return False
        key = fold(after.group(1))
        return not (ev.never_a_name(key) or key in ev.sentence_words or key in ev.cues or key in ev.verbs)

    def _lower_case_subject(self, text: str, word: re.Match[str], kind: str) -> bool:
        """A word in lower case after a kinship or role word that a verb follows ("dad nikau came", "her
        aunty talia helps"): the verb makes it the subject, a person; a te reo word needs a person verb."""
        written = word.group()
        key = fold(written)
        ev = self.evidence
        if kind not in ("cue", "title") or not written.islower() or key in ev.sentence_words or key in ev.not_names:
            return False
        if key in ev.te_reo:
            return ev.verb_after(text, word.end())
        after = _NEXT_LOWER_WORD.match(text, word.end())
        if after is None:
            return False
        verb = after.group(1)
        return (ev.verb_after(text, word.end()) or verb in ev.clause_verbs or verb.endswith("ed")
                or (verb.endswith("s") and not verb.endswith("ss")))

    def _full_name_pair(self, text: str, match: re.Match[str]) -> bool:
        """Two capitalised pairs joined by "and" or "&", each a given name and a word that can only be a family name
        (`family_name_like`: on the outside lists, a Māori proper noun or of Polynesian syllables), the given name
        listed or shaped too, or an everyday te reo or English word used as one ("Hine Poutama and Manaia Kereama"):
        two people, whatever stands before them (the second is taken). Not where any of the four words is a place, an
        organisation word or never a name, nor before an organisation word ("... and Tainui Kereama Trust")."""
        ev = self.evidence
        for first, family in (("a", "b"), ("c", "d")):
            if ev.family_name_like(match.group(family)) is None:
                return False
            given = match.group(first)
            key = fold(given)
            if ev.family_name_like(given) is None and not (
                    (key in ev.te_reo or key in ev.everyday) and len(key) > 2 and key not in ev.cues and key not in ev.groups
                    and key not in ev.sentence_words and key not in ev.phrase_particles and not ev.capital_by_convention(key)):
                return False
        keys = [fold(match.group(g)) for g in "abcd"]
        if any(k in ev.places or k in ev.organisation_words or ev.never_a_name(k) for k in keys):
            return False
        after = _WORD_AFTER_PAIR.match(text, match.end())
        return not (after and fold(after.group(1)) in ev.organisation_words)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        ev = self.evidence
        scan = NoteScan.of(text, nlp_artifacts)
        for match in self._cue_matches(text, scan):
            between = text[match.start():match.start("names")]
            cue = between.split()[-1]
            kind = ev.cue_kind(between.strip(" .:\t\n"))
            if kind == "title" and between.rstrip().endswith(".") and len(cue.rstrip(".")) > 3:
                continue   # "with the mātua. Wellbeing went up": a title written out in full ends its sentence (not "Dr.")
            if kind != "title" and "." in between:
                # "Oranga Tamariki. Te Ara Hou": a full stop after a cue that is not a title ends the sentence;
                # a cue after the full stop starts again ("the tamariki. Spoke with John")
                sentences = _SENTENCE_BREAK.split(between.strip())
                if len(sentences) == 1:
                    continue
                kind = ev.cue_kind(sentences[-1].strip(" .:\t\n"))
            words = list(self._word.finditer(text, match.start("names"), match.end("names")))
            if kind == "cue" and words and self._thing_after_role(text, match.start(), match.start("names"), words[0].group()):
                continue
            named = False
            comma = "," in between and kind == "verb"   # (a sign-off takes its comma: "Ngā mihi, aroha")
            for n, word in enumerate(words):
                written = word.group()
                if written == "and" or fold(written) in ev.cues:
                    cue, kind = written, (ev.cue_kind(written) if written != "and" else kind)  # "teacher Mrs Lee"
                    comma = False
                    continue
                if comma and not named and written.islower() and (fold(written) in ev.te_reo or fold(written) in ev.everyday
                                                                  or not ev.is_listed_name(fold(written))):
                    break   # "dropped off, kai for the week": after a comma, a word in lower case needs a name list
                if n and kind == "cue" and words[n - 1].group() == cue \
                        and self._thing_after_role(text, words[n - 1].start(), word.start(), written):
                    break   # "with Tuakana Teina Mentoring": a programme's name
                following = words[n + 1].group() if n + 1 < len(words) else ""
                particle = fold(written) in ev.name_particles and following[:1].isupper()   # "Te Rina", "De Leon"
                caps_in_list = named and _CAPS_RE.fullmatch(written) is not None and fold(written) not in ev.not_names
                right_after_cue = n == 0 or words[n - 1].group() == cue
                # further on in a list, a word in lower case is a name as after a kinship word, not as right after a
                # verb ("spoke to Hemi, social worker": "social" is no name)
                listed_kind = kind if right_after_cue or kind != "verb" else "cue"
                if not (particle or caps_in_list or self._is_name(written, cue, listed_kind)
                        or (right_after_cue and (self._lower_case_subject(text, word, kind)
                                                 or self._name_not_word(text, word, kind)))):
                    break  # "her son was ..." stops at the first word that is not a name ("dad nikau came" is one)
                named = True
                end = word.end() - 2 if written.endswith(("'s", "’s")) else word.end()  # "met Hōhepa's koro"
                results.append(self.span(word.start(), end, 0.6, "cue word + name"))
            if not named and (kin := self._kin_word_as_name(text, between, match.start(), words)):
                results.append(self.span(*kin, 0.6, "cue word + kin word as a name"))
        for match in self._bracketed.finditer(text) if "(" in text and self._bracketed_tail.search(text) else ():
            bracketed = match.group("names").split()
            keys = [fold(w) for w in bracketed]
            if any(((k in ev.not_names or k in ev.sentence_words) and not self._named_word(w)) or k in ev.groups or k in ev.places
                   for w, k in zip(bracketed, keys, strict=True)) or (bracketed[0].islower() and keys[0] in ev.te_reo and (
                       keys[0] in ev.cues or text[match.end() - 1] == ")" or len(bracketed) > 1
                       or ev.determiner_before.search(text, max(0, match.start() - 8), match.start()))):
                # (a name that is also a month or a modal, capitalised, stays: "Will (kaimahi)", "May Smith (facilitator)"; an
                # everyday te reo word in lower case before a role or kinship word is a person too, "mana (kaimahi)", "rangi
                # (facilitator)", unless it is a kin or role word itself or after a determiner, glossed: "koro (grandad)",
                # "their tama (son)")
                continue   # "tamariki (5)", "kai (2)": a group, a place, or a te reo word in lower case before a number
            if text[match.end() - 1] == ")" and not any(ev.is_listed_name(k) for k in keys):
                continue   # a number in brackets is an age only after a name ("sophie (5)"), not "Date of Birth (2)"
            results.append(self.span(match.start("names"), match.end("names"), 0.6, "name + bracket saying who or how old"))
        for match in (self._role_after.finditer(text) if self._role_after is not None and self._role_tail is not None
                      and (", " in text or "-" in text or "(" in text) and self._role_tail.search(text) else ()):
            parts = match.group("names").split()
            keys = [fold(w) for w in parts]
            if any(ev.never_a_name(k) or k in ev.sentence_words for k in keys) or (
                    parts[0].islower() and (keys[0] in ev.te_reo or keys[0] in ev.everyday or not ev.is_listed_name(keys[0])
                                            or _REO_ARTICLE_BEFORE.search(text, max(0, match.start("names") - 8), match.start("names")))):
                continue   # "whānau, social worker", "Plunket nurse", "the hall, kids", "te pōtiki, ko Rua te tuakana"
            if self._role_before_name(text, match.end("names"), match.end()):
                continue   # "doing well at Hope Ahead, facilitator Pania": the role is the next name's, not the words before it
            results.append(self.span(match.start("names"), match.end("names"), 0.6, "name + role after it"))
        for match in (self._signed.finditer(text) if self._signed is not None
                      and (text[:1] in ("~", "-", "—", "/") or self._signed_mark.search(text)) else ()):
            parts = match.group("names").split()
            keys = [fold(w) for w in parts]
            if parts[0].islower() and (len(keys[0]) < 4 or not (ev.is_listed_name(keys[0]) or ev.polynesian_shape(keys[0]))):
                continue   # "- see GP (Tue)": a word in lower case signs a note only when it is a name
            # a sentence word signs a note only in title case and on a name list ("- Will (SW)", not "- Next HV")
            if not any(ev.never_a_name(k) or (k in ev.sentence_words and not (w[:1].isupper() and ev.is_listed_name(k)))
                       for w, k in zip(parts, keys, strict=True) if len(k) > 1):
                results.append(self.span(match.start("names"), match.end("names"), 0.6, "name signing a note"))
        for match in self._initial_first.finditer(text) if "." in text and self._initial_tail.search(text) else ():
            surname = fold(match.group("family"))
            if not (ev.never_a_name(surname) or surname in ev.sentence_words):
                results.append(self.span(match.start(), match.end(), 0.6, "initial + family name"))
        for match in self._bare_initial_first.finditer(text):
            family = match.group("family")
            key = fold(family)
            if (ev.family_name_like(family) is not None or key in ev.family) and key not in ev.sentence_words and not ev.never_a_name(key):
                results.append(self.span(match.start(), match.end(), 0.6, "initial + family name"))
        for match in self._family_first.finditer(text) if self._family_tail.search(text) else ():
            family = [fold(w) for w in match.group("family").split()]
            if all(w not in ev.not_names or w in ev.te_reo for w in family) and fold(match.group("given")) not in ev.not_names:
                results.append(self.span(match.start(), match.end(), 0.6, "FAMILY, Given"))
        if ". " in text or text.rstrip(" \t\n)").endswith("."):
            results += self._lone_initials(text)
        if " and " in text or "&" in text:
            for match in _TWO_FULL_NAMES.finditer(text):
                if self._full_name_pair(text, match):   # (the first is the other steps' to find: a span here would be
                    # widened over a capitalised word before it, "Noted Hine Poutama")
                    results.append(self.span(match.start("c"), match.end("d"), 0.6, "a full name after 'and' and a full name"))
        for match in self._before_verb_matches(text, scan):
            name = match.group("name")
            key = fold(name)
            if ev.capital_by_convention(key) or ev.done_to_thing(text, match.start(), match.end()):
                continue   # "Māori said": a people, capitalised by convention; "Kai shared afterwards": the food
            if key in ev.not_names or key in ev.sentence_words or (name.islower() and (key in ev.te_reo or key in ev.everyday or len(key) < 3)):
                if self._owner(text, match.end(), key):
                    results.append(self.span(match.start(), match.end(), 0.6, "name + possessive of a kin or identifier word"))
                continue   # "the hui explained", "the power bill came": in lower case, the everyday word
            listed = ev.is_listed_name(key) or (key in ev.te_reo and name[:1].isupper())
            if (key in ev.places or ev.place_before.search(text, max(0, match.start() - 24), match.start())) and not listed:
                continue   # "from Middlemore rang": a place
            # a capitalised word on no list: a name mid-sentence, and at a sentence's start too unless it names
            # an organisation ("Plunket said" is kept by the agreement's names, which are applied after)
            if listed or (name[:1].isupper() and name[1:2].islower() and key not in ev.te_reo and len(key) > 2
                          and key not in ev.organisation_words):
                results.append(self.span(match.start(), match.end(), 0.6, "name + person verb or possessive"))
        return results


_ROLE_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def standards_roles(evidence: NameEvidence) -> list[str]:
    """Role words that, after a name and a comma or dash, say a person is meant: the cues that name a role
    or a relation, not the verbs ('called') or phrases ending in a sentence word ('visit with')."""
    return [w for w in evidence.cue_words if fold(w) in evidence.cues and fold(w) not in evidence.titles
            and fold(w) not in evidence.verbs and _ROLE_WORDS.fullmatch(w) and evidence.sentence_words.isdisjoint(fold(w).split())
            and not evidence.after.match(" " + w)]


@register
class CommonGivenNameRecognizer(SpanRecognizer):
    """A capitalised or ALL CAPS word in the outside name lexicon (given or family name), or of the shape of a Korean
    given name ("Min-jun"), that is not an everyday te reo or English word, a place, or a word that sits next to names."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, evidence: NameEvidence, supported_entity: str = "PERSON"):
        super().__init__("CommonGivenNameRecognizer", supported_entity)
        self.evidence = evidence
        self._lengths: dict[str, int] = {}
        self._lower: dict[str, bool] = {}

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> CommonGivenNameRecognizer:
        return cls(NameEvidence.from_standards(standards))

    def _name_length(self, word: str) -> int:
        """How much of a capitalised word is a lexicon name (up to an apostrophe), 0 when none is."""
        name = word.split("'")[0].split("’")[0] if "'" in word or "’" in word else word
        key = fold(name)
        ev = self.evidence
        return len(name) if ((key in ev.given or key in ev.family or ev.korean_shape(key)) and not ev.is_ambiguous(key)
                             and key not in ev.places and not ev.capital_by_convention(key)) else 0

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        lengths = self._lengths  # remembered per word: the same capitalised words come back note after note
        for start, _, word in capitalised_words(text, nlp_artifacts):
            length = lengths.get(word)
            if length is None:
                if len(lengths) > 100_000:
                    lengths.clear()
                length = lengths[word] = self._name_length(word)
            if length and not _CODE_AFTER.match(text, start + length):   # "RC-294-2372", "CW-2024-1474": a code's letters
                results.append(self.span(start, start + length, 0.55, "name in the outside lexicon"))
        lower = self._lower
        for m in _LOWER_WORD.finditer(text):
            word = m.group()
            found = lower.get(word)
            if found is None:
                if len(lower) > 100_000:
                    lower.clear()
                found = lower[word] = self._lower_name(word)
            if found and not _SAINT_BEFORE.search(text, max(0, m.start() - 30), m.start()):   # "st vincent de paul": a saint
                results.append(self.span(m.start(), m.end(), 0.55, "name in the outside lexicon, in lower case"))
        return results

    def _lower_name(self, word: str) -> bool:
        """A word in lower case that is a given name on the lexicon and no English or te reo word, cue, verb or place:
        notes typed in lower case write names so ("caught up w sandeep")."""
        key = fold(word)
        ev = self.evidence
        return (len(key) > 3 and key in ev.given and not ev.is_ambiguous(key) and key not in ev.places and key not in ev.maori_names
                and key not in ev.verbs and key not in ev.cues and key not in ev.clause_verbs and not ev.capital_by_convention(key))


_CODE_AFTER = re.compile(r"[-/]?\d")   # letters run into digits: a reference or case number, not a name
_SAINT_BEFORE = re.compile(r"(?i)\b(?:st|saint)\.?[ \t]+(?:[^\W\d_]+[ \t]+){0,2}$")   # "st vincent de | paul"
_LOWER_WORD = re.compile(rf"(?<![\w\-@.'’])[{_LOWER}]{{4,}}(?![\w@'’\-])")
_CAPITAL_BEFORE = re.compile(rf"[{_UPPER}][{_UPPER}{_LOWER}'’\-]*[ \t]+$")   # a capitalised word right before
_NEXT_CAPITAL = re.compile(rf"[ \t]+([{_UPPER}][{_UPPER}{_LOWER}'’\-]*)")         # a capitalised word right after


@register
class PolynesianNameRecognizer(SpanRecognizer):
    """A capitalised word mid-sentence, on no list, and made only of Polynesian syllables: a person's
    name in a social-service note (Sione, Matiu, Kararaina), unless it is an everyday te reo word, a
    place, or the first word of a capitalised phrase that names a thing ("Tui Ora")."""

    NEEDS_KNOWN_NAMES = False
    ALONE = False   # whether the word must stand without a capitalised word after it
    PAIRED = False  # whether some words are names only before a family name (`_paired_candidate`)

    def __init__(self, evidence: NameEvidence, supported_entity: str = "PERSON", name: str = "PolynesianNameRecognizer"):
        super().__init__(name, supported_entity)
        self.evidence = evidence
        self._candidates: dict[str, bool] = {}  # per word as written: the same words come back note after note

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> PolynesianNameRecognizer:
        return cls(NameEvidence.from_standards(standards))

    def _candidate(self, word: str) -> bool:
        """Whether a capitalised word is this recognizer's kind of name: Polynesian syllables, on no list."""
        found = self._candidates.get(word)
        if found is None:
            found = self._candidates[word] = self.evidence.polynesian_shape(fold(word))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        ev = self.evidence
        for start, end, word in capitalised_words(text, nlp_artifacts):
            alone = self._candidate(word)
            if not (alone or (self.PAIRED and self._paired_candidate(word))) or not (
                    word[1:2].islower() or (word.isupper() and _NEXT_LOWER_WORD.match(text, end))):
                continue   # title case, or capitals before a word in lower case ("PITA pleased", not "MSD WINZ")
            if ev.quoted(text, start):
                continue   # "said 'Kia ora'": a quotation, not an ʻokina
            before = text[max(0, start - 24):start]
            following = _NEXT_CAPITAL.match(text, end) if self.PAIRED else None
            if following and (named := self._given_before_family(text, start, before, following)):
                results.append(self.span(named[0], named[1], 0.55, "everyday-word given name + family name"))
                continue
            if not alone:
                continue
            if ev.place_before.search(before) or _CAPITAL_BEFORE.search(before) or ev.determiner_before.search(before):
                continue   # "at Vaka Tautua", "Inland Revenue", "the Marae": a place or a thing, or the second word of its name
            if not self.PAIRED:
                following = _NEXT_CAPITAL.match(text, end)
            if following and (self.ALONE or not (ev.is_listed_name(fold(following.group(1))) or self._candidate(following.group(1)))):
                continue   # "Tui Ora", "Aiga Care Trust", "Red Cross": the first word of a thing's name
            mid_sentence_capitals = word.isupper() and not ev.sentence_start(text, start)
            if (ev.person_context(text, start, end) or mid_sentence_capitals
                    or (ev.sentence_start(text, start) and self._verb_follows(text, start, end))):
                results.append(self.span(start, end, 0.55, "Polynesian-shaped capitalised word mid-sentence or before a verb"))
        return results

    def _paired_candidate(self, word: str) -> bool:
        """A word that is this recognizer's kind of name only before a family name (none here)."""
        return False

    def _given_before_family(self, text: str, start: int, before: str, following: re.Match[str]) -> tuple[int, int] | None:
        """(start, end) of a given name and the family name after it; only `EverydayWordNameRecognizer` reads
        one (a Polynesian-shaped word before a listed name is taken alone, and widening adds the name after it)."""
        return None

    def _verb_follows(self, text: str, start: int, end: int) -> bool:
        """A verb right after the word (a past tense, a person verb, is/was/has): the word is the subject."""
        after = _NEXT_LOWER_WORD.match(text, end)
        if after is None:
            return False
        verb = after.group(1)
        return verb.endswith("ed") or verb in self.evidence.clause_verbs or verb in self.evidence.subject_verbs


@register
class EverydayWordNameRecognizer(PolynesianNameRecognizer):
    """An everyday te reo or English word that is also a name (Huia, Tama, Mana; Hope, Grace, Bill),
    written with a capital mid-sentence where nothing else explains the capital (not after "the", "at"
    or another capital, not before a capitalised word), or starting a sentence before a verb of a person
    ("Hope said"): a person. Anywhere, before a word that can only be a family name ("Tama Wang", "May Williams"):
    the two are a person's name.
    Its own recognizer, so that the ablation table shows what it buys and what it costs."""

    ALONE = True
    PAIRED = True

    def __init__(self, evidence: NameEvidence, supported_entity: str = "PERSON"):
        super().__init__(evidence, supported_entity, "EverydayWordNameRecognizer")
        self._paired: dict[str, bool] = {}   # per word as written, as `_candidates`
        self._families: dict[str, str | None] = {}   # `NameEvidence.family_name_like` per word as written

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> EverydayWordNameRecognizer:
        return cls(NameEvidence.from_standards(standards))

    def _paired_candidate(self, word: str) -> bool:
        """A given name that is also a month or a modal ("May", "Jun"), in title case: a name only before a family name
        ("May Williams", "Jun Huang"), never alone here. A kin word stays a kin word ("Kuia Tiare", "Pēpi Hamish")."""
        found = self._paired.get(word)
        if found is None:
            key = fold(word)
            ev = self.evidence
            found = self._paired[word] = bool(
                word[1:2].islower() and len(key) > 2 and key in ev.not_names and (key in ev.given or key in ev.everyday or key in ev.te_reo)
                and key not in ev.cues and key not in ev.groups and key not in ev.verbs and key not in ev.sentence_words)
        return found

    def _given_before_family(self, text: str, start: int, before: str, following: re.Match[str]) -> tuple[int, int] | None:
        """An everyday word that is also a given name, right before a word that can only be a family name ("Tama
        Wang", "Hine Waititi", "Moana Sapolu", "Grace Fa'amausili-Toleafoa"): the two are a person's name, wherever they
        stand, unless a thing's name goes on after them ("Hope Parata Trust") or a word before makes them a thing's
        ("the", "Inland"). A family-name particle before them is part of the name ("Te Koha Tautahi"). A family name
        that is only of Polynesian shape needs a cue or a person verb too ("Aiga Malosi" is a programme). (start, end) or None."""
        ev = self.evidence
        family = following.group(1)
        kind = self._families.get(family, "?")
        if kind == "?":
            if len(self._families) > 100_000:
                self._families.clear()
            kind = self._families[family] = ev.family_name_like(family)
        if kind is None:
            return None
        end = following.end(1)
        if kind == "shaped" and not (ev.cue_before(text, start) or ev.verb_after(text, end)):
            return None   # "Aiga Malosi", "Te Waka Hourua": programme words are of Polynesian shape too; a cue or verb says who
        after = _NEXT_CAPITAL.match(text, end)
        if after and (fold(after.group(1)) in ev.organisation_words or fold(after.group(1)) in ev.te_reo):
            return None   # "Tui Tipene Trust", "Aroha Parata Whānau Ora": a thing's name
        if ev.determiner_before.search(before):
            return None
        capital = _CAPITAL_BEFORE.search(before)
        if capital and not ev.ends_thing(fold(capital.group().strip())):   # ("Noted Hine Waititi": a verb before)
            particle = capital.group().strip()
            if fold(particle) not in ev.name_particles:
                return None   # "Inland Revenue", "Kauri Health": the second word of a thing's name
            start -= len(before) - capital.start()
            if _CAPITAL_BEFORE.search(text[max(0, start - 24):start]):
                return None
        return start, end

    def _verb_follows(self, text: str, start: int, end: int) -> bool:
        """Only a verb of a person ("Hope said", "Mana rang"): "Koha paid" and "Kai was provided" are the words, and so
        is a word a participle was done to ("Kai shared afterwards", `NameEvidence.done_to_thing`)."""
        return self.evidence.verb_after(text, end) and not self.evidence.done_to_thing(text, start, end)

    def _candidate(self, word: str) -> bool:
        """Whether a word is an everyday te reo or English word that is also a name, in title case."""
        found = self._candidates.get(word)
        if found is None:
            key = fold(word)
            ev = self.evidence
            found = self._candidates[word] = bool(
                word[1:2].islower() and (key in ev.te_reo or key in ev.everyday) and len(key) > 2
                and not ev.never_a_name(key) and key not in ev.sentence_words and key not in ev.phrase_particles
                and not ev.capital_by_convention(key))   # "te reo Māori": the name of a people
        return found
