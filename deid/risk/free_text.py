"""Case notes that say no more about where a person lives than their row does.

The scrubber replaces addresses but keeps the names of towns and suburbs (a programme run "at the
Porirua hub" is the record, not a person's address). The risk gate then blanks a row's territorial
authority or region where it singles the person out, and a note saying "moved from Flaxmere to
Camberley" puts back what the gate took away: a red-team user test found places restated in 134 of
150 such rows. After the gate, every place name in a released note is replaced by `<LOCATION>`
unless it names one of the row's released areas (its territorial authority, the region holding it,
or its region) or is part of a name the agreement lists (a provider's or programme's name).

Place names come from the geography standards (Stats NZ TA and region classifications, NZ Post and
LINZ place names in geography.csv, GeoNames localities in geography_places.csv). A one-word name that
is also a te reo Māori word of te_reo.yaml, an iwi of iwi.yaml or an everyday-word name of
name_lexicon.yaml ("Moana", "Taranaki", "Grey") is read as a place only after words that put a place
next ("lives in", "moved to", "from", "kei"), so te reo and iwi affiliations stay in the record.

Likewise, where the gate blanked a row's ethnicity, the ethnic groups its note names ("Tongan church")
become `<ETHNICITY>` (see `withhold_ethnicity_in_notes`); every age a note states becomes `<AGE>` (finer than
any released band), and where the gate withheld the row's wellbeing, the scores it states become `<SCORE>`
(`withhold_restated_in_notes`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from deid.mojibake import extra_place_names
from deid.standards import Standards, fold, load_iwi_classification

PLACEHOLDER = "<LOCATION>"
NOTE_COLUMNS = ("case_notes_scrubbed",)
# the word(s) before a one-word place name that is also an everyday, te reo or iwi word, for it to be read as a place
# (not a bare "to": "affiliates to Taranaki", "belongs to Tainui" name an iwi)
PLACE_CUES = frozenset({"in", "at", "from", "near", "around", "via", "towards", "into", "outside", "kei", "moved to",
                        "move to", "moving to", "went to", "going to", "gone to", "back to", "travelled to", "relocated to",
                        "visit to", "trip to", "drove to", "lives in", "living in"})
AREA_SUFFIXES = (" District", " City", " Region")
# a word as place names start (capitalised, not after a letter or a hyphen): where a name is looked up
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z]\w*")
_MACRON_VOWELS, _PLAIN_VOWELS = list("āēīōūĀĒĪŌŪ"), list("aeiouAEIOU")
_MACRONS = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")
_PUNCTUATION = ".,;:!?()[]'\"’‘“”"


@dataclass(frozen=True)
class PlaceNames:
    """Every place name the standards know with the areas holding it (folded names), and the one-word names that
    need a place cue before them."""

    areas: dict[str, frozenset[str]]   # folded place name -> itself and the folded names of its TA and region
    needs_cue: frozenset[str]           # folded one-word names that are also everyday, te reo or iwi words
    by_first_word: dict[str, tuple[tuple[str, str], ...]]   # first word -> (name without macrons, folded), longest first
    iwi: KeptNames | None = None        # iwi names (a place word inside one is the iwi's, and stays)
    any_name: str = ""                  # a regex (Rust syntax) for any place name, without macrons: a pre-filter

    def mentions(self, plain: str) -> list[tuple[int, int, str]]:
        """(start, end, folded name) of each place name in `plain` (text with macrons taken off), as a whole word:
        each capitalised word is looked up (one dictionary probe a word, not an alternation of every name)."""
        found: list[tuple[int, int, str]] = []
        end_of_last = 0
        for word in _CAPITALISED.finditer(plain):
            start = word.start()
            if start < end_of_last:
                continue
            for name, folded in self.by_first_word.get(word.group(0), ()):
                end = start + len(name)
                if plain.startswith(name, start) and not (end < len(plain) and (plain[end].isalnum() or plain[end] in "-_")):
                    if folded not in self.needs_cue or _after_cue(plain[:start]):
                        found.append((start, end, folded))
                        end_of_last = end
                    break
        return found


def _after_cue(before: str) -> bool:
    words = fold(before[-40:]).split()
    return bool(words) and (words[-1] in PLACE_CUES or " ".join(words[-2:]) in PLACE_CUES)


_BUILT: dict[int, tuple[Standards, PlaceNames]] = {}


def place_names(standards: Standards) -> PlaceNames:
    """The place names of the deployment's standards (see the module docstring), built once per loaded standards
    (which are parsed once while their files stay as they are)."""
    held = _BUILT.get(id(standards))
    if held is None or held[0] is not standards:
        if len(_BUILT) > 8:
            _BUILT.clear()
        held = _BUILT[id(standards)] = (standards, _build(standards))
    return held[1]


def _build(standards: Standards) -> PlaceNames:
    rows: list[tuple[str | None, ...]] = [(p.suburb, p.town_city, p.ta_name, p.region_name) for p in standards.geography.places]
    rows += extra_place_names(standards)
    areas: dict[str, set[str]] = {}
    written: set[str] = set()
    for suburb, town, ta, region in rows:
        # a place lies in its TA and region, a TA in its region; a region (or a town named like one) in nothing wider
        region_names = {fold(x) for x in (region, _short(region)) if x}
        ta_names = {fold(x) for x in (ta, _short(ta)) if x}
        for name, holding in ((suburb, ta_names | region_names), (town, ta_names | region_names), (ta, region_names),
                              (_short(ta), region_names), (region, set()), (_short(region), set())):
            if name and len(name) > 2:
                areas.setdefault(fold(name), set()).update(holding | {fold(name)})
                written.add(name.translate(_MACRONS))
    iwi = _iwi_names(standards)
    everyday = {fold(w) for w in (*standards.te_reo.words, *standards.te_reo.particles, *standards.te_reo.pronouns,
                                  *standards.name_lexicon.everyday_word_names)}
    everyday |= {fold(part) for name in iwi for part in name.split("-")}   # "Taranaki"; "Tainui" of "Waikato-Tainui"
    needs_cue = frozenset(n for n in areas if " " not in n and n in everyday)
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(written, key=len, reverse=True):
        first = _CAPITALISED.match(name)
        by_first_word.setdefault(first.group(0) if first else name, []).append((name, fold(name)))
    spellings = sorted(written, key=len, reverse=True)   # matched against the text without macrons
    return PlaceNames({k: frozenset(v) for k, v in areas.items()}, needs_cue,
                      {k: tuple(v) for k, v in by_first_word.items()}, kept_names(iwi),
                      r"\b(?:" + "|".join(re.escape(n) for n in spellings) + r")\b")


def _iwi_names(standards: Standards) -> list[str]:
    """Every spelling of every iwi of iwi.yaml, without a bracketed place ('Ngāti Haua (Taumarunui)') or a coding
    qualifier (', iwi not named'): a place word inside an iwi's name is the iwi's."""
    classification = load_iwi_classification(standards.directory, standards.config_dir)
    spellings = [*(g.name for g in classification.iwi), *(n for names in classification.also_known_as.values() for n in names)]
    out = []
    for spelling in spellings:
        for qualifier in classification.name_qualifiers:
            spelling = spelling.replace(qualifier, "")
        for part in re.sub(r"\([^)]*\)", "", spelling).split("/"):
            if part.strip():
                out.append(part.strip())
    return out


def _short(area: str | None) -> str | None:
    """'Porirua City' -> 'Porirua', 'Far North District' -> 'Far North' (how notes name a council's area)."""
    for suffix in AREA_SUFFIXES:
        if area and area.endswith(suffix):
            return area[: -len(suffix)]
    return None


def released_areas(row: dict[str, object], places: PlaceNames) -> frozenset[str]:
    """Folded names of the areas a released row shows: its TA (also without 'City' or 'District') with the region
    holding it, and its region."""
    shown: set[str] = set()
    for column in ("ta_name", "region_name"):
        value = row.get(column)
        if value:
            name = fold(str(value))
            shown |= {name, *(places.areas.get(name, ()) if column == "ta_name" else ())}
            short = _short(str(value))
            if short:
                shown.add(fold(short))
    return frozenset(shown)


def withhold_places(text: str, shown: frozenset[str], places: PlaceNames, kept: KeptNames | None = None
                    ) -> tuple[str, int]:
    """`text` with every place name not among `shown` (nor part of a longer `kept` or iwi name: 'Ngāti Whātua
    Ōrākei', 'Te Ara Hou Porirua'; an iwi named like its place, 'Taranaki', is read by the cue rule) replaced, and
    how many were."""
    plain = text.translate(_MACRONS)   # the same length: positions hold for the text as written
    mentions = [(a, b) for a, b, name in places.mentions(plain) if name not in shown
                and not any(names.hold(plain, a, b) for names in (kept, places.iwi) if names is not None)]
    if not mentions:
        return text, 0
    out, last = [], 0
    for start, end in mentions:
        out += [text[last:start], PLACEHOLDER]
        last = end
    out.append(text[last:])
    return "".join(out), len(mentions)


@dataclass(frozen=True)
class KeptNames:
    """Names whose place words stay (providers', programmes' and iwi names, macrons optional), and the folded
    words they are made of (a name can only hold a place mention if a word next to it is one of them)."""

    pattern: re.Pattern[str]
    words: frozenset[str]

    REACH = 80   # characters either side of a place mention searched for a longer name holding it

    def hold(self, plain: str, start: int, end: int) -> bool:
        """Whether the place name at start:end of `plain` lies inside a longer one of these names."""
        before, after = plain[max(0, start - 40):start].split(), plain[end:end + 40].split()
        if not ((before and before[-1].strip(_PUNCTUATION).lower() in self.words)
                or (after and after[0].strip(_PUNCTUATION).lower() in self.words)):
            return False
        low, high = max(0, start - self.REACH), min(len(plain), end + self.REACH)
        return any(m.start() <= start and end <= m.end() and m.end() - m.start() > end - start
                   for m in self.pattern.finditer(plain, low, high))


def kept_names(names: Iterable[str]) -> KeptNames | None:
    """The `KeptNames` of `names` (None when there are none)."""
    written = sorted({n.strip().translate(_MACRONS) for n in names if n and n.strip()}, key=len, reverse=True)
    if not written:
        return None
    alternation = "|".join(re.escape(n) for n in written)
    return KeptNames(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
                     frozenset(w.strip(_PUNCTUATION).lower() for n in written for w in n.split()))


@dataclass(frozen=True)
class PlacesWithheld:
    notes: int    # notes changed
    names: int    # place names replaced


def withhold_places_in_notes(frame: pl.DataFrame, places: PlaceNames, kept: KeptNames | None = None,
                             text_columns: Iterable[str] = NOTE_COLUMNS) -> tuple[pl.DataFrame, PlacesWithheld]:
    """The released extract with each note saying no more about place than its row's released areas. Notes that
    hold no place name at all (most) are found in one vectorised pass and left as they are."""
    columns = [c for c in text_columns if c in frame.columns]
    if not columns or frame.is_empty():
        return frame, PlacesWithheld(0, 0)
    areas = [c for c in ("ta_name", "region_name") if c in frame.columns]
    notes = names = 0
    done: dict[tuple[str, frozenset[str]], tuple[str, int]] = {}   # a family's note is often on each member's row
    out = frame
    for column in columns:
        named = frame.select(pl.col(column).str.replace_many(_MACRON_VOWELS, _PLAIN_VOWELS).str.contains(places.any_name)
                             .fill_null(False)).to_series()
        if not named.any():
            continue
        rows = frame.filter(named).select(*areas, column).to_dicts()
        values: list[str | None] = []
        for row in rows:
            shown = released_areas(row, places)
            held = done.get((row[column], shown))
            if held is None:
                held = done[(row[column], shown)] = withhold_places(row[column], shown, places, kept)
            values.append(held[0])
            notes += held[1] > 0
            names += held[1]
        replaced = pl.Series(column, values, dtype=pl.String)
        positions = named.arg_true()
        out = out.with_columns(out.get_column(column).cast(pl.String).scatter(positions, replaced))
    return out, PlacesWithheld(notes, names)


# --- ethnicity words ------------------------------------------------------------------------------------

ETHNICITY_PLACEHOLDER = "<ETHNICITY>"
# Spellings of the classification's synonyms left in a note whatever the row shows: te reo Māori words ("Māori",
# "tangata whenua", "Pākehā": the language is never erased from the record), everyday English ("white",
# "English", the language), and identities the classification puts under Other Ethnicity ("Kiwi", "New Zealander").
ETHNICITY_WORDS_KEPT = frozenset({"maori", "nz maori", "new zealand maori", "tangata whenua", "pakeha", "white", "english",
                                  "kiwi", "new zealander", "european", "other european", "other asian", "other pacific",
                                  "other ethnicity"})


@dataclass(frozen=True)
class EthnicityWords:
    """The ethnic groups' names a note can hold (the Stats NZ classification's level-2 synonyms, people and place:
    'Tongan', 'Tonga', 'Cook Islanders'), as one case-insensitive whole-word pattern."""

    pattern: re.Pattern[str] | None
    iwi: re.Pattern[str] | None = None   # iwi names (iwi.yaml): an iwi affiliation says Māori as the word does

    def withhold(self, text: str) -> tuple[str, int]:
        """`text` with each ethnic group's name replaced, a person said to be Māori ('identify as Māori': the word stays
        elsewhere, 'te reo Māori'), and each iwi named, and how many were."""
        count = 0
        if self.pattern is not None:
            text, count = self.pattern.subn(ETHNICITY_PLACEHOLDER, text)
        text, said = _MAORI_IDENTITY.subn(rf"\g<1>{ETHNICITY_PLACEHOLDER}", text)
        count += said
        if self.iwi is not None:
            text, named = self.iwi.subn(IWI_PLACEHOLDER, text)
            count += named
        return text, count


IWI_PLACEHOLDER = "<IWI>"
# "identify as Māori", "whānau are Māori", "is NZ Māori": a statement of who a person is, not the language or a kaupapa
_MAORI_IDENTITY = re.compile(r"(?i)(\b(?:identif(?:y|ies|ied)\s+as|is|are|was|were)\s+(?:nz\s+|new\s+zealand\s+)?)m[aā]ori\b"
                             r"(?!\s+(?:language|medium|immersion|provider|health|service|services|kaupapa|provider))")


def ethnicity_words(standards: Standards) -> EthnicityWords:
    """`EthnicityWords` of the deployment's ethnicity standard, without the residual groups' words ('unknown',
    'refused') and `ETHNICITY_WORDS_KEPT`, with the Pacific languages' greetings (pasifika.yaml `greetings`)."""
    residual = {level.code for level in standards.ethnicity.level1 if level.key == "residual"}
    words = {fold(w) for level in standards.ethnicity.level2 if level.level1 not in residual
             for w in (*level.synonyms, *([] if "nfd" in level.label else [level.label]))}
    words = {w for w in words - ETHNICITY_WORDS_KEPT if len(w) > 3}
    words |= {fold(g) for g in standards.pasifika.greetings if fold(g)}   # 'Tālofa lava' says Samoan as 'Samoan' does
    if not words:
        return EthnicityWords(None)
    # a folded word matches its spellings: any case, macrons optional, hyphen or space between words
    spelled = [r"[\s-]+".join(_MACRON_OPTIONAL.sub(lambda m: f"[{m.group(0)}{_WITH_MACRON[m.group(0)]}]", re.escape(part))
                              for part in w.split()) for w in sorted(words, key=len, reverse=True)]
    # iwi and confederations ('Te Arawa'), but not a name that is also a place ('Taranaki', 'Waikato'): places are
    # judged by the place step, against the row's released areas
    classification = load_iwi_classification(standards.directory, standards.config_dir)
    places = place_names(standards).areas
    named = [*_iwi_names(standards), *(g.name for g in classification.confederations)]
    iwi = sorted({n.translate(_MACRONS) for n in named if len(n) > 3 and fold(n) not in places}, key=len, reverse=True)
    iwi_spelled = [r"[\s-]+".join(_MACRON_OPTIONAL.sub(lambda m: f"[{m.group(0)}{_WITH_MACRON[m.group(0)]}]", re.escape(part.lower()))
                                  for part in n.split()) for n in iwi]
    iwi_pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(iwi_spelled)})(?![\w-])", re.IGNORECASE) if iwi_spelled else None
    return EthnicityWords(re.compile(rf"(?<![\w-])(?:{'|'.join(spelled)})(?![\w-])", re.IGNORECASE), iwi_pattern)


_WITH_MACRON = {"a": "ā", "e": "ē", "i": "ī", "o": "ō", "u": "ū"}
_MACRON_OPTIONAL = re.compile("[aeiou]")


def withhold_ethnicity_in_notes(frame: pl.DataFrame, blanked: pl.Series, words: EthnicityWords,
                                text_columns: Iterable[str] = NOTE_COLUMNS) -> tuple[pl.DataFrame, PlacesWithheld]:
    """The released extract with the ethnic groups named in a note replaced where the gate blanked the row's
    ethnicity (`blanked`, one flag a row): a note saying "Tongan church" gave back what the blank hid. Where the
    ethnicity is released, a note may name a group within it (the extract's level 1 is coarser: stated in the README)."""
    columns = [c for c in text_columns if c in frame.columns]
    if not columns or frame.is_empty() or not blanked.any() or words.pattern is None:
        return frame, PlacesWithheld(0, 0)
    notes = names = 0
    out = frame
    for column in columns:
        positions = blanked.arg_true()
        values: list[str | None] = []
        for text in frame.get_column(column).gather(positions).to_list():
            if text:
                text, count = words.withhold(text)
                notes += count > 0
                names += count
            values.append(text)
        out = out.with_columns(out.get_column(column).cast(pl.String).scatter(positions, pl.Series(column, values, pl.String)))
    return out, PlacesWithheld(notes, names)


# --- ages and wellbeing scores ----------------------------------------------------------------------------

AGE_PLACEHOLDER = "<AGE>"
SCORE_PLACEHOLDER = "<SCORE>"
# An age as notes write one: "aged 34", "age: 34", "turned 16", "34 years old", "34-year-old", "34yo", "34 y/o",
# "9 months old", and a bracketed number right after a person or a word ("<PERSON> (34)", "Koro (62)"; in the rows
# this runs on, a bracketed count, "sessions (8)", is replaced too, a small price).
# A bare "3 years" is left: it is as often how long something took ("known to us 3 years").
_NOT_A_COUNT = (r"(?!\s*(?i:weeks?\b|wks?\b|days?\b|months?\b|mths?\b|sessions?\b|times\b|hours?\b|hrs?\b|minutes?\b|"
                r"mins?\b|am\b|pm\b|kg\b|cm\b|%|out of\b|/|:|[.,]\d))")
_AGE = re.compile(
    r"(?i:\b(?:aged|age|ages|turned|turns|turning)\s*:?\s*(?:about\s+|around\s+|nearly\s+)?)(\d{1,3})(?:\s*(?:,|and|&)\s*(\d{1,3}))*\b"
    r"|\b(\d{1,3})(?i:\s*-?\s*(?:years?|yrs?|y|months?|mths?|mos?)\s*-?\s*(?:old|o\b|/o))"
    r"|(?<=[>\w])\s*\((\d{1,3})\)"
    # "(23yrs)", "(9 mths)"; "23yrs", "23 yo" (the short forms notes write ages in; not after "for", "over" ...: a time)
    r"|\((\d{1,3})\s*(?i:yrs?|years?|y/?o|mths?|months?)\)"
    r"|(?<!for )(?<!over )(?<!past )(?<!last )(?<!next )(?<!than )(?<!within )(?<!after )(?<!every )(?<!about )"
    r"\b(\d{1,3})\s*(?i:yrs?|y/o|yo)\b(?!\s*(?i:ago|since|later|before|after|of|in)\b)"
    # "<PERSON> is 27", "she is now 42": a person is a number, unless a count, time or measure follows
    r"|(?:<PERSON>|\b(?i:he|she|they))\s+(?i:is|was|'s|now|turns|turned)\s+(?i:now\s+|nearly\s+|almost\s+)?(\d{1,3})\b"
    + _NOT_A_COUNT)
_NUMBER = re.compile(r"\d{1,3}")
# A wellbeing score as notes restate one: the numbers of the clause after a wellbeing cue ("wellbeing score improved
# from 4 to 7", "well-being 6/10", "hauora rating 8"), up to the clause's end.
_SCORE_CLAUSE = re.compile(r"(?i)\b(?:wellbeing|well-being|well being|hauora)\b[^.;!?\n]{0,60}")
# a number of the clause that is a date, time, count or amount is not a score ("on 3 June", "for 6 weeks", "6 of 8")
_NOT_A_SCORE = (r"(?!\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|am\b|pm\b|h\b|hrs?\b|hours?\b|mins?\b|"
                r"minutes?\b|weeks?\b|wks?\b|days?\b|months?\b|years?\b|sessions?\b|times\b|people\b|children\b|"
                r"kids\b|of\b|st\b|nd\b|rd\b|th\b))")
_SCORE = re.compile(r"(?<![\w$.,/:])(?<!of )(?<!Of )(?:10|\d)(?:\.\d)?(?:\s*/\s*10)?(?![\w%$:]|[.,]\d)" + _NOT_A_SCORE)


@dataclass(frozen=True)
class AgeSubjects:
    """Words a note calls a person by (the names standard's titles and name cues: "Koro", "nan", "her son", "client"):
    "Koro is 71", "nan is 68" and "Aunty <PERSON>, 54, is caring" state ages as "she is 35" does (an outsider user
    test found them kept while the pronoun forms were replaced)."""

    stated: re.Pattern[str]       # "<word> is 71": the number is group 1
    apposed: re.Pattern[str]      # "<word>, 54,": the number is group 1


def age_subjects(standards: Standards) -> AgeSubjects:
    """`AgeSubjects` of the deployment's names standard (`titles` and `name_cues`)."""
    names = standards.names
    words = sorted({w.strip().lower() for w in (*names.titles, *names.name_cues) if w.strip() and w.strip()[0].isalpha()},
                   key=len, reverse=True)
    subject = r"(?:<PERSON>|\b(?i:" + "|".join(re.escape(w) for w in words) + r"))"
    return AgeSubjects(
        re.compile(subject + r"\s+(?i:is|was|'s|turns|turned|now)\s+(?i:now\s+|nearly\s+|almost\s+|about\s+)?(\d{1,3})\b"
                   + _NOT_A_COUNT + r"(?!\s*(?i:a|an|per|each|of)\b)"),
        re.compile(subject + r"\s*,\s*(\d{1,3})\s*,"))


def withhold_ages(text: str, subjects: AgeSubjects | None = None) -> tuple[str, int]:
    """`text` with the number of every age it states replaced by `AGE_PLACEHOLDER`, and how many were (with
    `subjects`, also the ages stated of a person named by a kinship, title or role word)."""
    count = 0

    def subject_age(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        start, end = match.start(1) - match.start(), match.end(1) - match.start()
        return match.group(0)[:start] + AGE_PLACEHOLDER + match.group(0)[end:]

    if subjects is not None:
        text = subjects.apposed.sub(subject_age, subjects.stated.sub(subject_age, text))

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        whole, offset = match.group(0), match.start()
        out, last = [], 0
        for number in _NUMBER.finditer(whole):
            if _inside_a_group(match, offset + number.start()):
                out += [whole[last:number.start()], AGE_PLACEHOLDER]
                last = number.end()
                count += 1
        out.append(whole[last:])
        return "".join(out)

    return _AGE.sub(replace, text), count


def _inside_a_group(match: re.Match[str], position: int) -> bool:
    return any(match.start(g) <= position < match.end(g) for g in range(1, (match.re.groups or 0) + 1) if match.start(g) >= 0) \
        or _repeated_group(match, position)


def _repeated_group(match: re.Match[str], position: int) -> bool:
    """A later age of a list ("aged 3, 5 and 9"): Python keeps only the last repeat of a group, so the list part is
    read again."""
    if match.group(1) is None:
        return False
    tail = match.group(0)[match.end(1) - match.start():]
    return position >= match.end(1) and bool(re.fullmatch(r"(?:\s*(?:,|and|&)\s*\d{1,3})*", tail))


# A score out of ten wherever the note says it ("feeling 7 out of 10", "rated her week 6/10"): the scale says score.
_OUT_OF_TEN = re.compile(r"(?<![\w$.,/:])(10|\d)(?:\.\d)?(?=\s*(?:/\s*10\b|(?i:out of)\s*(?:10|ten)\b))")


def withhold_scores(text: str) -> tuple[str, int]:
    """`text` with the numbers of every wellbeing score it states replaced by `SCORE_PLACEHOLDER`, and how many were."""
    count = 0

    def clause(match: re.Match[str]) -> str:
        nonlocal count
        replaced, n = _SCORE.subn(SCORE_PLACEHOLDER, match.group(0))
        count += n
        return replaced

    text = _SCORE_CLAUSE.sub(clause, text)
    text, n = _OUT_OF_TEN.subn(SCORE_PLACEHOLDER, text)
    return text, count + n


@dataclass(frozen=True)
class RestatedValues:
    """Values a released row no longer shows that its note gave back, replaced (`withhold_restated_in_notes`)."""

    ages: int = 0       # ages replaced (in every released note: an age is finer than any released band)
    scores: int = 0     # wellbeing scores replaced, in notes whose row's wellbeing the gate blanked or dropped
    notes: int = 0      # notes changed


SCORE_COLUMNS = ("wellbeing_start", "wellbeing_end")


def changed_rows(supplied: pl.DataFrame, released: pl.DataFrame, columns: Iterable[str], row: str) -> pl.Series:
    """One flag per released row: some of `columns` the row had a value in is now blank, coarser, or gone from the
    extract (`row` is the column both frames hold each row's position in)."""
    flags = pl.repeat(False, released.height, eager=True)
    for column in columns:
        if column not in supplied.columns:
            continue
        before = supplied.select(row, pl.col(column).cast(pl.String).alias("_before"))
        if column not in released.columns:   # dropped from the extract: every row that had a value lost it
            after = released.select(row).join(before, on=row, how="left").get_column("_before").is_not_null()
        else:
            both = released.select(row, pl.col(column).cast(pl.String).alias("_after")).join(before, on=row, how="left")
            after = both.select(pl.col("_before").is_not_null()
                                & (pl.col("_after").is_null() | (pl.col("_after") != pl.col("_before")))).to_series()
        flags = flags | after.fill_null(False)
    return flags


def withhold_restated_in_notes(supplied: pl.DataFrame, released: pl.DataFrame, row: str,
                               text_columns: Iterable[str] = NOTE_COLUMNS,
                               subjects: AgeSubjects | None = None) -> tuple[pl.DataFrame, RestatedValues]:
    """The released extract with every age a note states replaced (an exact age is finer than any band a release
    shows: "she is 35" in a 35-39 row, a red-team user test found), and the wellbeing scores where the gate took its
    row's wellbeing away (blanked, or the column dropped to stop linkage between extracts: "wellbeing improved from
    4 to 7" gave back what the gate withheld). Elsewhere notes keep their scores."""
    columns = [c for c in text_columns if c in released.columns]
    if not columns or released.is_empty():
        return released, RestatedValues()
    # an age is finer than any band a release shows ("she is 35" in a 35-39 row): every note loses its ages
    aged = released.get_column(columns[0]).is_not_null()
    scored = changed_rows(supplied, released, SCORE_COLUMNS, row)
    if not (aged.any() or scored.any()):
        return released, RestatedValues()
    ages = scores = notes = 0
    out = released
    for column in columns:
        positions = (aged | scored).arg_true()
        values: list[str | None] = []
        for text, age, score in zip(released.get_column(column).gather(positions).to_list(), aged.gather(positions),
                                    scored.gather(positions), strict=True):
            if text:
                before = text
                if age:
                    text, n = withhold_ages(text, subjects)
                    ages += n
                if score:
                    text, n = withhold_scores(text)
                    scores += n
                notes += text != before
            values.append(text)
        out = out.with_columns(out.get_column(column).cast(pl.String).scatter(positions, pl.Series(column, values, pl.String)))
    return out, RestatedValues(ages, scores, notes)
