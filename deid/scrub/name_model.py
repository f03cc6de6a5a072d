"""A small statistical model of person-name words in free text (issue 15): a linear-chain CRF (CRFsuite).

Each note is cut into tokens (words, a possessive "'s", numbers, punctuation, line breaks) and each token
described by generic features only: its shape (capitalised, ALL CAPS, lower case, length, hyphen or
apostrophe), its last letters, its place in the sentence, whether it is on one of the shipped outside
lists (`standards/name_lexicon.yaml`: given, family, everyday-word and Māori names; `standards/te_reo.yaml`;
the places of the geography table) or the cue lists of `standards/names.yaml` (titles, kinship and role
words, person verbs, organisation words, sentence words), and the same about its neighbours. A word's own
spelling is a feature only when it is on one of those cue lists: the model learns what a context says,
not which names the training notes used; a lower-case word near it is described by its last two letters too
("Grace reviewed": a verb follows).

The model is trained by `python -m deid.scrub.train_name_model` on generated notes
(`deid.scrub.training_notes`) and shipped as `standards/models/person_names.crfsuite`, with its threshold in
`standards/models/person_names.yaml`. Nothing is downloaded; CRFsuite (python-crfsuite) reads the file.
"""
from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from deid.errors import ScrubError
from deid.scrub.recognizers.name_evidence import NameEvidence
from deid.scrub.scan import _NOT_PLAIN, _class_of
from deid.standards import Standards, fold

MODEL_FILE = Path("models") / "person_names.crfsuite"   # under the standards folder
MODEL_CARD = Path("models") / "person_names.yaml"
NAME, OTHER = "N", "O"

# A word (letters, with an apostrophe or hyphen inside: "Fa'asalele", "Kerr-Tawhiri"), a possessive, a
# number, a line break, or one mark of punctuation.
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*|['’][sS]\b|\d+|\n|[^\s\w]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")   # the note cut into gap, token, gap, token ... gap
# The same for a note in Latin letters, common punctuation and arrows only (nearly every note): each class
# spelled out as ranges (built as deid.scrub.scan builds its own), which the regex engine tests from a table
# rather than by Unicode category. On such a note both give the same tokens.
_L, _W, _D = _class_of(r"[^\W\d_]"), _class_of(r"\w"), _class_of(r"\d")
_PLAIN_TOKEN_SPLIT = re.compile(rf"([{_L}]+(?:[-'’](?![sS](?![{_W}]))[{_L}]+)*|['’][sS](?![{_W}])|[{_D}]+|\n|[^\s{_W}])")
_EXP_50 = math.exp(50.0)
_SENTENCE_END = frozenset({".", "!", "?", ";", ":", "\n", "-", "~", "•", "*", "|"})


# Feature codes (not words): the list flags also read with the token's shape, and those its neighbours see.
_SHAPED_FLAGS = frozenset({"G", "F", "E", "M", "R", "PY", "NONE"})
_NEIGHBOUR_FLAGS = frozenset({"G", "F", "E", "M", "R", "PL", "Q", "T", "V", "VA", "O", "GR", "NONE"})


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every token of a note."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _in_code(text: str, start: int, end: int, size: int) -> bool:
    """A word run together with a number ("C5472", "1PM", "INV-994000") is part of a code, and one run
    together with a dot, "@" or "_" and more letters ("t.ngata@school.nz") part of an address: not a name
    (the email and web recognizers have their own say)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < size else " "
    return (before.isalnum() or after.isalnum() or before in "@_" or after in "@_"
            or (end + 1 < size and after in "-/" and text[end + 1].isdigit())
            or (end + 1 < size and after == "." and text[end + 1].isalnum())
            or (start > 1 and before in "-/#." and text[start - 2].isalnum() and (before != "-" or text[start - 2].isdigit())))


def _shape(token: str) -> str:
    if token == "\n":
        return "NL"
    first = token[:1]
    if first.isdigit():
        return "D"
    if not first.isalpha():
        return "P"
    letters = [c for c in token if c.isalpha()]
    if len(letters) == 1:
        return "I" if first.isupper() else "i"
    if all(c.isupper() for c in letters):
        return "C"
    if first.isupper():
        return "T"
    if all(c.islower() for c in letters):
        return "l"
    return "m"


def _length(n: int) -> str:
    return "1" if n < 2 else "2" if n < 3 else "3" if n < 4 else "4" if n < 6 else "6" if n < 9 else "9"


class NameFeatures:
    """Token features from the standards' lists, remembered per token as written (the same words come
    back note after note)."""

    def __init__(self, evidence: NameEvidence, standards: Standards):
        self.ev = evidence
        names = standards.names
        vocabulary: set[str] = set()
        for words in (names.titles, names.name_cues, names.person_verbs, names.person_verbs_after, names.group_words,
                      names.not_name_words, names.sentence_words, names.clause_verbs, names.subject_verbs,
                      names.determiners, names.place_prepositions, names.phrase_particles, names.organisation_words,
                      names.family_name_particles, names.bracket_words, standards.scrub_words.months,
                      standards.scrub_words.weekdays, standards.scrub_words.birth_cues):
            for phrase in words:
                vocabulary.update(fold(phrase).split())
        self.vocabulary = frozenset(vocabulary)
        self.verb_words = frozenset(w for v in names.person_verbs for w in fold(v).split())
        self.after_words = frozenset(w for v in names.person_verbs_after for w in fold(v).split())
        ev = evidence
        # (feature flag, the list a word is looked up in); "PY", a word of Polynesian syllables, is a test
        self._lists: tuple[tuple[str, Collection[str]], ...] = (
            ("G", ev.given), ("F", ev.family), ("E", ev.everyday), ("M", ev.maori_names), ("R", ev.te_reo),
            ("PL", ev.places), ("Q", ev.cues), ("T", ev.titles), ("V", self.verb_words), ("VA", self.after_words),
            ("GR", ev.groups), ("O", ev.organisation_words), ("SW", ev.sentence_words), ("NN", ev.not_names),
            ("PA", ev.name_particles))
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}
        self._word_facts: dict[str, tuple[str | None, bool, str | None]] = {}   # `_facts_of` per word as written

    def _own(self, token: str) -> tuple[list[str], list[str], list[str]]:
        """The token's own features, and the shorter descriptions of it as a near and a far neighbour."""
        shape = _shape(token)
        if shape in ("P", "NL", "D"):
            ident = "NL" if shape == "NL" else "D" if shape == "D" else token.replace("’", "'").lower()
            own = ["b", f"w={ident}"]
            return own, [f"w={ident}"], [f"w={ident}"]
        key = fold(token)
        key = key.replace(" ", "")
        ev = self.ev
        own = ["b", f"s={shape}", f"L={_length(len(key))}"]
        near = [f"s={shape}"]
        if "-" in token:
            own.append("hy")
        if "'" in token or "’" in token:
            own.append("ap")
        if key in self.vocabulary:
            own.append(f"w={key}")
            near.append(f"w={key}")
        elif len(key) > 3:
            own += [f"x3={key[-3:]}", f"x2={key[-2:]}"]
            if shape == "l":
                near.append(f"x2={key[-2:]}")   # a neighbour's ending: "-ed", "-ng" say a verb follows
        listed = key in ev.given or key in ev.family or key in ev.maori_names
        flags = [flag for flag, words in self._lists if key in words]
        if ev.polynesian_shape(key):
            flags.append("PY")
        if not flags and key not in self.vocabulary:
            flags.append("NONE")
        own += [f"F{f}" for f in flags]
        own += [f"{shape}F{f}" for f in flags if f in _SHAPED_FLAGS]
        near += [f"F{f}" for f in flags if f in _NEIGHBOUR_FLAGS]
        if listed:
            near.append("Fn")
        far = [f"s={shape}"] + ([f"w={key}"] if key in self.vocabulary else [])
        return own, near, far

    def ruled_out(self, text: str, start: int, end: int, word: str) -> bool:
        """`held_against` says anything at all (see there)."""
        return self.held_against(text, start, end, word) is not None

    def held_against(self, text: str, start: int, end: int, word: str) -> str | None:
        """What the rule-based recognizers hold against a name whatever the model says: a place, an organisation
        word or a word on the not-a-name list; a capitalised word that starts a sentence, on no name or te reo
        list and of no Polynesian shape ("Referral received"); a word in lower case that is an everyday te reo
        or English word ("kai was shared", "real joy"), on no name list and of no Polynesian shape ("refer to
        GP"), after an article or determiner ("her tane", "the hui"), or after a preposition of place with no
        person verb or cue before it ("going to mirimiri").

        "hard" for all of these but two, "soft", which the next word or the one before can outweigh: a capital
        initial that is also a word on the not-a-name list ("Lagi W"), and an everyday word in lower case that is
        on a name list or is a particle that begins a family name ("aroha hewitt", "te aniwa")."""
        ev = self.ev
        facts = self._word_facts.get(word)
        if facts is None:
            facts = self._facts_of(word)
        never, unlisted_capital, in_lower_case = facts
        if never is not None:
            return never
        if unlisted_capital and ev.sentence_start(text, start):
            return "hard"   # "Referral received ...": a capitalised word starting a sentence, on no list, of no Polynesian shape
        if in_lower_case is not None:
            if in_lower_case != "context":
                return in_lower_case
            before = text[max(0, start - 24):start]
            if ev.determiner_before.search(before):
                return "hard"
            if ev.place_before.search(before) and not ev.cue_before(text, start):
                return "hard"
        return None

    def _facts_of(self, word: str) -> tuple[str | None, bool, str | None]:
        """What `held_against` reads of the word alone (remembered per word as written): what it holds against a word
        that is never a name, whether the word is capitalised and on no list and of no Polynesian shape, and for a word
        in lower case what it holds against it whatever stands around it, or "context" when the words before decide."""
        ev = self.ev
        key = fold(word).replace(" ", "")
        never = ("soft" if len(word) == 1 and word.isupper() and word not in ("A", "I") else "hard") if ev.never_a_name(key) else None
        unlisted_capital = word[1:].islower() and not (ev.is_listed_name(key) or key in ev.te_reo or ev.polynesian_shape(key))
        in_lower_case = None
        if word.islower():
            if key in ev.te_reo or key in ev.everyday or not (ev.is_listed_name(key) or ev.polynesian_shape(key)):
                # "kai was shared", "real joy": an everyday te reo or English word in lower case is the word (the cue rules
                # judge "spoke with aroha"); with no English word list to tell "refer" from a name, one on no list is left too
                in_lower_case = "soft" if (ev.is_listed_name(key) or key in ev.name_particles) and len(key) > 1 else "hard"
            else:
                in_lower_case = "context"
        if len(self._word_facts) > 200_000:
            self._word_facts.clear()
        facts = self._word_facts[word] = (never, unlisted_capital, in_lower_case)
        return facts

    def of(self, token: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        """(own, as the token before, as the token after, as two before, as two after)."""
        found = self._cache.get(token)
        if found is None:
            own, near, far = self._own(token)
            found = (own, [f"-1{f}" for f in near], [f"+1{f}" for f in near], [f"-2{f}" for f in far], [f"+2{f}" for f in far])
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[token] = found
        return found

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Every token's features: its own, its neighbours' (two each side) and where it stands in its sentence."""
        described = [self.of(t) for t in tokens]
        n = len(described)
        out: list[list[str]] = []
        for i, (own, _, _, _, _) in enumerate(described):
            features = own.copy()
            if i == 0 or tokens[i - 1] in _SENTENCE_END:
                features.append("start")
            else:
                features += described[i - 1][1]
            if i > 1:
                features += described[i - 2][3]
            if i + 1 < n:
                features += described[i + 1][2]
            else:
                features.append("end")
            if i + 2 < n:
                features += described[i + 2][4]
            out.append(features)
        return out


def token_labels(tokens: Sequence[tuple[int, int, str]], names: Sequence[tuple[int, int]]) -> list[str]:
    """N for a word inside a labelled name span, O for every other token."""
    labels = []
    for start, end, token in tokens:
        inside = token[:1].isalpha() and any(a <= start and end <= b for a, b in names)
        labels.append(NAME if inside else OTHER)
    return labels


@dataclass(frozen=True)
class ModelCard:
    """What `standards/models/person_names.yaml` says about the shipped model."""

    threshold: float
    source: str
    trained: dict[str, Any]


def read_card(standards: Standards) -> ModelCard:
    path = standards.directory / MODEL_CARD
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ScrubError(f"{path}: cannot read the name model's card ({error}); run python -m deid.scrub.train_name_model") from error
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < float(threshold) < 1:
        raise ScrubError(f"{path}: field 'threshold' is {threshold!r}; allowed: a number between 0 and 1")
    return ModelCard(float(threshold), str(data.get("source", "")), dict(data.get("trained") or {}))


class NameModel:
    """The shipped CRF: for each word of a note, the probability that it is part of a person's name.

    CRFsuite reads the model file; the note is then scored here, from the model's weights: with two labels
    and features that are each a token's own or a neighbour's, a token's name score is the sum of a few
    sums remembered per word as written (its own features' weights, and its weights as a neighbour one or
    two places away), and the probabilities come from the forward-backward recursion over the note. The
    same probabilities as CRFsuite's own tagger (a test holds them equal), at a fraction of its cost per
    note: no feature strings per token.
    """

    def __init__(self, model_path: Path, features: NameFeatures):
        try:
            import pycrfsuite
        except ImportError as error:  # pragma: no cover - the dependency is declared
            raise ScrubError("the name model needs python-crfsuite (pip install python-crfsuite)") from error
        if not model_path.is_file():
            raise ScrubError(f"{model_path}: no name model; run python -m deid.scrub.train_name_model")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        info = self.tagger.info()
        weights: dict[str, float] = {}
        for (attribute, label), weight in info.state_features.items():
            weights[attribute] = weights.get(attribute, 0.0) + (weight if label == NAME else -weight)
        self._weights = weights
        transitions = info.transitions
        self._edge = {(a, b): math.exp(transitions.get((a, b), 0.0)) for a in (NAME, OTHER) for b in (NAME, OTHER)}
        self._start = weights.get("start", 0.0)
        self._end = weights.get("end", 0.0)
        self.features = features
        self._scores: dict[str, tuple[float, float, float, float, float]] = {}
        e = {key: math.log(value) for key, value in self._edge.items()}
        # The most a token's neighbours can add to its log-odds through the transitions (both sides): a note
        # whose tokens all score below a threshold's log-odds less this has no name word to find.
        self.reach = (max(e[NAME, NAME] - e[NAME, OTHER], e[OTHER, NAME] - e[OTHER, OTHER], 0.0)
                      + max(e[NAME, NAME] - e[OTHER, NAME], e[NAME, OTHER] - e[OTHER, OTHER], 0.0))

    def _score(self, token: str) -> tuple[float, float, float, float, float]:
        """Summed weights of the token's own features, and of its features as the token one before, one
        after, two before and two after another."""
        weights = self._weights
        own, before, after, before2, after2 = (sum(weights.get(f, 0.0) for f in part) for part in self.features.of(token))
        found = (own, before, after, before2, after2)
        if len(self._scores) > 200_000:
            self._scores.clear()
        self._scores[token] = found
        return found

    def scores(self, words: Sequence[str]) -> list[float]:
        """Each token's name score (log-odds of its state, before the transitions)."""
        cache = self._scores
        own, before, after, before2, after2 = zip(*[cache.get(w) or self._score(w) for w in words], strict=True)
        start, n = self._start, len(words)
        left = [start, *(start if w in _SENTENCE_END else v for w, v in zip(words[:-1], before[:-1], strict=True))]
        left2 = [0.0, 0.0, *before2][:n]
        right = [*after[1:], self._end]
        right2 = [*after2[2:], 0.0, 0.0][:n]
        return [a + b + c + d + e for a, b, c, d, e in zip(own, left, left2, right, right2, strict=True)]

    def marginals(self, scores: Sequence[float]) -> list[float]:
        """P(name) of each token of a chain, by the forward-backward recursion written, for two labels, as the
        ratio of name to not-a-name in each direction (one division a token each way)."""
        n = len(scores)
        if not n:
            return []
        edge = self._edge
        nn, no, on, oo = edge[NAME, NAME], edge[NAME, OTHER], edge[OTHER, NAME], edge[OTHER, OTHER]
        node = [math.exp(s) if s < 50.0 else _EXP_50 for s in scores]
        forward = [node[0]]
        r = node[0]
        for i in range(1, n):
            r = node[i] * (r * nn + on) / (r * no + oo)
            forward.append(r)
        out = [0.0] * n
        q = 1.0
        for i in range(n - 1, -1, -1):
            rq = forward[i] * q
            out[i] = rq / (rq + 1.0)
            x = node[i] * q
            q = (nn * x + no) / (on * x + oo)
        return out

    def name_words(self, text: str, threshold: float) -> list[tuple[int, int, float]]:
        """(start, end, probability) of each word whose probability of being a name is at least `threshold`."""
        parts = (_PLAIN_TOKEN_SPLIT if _NOT_PLAIN.search(text) is None else _TOKEN_SPLIT).split(text)
        words = parts[1::2]
        if not words:
            return []
        scores = self.scores(words)
        floor = _logit(threshold) - self.reach
        if max(scores) < floor:
            return []   # no word can reach the threshold, whatever its neighbours are
        ends = list(accumulate(map(len, parts)))
        found: dict[int, tuple[int, int, float]] = {}
        soft: dict[int, tuple[int, int, float]] = {}
        size = len(text)
        for k, p in enumerate(self.marginals(scores)):
            if p >= threshold:
                word = words[k]
                if word[:1].isalpha():
                    start, end = ends[2 * k], ends[2 * k + 1]
                    if not _in_code(text, start, end, size):
                        against = self.features.held_against(text, start, end, word)
                        if against is None:
                            found[k] = (start, end, p)
                        elif against == "soft":
                            soft[k] = (start, end, p)
        # A word held against softly is a name only right next to a name word held against by nothing, in the
        # same case ("aroha hewitt", "Lagi W"; "lots of aroha" stays).
        for k, span in soft.items():
            if any(j in found and len(words[j]) > 1 and _same_case(words[j], words[k]) for j in (k - 1, k + 1)):
                found[k] = span
        # A particle that begins a family name ("Te", "De") is a name only with the name it begins ("Te marama" is
        # the word), and an initial only next to a name ("Jun W", "T. Hewitt"; not "P. O. Box").
        particles = self.features.ev.name_particles
        kept = []
        for k, span in sorted(found.items()):
            word = words[k]
            if len(word) == 1:
                if not any(j in found and len(words[j]) > 1 for j in (k - 1, k + 1, k + 2 if words[k + 1:k + 2] == ["."] else -1)):
                    continue
            elif k + 1 not in found and fold(word) in particles:
                continue
            kept.append(span)
        return kept

    def reference_marginals(self, text: str) -> list[float]:
        """CRFsuite's own P(name) of every token of the note (for tests: `marginals` must agree)."""
        words = [t for _, _, t in tokenize(text)]
        self.tagger.set(self.features.sequence(words))
        return [self.tagger.marginal(NAME, i) for i in range(len(words))]


def _same_case(name: str, word: str) -> bool:
    """Both in lower case, or neither (an initial goes with any name written with a capital)."""
    return name.islower() == word.islower()


def _logit(p: float) -> float:
    return math.log(p / (1 - p))
