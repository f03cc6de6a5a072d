"""Record-aware name redaction: every name known from a submission's structured columns."""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence, grouped_alternation
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


def never_alone_keys(standards: Standards, evidence: NameEvidence) -> frozenset[str]:
    """Known-name words that are a name only beside the rest of their name, never on their own: one run's known
    names are used for every note, so a client "Te Rangi" must not take "te" from "te mea nui", nor staff initials
    "AT" take "at" from "Met at marae".

    Family-name particles (Te, Ngā, De, Van), te reo sentence particles and pronouns, weekdays and te reo month
    names (standards/scrub_words.yaml), and the function words that sit next to names (names.yaml
    `sentence_words`, `not_name_words`) unless a name list holds them too ("Will", "May", "Kura" stay names that
    the context judges). A weekday that is also an everyday-word name ("Sun") stays one the context judges."""
    words = standards.scrub_words
    dates = {word_key(w) for w in (*words.weekdays, *words.te_reo_months) if "-" not in w and " " not in w}
    function = evidence.sentence_words | (evidence.not_names - evidence.cues - evidence.groups)
    return frozenset({word_key(w) for w in (*evidence.name_particles, *evidence.reo_particles, *evidence.reo_pronouns)}
                     | {key for key in dates if key not in evidence.everyday}
                     | {key for key in function if not evidence.is_listed_name(key)})


def owner_cues(standards: Standards) -> tuple[str, ...]:
    """The words that introduce a person's own identifier (scrub_words.yaml: the phone and IRD recognizers' context
    words, licence and birth cues, and "NHI"): right after a known name they make it the identifier's owner."""
    words = standards.scrub_words
    return tuple(sorted({w for cues in words.context.values() for w in cues} | set(words.licence_cues) | set(words.birth_cues) | {"nhi"}))


def initials_keys(names: Iterable[str | None]) -> frozenset[str]:
    """The keys of known names that are a person's initials ("AT", "A.T.", "MP", "k.m."): every word of the name
    has one or two letters, written in capitals or with full stops. A two-letter name in ordinary case ("Li",
    "Jo") is a name, not initials."""
    found: set[str] = set()
    for name in names:
        words = re.split(r"[\s\-,]+", (name or "").strip())
        letters = [re.sub(r"[\W\d_]", "", w) for w in words if w]
        if letters and all(0 < len(w) <= 2 for w in letters) and all(
                w.isupper() or "." in raw for w, raw in zip(letters, [w for w in words if w], strict=True)):
            found.update(word_key(w) for w in letters)
            found.add(word_key("".join(letters)))
    return frozenset(found)


def _initials_of_names(name_keys: Sequence[Sequence[str]], evidence: NameEvidence,
                       cue_words: Collection[str] = ()) -> frozenset[str]:
    """The initials a note may write for each known name of two words or more (given name first): its first word's
    letter with each later word's (a hyphenated family name by its first part), and all of them ("Kiri Whetu Te Huia"
    -> "kw", "kt", "kh", "kwth"), without family-name particles; none that is a word of a sentence, an everyday word
    or one the lists say is no name ("am", "is", "ok", `NameEvidence.is_ambiguous`), nor an identifier's cue word
    (`cue_words`: a blind test's "DL# JU263230" was scrubbed as the initials of a Dawn Lee the run knew)."""
    found: set[str] = set()
    for keys in name_keys:
        words = [k.split(" ")[0] for k in keys if k]
        if len(words) < 2 or not all(w[:1].isalpha() for w in words):
            continue
        letters = [w[0] for w in words]
        plain = [w[0] for w in words if w not in evidence.name_particles]   # "Zoe Van der Berg": "Z.V." and "Z.B."
        found.update(letters[0] + later for later in letters[1:])
        found.update(plain[0] + later for later in plain[1:])
        if len(letters) == 3:
            found.add("".join(letters))
    cues = {word_key(w) for w in cue_words}
    return frozenset(i for i in found if i not in evidence.not_names and i not in evidence.cues and i not in cues)


def _name_words(name: str | None) -> list[tuple[str, str]]:
    """A full name's words as written and their keys (as the note's words are looked up: "Fa'amoana" -> "faamoana")."""
    words = (w.strip(".()\"") for w in re.split(r"[\s\-,]+", unicodedata.normalize("NFC", name or "")))
    return [(w, word_key(w)) for w in words if w]


class _Hit:
    """A known name word found in a note (the parts of `re.Match` the context rules read)."""

    __slots__ = ("_end", "_start", "_text", "key")

    def __init__(self, text: str, start: int, end: int):
        self._start, self._end, self._text = start, end, text[start:end]
        self.key = word_key(self._text)

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

    The forms notes write a known name in count too: the person's initials ("C.K.", "CK" for Craig Karaka:
    `_initials_in`), a possessive without its apostrophe ("Malias sister"), two words of one known name side by side
    in lower case ("hine cooper"), a whole known name of three words or more with a particle in it ("huia te moana"), an
    everyday-word name in lower case opening a clause before a verb ("alofa worried"), one right before an identifier's
    cue and the identifier ("Jun cell 021 ...": `owner_cues`), a mention, an owner in brackets, a possessive, a clause's
    end after "for" or "to", whom something was given (`_form_says_person`), and the same person again in a person's
    slot once the note names them (`_in_person_slot`).

    One run's known names serve every note of every provider, so a word that is also a particle, a function
    word, a weekday or month, or a person's initials ("Te", "at", "Rātapu", "AT") is never a name on its own:
    only beside the next word of the same known name ("Te Rangi", "van der Berg") (`never_alone_keys`).
    """

    NEEDS_KNOWN_NAMES = True

    def __init__(self, names: Iterable[str | None], evidence: NameEvidence | None = None, joiners: Sequence[str] | None = None,
                 supported_entity: str = "PERSON", never_alone: Collection[str] | None = None,
                 identifier_cues: Sequence[str] | None = None):
        super().__init__("KnownNamesRecognizer", supported_entity)
        if evidence is None or joiners is None or never_alone is None or identifier_cues is None:
            from deid.standards import load_standards

            standards = load_standards()
            evidence = evidence or NameEvidence.from_standards(standards)
            joiners = standards.scrub_words.name_joiners if joiners is None else joiners
            never_alone = never_alone_keys(standards, evidence) if never_alone is None else never_alone
            identifier_cues = owner_cues(standards) if identifier_cues is None else identifier_cues
        self.evidence = evidence
        # an identifier's cue and the identifier right after a name: the name is its owner ("Tāne DL BH112587",
        # "Jun cell 021 315 8154"; not across a dash: "see you next wiki - ph 027 ...")
        cue_words = grouped_alternation(identifier_cues, ignore_case=True)
        self._owner_after = re.compile(rf"[ \t]+(?i:{cue_words})\.?[ \t:#\-]*(?:(?i:no|number)\.?[ \t:#]*)?(?:[A-Z0-9+(]|[a-z]{1,3}[ \t\-]?\d)"
                                       ) if cue_words else None
        joining = "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True))
        # parts of one name side by side: spaces, a comma, "and", or a hyphen ("Ji-woo")
        self._join = re.compile(rf"\s{{1,2}}|\s*(?:,|{joining})\s*|-" if joining else r"\s{1,2}|\s*,\s*|-")
        names = list(names)
        tokens = name_tokens(names)
        self._never_alone = frozenset(never_alone) | initials_keys(names)
        # the known name words that are a name only beside the next word of their name, and those word pairs
        self._bound = frozenset(key for t in tokens if (key := word_key(t)) in self._never_alone)
        name_keys = [[key for _, key in _name_words(name) if key] for name in names]
        self._key_pairs = frozenset(pair for keys in name_keys for pair in itertools.pairwise(keys))
        self.key_pairs = self._key_pairs   # (for re-casing a note in capitals: `KnownKeys.pairs`)
        self._last_pairs = frozenset((keys[-2], keys[-1]) for keys in name_keys if len(keys) > 1)   # "li na"
        # the first two words of a name that begins with a particle ("Te Aroha" as given names): "te aroha was quiet"
        self._particle_first_pairs = frozenset((keys[0], keys[1]) for keys in name_keys
                                               if len(keys) > 1 and keys[0] in self.evidence.name_particles)
        # the known names of three words or more, whole ("hui te huia", "te ariki te moana")
        self._whole_names = frozenset(tuple(keys) for keys in name_keys if len(keys) > 2)
        tokens_alone = [t for t in tokens if word_key(t) not in self._bound]
        loose = [t for t in tokens_alone if not evidence.is_ambiguous(word_key(t))]
        strict = [t for t in tokens_alone if evidence.is_ambiguous(word_key(t))]
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
        self._initials_of_names = _initials_of_names(name_keys, evidence, identifier_cues)
        self._loose = frozenset(word_key(t) for t in loose)
        self._possessive_keys = frozenset(key + "s" for key in self._loose)   # "malias": a possessive without its apostrophe
        self._strict = frozenset(word_key(t) for t in strict)
        self._any_key = self._loose | self._strict | self._bound   # a word with another key is none of them
        self.word_keys = self._loose | self._strict   # every known name word, as a note's words are keyed
        self.everyday_keys = self._strict             # those that are also everyday words
        # A name written with an apostrophe (Fa'asalele) is found with or without it; any other name only
        # in a word part without one ("Summers" is not in "Summer's").
        self._apostrophe_keys = frozenset(word_key(t) for t in tokens if "'" in t or "’" in t or "ʻ" in t)
        self.token_count = len(tokens)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> KnownNamesRecognizer:
        evidence = NameEvidence.from_standards(standards)
        return cls(known_names, evidence, standards.scrub_words.name_joiners, never_alone=never_alone_keys(standards, evidence),
                   identifier_cues=owner_cues(standards))

    def names_whole(self, phrase: str) -> bool:
        """Every word of a capitalised phrase is part of a known name and two of them stand side by side in
        one ("Aroha Te Rangi"): a person, not a programme."""
        words = [fold(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", phrase)]
        # two or more known names joined by "and" ("Hui and Nikau"): people, not a programme
        listed = [w for w in words if w != "and"]
        if len(listed) > 1 and len(listed) < len(words) and all(w in self.keys for w in listed) and all(
                a != "and" or b != "and" for a, b in itertools.pairwise(words)):
            return True
        return len(words) > 1 and all(w in self.keys for w in words) and any(p in self.pairs for p in itertools.pairwise(words))

    def _starts_clause(self, text: str, m: _Hit) -> bool:
        """A capitalised known name that begins a sentence and is followed by a verb ("Marama set a goal",
        "Kauri is doing well"); a te reo or English word there is followed by a noun ("Kai parcel")."""
        lower = m.group().islower()
        if not (self.evidence.sentence_start(text, m.start()) or (lower and _COMMA_BEFORE.search(text, max(0, m.start() - 3), m.start()))):
            return False
        after = _NEXT_WORD.match(text, m.end())
        if not after:
            return False
        word = after.group(1)
        if lower:
            # "kaha had a good week", "alofa worried", "tūmanako gave koha": in lower case before a subject verb, an
            # irregular past tense or a regular one (not "hui cancelled due to rain": a thing's participle, `done_to_thing`)
            return word != "to" and (word in self.evidence.subject_verbs or word in self.evidence.clause_verbs
                                     or (word.endswith("ed") and len(word) > 4 and not self.evidence.done_to_thing(text, m.start(), m.end())))
        return (word in self.evidence.sentence_words or word in self.evidence.clause_verbs or word in self.evidence.subject_verbs
                or word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss")))

    def _find(self, text: str, scan: NoteScan) -> tuple[list[_Hit], list[_Hit], list[_Hit]]:
        """The words (or their parts before an apostrophe, longest first) that are known name words whose
        spelling is not an everyday word, those whose spelling is, and those never a name alone (`_bound`)."""
        loose: list[_Hit] = []
        strict: list[_Hit] = []
        bound: list[_Hit] = []
        keys, ambiguous = self._loose, self._strict
        if keys.isdisjoint(scan.key_set) and ambiguous.isdisjoint(scan.key_set) and "'" not in text and "’" not in text \
                and self._possessive_keys.isdisjoint(scan.key_set):
            return loose, strict, bound
        starts, ends, texts, word_keys = scan.word_starts, scan.word_ends, scan.word_texts, scan.word_keys
        quoted = "'" in text or "’" in text
        # only the words that can be hits, in order: a known key, or (in a note with an apostrophe) one with an apostrophe
        wanted = self._any_key
        candidates = [i for i, key in enumerate(word_keys) if key in wanted]
        # a possessive written without its apostrophe, before a word in lower case ("Malias sister", "Tipenes development"):
        # only a known name that is no everyday word, and only where the word with its "s" is on no list ("Marks", "Hopes")
        for i, key in enumerate(word_keys) if not self._possessive_keys.isdisjoint(scan.key_set) else ():
            if key[-1:] == "s" and key[:-1] in keys and len(key) > 3 and key not in wanted and not self.evidence.is_ambiguous(key) \
                    and not self.evidence.is_listed_name(key) and "'" not in texts[i] and "’" not in texts[i] \
                    and _LOWER_WORD_AFTER.match(text, ends[i]):
                loose.append(_Hit(text, starts[i], ends[i]))
        if quoted:
            candidates = sorted({*candidates, *(i for i, word in enumerate(texts) if "'" in word or "’" in word)})
        for i in candidates:
            key = word_keys[i]
            if quoted and ("'" in texts[i] or "’" in texts[i]):
                prefixes = Word(starts[i], ends[i], texts[i]).prefixes()
                for found, into in ((keys, loose), (ambiguous, strict), (self._bound, bound)):
                    hit = next((end for end, key, apostrophe in prefixes
                                if key in found and (not apostrophe or key in self._apostrophe_keys)), None)
                    if hit is not None:
                        into.append(_Hit(text, starts[i], hit))
            elif key in keys:
                loose.append(_Hit(text, starts[i], ends[i]))
            elif key in ambiguous:
                strict.append(_Hit(text, starts[i], ends[i]))
            elif key in self._bound:
                bound.append(_Hit(text, starts[i], ends[i]))
        return loose, strict, bound

    def _with_initial(self, text: str, m: _Hit, everyday: bool) -> tuple[int, int] | None:
        """The known name word with an initial of the same person's other name beside it ("Aroha W.",
        "pita p.", "j. choi" for Ji-ho Choi): (start, end) of both, or None. Beside a name word that is
        also an everyday word, only a capital initial counts ("lots of aroha w. the whānau" is "with")."""
        letters = self._initials.get(m.key)   # (the hit's key is `word_key` of its text)
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

    def _initials_in(self, text: str, scan: NoteScan) -> list[RecognizerResult]:
        """A known person's initials standing as a word: with full stops in any case ("M.M.", "c.k.", "R. T."), or two
        or three capitals in a note not written in capitals ("KK", "JK"), those of a given name and a later name
        of one known name ("Craig Karaka" -> "C.K.", "CK"; "Maria Luisa Macaraeg" -> "M.M."). Never before a
        digit (a licence's letters: "AX 933687") nor a word of a sentence or an abbreviation ("AM", "IS", "RN":
        `_initials_of_names`)."""
        # (a cheap test first: a word whose key is such initials, or two letters with full stops)
        if not self._initials_of_names or (self._initials_of_names.isdisjoint(scan.key_set) and not _DOTTED_HINT.search(text)):
            return []
        found = []
        for m in _INITIALS.finditer(text):
            dotted = m.group("dotted")
            letters = (dotted or m.group("capitals") or "").replace(".", "").replace(" ", "").replace("\t", "").lower()
            # (without full stops, never a word or an abbreviation: "AM", "IS", "GR")
            if letters in self._initials_of_names and not _DIGIT_AFTER.match(text, m.end()) \
                    and (dotted or not self.evidence.is_ambiguous(letters)):
                found.append(self.span(m.start(), m.end(), 0.85, "a known person's initials"))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        scan = NoteScan.of(text, nlp_artifacts)
        loose, strict, bound = self._find(text, scan)
        results = self._in_context(text, loose, strict, bound)
        if self._initials_of_names:
            results += self._initials_in(text, scan)
        # a found name word, or an everyday-word one, with the person's initial beside it: both are the name
        found = {(r.start, r.end) for r in results}
        for m, everyday in itertools.chain(((m, False) for m in loose), ((m, True) for m in strict)):
            both = self._with_initial(text, m, everyday)
            if both and both not in found:
                results.append(self.span(both[0], both[1], 0.9, "known name with the person's initial"))
                found.add(both)
        return results

    def _in_context(self, text: str, loose: list[_Hit], strict: list[_Hit], bound: Sequence[_Hit] = ()) -> list[RecognizerResult]:
        """Spans for the known name words found: every plain one, the everyday-word ones the context takes, and
        the never-alone ones beside the next word of their own name."""
        # a known name in lower case right after "the" is the everyday word its spelling is, even one no list holds
        # ("at the river", "on the kiri"); not after other determiners: "that moka moved out", "he wahine pakari a sefo"
        # in lower case inside a te reo clause ("e tiaki ana i ōna tamariki"), a word of the clause
        loose = [m for m in loose if not self._in_reo_phrase(text, m)]
        strict = [m for m in strict if not self._in_reo_phrase(text, m)]
        results = [self.span(m.start(), m.end(), 0.95, "known name") for m in loose if not _after_the(text, m)]
        if not strict:
            return self._with_bound(text, results, loose, bound)
        pending = []
        for m in strict:
            # in lower case after an article or determiner, a word ("the hui explained", "her mana")
            if (not (m.group().islower() and self.evidence.determiner_before.search(text, max(0, m.start() - 8), m.start()))
                    and self.evidence.person_context(text, m.start(), m.end())):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (context says a person)"))
            elif (m.group().lstrip("ʻ‘")[:1].isupper() or m.group().islower()) and self._starts_clause(text, m):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (subject of a verb)"))
            elif self._owner_after is not None and self._owner_after.match(text, m.end()):
                results.append(self.span(m.start(), m.end(), 0.9, "known name (an identifier of theirs after it)"))
            elif (why := self._form_says_person(text, m)) is not None:
                results.append(self.span(m.start(), m.end(), 0.9, why))
            else:
                pending.append(m)
        # Everyday-word name parts side by side, none in lower case, are a name ("Aroha TE RANGI"); a never-alone
        # word counts only beside the next word of its own name, and two never-alone words are not a name.
        never = {id(m) for m in bound}
        for a, b in itertools.pairwise(sorted([*pending, *bound], key=_Hit.start)):
            # (in lower case too where they stand in the order of one known name: "hine cooper" for Hine Cooper; not with a
            # particle, "te rangi was clear")
            if (self._join.fullmatch(text, a.end(), b.start()) and text[a.end():b.start()].isspace()
                    and ((not a.group().islower() and not b.group().islower())
                         or ((a.key, b.key) in self._key_pairs and not self._particle(a) and not self._particle(b))
                         # a name that begins with its particle, written whole in lower case as the subject of a clause
                         # ("te aroha was quiet today" for Te Aroha Ngatai; not "te rangi was clear" for Rangi Te Rangi)
                         or ((a.key, b.key) in self._particle_first_pairs and self._starts_clause(text, _Hit(text, a.start(), b.end()))))
                    and self._may_be_one_name(a, b, never)):
                for m in (a, b):
                    if not any(r.start == m.start() for r in results):
                        results.append(self.span(m.start(), m.end(), 0.9, "known name (parts side by side)"))
        pending = [m for m in pending if not any(r.start == m.start() for r in results)]
        # An everyday-word name is still a name next to another known name ("tama horomona", "Mihi and Hemi"), and a
        # never-alone word beside the rest of its name ("hui te huia and te moana"): each in turn until neither adds one.
        while True:
            count = len(results)
            self._next_to_names(text, results, pending)
            results = self._with_bound(text, results, [*loose, *strict], bound)
            if len(results) == count:
                break
        # A known name the note names a person by elsewhere is that person again where it stands in a person's slot:
        # after "for", "with", "to", "from", "and" or a comma, or at a clause's start, with a clause's end, a subject verb
        # or a past tense after it ("routines for alofa and bedtime", "tuaine worried alofa not talking ... for alofa,")
        if pending and results:
            keys = {m.key for m in pending}
            named = {key for r in results for w in _NAME_WORD.findall(text, r.start, r.end) if (key := word_key(w)) in keys}
            if named:
                results += [self.span(m.start(), m.end(), 0.9, "known name (a person elsewhere in the note, in a person's slot)")
                            for m in pending if m.key in named and not any(r.start <= m.start() < r.end for r in results)
                            and self._in_person_slot(text, m)]
        return results

    def _in_person_slot(self, text: str, m: _Hit) -> bool:
        """The hit stands where a person stands (see the end of `_in_context`): not inside a hyphenated word ("mana-enhancing"),
        after a determiner ("her mana") or after a family-name particle in lower case ("te rangi"); after a person's
        preposition, "and", a comma or at a clause's start; before a clause's end, "and", a subject verb, an irregular past
        tense or a regular one."""
        start, end = m.start(), m.end()
        ev = self.evidence
        if (start and text[start - 1] in "-‐") or _HYPHEN_AFTER.match(text, end):
            return False
        if m.group().islower():
            if ev.determiner_before.search(text, max(0, start - 8), start):
                return False
            before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
            if before is not None and fold(before.group("last")) in ev.name_particles:
                return False
        if not (_SLOT_BEFORE.search(text, max(0, start - 12), start) or ev.sentence_start(text, start)):
            return False
        if _CLAUSE_END_AFTER.match(text, end):
            return True
        after = _NEXT_WORD.match(text, end)
        word = after.group(1) if after else ""
        return ev.does_something(word)

    def _form_says_person(self, text: str, m: _Hit) -> str | None:
        """Why the form a known everyday-word name is written in says a person, or None: after "@" (a mention: "@awhina to
        attend"); alone in brackets right after a number (an account's or phone's owner: "acc 02-0500-0118419-22 (Lily)");
        with a possessive "'s" after it and no article or determiner before it (but a preposition: "proud of alofa's school
        report"); in lower case after "for" or "to" at a clause's end ("dentist for hope.", "for alofa, will enrol",
        "routines for jade and bedtime"; not "with": "handled it with grace."); right after te reo's possessive "o" behind
        a te reo word ("te wairua o ngaio"); or between a past tense and an article, whom something was given ("gave hope
        the ACC number", "brought mana a bike helmet")."""
        start, end = m.start(), m.end()
        if start and text[start - 1] in "@＠" and (start < 2 or not text[start - 2].isalnum()):
            return "known name (a mention)"
        if "(" in text[max(0, start - 3):start] and _OWNER_BRACKET_BEFORE.search(text, max(0, start - 12), start) \
                and _BRACKET_CLOSE.match(text, end):
            return "known name (in brackets after an identifier)"
        if _POSSESSIVE.match(text, end):
            determiner = self.evidence.determiner_before.search(text, max(0, start - 8), start)
            if determiner is None or self.evidence.place_before.search(text, max(0, start - 8), start):
                return "known name (a possessive)"
        if m.group().islower() and _PREPOSITION_BEFORE.search(text, max(0, start - 8), start) and _CLAUSE_END_AFTER.match(text, end):
            return "known name (after a preposition, at a clause's end)"
        if start > 2 and text[start - 2].lower() in _REO_POSSESSIVES and not text[start - 3].isalnum() \
                and (before := _WORDS_BEFORE.search(text, max(0, start - 40), start)) is not None and before.group("first") is not None \
                and before.group("last").lower() in _REO_POSSESSIVES and fold(before.group("first")) in self.evidence.te_reo:
            # "te wairua o ngaio", "te kāinga o Kiri": in te reo a common noun after "o" takes an article ("o te whare"); a
            # word right after it is a proper noun, here the record's person
            return "known name (after te reo possessive o)"
        if _ARTICLE_AFTER.match(text, end) and (before := _WORD_BEFORE.search(text, max(0, start - 24), start)) is not None:
            verb = before.group(1).lower()
            if verb in self.evidence.clause_verbs or (verb.endswith("ed") and len(verb) > 4):
                return "known name (whom something was given: a past tense, the name, an article)"
        return None

    def _particle(self, m: _Hit) -> bool:
        """A family-name or te reo sentence particle ("te", "van", "ko")."""
        return m.key in self.evidence.name_particles or self.evidence.reo_particle(m.group())

    def _may_be_one_name(self, a: _Hit, b: _Hit, never: set[int]) -> bool:
        """Two known name words side by side may be one name: two everyday-word ones always, a never-alone one only
        before or after the next word of its own name, two never-alone ones never ("Van Der")."""
        alone = (id(a) in never) + (id(b) in never)
        return alone == 0 or (alone == 1 and (a.key, b.key) in self._key_pairs)

    def _next_to_names(self, text: str, results: list[RecognizerResult], pending: list[_Hit]) -> None:
        """Adds to `results` (and takes from `pending`) each everyday-word known name joined to a found name by a
        space, a comma, "and" or a hyphen, word after word; one in lower case not by a space alone to a name in capitals
        ("WILL FITZGERALD will bring")."""
        ends = {r.end for r in results}
        starts = {r.start for r in results}
        changed = True
        while pending and changed:
            changed = False
            for m in list(pending):
                lower = m.group().islower()
                if any(e in ends and self._join.fullmatch(text, e, m.start()) and not (lower and _shouted_before(text, e, m.start()))
                       for e in range(max(0, m.start() - 5), m.start())) or any(
                        s in starts and self._join.fullmatch(text, m.end(), s) and not (lower and _shouted_after(text, m.end(), s))
                        for s in range(m.end() + 1, m.end() + 6)):
                    results.append(self.span(m.start(), m.end(), 0.9, "known name (next to another name)"))
                    ends.add(m.end())
                    starts.add(m.start())
                    pending.remove(m)
                    changed = True

    def _in_reo_phrase(self, text: str, m: _Hit) -> bool:
        """A known name word in lower case inside a te reo clause: after a particle and an everyday te reo word, and
        before a particle or another everyday te reo word, all in lower case ("e tiaki ana i ōna tamariki" for a client
        Ana), with no person cue before it (te_reo.yaml `particles`, `words`). A word right after a particle alone
        may be a name ("te whare o tupou", "kia kaha akanisi")."""
        if not m.group().islower():
            return False
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 40), m.start())
        after = _WORD_AFTER.match(text, m.end())
        if before is None or after is None or before.group("first") is None:
            return False
        first, last, following = before.group("first"), before.group("last"), after.group(1)
        reo = self.evidence
        return (first.islower() and last.islower() and following.islower() and reo.reo_particle(first)
                and fold(last) in reo.te_reo and (reo.reo_particle(following) or fold(following) in reo.te_reo)
                and reo.cue_before(text, m.start()) is None)

    def _with_bound(self, text: str, results: list[RecognizerResult], hits: Sequence[_Hit], bound: Sequence[_Hit]) -> list[RecognizerResult]:
        """`results` with each never-alone known name word taken where it stands inside a run of known name words
        that follow one known name word by word (a space or a hyphen between), with a name word found in it or a
        person cue before it ("Mrs te rangi"): one span for the run ("Te Rangi", "Ana van der Berg"; not "te mea
        nui", "Hemi at", nor "Hemi te" before a word of no name)."""
        if not bound:
            return results
        found = {r.start for r in results}
        words = sorted({m.start(): m for m in (*hits, *bound)}.values(), key=_Hit.start)
        never = {id(m) for m in bound}
        runs: list[list[_Hit]] = []
        for m in words:
            last = runs[-1][-1] if runs else None
            if last is not None and _BESIDE.fullmatch(text, last.end(), m.start()) and (last.key, m.key) in self._key_pairs:
                runs[-1].append(m)
            else:
                runs.append([m])
        for run in runs:
            # a family-name particle does not end a name ("Hemi te mea" for Hemi Te Rangi), unless it ends a known
            # name or a hyphen joins it ("Soo-ah"); another never-alone word may ("Li Na" for Li Na Zhu)
            while (len(run) > 1 and run[-1].key in self.evidence.name_particles and (run[-2].key, run[-1].key) not in self._last_pairs
                   and text[run[-2].end():run[-1].start()] != "-"):
                run.pop()
            if (len(run) > 1 and any(id(m) in never for m in run) and not all(id(m) in never for m in run)
                    and (any(m.start() in found and id(m) not in never for m in run)
                         or (id(run[0]) in never and self.evidence.person_context(text, run[0].start(), run[-1].end()))
                         or tuple(m.key for m in run) in self._whole_names)
                    and not any(r.start <= run[0].start() and run[-1].end() <= r.end for r in results)):
                results.append(self.span(run[0].start(), run[-1].end(), 0.9, "known name (its words side by side)"))
        return results


_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")
# the words before and after a known name that say where it stands (`KnownNamesRecognizer._form_says_person`, `_in_person_slot`)
_OWNER_BRACKET_BEFORE = re.compile(r"\d[ \t]*\([ \t]*$")        # "acc 02-0500-0118419-22 (Lily)"
_BRACKET_CLOSE = re.compile(r"[ \t]*\)")
_POSSESSIVE = re.compile(r"['’]s\b")
_HYPHEN_AFTER = re.compile(r"[-‐][^\W\d_]")
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:for|to)[ \t]+$")
_ARTICLE_AFTER = re.compile(r"(?i)[ \t]+(?:a|an|the)\b")          # "gave hope the ACC number", "brought mana a helmet"
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)[ \t]+$")
_REO_POSSESSIVES = ("o", "ō")   # te reo's possessive particle before a noun phrase (Te Aka Māori Dictionary, "o")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’ʻ]*")
_SLOT_BEFORE = re.compile(r"(?i)(?:\b(?:for|with|to|from|and|w/)|[,&+])[ \t]+$")
_CLAUSE_END_AFTER = re.compile(r"[ \t]*(?:[,.;:)!?]|$| - | and\b)")
_COMMA_BEFORE = re.compile(r",[ \t]+$")
_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-zāēīōū]")
# Initials as a word: single letters each with a full stop ("M.M.", "k. s."), or two or three capitals alone ("KK")
_INITIALS = re.compile(r"(?<![\w.'’@/])(?:(?P<dotted>[^\W\d_]\.[ \t]?[^\W\d_]\.(?:[ \t]?[^\W\d_]\.)?)(?![\w])"
                       r"|(?P<capitals>[A-Z]{2,3})(?![\w'’@.]))")
_DOTTED_HINT = re.compile(r"[^\W\d_]\.[ \t]?[^\W\d_]\.")
_DIGIT_AFTER = re.compile(r"[ \t\-]*\d")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?![\w'’])")   # the word after a hit
_WORDS_BEFORE = re.compile(r"(?:(?<![\w'’])(?P<first>[^\W\d_]+)[ \t]+)?(?<![\w'’])(?P<last>[^\W\d_]+)[ \t]+$")  # the two words before a hit
_BESIDE = re.compile(r"[ \t]{1,2}|-")   # between two words of one name


def _shouted_before(text: str, end: int, start: int) -> bool:
    """Only spaces between a word in capitals ending at `end` and a word at `start`: a name in capitals does not take a
    word in lower case after it ("WILL FITZGERALD will bring payslips")."""
    word = _CAPITALS_BEFORE.search(text, max(0, end - 30), end)
    return word is not None and text[end:start].isspace()


def _shouted_after(text: str, end: int, start: int) -> bool:
    """`_shouted_before` the other way: a word in lower case before a name in capitals ("will FITZGERALD")."""
    return text[end:start].isspace() and _CAPITALS_AFTER.match(text, start) is not None


_CAPITALS_BEFORE = re.compile(r"(?<![\w'’])[^\W\d_a-zāēīōū]{2,}$")
_CAPITALS_AFTER = re.compile(r"[^\W\d_a-zāēīōū]{2,}(?![\w'’])")


def _after_the(text: str, m: _Hit) -> bool:
    """The hit is in lower case, right after "the"."""
    return m.group().islower() and _THE_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None
