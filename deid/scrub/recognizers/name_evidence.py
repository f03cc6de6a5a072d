"""Shared evidence for deciding whether a word in a note is a person's name (issue 15).

One object, built once per scrubber from `standards/names.yaml`, `standards/name_lexicon.yaml`,
`standards/te_reo.yaml`, `standards/pasifika.yaml` and the geography table, answers: is this word on a
name list, is it an everyday te reo, Pasifika or English word, does its context (a title, kinship or role word, a verb of
speaking or visiting before it, a verb such as "said" after it, a capital mid-sentence, a
possessive) say a person is meant, and is a capitalised phrase the name of a programme,
service or organisation rather than of a person. Where a note (or a line or sentence of it) is written all
in capitals, a capital is no evidence: `recase_capitals` gives the name steps a copy re-cased from the lists,
and a word after a lone apostrophe ("'Ofa") is read as after an ʻokina unless a quotation closes after it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from deid.standards import Standards, fold

# Every upper- and lower-case Latin letter (Māori macrons, Vietnamese, Polish ...), for regex classes.
_LATIN = [chr(c) for c in (*range(0x41, 0x250), *range(0x1E00, 0x1F00))]
UPPER_LETTERS = "".join(ch for ch in _LATIN if ch.isupper())
# The ʻokina (U+02BB) is a letter of Māori, Samoan, Tongan and Hawaiian words and names ("Moʻunga", "Taʻala"): inside a
# word it is read as a lower-case letter, so a name is not cut at it (a leading one is handled by `okina_name`).
OKINA = "\u02bb"
LOWER_LETTERS = "".join(ch for ch in _LATIN if ch.islower()) + OKINA
UPPER, LOWER = re.escape(UPPER_LETTERS), re.escape(LOWER_LETTERS)
_UPPER, _LOWER = UPPER, LOWER
WORD = re.compile(rf"[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’\-]*")
_CAP_WORD = rf"[{_UPPER}][{_UPPER}{_LOWER}'’\-]*"


_QUOTE_STOP = re.compile(r"[.!?;\n]")
_QUOTE_CLOSE = re.compile(r"(?<=[^\W\d_])['’](?![^\W\d_])")
_POLYNESIAN_WORD = re.compile(r"(?:(?:ng|wh|[fghklmnprstvw]|['‘’])?[aeiou]){2,}")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|[.&]")
_DIGIT_NEAR = re.compile(r"\d\s*$|\s*\d")
_NEXT_CAPITAL = re.compile(rf"\s+({_CAP_WORD})")
_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)\b")
# A past participle, then nothing it acts on: the end of a clause, the agent's "by", "due (to)" or an adverb
# ("afterwards", "quickly"): the word before the participle is what was done to ("Kai shared afterwards").
_PARTICIPLE_THEN = re.compile(r"[ \t]+([a-z]+ed)\b[ \t]*(?:$|(?=[^\w \t])|(?:by|due|[a-z]+wards?|[a-z]+ly)\b)")
# A romanised Korean syllable (Revised Romanization of Korean, National Institute of Korean Language, 2000: initial,
# vowel, final), with the older spellings of vowels that given names keep (oo, ee, woo, you, ah).
_KOREAN_SYLLABLE = re.compile(r"(?:kk|tt|pp|ss|jj|ch|[gndrlmbsjkpth])?"
                              r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|woo|you|ah|[aeoui])(?:ng|[kntlmp])?")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def grouped_alternation(words: Iterable[str], ignore_case: bool, escape: Callable[[str], str] | None = None) -> str:
    """`_alternation` (or, with `escape`, the words each so escaped, longest first) with its words grouped by first
    character, each group behind a look-ahead for that character and its words in the same order: the same matches, but
    the regex engine tries only the group of the character in the text (Python's engine tries an alternation of a few
    hundred words one by one, and where case is ignored it cannot pass over a word by its first letter). Every word
    that can match at a position is in that one group, in the same order, so the alternative taken is the same.
    `ignore_case`: whether the alternation stands where case is ignored (letters then grouped by lower case). A word
    starting with a space: the plain alternation."""
    escape = escape or _escaped
    ordered = sorted(set(words), key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for word in ordered:
        first = word[:1]
        key = first.lower() if ignore_case else first
        if not first or first.isspace() or len(key) != 1:
            return "|".join(map(escape, ordered))
        groups.setdefault(key, []).append(word)
    return "|".join(f"(?={re.escape(group[0][0])})(?:{'|'.join(map(escape, group))})" for group in groups.values())


def _escaped(word: str) -> str:
    """A word for a regex, any whitespace between its parts."""
    return re.escape(word).replace(r"\ ", r"\s+")


@dataclass(frozen=True)
class NameEvidence:
    given: frozenset[str]
    family: frozenset[str]
    everyday: frozenset[str]          # lexicon names that are everyday English words
    maori_names: frozenset[str]
    te_reo: frozenset[str]            # everyday te reo Māori and Pasifika words (te_reo.yaml, pasifika.yaml)
    cues: frozenset[str]              # titles, kinship and role words
    titles: frozenset[str]
    groups: frozenset[str]
    verbs: frozenset[str]             # person verbs before a name
    not_names: frozenset[str]
    sentence_words: frozenset[str]
    clause_verbs: frozenset[str]      # irregular past tenses after a name that begins a sentence
    bracket_words: tuple[str, ...]    # in brackets after a word, these say it is a person (with cues and birth cues)
    determiner_before: re.Pattern[str]  # an article or determiner right before a word
    place_before: re.Pattern[str]       # a preposition of place right before a word
    subject_verbs: frozenset[str]       # after a word that starts a sentence, these make it the subject
    organisation_words: frozenset[str]
    phrase_particles: frozenset[str]
    name_particles: frozenset[str]    # words that begin a family name (Te, De, Van)
    places: frozenset[str]
    cue_alternation: str              # titles, kinship and role words and person verbs, as a regex
    cue_words: tuple[str, ...]        # the same, as written
    cue_keys: frozenset[str]          # the same, folded
    cue_length: int                   # most words in one cue
    cue_last_words: frozenset[str]    # the last word of each cue, folded
    before: re.Pattern[str]           # a cue or person verb right before a word
    after: re.Pattern[str]            # a person verb or possessive right after a word
    birth_after: re.Pattern[str]      # a date of birth right after a word
    phrase: re.Pattern[str]           # capitalised phrases
    # Names of peoples (Māori, Pākehā, Samoan, Chinese): written with a capital by convention, so a capital says nothing
    conventional_capitals: frozenset[str] = frozenset()
    reo_pronouns: frozenset[str] = frozenset()   # te reo personal pronouns (te_reo.yaml `pronouns`): never a name after a cue
    reo_particles: frozenset[str] = frozenset()  # te reo sentence particles as written, in lower case (te_reo.yaml `particles`)
    date_after: re.Pattern[str] | None = None   # a date alone in brackets right after a word: a date of birth
    english: frozenset[str] = frozenset()   # everyday English words on no name list (name_lexicon.yaml `english_words`)

    @classmethod
    def from_standards(cls, standards: Standards) -> NameEvidence:
        """Built once per loaded standards (keyed by identity: hashing them would cost more than building)."""
        cached = _CACHE.get(id(standards))
        if cached is None or cached[0] is not standards:
            cached = _CACHE[id(standards)] = (standards, _evidence(standards))
        return cached[1]

    def reo_particle(self, written: str) -> bool:
        """A te reo sentence particle as written ("Ko", "Kua", "mō"; a macron counts: "Mo" is no "mō"); a capital
        vowel alone is an initial, not the particle."""
        return written.lower() in self.reo_particles and (len(written) > 1 or written.islower())

    def is_listed_name(self, key: str) -> bool:
        """On a name list: the lexicon (everyday-word names too) or the Māori proper nouns."""
        return key in self.given or key in self.family or key in self.everyday or key in self.maori_names

    def lower_case_name(self, key: str, cue: str | None) -> bool:
        """A word written in lower case is a name after a cue when it is on a name list; after a verb
        of speaking or visiting ("spoke with aroha") an everyday te reo word counts too, unless it
        names a group or a role (whānau, kaumātua)."""
        if key in self.sentence_words or key in self.not_names or key in self.reo_pronouns:
            return False
        if key in self.te_reo:
            return cue in ("verb", "title")
        if key in self.given or key in self.family or key in self.maori_names or self.polynesian_shape(key) or self.korean_shape(key):
            return True   # on a name list, or of Polynesian syllables and no everyday te reo word ("koroua ioane")
        # After a title or kinship word ("Nan hope", "Koro frank", "partner bill") an everyday-word name is taken too;
        # after a verb of speaking or visiting, a word on no list at all ("rang sefo").
        return (cue is not None and cue != "cue" and key in self.everyday and len(key) > 2) or (cue == "verb" and len(key) > 2 and key.isalpha())

    def polynesian_shape(self, key: str) -> bool:
        """A word of four letters or more built only of Polynesian syllables (consonant-vowel, with ng, wh
        and the glottal stop) and on no list: Māori, Samoan, Tongan and Cook Islands names that no outside
        name list holds (Sione, Matiu, Fetu); never an everyday te reo word, a place, a cue, a group or an everyday
        English word on no name list ("safe", "late": a blind test's capitals note lost them)."""
        if " " in key:   # a glottal stop written as an apostrophe folds to a space ("Fa'amausili" -> "fa amausili")
            shape, key = key.replace(" ", "'"), key.replace(" ", "")
        else:
            shape = key
        return bool(len(key) > 3 and _POLYNESIAN_WORD.fullmatch(shape) and not self.is_ambiguous(key)
                    and key not in self.places and key not in self.cues and key not in self.organisation_words
                    and key not in self.phrase_particles and key not in self.groups and key not in self.english)

    def family_name_like(self, word: str) -> str | None:
        """Whether a capitalised word can only be a person's family name here: 'listed' (on the outside given or family
        name lists), 'shaped' (a Māori proper noun or of Polynesian syllables, as many programme words are too) or None
        (an everyday te reo or English word, a cue, verb, place or organisation word, or on no list). A name joined by a
        hyphen is judged by its parts ("Fa'amausili-Toleafoa", "Stewart-Kerr"; a short part after a hyphen is taken)."""
        if not word[:1].isupper() or (word.isupper() and len(word) > 1):
            return None
        kinds = [self._family_part(fold(p)) if i == 0 or len(p) > 3 else "listed"
                 for i, p in enumerate(p for p in word.split("-") if p)]
        if not kinds or None in kinds:
            return None
        return "listed" if "listed" in kinds else "shaped"

    def _family_part(self, key: str) -> str | None:
        """`family_name_like` for one folded part of a name."""
        if len(key) < 2 or self.is_ambiguous(key) or self.never_a_name(key) or key in self.cues or key in self.verbs \
                or key in self.groups or key in self.phrase_particles or key in self.clause_verbs or key in self.subject_verbs:
            return None
        if key in self.given or key in self.family:
            return "listed"
        return "shaped" if key in self.maori_names or self.polynesian_shape(key) else None

    def korean_shape(self, key: str) -> bool:
        """Two romanised Korean syllables joined by a hyphen ("min-jun", "seo-yeon", "hyun-woo"): a Korean given name,
        which no outside name list holds whole. The syllables are those of the Revised Romanization of Korean (2000) with
        the older spellings names keep (soo, hee, woo, young); never a pair of the same syllable ("so-so") nor a word of
        a sentence each ("to-do")."""
        parts = key.replace("-", " ").split(" ")   # (a folded key has a space for the hyphen)
        return (len(parts) == 2 and parts[0] != parts[1] and all(_KOREAN_SYLLABLE.fullmatch(p) for p in parts)
                and not all(p in self.sentence_words or p in self.not_names or p in self.te_reo for p in parts))

    @staticmethod
    def quoted(text: str, start: int) -> bool:
        """The word at `start` opens a quotation ("said 'Kia ora' to"): an apostrophe that follows no letter stands
        before it and another closes it later in the sentence (after a letter, before no letter). An apostrophe
        before a word with no closing one is read as an ʻokina ("'Ofa", "'Aisea")."""
        if not start or text[start - 1] not in "'’‘" or (start > 1 and text[start - 2].isalnum()):
            return False
        stop = _QUOTE_STOP.search(text, start)
        end = stop.start() if stop else len(text)
        return _QUOTE_CLOSE.search(text, start, min(end, start + 60)) is not None

    def okina_name(self, text: str, start: int, end: int) -> bool:
        """A capitalised word of Polynesian syllables right after an ʻokina written as an apostrophe ("'Ofa",
        "'Aisea"), not a quotation: a Tongan or Samoan name, even where the word alone is an everyday one
        ('ofa, love)."""
        word = text[start:end]
        return (word[:1].isupper() and not self.quoted(text, start) and start > 0 and text[start - 1] in "'’‘"
                and (start < 2 or not text[start - 2].isalnum()) and bool(_POLYNESIAN_WORD.fullmatch(fold(word)))
                and not self.never_a_name(fold(word)))

    def never_a_name(self, key: str) -> bool:
        """A word that never names a person whatever stands around it: a cue, a group, a word on the not-a-name
        list, a place or an organisation word."""
        return key in self.not_names or key in self.places or key in self.organisation_words

    def is_ambiguous(self, key: str) -> bool:
        """An everyday te reo or English word, or a word that sits next to names without being one."""
        return key in self.te_reo or key in self.everyday or key in self.not_names or key in self.sentence_words

    def capital_by_convention(self, key: str) -> bool:
        """A word English writes with a capital wherever it stands, the name of a people (Māori, Pākehā, Samoan,
        Chinese): its capital is no evidence of a person; only a title, kinship word or person verb before it is
        ("te reo Māori", "Māori Wardens", "her Chinese neighbour" are the words)."""
        return key in self.conventional_capitals

    def cue_before(self, text: str, start: int) -> str | None:
        """'verb', 'title', 'cue' (kinship or role word) or None: what stands right before the word at `start`."""
        window = text[max(0, start - 40):start]
        if not window or not window[-1].isspace():
            return None
        tokens = _TOKEN.findall(window)
        if tokens and tokens[-1].lower() in ("and", "&"):
            tokens.pop()
        dot = bool(tokens) and tokens[-1] == "."
        if dot:
            tokens.pop()
        last = fold(tokens[-1]).split() if tokens else []
        if not last or last[-1] not in self.cue_last_words:
            return None  # no cue ends with the word before
        for n in range(min(self.cue_length, len(tokens)), 0, -1):
            words = tokens[-n:]
            if "." in words or "&" in words:
                continue
            key = fold(" ".join(words))
            if key in self.cue_keys:
                kind = self.cue_kind(key)
                # "... Oranga Tamariki. Te Ara Hou": a full stop ends the sentence; only "Mr." goes on
                return None if dot and kind != "title" else kind
        return None

    def cue_kind(self, cue: str) -> str:
        key = fold(cue)
        return "verb" if key in self.verbs else "title" if key in self.titles else "cue"

    def verb_after(self, text: str, end: int) -> bool:
        """A person verb, a possessive or a date of birth right after the word ending at `end` (a date alone in brackets
        looked for only where a bracket opens there)."""
        return bool(self.after.match(text, end) or self.birth_after.match(text, end)
                    or (self.date_after is not None and "(" in text[end:end + 3] and self.date_after.match(text, end)))

    def does_something(self, word: str) -> bool:
        """A word after a name that says the name did something: a subject verb, a clause verb or a past tense ("rang",
        "was", "turned")."""
        return word in self.subject_verbs or word in self.clause_verbs or (word.endswith("ed") and len(word) > 4)

    def sentence_start(self, text: str, start: int) -> bool:
        before = text[max(0, start - 3):start].rstrip(" \t\"'(")
        return not before or before[-1] in ".!?:;\n-•*"

    def done_to_thing(self, text: str, start: int, end: int) -> bool:
        """An everyday te reo or Pasifika word starting a sentence, then a past participle that is not a person verb,
        then nothing it acts on: the end of a clause, "by", "due" or an adverb ("Kai shared afterwards.", "Hui cancelled
        due to rain", "Koha declined by whānau"). The word is what was shared or cancelled, as likely as a person who
        shared: its everyday sense stands. (A person verb such as "phoned" or "visited" takes a person either way; an
        English word that is also a name keeps the name's reading: "Hope attended.")"""
        if not self.sentence_start(text, start) or fold(text[start:end]) not in self.te_reo:
            return False
        m = _PARTICIPLE_THEN.match(text, end)
        return m is not None and m.group(1) not in self.verbs

    def subject_of_clause(self, text: str, start: int, end: int) -> bool:
        """The word starts a sentence and a verb follows it ("Mark is keen", "Moana finished module 8", "Summer took"), not a
        noun ("Summer holidays", "Kai parcel"). Taken only for a word the note names a person by elsewhere."""
        if not self.sentence_start(text, start):
            return False
        after = _NEXT_LOWER.match(text, end)
        if after is None:
            return False
        word = after.group(1)
        # (not "to": "Hope to get the whare sorted" reads as the word too)
        return word != "to" and self.does_something(word)

    def person_context(self, text: str, start: int, end: int) -> bool:
        """Context says a person is meant: a cue or verb before, a verb or possessive after (not one a thing's
        participle stands in: `done_to_thing`), or a capital mid-sentence; for the name of a people (`capital_by_convention`)
        only a cue or verb before."""
        if self.cue_before(text, start):
            return True
        word = text[start:end].lstrip("ʻ‘")   # the capital after an ʻokina ("ʻOfa")
        if self.conventional_capitals and self.capital_by_convention(fold(word)):
            return False   # "te reo Māori", "Māori said": the name of a people, capitalised by convention
        if self.verb_after(text, end):
            return not self.done_to_thing(text, start, end)
        if not word[:1].isupper() or word.isupper() or self.sentence_start(text, start):
            return False
        # A capital mid-sentence alone: not in a date ("8 May 2026") nor before a capitalised word that
        # is on no name list and of no name's shape ("Mana Kidz", "Tui Ora": a name of a thing).
        if _DIGIT_NEAR.search(text, max(0, start - 4), start) or _DIGIT_NEAR.match(text, end):
            return False
        following = _NEXT_CAPITAL.match(text, end)
        if not following:
            return True
        # ... or before a name of Polynesian syllables that is no everyday word, place or thing's word ("Vilisi Matagi")
        key = fold(following.group(1))
        return self.is_listed_name(key) or self.polynesian_shape(key)

    def thing_phrases(self, text: str, within: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """Capitalised phrases that name a programme, service, organisation or place: every word an
        everyday te reo word ("Te Ara Hou", "Kia Māia"), or ending in an organisation word
        ("Aroha Whānau Trust", "Tui Ora"). Leading titles ("Whaea") are not part of a phrase.

        With `within` (start, end pairs), only phrases that overlap one of them are looked at (the others
        are left out: the caller only asks which of those spans a phrase takes back)."""
        spans = []
        cues, verbs, te_reo, groups = self.cues, self.verbs, self.te_reo, self.groups
        for at, found in self._phrase_parts(text, within):
            keys = [fold(w) for w in found.split()]  # the phrase's words: capitalised words and particles
            if keys[-1] not in te_reo and self.organisation_words.isdisjoint(keys[1:]):
                continue  # neither every word te reo (the last is on no list) nor an organisation word after the first
            words = [(w.group(), fold(w.group()), w.start(), w.end()) for w in WORD.finditer(found)]
            if not words or ((words[0][1] in cues or words[0][1] in verbs)
                             and (len(words) > 2 or self.organisation_words.isdisjoint(keys[1:]))):
                continue  # "Whaea Te Ariki", "Kaimahi Tui", "Texted Ora": a cue or person verb starts the phrase
                # (but "Rangatahi Hub", a cue word and an organisation word alone, is a thing)
            while words and words[0][1] not in te_reo and words[0][1] not in groups and (
                    words[0][1] in self.not_names or words[0][1] in self.sentence_words):
                words.pop(0)  # "Attended Te Ara Hou"
            # "Moana Family Services for Sharon Fitzgerald": a joining word after an organisation word ends the thing
            joins = [i for i, (word, _, _, _) in enumerate(words)
                     if i > 0 and word in ("for", "and") and words[i - 1][1] in self.organisation_words]
            if joins:
                words = words[:joins[0]]
            # "ki a Ioane o Inland Revenue", "thanks to Aroha of Te Whatu Ora": after a person cue, the words before "o" or
            # "of" are the person, and the thing is what follows
            ofs = [i for i, (_, key, _, _) in enumerate(words) if key in ("o", "of") and i > 0]
            person = words[:ofs[0]] if ofs and ofs[0] <= 4 else []
            if person and all(word[:1].isupper() and key not in self.organisation_words
                              and (key not in self.phrase_particles or key in self.name_particles) for word, key, _, _ in person) \
                    and not all(key in te_reo or key in self.name_particles for _, key, _, _ in person) \
                    and self.cue_before(text, at + words[0][2]):
                words = words[ofs[0] + 1:]
            # "Moana Pacific Health Hine said": the words after the last organisation word, before a person verb, are a person
            last_org = max((i for i, (_, key, _, _) in enumerate(words) if i > 0 and key in self.organisation_words), default=None)
            # (one or two words in capitals: after "o" or "of" the words name the thing, "Te Puna Hauora o Rongo wants")
            if last_org is not None and 0 < len(words) - 1 - last_org <= 2 and all(w[:1].isupper() for w, _, _, _ in words[last_org + 1:]) \
                    and self.verb_after(text, at + words[-1][3]):
                words = words[:last_org + 1]
            articles = [i for i, (word, _, _, _) in enumerate(words) if word == "the" and i > 0]
            if articles:   # "Gave Tyler the Te Whatu Ora number": the thing's name starts after "the"
                words = words[articles[-1] + 1:]
            content = [key for word, key, _, _ in words if key not in self.phrase_particles or word[:1].isupper()]
            capitals = [word for word, _, _, _ in words if word[:1].isupper()]
            if len(capitals) < 2 or (not capitals[0].isupper() and all(w.isupper() and len(w) > 1 for w in capitals[1:])):
                continue  # "Aroha TE RANGI": a given name, then a family name in capitals
            organisation = any(k in self.organisation_words for k in content[1:])
            if not (organisation or all(k in te_reo for k in content)):
                continue
            # "spoke with Te Ariki": a person cue before an all-te-reo phrase makes it a name; "w/ Aroha Trust" stays a thing
            if organisation or not self.cue_before(text, at + words[0][2]):
                spans.append((at + words[0][2], at + words[-1][3]))
        return spans


    def _phrase_parts(self, text: str, within: Sequence[tuple[int, int]] | None) -> Iterable[tuple[int, str]]:
        """The capitalised phrases (`phrase`) as (start, text); one that mixes words in title case with words in
        capitals of three letters or more is read as its runs of each ("NO CONTACT WITH Lisa PER COURT ORDER": a
        sentence shouted around a name is no thing's name with the name in it). Particles in lower case go with
        the run they stand in. (With `within`, only the phrases that overlap one of those spans.)"""
        for m in self.phrase.finditer(text):
            if within is not None and not any(a < m.end() and m.start() < b for a, b in within):
                continue
            phrase = m.group()
            if not _CAPITALS_WORD_IN.search(phrase):
                yield m.start(), phrase
                continue
            words = [(w.start(), w.end(), w.group()) for w in WORD.finditer(phrase)]
            kinds = ["caps" if word.isupper() and len(word) > 2 else "title" if word[:1].isupper() and not word.isupper() else ""
                     for _, _, word in words]
            if "caps" not in kinds or "title" not in kinds:
                yield m.start(), phrase
                continue
            run_start, run_kind, last_end = None, "", 0
            for (start, end, _), kind in zip(words, kinds, strict=True):
                if kind and run_kind and kind != run_kind and run_start is not None:
                    yield m.start() + run_start, phrase[run_start:last_end]
                    run_start = None
                if run_start is None:
                    run_start = start
                run_kind = kind or run_kind
                last_end = end
            if run_start is not None:
                yield m.start() + run_start, phrase[run_start:last_end]

    @staticmethod
    def has_capital_run(text: str) -> bool:
        """Three words in capitals in a row: the cheap test before a note is looked at for parts in capitals."""
        return _CAPITALS_RUN.search(text) is not None

    def recase_capitals(self, text: str, known: KnownKeys | None = None) -> str | None:
        """The note as the person-name steps should read it where it is written in capitals, or None where no
        line or sentence is (nearly every note).

        In a note written all in capitals (some providers' systems do this) a capital says nothing: every word
        would look like a name, and a name would run on over the words after it ("MS WHAANGA'S TAX NUMBER IS").
        There each word in capitals is re-cased as a note written normally would have it: a word on a name list
        and nothing else, or of Polynesian syllables (or a known name that is no everyday word), with a capital
        ("Whaanga"); a name that is also an everyday English word ("FRANK") and an everyday te reo or Pasifika word
        ("AROHA", "ALOFA") only beside such a name, after a title, kinship word or person verb, or before a person
        verb; every other word in lower case. The copy has the note's length, so spans found in it are spans of the note;
        the note itself is never changed."""
        if not _CAPITALS_RUN.search(text):
            return None
        regions = _capital_regions(text)
        if not regions:
            return None
        chars = list(text)
        for start, end in regions:
            self._recase_region(text, start, end, chars, known)
        return "".join(chars)

    def _recase_region(self, text: str, start: int, end: int, chars: list[str], known: KnownKeys | None) -> None:
        """Re-case the words in capitals between `start` and `end` into `chars` (see `recase_capitals`)."""
        words = [(m.start(), m.end(), m.group()) for m in _RECASE_WORD.finditer(text, start, end)]
        kinds = [self.capital_kind(word, known) for _, _, word in words]
        titled = [kind == "name" for kind in kinds]
        lowered = text[start:end].lower()

        def joined(i: int, j: int) -> bool:   # two words side by side: only spaces or a hyphen between
            return 0 <= i < len(words) and 0 <= j < len(words) and text[words[min(i, j)][1]:words[max(i, j)][0]] in (" ", "-", "  ")

        if len(lowered) == end - start:   # (a letter whose lower case is longer, "İ": no cue is read)
            for i, kind in enumerate(kinds):
                if kind == "ambiguous" and not titled[i]:
                    # after a cue or before a person verb, read in the lower-case copy ("AUNTY ALOFA", "AROHA ASKED")
                    at, stop = words[i][0] - start, words[i][1] - start
                    titled[i] = bool(self.cue_before(lowered, at) or self.verb_after(lowered, stop) or self._role_after(lowered, stop))
        changed = True
        while changed:   # an everyday-word name or a particle beside a name is a name too ("FRANK WILSON", "NGAIO TE MOANA")
            changed = False
            for i, kind in enumerate(kinds):
                if titled[i] or kind not in ("ambiguous", "particle"):
                    continue
                left = joined(i - 1, i) and titled[i - 1]
                right = joined(i, i + 1) and (titled[i + 1] or (kind == "particle" and kinds[i + 1] == "ambiguous"))
                if (kind == "ambiguous" and (left or right)) or (kind == "particle" and left and right):
                    titled[i] = changed = True
        if known is not None and known.pairs:   # two everyday-word names in the order of one known name ("MANAIA RANGI";
            # after the step above: a word beside them is not taken for it, "MANAIA RANGI DREW A PICTURE")
            keys = [_capital_key(word) for _, _, word in words]
            for i in range(len(words) - 1):
                if kinds[i] == kinds[i + 1] == "ambiguous" and joined(i, i + 1) and (keys[i], keys[i + 1]) in known.pairs:
                    titled[i] = titled[i + 1] = True
        # A thing's name ends in an organisation word: it and the words before it up to a sentence word, cue or
        # verb get capitals, as a note written normally has them ("MANUKAU COURTS", "TE PUNA HAUORA"), so that they
        # read as a thing, not as a name ("Manukau" alone is of Polynesian shape).
        for i, (_, _, word) in enumerate(words):
            if _capital_key(word) in self.organisation_words:
                titled[i] = True
                j = i - 1
                while j >= 0 and i - j <= 5 and joined(j, j + 1) and not self.ends_thing(_capital_key(words[j][2])):
                    titled[j] = True
                    j -= 1
        for (a, b, word), title, kind in zip(words, titled, kinds, strict=True):
            if len(word) < 2 or not word.isupper():
                continue   # an initial ("A. WHAANGA") stays as written
            # an everyday-word name that starts a sentence has its capital there, as in a note written normally
            # ("Frank has moved": the name steps weigh it as they weigh a capital there)
            title = title or (kind == "ambiguous" and self.sentence_start(text, a))
            cased = word[0] + word[1:].lower() if title else word.lower()
            if len(cased) == b - a:
                chars[a:b] = cased

    def _role_after(self, text: str, end: int) -> bool:
        """A role or kinship word after a comma, dash or bracket right after a word ("TUI, KAIMAHI", "ANA (MUM)")."""
        m = _ROLE_AFTER.match(text, end)
        if not m:
            return False
        words = [m.group(1), *(m.group(2) or "").split()]
        return any(fold(" ".join(words[:n])) in self.cue_keys for n in range(1, len(words) + 1))

    def ends_thing(self, key: str) -> bool:
        """A word that a thing's name does not run back over: a sentence word, a cue, a person verb."""
        if key in self.groups:   # "FAMILY SERVICES", "WHĀNAU TRUST"
            return False
        return (key in self.sentence_words or key in self.cues or key in self.verbs or key in self.clause_verbs
                or key in self.subject_verbs or (key in self.not_names and key not in self.organisation_words and key not in self.groups))

    def capital_kind(self, word: str, known: KnownKeys | None) -> str:
        """'name', 'ambiguous' (a name that is also an everyday word), 'particle' (Te, Van) or 'word'."""
        key = _capital_key(word)
        if key in self.name_particles:
            return "particle"
        if (self.never_a_name(key) or key in self.cues or key in self.verbs or key in self.groups
                or key in self.sentence_words or key in self.clause_verbs or key in self.phrase_particles):
            return "word"
        ambiguous = key in self.te_reo or key in self.everyday
        if known is not None and key in known.keys:
            return "ambiguous" if ambiguous or key in known.ambiguous else "name"
        if ambiguous:   # an everyday-word name ("FRANK") or an everyday te reo or Pasifika word, many of them names too ("AROHA")
            return "ambiguous"
        # (two letters are too few to call a word in capitals a name: "PM", "AM", "ID")
        return "name" if len(key) > 2 and (self.is_listed_name(key) or self.polynesian_shape(key)) else "word"


def _capital_key(word: str) -> str:
    """A word in capitals folded as the lists are, without a possessive ("WHAANGA'S" -> "whaanga")."""
    return fold(word[:-2] if len(word) > 3 and word[-2:] in ("'S", "’S") else word).replace(" ", "")


@dataclass(frozen=True)
class KnownKeys:
    """The folded words of a run's known names, and those of them that are also everyday words."""

    keys: frozenset[str]
    ambiguous: frozenset[str]
    pairs: frozenset[tuple[str, str]] = frozenset()   # two words side by side in one known name, in order ("manaia", "rangi")


# Three words in capitals in a row (of two letters or more): the cheap test before a note is looked at closely. (The
# capital first and the look-behind after it, taking it in: the regex engine passes over the positions without a
# capital from its first character.)
_CAPITALS_RUN = re.compile(rf"[{_UPPER}](?<![\w'’][{_UPPER}])[{_UPPER}'’\-]*[{_UPPER}](?:[^\w\n]+[{_UPPER}][{_UPPER}'’\-]*[{_UPPER}](?![\w'’])){{2}}")
# A word: letters with apostrophes inside; after a lone apostrophe too (an ʻokina written "'": "'OFA"), not after a
# letter's ("CAN'T" is one word).
_RECASE_WORD = re.compile(r"(?<!\w)(?<!\w['’])[^\W\d_]+(?:['’][^\W\d_]+)*(?!\w)")
_CAPITALS_WORD_IN = re.compile(rf"[{_UPPER}]{{3}}")   # a word of three capitals or more may stand in a phrase
_CAPITAL_WORD = re.compile(rf"(?<![\w'’])[{_UPPER}][{_UPPER}'’\-]*[{_UPPER}](?![\w'’])")
_ROLE_AFTER = re.compile(r"[ \t]*[,(\-–][ \t]*([^\W\d_]+)(?:[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+)?))?")
_SEGMENT_WORDS = 5   # a line or sentence in capitals in a note that is not: so many words ("ALOFA RURU DOB ..." is a name)
_SEGMENT = re.compile(r"[^\n.!?;]+[.!?;]*")
_LETTERS_LOWER = re.compile(rf"[{_LOWER}]")
_LETTERS_UPPER = re.compile(rf"[{_UPPER}]")
_NOT_PROSE = re.compile(r"\S*(?:@|://|www\.)\S*")   # an email or web address keeps its own case


def _capital_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a note written in capitals: the whole note when nearly all its letters are
    capitals, else each line or sentence of `_SEGMENT_WORDS` words in capitals or more and no lower-case letter."""
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    upper, lower = len(_LETTERS_UPPER.findall(prose)), len(_LETTERS_LOWER.findall(prose))
    if upper >= 12 and lower <= upper // 20:
        return [(0, len(text))]
    regions = []
    for m in _SEGMENT.finditer(prose):
        segment = m.group()
        if not _LETTERS_LOWER.search(segment) and len(_CAPITAL_WORD.findall(segment)) >= _SEGMENT_WORDS:
            regions.append((m.start(), m.end()))
    return regions


def _day_and_month_names(standards: Standards) -> list[str]:
    """Weekdays written in full and te reo months of one word ("Rātapu", "Haratua", and "Rātū" with its macrons): never a
    name. Abbreviations ("Sun", "Mon"), "Ratu" without macrons (a Fijian title and name) and months that are also given
    names in English ("May", "June") are judged by their context."""
    words = standards.scrub_words
    return [w for w in (*words.weekdays, *words.te_reo_months)
            if (len(w) >= 5 or (len(w) == 4 and any(ch in "āēīōū" for ch in w))) and "-" not in w]


def _spellings(words: Iterable[str]) -> set[str]:
    """Each word's folded key as every recognizer may look it up: a glottal stop folds to a space
    ("fa'afetai" -> "fa afetai") where a word is read whole, and to nothing where a note's scan reads it
    ("faafetai"); the ʻokina (U+02BB), a letter to Unicode, is dropped too ("ʻofa" -> "ofa")."""
    keys: set[str] = set()
    for word in words:
        key = fold(word.replace("ʻ", "'"))
        keys.update((key, key.strip(), key.replace(" ", "")))
    keys.discard("")
    return keys


def _peoples(standards: Standards, not_peoples: Iterable[str]) -> frozenset[str]:
    """The folded words of the Stats NZ ethnicity classification's labels and synonyms for peoples (level 1 groups
    other than "Other Ethnicity" and the residual categories): "maori", "pakeha", "samoan", "chinese" ... English
    writes them with a capital. Words that are also everyday English words or sentence words ("cook", "white",
    "new") are left out: their capital keeps its usual weight."""
    ethnicity = standards.ethnicity
    groups = {level.code for level in ethnicity.level1 if level.key not in ("other", "residual")}
    words = {w for c in ethnicity.level2 if c.level1 in groups for text in (c.label, *c.synonyms)
             for w in fold(text).split() if len(w) > 2}
    return frozenset(words - set(not_peoples))


_CACHE: dict[int, tuple[Standards, NameEvidence]] = {}


def _evidence(standards: Standards) -> NameEvidence:
    # (imported here: that module imports this one)
    from deid.scrub.recognizers.nz_date_of_birth_recognizer import date_pattern

    names, lexicon, reo = standards.names, standards.name_lexicon, standards.te_reo
    cues = {fold(w) for w in (*names.titles, *names.name_cues)}
    verbs = {fold(w) for w in (*names.person_verbs, *reo.person_cues)}
    org = {fold(w) for w in names.organisation_words}
    cue_words = (*names.titles, *names.name_cues, *names.person_verbs, *reo.person_cues)
    cue_alternation = grouped_alternation(cue_words, ignore_case=True)   # (every use ignores case)
    before = re.compile(rf"(?<![\w'’])(?i:(?P<cue>{cue_alternation}))"
                        rf"\.?:?\s+(?:(?i:and|&)\s+)?$")
    after = re.compile(rf"(?:['’]s\b|\s+(?i:{grouped_alternation(names.person_verbs_after, ignore_case=True)})\b)")
    # a date of birth right after a word ("Tui (b. 24 September 1977)", "Grace b. 06-07-2012")
    # or, in brackets, the person's NHI or own phone number ("Tui (NHI KMG7128, ...)", "Te Ariki (027 081 9587)"; not a
    # freephone line, which is an organisation's)
    birth_after = re.compile(rf",?\s*\(?(?i:{grouped_alternation(standards.scrub_words.birth_cues, ignore_case=True)})\s*[:\-]?\s*\d"
                             r"|[ \t]*\(\s*(?:(?i:nhi)\b|(?:\+64[ \-]?|0)(?!800|508)\(?\d[\d \-()]{6,}\d\s*\))"
                             # or the person's age ("Waiata 16yrs", "Kiri (13 yrs)")
                             rf"|[ \t]+\(?\d{{1,2}}[ \t]?(?i:{grouped_alternation(standards.scrub_words.age_words, ignore_case=True)})(?![\w/])")
    # or a date alone in brackets ("Marama Rōpata (14 February 1990)", "Tama (the third of May 2019)")
    date_after = re.compile(rf"[ \t]*\(\s*(?i:{date_pattern(standards.scrub_words)})\s*\)")
    particles = _alternation(names.phrase_particles)
    phrase = re.compile(rf"[{_UPPER}](?<![\w'’][{_UPPER}])[{_UPPER}{_LOWER}'’\-]*(?:\s+(?:(?:{particles})\s+){{0,2}}{_CAP_WORD})+")
    places = {fold(p) for place in standards.geography.places for p in (place.suburb, place.town_city) if p}
    return NameEvidence(
        given=frozenset(fold(n) for n in lexicon.given_names), family=frozenset(fold(n) for n in lexicon.family_names),
        everyday=frozenset(fold(n) for n in lexicon.everyday_word_names), english=frozenset(lexicon.english_words),
        maori_names=frozenset(fold(n) for n in lexicon.maori_name_words) - places,
        te_reo=frozenset(_spellings((*reo.words, *standards.pasifika.words))),
        reo_pronouns=frozenset(_spellings(reo.pronouns)),
        reo_particles=frozenset(p.lower() for p in reo.particles),
        cues=frozenset(cues), titles=frozenset(fold(w) for w in names.titles),
        groups=frozenset(fold(w) for w in names.group_words), verbs=frozenset(verbs), not_names=frozenset(fold(w) for w in (*names.not_name_words, *names.group_words, *_day_and_month_names(standards))) | cues,
        sentence_words=frozenset(fold(w) for w in names.sentence_words), organisation_words=frozenset(org),
        clause_verbs=frozenset(fold(w) for w in names.clause_verbs),
        bracket_words=(*cue_words, *standards.scrub_words.birth_cues, *names.bracket_words),
        determiner_before=re.compile(rf"(?i)\b(?:{grouped_alternation(names.determiners, ignore_case=True)})\s+$") if names.determiners else re.compile(r"(?!)"),
        place_before=re.compile(rf"(?i)\b(?:{grouped_alternation(names.place_prepositions, ignore_case=True)})\s+$") if names.place_prepositions else re.compile(r"(?!)"),
        subject_verbs=frozenset(fold(w) for w in names.subject_verbs),
        phrase_particles=frozenset(fold(w) for w in names.phrase_particles),
        name_particles=frozenset(fold(w) for w in names.family_name_particles),
        places=frozenset(places), cue_alternation=cue_alternation, cue_words=tuple(cue_words),
        cue_keys=frozenset(fold(w) for w in cue_words), cue_length=max((len(w.split()) for w in cue_words), default=1),
        cue_last_words=frozenset(fold(w).split()[-1] for w in cue_words if fold(w)),
        before=before, after=after, birth_after=birth_after, date_after=date_after, phrase=phrase,
        conventional_capitals=_peoples(standards, (*(fold(n) for n in lexicon.everyday_word_names),
                                                   *(fold(w) for w in names.sentence_words), *(fold(w) for w in names.not_name_words))))
