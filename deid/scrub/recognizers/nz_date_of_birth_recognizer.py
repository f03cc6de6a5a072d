"""Dates of birth in free text, in every written form: a date right after a birth cue (DOB, born, date of birth),
in brackets after a name in a household list ("Kids: Mere (12/05/2017)") or, years back, anywhere ("Tamati
(6/1/12) has started at kura"), or beside an age in brackets."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import grouped_alternation
from deid.scrub.recognizers.nz_contact_recognizers import phrase_alternation
from deid.scrub.registry import register
from deid.scrub.scan import CuePhrases, NoteScan
from deid.standards import ScrubWordsStandard, Standards

_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d/.\-])\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2})$|['’](\d{2})$")
CUE_WORDS_BEFORE_DATE = 3   # words that may stand between a birth cue and a full date in the same sentence
CUE_WORDS_FURTHER_ON = 6    # ... and how far a date years back may be
BIRTH_YEARS_BACK = 2   # a date in brackets after a name at least this many years before the run's year is a birth date


def written_year(date: str, reference_year: int) -> int | None:
    """The year a date is written with (two digits read as the latest year not after `reference_year`); None when
    written out in words ("the twelfth of May two thousand and seventeen")."""
    four = _FOUR_DIGIT_YEAR.search(date)
    if four:
        return int(four.group(1))
    two = _TWO_DIGIT_YEAR.search(date.strip())
    if not two:
        return None
    short = int(two.group(1) or two.group(2))
    century = reference_year - reference_year % 100
    return century + short if century + short <= reference_year else century - 100 + short


# What ends one list of a household's people: a sentence's end, a bullet, or a spaced slash or dash between note parts.
_LIST_END = re.compile(r"[.;!?•*|]\s|\s[/–—-]+\s|\n")


def _list_end(text: str, start: int) -> int:
    """Where the list that starts at `start` ends: the first list end outside brackets ("(23 Oct. 2017)" goes on)."""
    for stop in _LIST_END.finditer(text, start):
        if text.count("(", start, stop.start()) <= text.count(")", start, stop.start()):
            return stop.start()
    return len(text)


def _word_before(text: str, end: int) -> str:
    """The run of letters that ends at `end`, spaces before `end` passed over."""
    while end and text[end - 1] == " ":
        end -= 1
    start = end
    while start and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _one_letter_off(word: str, cue: str) -> bool:
    """One letter added, dropped or changed, or two neighbouring letters swapped; the first letter as written."""
    if abs(len(word) - len(cue)) > 1 or word[:1] != cue[:1]:
        return False
    if len(word) == len(cue):
        differ = [i for i, (x, y) in enumerate(zip(word, cue, strict=True)) if x != y]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and word[differ[0]] == cue[differ[1]] and word[differ[1]] == cue[differ[0]])
    short, long = sorted((word, cue), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _words(words: Sequence[str]) -> str:
    """The words as an alternation grouped by first letter (`grouped_alternation`: every pattern here ignores case)."""
    return grouped_alternation(words, ignore_case=True)


def _hyphen_or_space(words: Sequence[str]) -> str:
    """The words as an alternation in which a written hyphen also matches a space or nothing ("twenty-first")."""
    if any(w.startswith("-") for w in words):   # (a group's look-ahead must stay a character)
        return phrase_alternation(words).replace(r"\-", r"[\s\-]?")
    return _words(words).replace(r"\-", r"[\s\-]?")


def date_pattern(words: ScrubWordsStandard, year_optional: bool = False) -> str:
    """Every written form of one date, day first or month first: 12/05/2017, 12.5.17, 2017-05-12, 12 May 2017,
    12-May-17, 12th of May '17, the twelfth of May two thousand and seventeen, May 12th, 2017, 12 Haratua 2017;
    with `year_optional` (right after a birth cue) also a day and month alone: 12/05, 12 May, May 12th."""
    te_reo = rf"|{_hyphen_or_space(words.te_reo_months)}" if words.te_reo_months else ""
    month = rf"(?:{_words(words.months)}{te_reo})\.?"
    ordinals = rf"|{_hyphen_or_space(words.day_ordinals)}" if words.day_ordinals else ""
    day = rf"(?:the\s+)?(?:\d{{1,2}}(?:{_words(words.day_suffixes)})?{ordinals})(?!\w)"
    written_year = ""
    if words.number_words:
        number = _hyphen_or_space(words.number_words)
        joiners = rf"(?:[\s\-]+(?:{_words(words.year_joiners)}))*" if words.year_joiners else ""
        written_year = rf"|(?:{number})(?:{joiners}[\s\-]+(?:{number})(?!\w)){{1,4}}"
    year = rf"(?:\d{{4}}|['’]\d{{2}}|\d{{2}}{written_year})(?!\w)"
    long_year = rf"(?:\d{{4}}|['’]\d{{2}}{written_year})(?!\w)"
    no_year = (rf"|\d{{1,2}}/\d{{1,2}}(?![/\d])|{day}(?:\s+of)?(?:\s+|\s*[\-/.]\s*){month}(?!\w)|{month}\s+{day}"
               if year_optional else "")
    return (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})(?![\d/.\-]\d)|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}(?!\d)"
            rf"|{day}(?:\s+of)?(?:\s+|\s*[\-/.]\s*){month}(?:,?\s+|\s*[\-/.]\s*){year}"
            rf"|{month}\s+{day},?\s+{long_year}{no_year})")


@register
class NzDateOfBirthRecognizer(SpanRecognizer):
    """Only the date is replaced, so the cue word and service dates elsewhere survive. A date is a date of birth
    only with evidence: a birth cue right before it (a linking word may stand between: "date of birth as
    3/5/1975", "DOB is ..."), or brackets right after a name inside a list a household heading opens ("Kids:
    Mere (12/05/2017), Tama (3rd of May 2019)", "Household - Aroha Ngata (2 Sep 1996) + Hemi") or anywhere when
    the date is years before the run's year ("Tamati (6/1/12) has started at kura"), or an age or a
    birth cue beside it in brackets ("(7yo, 12/05/2017)", "12/05/2017 (DOB)"). Right after a birth cue a day and
    month without a year count too ("birthday is 9 March"). Birth cues, household headings, age words, month names
    (English and te reo Māori), ordinal and number words come from standards/scrub_words.yaml.
    Source: project standard (dates.yaml, day-first input).
    """

    NEEDS_KNOWN_NAMES = False
    COUNTRY_CODE = "nz"

    def __init__(self, words: ScrubWordsStandard, supported_entity: str = "DATE_OF_BIRTH",
                 reference_year: int | None = None):
        super().__init__("NzDateOfBirthRecognizer", supported_entity)
        self.reference_year = reference_year or dt.date.today().year
        date = date_pattern(words)
        # The cues' first characters as a look-ahead: the regex engine passes over every other position cheaply.
        ahead = rf"(?=[{re.escape(''.join(sorted({c[0] for c in words.birth_cues})))}])" if all(words.birth_cues) else ""
        links = rf"(?:(?:{_words(words.birth_cue_links)})\s+)?" if words.birth_cue_links else ""
        cues = _words(words.birth_cues)
        self.pattern = re.compile(rf"{ahead}\b(?:{cues})\s*[:\-=]?\s*{links}(?P<date>{date_pattern(words, year_optional=True)})",
                                  re.IGNORECASE)
        # A full date a few words after a birth cue, in the same sentence ("DOB checked 28/10/1995", "dob verified
        # with mum - 13 June 1996", "Birthdate on file 2/3/2011"): any words, since what a note says between them
        # ("checked", "updated to") is open-ended (a user test: 71 of 71 such dates left in).
        self.pattern_after_words = re.compile(
            rf"{ahead}\b(?:{cues})(?:[\s:\-=,]+[^\W\d][\w'’]*){{1,{CUE_WORDS_BEFORE_DATE}}}[\s:\-=,]+(?P<date>{date})",
            re.IGNORECASE)
        # Further on in the same sentence, past words in brackets, or right after the cue's sentence ends ("Date of
        # birth was re-checked against passport 03.07.1987", "DOB (per WINZ letter) is ...", "DOB checked. 13/06/1996
        # is right": a second user test): a date there is a birth date when it is years back (`_years_back`), since a
        # visit date of this year or last is as likely so far from the cue.
        self.pattern_further_on = re.compile(
            rf"{ahead}\b(?:{cues})(?:[\s:\-=,()]+[^\W\d][\w'’]*\)?){{1,{CUE_WORDS_FURTHER_ON}}}"
            rf"(?:[\s:\-=,()]+|\.\s+)(?P<date>{date})", re.IGNORECASE)
        # The cue after the date, in brackets ("12/05/2017 (DOB)"): the bracketed cue found first, then the date before it.
        self._cue_in_brackets = re.compile(rf"\(\s*(?:{cues})\s*\)", re.IGNORECASE)
        self._date_before = re.compile(rf"(?<!\w)(?P<date>{date})\s*$", re.IGNORECASE)
        self._cues = CuePhrases(words.birth_cues)
        self._households = frozenset(c.lower() for c in words.household_cues)
        self._long_households = tuple(c for c in self._households if len(c) >= 6)
        # A heading: a colon or dash after a word that `_is_household` says is a household cue.
        self._heading = re.compile(r"[:\-–—]") if words.household_cues else None
        # A name's last letter (an initial's full stop too: "M.F."), then the date alone in brackets.
        self._bracketed = re.compile(rf"[^\W\d_]\.?['’]?\s*\(\s*(?P<date>{date})\s*\)", re.IGNORECASE)
        # ... which needs a date alone in brackets: searched for from its bracket first, the pattern above tried at
        # every letter only where there is one
        self._date_in_brackets = re.compile(rf"\(\s*(?:{date})\s*\)", re.IGNORECASE)
        # An age beside the date in the same brackets ("(7yo, 12/05/2017)", "(12/05/2017 - aged 7)").
        self._aged: re.Pattern[str] | None = None
        if words.age_words or words.age_cues:
            ages = [rf"(?:(?:{_words(words.age_cues)})\s*)?\d{{1,3}}\s*(?:{_words(words.age_words)})(?!\w)"
                    if words.age_words else "", rf"(?:{_words(words.age_cues)})\s*\d{{1,3}}(?!\w)" if words.age_cues else ""]
            age = "|".join(a for a in ages if a)
            self._aged = re.compile(rf"\(\s*(?:(?:{age})\s*[,;\-–]\s*(?P<date>{date})|(?P<first>{date})\s*[,;\-–]\s*(?:{age}))\s*\)",
                                    re.IGNORECASE)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzDateOfBirthRecognizer:
        return cls(standards.scrub_words)

    def wants(self, scan: NoteScan) -> bool:
        return "(" in scan.text or self._cues.present(scan)

    def _in_household_lists(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each date in brackets after a name, in a list from a household heading to the list's end."""
        found: list[tuple[int, int]] = []
        if self._heading is None or "(" not in text:
            return found
        end = 0
        for heading in self._heading.finditer(text):
            if heading.start() < end or not self._is_household(_word_before(text, heading.start()).lower()):
                continue
            end = _list_end(text, heading.end())
            found.extend(m.span("date") for m in self._bracketed.finditer(text, heading.end(), end))
        return found

    def _years_back(self, date: str) -> bool:
        """A date at least `BIRTH_YEARS_BACK` years before the run's year (or its year written out in words): in
        brackets right after a name, that is when the person was born, not when they were seen."""
        year = written_year(date, self.reference_year)
        return year is None or year <= self.reference_year - BIRTH_YEARS_BACK

    def _is_household(self, word: str) -> bool:
        """A household cue, or a long one written one letter off ("Househhold", "Hosehold")."""
        return word in self._households or (len(word) >= 5 and any(_one_letter_off(word, c) for c in self._long_households))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = [self.span(m.start("date"), m.end("date"), 0.85, "birth cue + date") for m in self.pattern.finditer(text)]
        cued = [(r.start, r.end) for r in results]
        results += [self.span(m.start("date"), m.end("date"), 0.8, "birth cue, words, date")
                    for m in self.pattern_after_words.finditer(text)
                    if not any(start < m.end("date") and m.start("date") < end for start, end in cued)]
        cued = [(r.start, r.end) for r in results]
        results += [self.span(m.start("date"), m.end("date"), 0.75, "birth cue, words further on, date")
                    for m in self.pattern_further_on.finditer(text)
                    if self._years_back(m.group("date"))
                    and not any(start < m.end("date") and m.start("date") < end for start, end in cued)]
        listed = self._in_household_lists(text)
        results += [self.span(start, end, 0.8, "household list: name (date)") for start, end in listed]
        if "(" in text:
            for m in self._bracketed.finditer(text) if self._date_in_brackets.search(text) else ():   # a name, then a date years back alone in brackets
                if m.span("date") not in listed and self._years_back(m.group("date")):
                    results.append(self.span(m.start("date"), m.end("date"), 0.8, "name (date years back)"))
            for cue in self._cue_in_brackets.finditer(text):
                date = self._date_before.search(text, max(0, cue.start() - 60), cue.start())
                if date:
                    results.append(self.span(date.start("date"), date.end("date"), 0.85, "date (birth cue)"))
            if self._aged is not None:
                for m in self._aged.finditer(text):
                    group = "date" if m.group("date") else "first"
                    results.append(self.span(m.start(group), m.end(group), 0.8, "age + date in brackets"))
        return results
