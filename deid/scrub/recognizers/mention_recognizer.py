"""People named in shorthand: mentions in text-message style ("@awhina if u see this txt me back") and
initials after a cue ("Spoke to S.H. briefly").

A word right after "@" that is not part of an email address names a person (or their account on a
messaging service, an identifier in its own right) when it is capitalised, or in lower case when a name
list knows it or it has a Polynesian or Korean name's shape (`NameEvidence`). In text-message style "@"
also means "at" ("@school", "@ the marae", "@ 3pm"): a word that is never a name (a place, an
organisation word, names.yaml `not_name_words`), an everyday te reo word not on a name list, or a
lower-case word no list knows stays, unless a person verb, a subject verb or a past tense follows it ("@jisoo rang
me", "@kauri was round again"). An "@" after a word character is an email's, left to the email recognizer.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence
from deid.scrub.recognizers.nz_contact_recognizers import phrase_alternation
from deid.scrub.registry import register
from deid.scrub.scan import NoteScan, word_key
from deid.standards import Standards

# "@" not after a word character (an email's) and not followed by a digit (a time or a price: "@ 3pm", "@$5");
# the name: letters with inner hyphens, apostrophes or ʻokina ("@Te-Aho", "@o'neill").
_MENTION = re.compile(r"(?<![\w.@])[@＠](?P<name>[^\W\d_](?:[^\W\d_]|['’ʻ\-](?=[^\W\d_]))*)(?![@\w])")
_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)\b")   # the word in lower case after a mention
# Two initials with their full stops, as `CuedInitialsRecognizer` ends: without them in a note its cue
# alternation (a few hundred verbs, tried at every word) has nothing to find.
_TWO_INITIALS = re.compile(r"[^\W\d_]\.[ \t]?[^\W\d_]\.")


@register
class MentionRecognizer(SpanRecognizer):
    """A word after "@" (not an email) as a person."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, evidence: NameEvidence, supported_entity: str = "PERSON"):
        super().__init__("MentionRecognizer", supported_entity)
        self._evidence = evidence

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> MentionRecognizer:
        return cls(NameEvidence.from_standards(standards))

    def _a_person(self, name: str) -> bool:
        evidence, key = self._evidence, word_key(name)
        if evidence.never_a_name(key):
            return False
        if key in evidence.te_reo:   # "@mahi", "@kura": at work, at school; "@Aroha" (capitalised, on a name list) a person
            return name[0].isupper() and evidence.is_listed_name(key)
        return evidence.is_listed_name(key) or evidence.polynesian_shape(key) or evidence.korean_shape(key) or name[0].isupper()

    def wants(self, scan: NoteScan) -> bool:
        return "@" in scan.text or "＠" in scan.text

    def _subject(self, text: str, name: str, end: int) -> bool:
        """A word after "@" that a person verb, a subject verb or a past tense follows ("@jisoo rang me", "@kauri was round
        again", "@abdirahman turned up"): the one who did it, unless the word never names a person (a place, an
        organisation word, names.yaml `not_name_words`: "@school was fun")."""
        ev, key = self._evidence, word_key(name)
        if ev.never_a_name(key) or key in ev.sentence_words or key in ev.cues or len(key) < 2:
            return False
        if ev.verb_after(text, end):
            return True
        after = _NEXT_LOWER.match(text, end)
        word = after.group(1) if after else ""
        return ev.does_something(word)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [self.span(m.start("name"), m.end("name"), 0.7, "@mention") for m in _MENTION.finditer(text)
                if self._a_person(m.group("name")) or self._subject(text, m.group("name"), m.end("name"))]


@register
class CuedInitialsRecognizer(SpanRecognizer):
    """Initials written with full stops: "Spoke to S.H. briefly", "logged by d.n.", "Nā M.N., kaimahi", and without a
    cue too ("M.M. agreed to the referral", "tautoko G.L. with the tikanga"). A case note shortens a name to its
    initials to half-hide it; two or three single letters each with a full stop are that person, after a verb of
    speaking or visiting, a sign-off or "by" (names.yaml `person_verbs`) with a higher score. Times ("a.m.", "p.m."),
    roles ("G.P."), Latin abbreviations (names.yaml `not_name_words`), birth cues ("d.o.b.") and a post office box
    ("P.O. Box") stay."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, cues: Sequence[str], not_names: Sequence[str] = (), supported_entity: str = "PERSON"):
        super().__init__("CuedInitialsRecognizer", supported_entity)
        # "G.P.", "O.T." (roles), "a.m.", "e.g.": names.yaml `not_name_words`; "d.o.b.": a birth cue
        self._not_initials = frozenset(re.sub(r"[\s.]", "", word.lower()) for word in not_names)
        # Without a cue too: two or three single letters each with a full stop are a person's initials wherever they
        # stand ("M.M. agreed to the referral", "tautoko G.L. with the tikanga", "present: Huia, M.H., Whaea Qing"), but
        # for the abbreviations above and a post office box ("P.O. Box 4357")
        self._anywhere = re.compile(r"(?<![\w.])(?P<initials>[^\W\d_]\.[ \t]?[^\W\d_]\.(?:[ \t]?[^\W\d_]\.)?)"
                                    r"(?![\w])(?![ \t]*(?i:box)\b)(?!\.?[ \t]?[^\W\d_]\.)")
        self._pattern = re.compile(rf"(?<!\w)(?i:{phrase_alternation(cues)})[ \t]+"
                                   r"(?P<initials>[^\W\d_]\.[ \t]?[^\W\d_]\.(?:[ \t]?[^\W\d_]\.)?)(?!\w)") if cues else None

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> CuedInitialsRecognizer:
        names = standards.names
        return cls((*names.person_verbs, "by", "nā", "na", "ki a"), (*names.not_name_words, *standards.scrub_words.birth_cues))

    def wants(self, scan: NoteScan) -> bool:
        return self._pattern is not None and "." in scan.text

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if self._pattern is None or _TWO_INITIALS.search(text) is None:
            return []
        found = [self.span(m.start("initials"), m.end("initials"), 0.7, "cue + initials") for m in self._pattern.finditer(text)
                 if re.sub(r"[\s.]", "", m.group("initials")).lower() not in self._not_initials]
        taken = {r.start for r in found}
        found += [self.span(m.start("initials"), m.end("initials"), 0.6, "initials") for m in self._anywhere.finditer(text)
                  if m.start("initials") not in taken and re.sub(r"[\s.]", "", m.group("initials")).lower() not in self._not_initials]
        return found
