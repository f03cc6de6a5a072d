"""Generated case notes with every person-name word labelled: the name model's training data (issue 15).

Written for the model alone and sharing nothing with the evaluation sets (tests/scrub/generated_notes.py,
tests/scrub/blind_notes*/, the hand-labelled notes): its sentence shapes and filler words are its own, kept as
data in `standards/models/training_notes.yaml`;
people's names are drawn from the shipped outside lists (`standards/name_lexicon.yaml`: the names-dataset
given and family names, the everyday-word names, the Māori proper nouns) and from Polynesian syllables
put together at random; everyday te reo words (`standards/te_reo.yaml`) are used both as words that must
stay and as given names, so the model has to read the context, as a case worker does.

Besides the first shapes, a second set (`more_person_sentences`, `more_word_sentences`) puts people in more
positions (the subject of many kinds of clause, after prepositions, in lists, next to roles, in headers with
the family name first, with an initial either side) and ambiguous words in their word roles (an everyday word or
a te reo word at a sentence's start before what things do, modal "Will"/"May" starts, lists of programmes and
organisations); it is drawn from in a share of sentences (MORE_PERSON_SHAPES, MORE_WORD_SHAPES: chosen on the
blind notes' tune seeds, where more person shapes cost kept words). Notes also come in noisier case and
punctuation (no full stops, arrows, bullets, slashes), as notes are typed in a hurry.

`notes(standards, count, seed)` gives (text, name spans) pairs; the same seed gives the same notes.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from deid.standards import Standards, fold

_SLOT = re.compile(r"\{([A-Z0-9]+)\}")
MORE_PERSON_SHAPES, MORE_WORD_SHAPES = 0.05, 0.5   # the shares of sentences drawn from the added shapes
_SEPARATORS = [". ", ". ", ". ", "; ", ".\n", ", ", " - "]
# as notes are typed in a hurry: no full stop, two, a slash, an arrow, a bullet on a new line
_NOISY_SEPARATORS = [" ", ".. ", ". ", "\n", "\n- ", "\n\n", " / ", " -> ", ", ", "!! ", "? ", " ... ", "\n* ", " | "]
_WORD_SHAPE = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


@dataclass(frozen=True)
class Templates:
    """standards/models/training_notes.yaml: the notes' sentence shapes and filler words."""

    person_sentences: list[str]
    word_sentences: list[str]
    more_person_sentences: list[str]
    more_word_sentences: list[str]
    titles: list[str]
    subject_verbs: list[str]
    person_verbs: list[str]
    programme_heads: list[str]
    organisation_endings: list[str]
    syllable_consonants: list[str]
    vowels: list[str]
    greetings: list[str]
    acronyms: list[str]
    english_name_words: list[str]
    programme_joiners: list[str]
    days: list[str]
    subject_phrases: list[str]
    person_prepositions: list[str]
    clause_starts: list[str]
    infinitive_phrases: list[str]
    roles: list[str]
    thing_phrases: list[str]


TEMPLATES_FILE = Path("models") / "training_notes.yaml"   # under the standards folder


def read_templates(standards: Standards) -> Templates:
    data = yaml.safe_load((standards.directory / TEMPLATES_FILE).read_text(encoding="utf-8"))
    return Templates(**{f.name: [str(v) for v in data[f.name]] for f in fields(Templates)})


@dataclass(frozen=True)
class Lists:
    t: Templates
    given: list[str]
    family: list[str]
    maori: list[str]
    word_names: list[str]      # everyday te reo and English words that are also given names
    reo: list[str]             # everyday te reo words (content words) to use as words
    everyday_words: list[str]  # everyday English words that are also names, in lower case, to use as words
    cues: list[str]
    places: list[str]
    programmes: list[str]


def _lists(standards: Standards) -> Lists:
    lex, names = standards.name_lexicon, standards.names
    reo_keys = {fold(w) for w in standards.te_reo.words}
    closed = {fold(w) for w in (*names.sentence_words, *names.not_name_words, *names.group_words, *names.phrase_particles,
                                *names.titles, *names.name_cues, *names.organisation_words)}
    places = sorted({p for place in standards.geography.places for p in (place.suburb, place.town_city) if p})
    place_keys = {fold(p) for p in places}

    def plain(word: str) -> bool:
        key = fold(word)
        return bool(_WORD_SHAPE.match(word)) and len(key) > 2 and key not in closed and key not in place_keys

    given = [w for w in lex.given_names if plain(w) and fold(w) not in reo_keys]
    family = [w for w in lex.family_names if plain(w) and fold(w) not in reo_keys]
    maori = [w for w in lex.maori_name_words if plain(w) and fold(w) not in reo_keys]
    reo = [w for w in standards.te_reo.words if len(fold(w)) > 2 and fold(w) not in closed]
    # everyday English words that are names (Hope, Will): fewer than the te reo ones, which notes use as names far more
    english = [w for w in lex.everyday_word_names if plain(w) and len(w) > 3]
    word_names = [w.capitalize() for w in reo if len(fold(w)) > 3]
    word_names += random.Random(0).sample(english, min(len(english), len(word_names) // 2))
    verbs = {fold(v) for v in (*names.person_verbs, *names.person_verbs_after)}
    cues = [c for c in names.name_cues if " " not in c and "/" not in c and len(c) > 2 and fold(c) not in verbs]
    programmes = [p for p in standards.recognizers.keep_phrases if len(p) > 4]
    everyday_words = [w.lower() for w in english]
    return Lists(read_templates(standards), given, family, maori, word_names, reo, everyday_words, cues, places, programmes)


def polynesian_name(rng: random.Random, lists: Lists) -> str:
    """A made-up name of two to four Polynesian syllables (no list holds most Pacific names)."""
    word = "".join(rng.choice(lists.t.syllable_consonants) + rng.choice(lists.t.vowels) for _ in range(rng.choice([2, 2, 3, 3, 4])))
    return word.capitalize()


class _Person:
    def __init__(self, given: str, family: str):
        self.given, self.family = given, family


class _Note:
    """One note being written: its text so far and the spans of its name words."""

    def __init__(self, rng: random.Random, lists: Lists, people: list[_Person], lower_case: float, caps: float):
        self.rng, self.lists, self.people = rng, lists, people
        self.lower_case, self.caps = lower_case, caps
        self.parts: list[str] = []
        self.length = 0
        self.names: list[tuple[int, int]] = []

    def add(self, text: str, name: bool = False) -> None:
        if name:
            self.names.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def cased(self, word: str, style: str) -> str:
        return word.lower() if style == "lower" else word.upper() if style == "caps" else word

    def style(self) -> str:
        r = self.rng.random()
        return "lower" if r < self.lower_case else "caps" if r < self.lower_case + self.caps else "title"

    def person(self, full: bool | None = None, given_only: bool = False) -> None:
        rng = self.rng
        who = rng.choice(self.people)
        style = self.style()
        if given_only:
            full = False
        elif full is None:
            full = rng.random() < 0.3
        if full:
            self.add(self.cased(who.given, style), name=True)
            self.add(" ")
            if rng.random() < 0.12:
                self.add(self.cased(who.family[0], style), name=True)
            else:
                self.add(self.cased(who.family, style), name=True)
        else:
            self.add(self.cased(who.given, style), name=True)


def _people(rng: random.Random, lists: Lists, count: int) -> list[_Person]:
    people = []
    for _ in range(count):
        r = rng.random()
        if r < 0.33:
            given = rng.choice(lists.given)
        elif r < 0.6:
            given = rng.choice(lists.word_names)
        elif r < 0.78:
            given = rng.choice(lists.maori)
        else:
            given = polynesian_name(rng, lists)
        r = rng.random()
        family = (rng.choice(lists.family) if r < 0.45 else rng.choice(lists.maori) if r < 0.7
                  else polynesian_name(rng, lists) if r < 0.85 else "Te " + rng.choice(lists.maori) if r < 0.9
                  else rng.choice(lists.word_names))
        people.append(_Person(given, family))
    return people


def _date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return rng.choice([f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y % 100:02d}", f"{d} {months[m - 1]}", f"Tues {d}/{m}",
                       f"{y}-{m:02d}-{d:02d}", "tmrw", "next week", f"the {d}th"])


def _fill(note: _Note, template: str, sentence_start: bool) -> None:
    rng, lists = note.rng, note.lists
    at = 0
    first = True
    for m in _SLOT.finditer(template):
        literal = template[at:m.start()]
        if literal:
            note.add(literal[:1].upper() + literal[1:] if first and sentence_start and rng.random() < 0.7 else literal)
            first = False
        slot = m.group(1)
        capital_start = first and sentence_start
        if slot in ("P", "G", "F"):
            note.person(full=True if slot == "F" else None, given_only=slot == "G")
        elif slot == "FAMILY":
            note.add(rng.choice(note.people).family.upper(), name=True)
        elif slot == "CAPS":
            who = rng.choice(note.people)
            note.add(who.family.upper(), name=True)
            note.add(" ")
            note.add(who.given.upper(), name=True)
        elif slot == "INITIAL":
            note.add(rng.choice(note.people).given[0], name=True)
            note.add(".")
        elif slot in ("FAMILYC", "FAMILYU"):
            family = rng.choice(note.people).family
            note.add(family if slot == "FAMILYC" else note.cased(family, note.style()), name=True)
        elif slot == "I":
            _initial_name(note)
        elif slot == "SG":
            _surname_first(note)
        elif slot == "L":
            _person_list(note)
        elif slot in ("DO", "DO3", "DT"):
            phrase = rng.choice(lists.t.subject_phrases if slot == "DO" else lists.t.infinitive_phrases if slot == "DO3"
                                else lists.t.thing_phrases)
            _fill(note, phrase, sentence_start=False)
        else:
            value = _filler(rng, lists, slot)
            if capital_start and value[:1].islower() and rng.random() < 0.7:
                value = value[:1].upper() + value[1:]
            note.add(value)
        first = False
        at = m.end()
    rest = template[at:]
    if rest:
        note.add(rest[:1].upper() + rest[1:] if first and sentence_start else rest)


def _initial_name(note: _Note) -> None:
    """An initial with a family name or a given name, either way round: "T Tūhiwai", "T. Tūhiwai", "Lagi W"."""
    rng = note.rng
    who = rng.choice(note.people)
    style = note.style()
    given, family = note.cased(who.given, style), note.cased(who.family, style)
    dot = rng.random() < 0.4
    r = rng.random()
    if r < 0.45:
        note.add(given[0].upper(), name=True)
        note.add(". " if dot else " ")
        note.add(family, name=True)
    elif r < 0.85:
        note.add(given, name=True)
        note.add(" ")
        note.add(family[0].upper(), name=True)
        if dot:
            note.add(".")
    else:
        note.add(family, name=True)
        note.add(" ")
        note.add(given[0].upper(), name=True)


def _surname_first(note: _Note) -> None:
    """A header with the family name first: "SURNAME, Given", "SURNAME GIVEN", "Surname, Given"."""
    rng = note.rng
    who = rng.choice(note.people)
    r = rng.random()
    family = who.family.upper() if r < 0.7 else who.family
    given = who.given.upper() if rng.random() < 0.4 else who.given
    note.add(family, name=True)
    note.add(rng.choice([", ", " ", ",", " - "]))
    note.add(given, name=True)


def _person_list(note: _Note) -> None:
    """Two to four people separated as case workers write lists."""
    rng = note.rng
    count = rng.choice([2, 2, 3, 4])
    joiner = rng.choice([", ", ", ", "/", " / ", "; "])
    for k in range(count):
        if k:
            note.add(rng.choice([" and ", " & ", ", and ", " + "]) if k == count - 1 and rng.random() < 0.6 else joiner)
        if rng.random() < 0.2:
            note.add(rng.choice(note.lists.cues) + " ")
        note.person()
        if rng.random() < 0.2:
            note.add(f" ({rng.randint(1, 16)})")


def _filler(rng: random.Random, lists: Lists, slot: str) -> str:
    if slot == "Q":
        return rng.choice(lists.cues)
    if slot == "T":
        return rng.choice(lists.t.titles)
    if slot == "V":
        return rng.choice(lists.t.person_verbs)
    if slot == "S":
        return rng.choice(lists.t.subject_verbs)
    if slot == "R":
        return rng.choice(lists.reo)
    if slot == "PROG":
        if lists.programmes and rng.random() < 0.3:
            return rng.choice(lists.programmes)
        words = [rng.choice(lists.reo).capitalize() for _ in range(rng.choice([1, 2, 2, 3]))]
        return " ".join([rng.choice(lists.t.programme_heads), *words])
    if slot == "ORG":
        r = rng.random()
        head = (rng.choice(lists.word_names) if r < 0.35 else rng.choice(lists.reo).capitalize() if r < 0.6
                else rng.choice(lists.places) if r < 0.85 else rng.choice(lists.maori))
        return f"{head} {rng.choice(lists.t.organisation_endings)}"
    if slot == "PLACE":
        return rng.choice(lists.places)
    if slot == "DATE":
        return _date(rng)
    if slot == "TIME":
        return rng.choice([f"{rng.randint(1, 12)}pm", f"{rng.randint(8, 17)}:{rng.choice(['00', '15', '30'])}",
                           f"{rng.randint(1, 12)} am", f"{rng.randint(8, 17)}00hrs"])
    if slot == "AMT":
        return f"${rng.randint(20, 900)}" + rng.choice(["", ".00", ".50"])
    if slot == "PHONE":
        return rng.choice([f"021 {rng.randint(100, 999)} {rng.randint(1000, 9999)}", f"(09) {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
                           f"027{rng.randint(1000000, 9999999)}"])
    if slot == "NHI":
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + str(rng.randint(1000, 9999))
    if slot == "NUMBER":
        return str(rng.randint(10_000_000, 99_999_999))
    if slot == "E":
        return rng.choice(lists.everyday_words)
    if slot == "EC":
        return rng.choice(lists.everyday_words).capitalize()
    if slot == "GREET":
        return rng.choice(lists.t.greetings)
    if slot == "ACR":
        return rng.choice(lists.t.acronyms)
    if slot == "ORG2":
        r = rng.random()
        if r < 0.3:
            return rng.choice(lists.t.acronyms)
        if r < 0.6:
            return " ".join(rng.sample(lists.t.english_name_words, 2))
        return f"{rng.choice(lists.reo).capitalize()} {rng.choice(lists.reo).capitalize()}"
    if slot == "PROG2":
        r = rng.random()
        if r < 0.6:
            words = rng.sample(lists.t.english_name_words, rng.choice([2, 2, 3]))
            if len(words) == 3 and rng.random() < 0.5:
                words[1] = rng.choice(lists.t.programme_joiners)
            return " ".join(words)
        return _filler(rng, lists, "PROG")
    if slot == "ORG3":
        words = [polynesian_name(rng, lists) for _ in range(rng.choice([1, 2, 2, 2, 3]))]
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(lists.t.english_name_words + [w.capitalize() for w in lists.reo])
        return " ".join(words)
    if slot == "CODE":
        return rng.choice(["INV-", "C", "Q", "RC", "REF"]) + str(rng.randint(1000, 999999))
    if slot == "DAY":
        return rng.choice(lists.t.days)
    if slot == "N":
        return str(rng.randint(1, 12))
    if slot == "RC":
        return rng.choice(lists.reo).capitalize()
    if slot == "DO2":
        return rng.choice(lists.t.clause_starts)
    if slot == "PR":
        return rng.choice(lists.t.person_prepositions)
    if slot == "ROLE":
        return rng.choice(lists.t.roles)
    raise ValueError(f"unknown slot {slot}")


def notes(standards: Standards, count: int, seed: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """`count` notes, each with the (start, end) spans of its person-name words."""
    rng = random.Random(seed)
    lists = _lists(standards)
    out = []
    for _ in range(count):
        lower_case = rng.choice([0.0, 0.05, 0.15, 0.3, 0.5])
        caps = rng.choice([0.0, 0.05, 0.15, 0.25])
        note = _Note(rng, lists, _people(rng, lists, rng.choice([1, 2, 2, 3, 3, 4])), lower_case, caps)
        sentences = rng.randint(2, 6)
        separators = _SEPARATORS if rng.random() < 0.6 else _NOISY_SEPARATORS
        for s in range(sentences):
            if rng.random() < 0.35:
                more = rng.random() < MORE_WORD_SHAPES
                template = rng.choice(lists.t.more_word_sentences if more else lists.t.word_sentences)
            else:
                more = rng.random() < MORE_PERSON_SHAPES
                template = rng.choice(lists.t.more_person_sentences if more else lists.t.person_sentences)
            _fill(note, template, sentence_start=True)
            if s < sentences - 1:
                note.add(rng.choice(separators))
            elif rng.random() < 0.7:
                note.add(".")
        out.append(("".join(note.parts), note.names))
    return out
