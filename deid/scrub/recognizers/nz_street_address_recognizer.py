"""Street, rural and box addresses in free text, from the address standard's vocabularies; places after a residence cue."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation

from deid.scrub.recognizers.base import ScannedPatternRecognizer, SpanRecognizer
from deid.scrub.recognizers.name_evidence import grouped_alternation
from deid.scrub.registry import register
from deid.scrub.scan import CuePhrases, NoteScan, word_key
from deid.standards import AddressStandard, GeographyStandard, Standards

_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĀĒĪŌŪāēīōū'’-")  # of `word` below


def _alternation(words: list[str]) -> str:
    """The words longest first, grouped by first letter (`grouped_alternation`; the patterns ignore case)."""
    return grouped_alternation(words, ignore_case=True, escape=re.escape)


@register
class NzStreetAddressRecognizer(ScannedPatternRecognizer):
    """A street number, one to three name words and a road type from standards/address.yaml
    (with optional unit, suburb/town words and postcode), a prefix type ("Ara Tūhono"), or a
    PO Box / Private Bag. Source: AS/NZS 4819:2011 and the NZ Post addressing guidelines.

    The patterns run only on a note with a road type, prefix type or box word in it, and the address
    standardiser only on a candidate ending in a four-digit postcode.
    """

    NEEDS_KNOWN_NAMES = False
    COUNTRY_CODE = "nz"

    def __init__(self, standard: AddressStandard, geography: GeographyStandard, directions: Sequence[str] = (),
                 supported_entity: str = "NZ_ADDRESS", not_place_words: Sequence[str] = ()):
        types = _alternation([w for canon, spellings in standard.street_types.items() for w in (canon, *spellings)])
        prefixes = _alternation([w for canon, spellings in standard.prefix_street_types.items() for w in (canon, *spellings)])
        units = _alternation([w for canon, spellings in standard.unit_types.items() for w in (canon, *spellings) if len(w) > 1])
        boxes = _alternation([w for canon, spellings in standard.box_types.items() for w in (canon, *spellings)]).replace(r"\ ", r"\s*")
        word = r"[A-Za-zĀĒĪŌŪāēīōū'’\-]+"
        unit = rf"(?:(?:{units})\.?\s*(?:\w{{1,4}},?\s*)?)?"   # "Flat 2, 15A", "Unit 4/183" (the unit in the number)
        number = r"(?:(?:\d{1,5}[A-Za-z]?|[A-Za-z])\s*/\s*)?\d{1,5}[A-Za-z]?"
        # Known suburbs and towns may follow without commas ("15 Smith St Mt Eden Auckland").
        names = [p for place in geography.places for p in (place.suburb, place.town_city) if p]
        places = _alternation(names + [unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names])
        # A suburb named after its town and a direction ("Porirua East", "Hamilton Central") goes with it.
        direction = rf"(?:\s+(?:{_alternation(list(directions))})\b)?" if directions else ""
        place_tail = rf"(?:,?\s+(?:{places})\b{direction}){{0,3}}"
        # A suburb the geography table does not list, one or two words right before a town it does ("83 Rimu Place
        # Newfield Invercargill") or, capitalised, before a postcode ("9 Kea Tce Enderley 3214"); never a preposition,
        # month or other sentence word ("12 Smith St to Hastings", "5 Kea Rd March 2019").
        not_place = rf"(?!(?:{_alternation(list(not_place_words))})\b)" if not_place_words else ""
        capitalised = r"(?-i:[A-ZĀĒĪŌŪ])[A-Za-zĀĒĪŌŪāēīōū'’\-]*"
        suburb = (rf"(?:(?:,?\s+{not_place}{word}){{1,2}}?(?=,?\s+(?:{places})\b)"
                  rf"|(?:,?\s+{not_place}{capitalised}){{1,2}}?(?=,?\s*\d{{4}}(?!\d)))?")
        qualifiers = _alternation([w for canon, spellings in standard.street_qualifiers.items() for w in (canon, *spellings) if len(w) > 1])
        rural = r"(?:,?\s*R\.?\s?D\.?\s*\d{1,2})?"
        route = r"(?:\s+\d{1,3}[A-Za-z]?(?=,))?"   # "State Highway 11, RD 4": a road's number before its comma
        # What each pattern's first character can be, as a look-ahead in front of it: the regex engine then passes
        # over every other position without trying the unit, number or box alternatives there.
        unit_first = "".join(sorted({w[0] for canon, spellings in standard.unit_types.items() for w in (canon, *spellings) if len(w) > 1}))
        box_first = "".join(sorted({w[0] for canon, spellings in standard.box_types.items() for w in (canon, *spellings) if w}))
        starts = rf"(?=[\dA-Za-z{re.escape(unit_first)}])"
        patterns = [
            Pattern("street address", rf"{starts}\b{unit}{number}\s+(?:{word}\s+){{1,3}}?(?:{types})\b\.?(?:\s+(?:{qualifiers})\b)?{route}{rural}{suburb}{place_tail}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("prefix road type", rf"(?=[\dA-Za-z])\b{number}\s+(?:{prefixes})\s+{word}{rural}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("box address", rf"(?=[{re.escape(box_first)}])\b(?:{boxes})\s*\d{{1,6}}(?:[ -]\d{{3}}\b)?(?:,?\s*{not_place}{word}){{0,4}}(?:,?\s*\d{{4}})?", 0.7),
        ]
        super().__init__(supported_entity=supported_entity, patterns=patterns, name="NzStreetAddressRecognizer")
        self._street_only = frozenset({"box address"})                       # what to skip with no box word
        self._box_only = frozenset({"street address", "prefix road type"})   # what to skip with no road type
        # Candidates: a road type or prefix type among the few words after a number; a box word anywhere
        # ("PO Box" also written "POBox": each spelling's letters run together count too).
        self._type_keys = frozenset(word_key(part) for vocabulary in (standard.street_types, standard.prefix_street_types)
                                    for canon, written in vocabulary.items() for w in (canon, *written)
                                    for part in re.findall(r"[^\W\d_]+", w))
        boxes_written = [w for canon, written in standard.box_types.items() for w in (canon, *written)]
        self._box_words = CuePhrases([*boxes_written, *(re.sub(r"[\W\d_]+", "", w) for w in boxes_written)])
        from deid.standardise.address import AddressParser

        # A street without a road type ("9 Highgate, Roslyn, Dunedin 9010") is taken when the address
        # standardiser parses the whole candidate, street to postcode, against the geography table.
        self._parser = AddressParser(standard, geography)
        self._parsed: dict[str, bool] = {}
        self._candidate = re.compile(rf"\b{number}\s+{word}(?:,?\s+{word}){{0,6}},?\s*\d{{4}}\b")

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzStreetAddressRecognizer:
        names = standards.names
        not_place_words = (*names.place_prepositions, *names.determiners, *names.phrase_particles, *names.sentence_words,
                           *names.not_name_words, *names.clause_verbs)
        return cls(standards.address, standards.geography, standards.scrub_words.place_directions,
                   not_place_words=not_place_words)

    def wants(self, scan: NoteScan) -> bool:
        return bool(scan.digit_runs)

    def _parses(self, candidate: str) -> bool:
        """The address standardiser parses the candidate, street to postcode (remembered: dates such as
        "8 May 2026" come back often)."""
        known = self._parsed.get(candidate)
        if known is None:
            parsed = self._parser.parse(candidate)
            known = self._parsed[candidate] = parsed.parse_status == "parsed" and bool(parsed.street_name)
            if len(self._parsed) > 50_000:
                self._parsed.clear()
        return known

    def _street_candidate(self, scan: NoteScan) -> bool:
        """A road type or prefix type within the eight words after a number ("15 Smith St", "9 Ara Tūhono")."""
        if self._type_keys.isdisjoint(scan.key_set):
            return False
        types = [i for i, key in enumerate(scan.word_keys) if key in self._type_keys]
        starts = scan.word_starts
        for _, end in scan.digit_runs:
            first = bisect.bisect_left(starts, end)
            if any(first <= i < first + 8 for i in types):
                return True
        return False

    @staticmethod
    def _inside_amount_or_date(text: str, start: int) -> bool:
        """A street number is not the tail of an amount ("$79 with Rose Street ...", "$2,500 to Drive Finance") or of a
        date ("26/2/24")."""
        if start and text[start - 1] == "$":
            return True
        return start > 1 and text[start - 1] in "/.," and text[start - 2].isdigit()

    @staticmethod
    def _after_word(text: str, start: int) -> bool:
        """A word, then perhaps a comma and spaces, right before `start`: how a candidate's postcode follows
        its last word ("Roslyn, Dunedin 9010"; not "12/03/2026")."""
        at = start
        while at and text[at - 1].isspace():
            at -= 1
        if at and text[at - 1] == ",":
            at -= 1
        return bool(at) and text[at - 1] in _WORD_CHARS

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None) -> list[RecognizerResult]:
        scan = NoteScan.of(text, nlp_artifacts)
        results: list[RecognizerResult] = []
        street, box = self._street_candidate(scan), self._box_words.present(scan)
        if (street or box) and (nlp_artifacts is not scan or regex_flags is not None):
            results = super().analyze(text, entities, nlp_artifacts, regex_flags)  # called by Presidio's engine
        elif street or box:  # the scrub engine's scan: only the patterns whose words are in the note
            results = self.match_patterns(text, frozenset() if street and box else self._box_only if box else self._street_only)
        results = [r for r in results if not self._inside_amount_or_date(text, r.start)]
        if not any(end - start == 4 and self._after_word(text, start) for start, end in scan.digit_runs):
            return results
        for m in self._candidate.finditer(text):
            if any(r.start <= m.start() and m.end() <= r.end for r in results):
                continue
            if self._parses(m.group()):
                results.append(RecognizerResult(self.supported_entities[0], m.start(), m.end(), 0.65,
                                                AnalysisExplanation(self.name, 0.65, pattern_name="parsed by the address standardiser"),
                                                {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results


_POSTCODE_AFTER = re.compile(r",?[ \t]*\d{4}(?![\d:.,/-]\d|\d)")
_GAP = "..."   # in a residence cue: up to `_GAP_WORDS` words of the note ("staying ... in": "staying with her nan in")
_GAP_WORDS = 4


def _cue_parts(cue: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A residence cue as the word keys before its gap and after it (no gap: all words after it)."""
    before, _, after = cue.partition(_GAP) if _GAP in cue else ("", "", cue)
    return tuple(NoteScan(before).word_keys), tuple(NoteScan(after).word_keys)


@register
class NzResidencePlaceRecognizer(SpanRecognizer):
    """A suburb or town right after a residence cue ("at home in Hornby", "lives in Ōtaki", "staying with her nan in
    Porirua East", "kei te noho ki Ōtaki"): where a client lives is finer than the territorial authority a release
    keeps. Places: the geography tables (standards/geography.csv and geography_places.csv: LINZ, Stats NZ, GeoNames);
    cues: standards/scrub_words.yaml `residence_cues`. A place with no cue before it stays (a meeting place, "the
    Porirua office"), and so does one that begins a kept phrase ("Oranga Tamariki") or comes before an organisation
    word ("Porirua Hospital"): te reo place names are part of the record.
    """

    NEEDS_KNOWN_NAMES = False
    COUNTRY_CODE = "nz"

    def __init__(self, place_names: Sequence[str], cues: Sequence[str], directions: Sequence[str] = (),
                 stop_words: Sequence[str] = (), keep_phrases: Sequence[str] = (), supported_entity: str = "NZ_ADDRESS"):
        super().__init__("NzResidencePlaceRecognizer", supported_entity)
        self._places = frozenset(keys for name in place_names if (keys := tuple(NoteScan(name).word_keys)))
        self._first_keys = frozenset(keys[0] for keys in self._places)
        self._longest = max((len(keys) for keys in self._places), default=0)
        self._cues = tuple(sorted({_cue_parts(c) for c in cues if c.strip()}, key=lambda c: -len(c[1])))
        self._cue_last_keys = frozenset(after[-1] for _, after in self._cues if after)
        self._directions = frozenset(word_key(d) for d in directions)
        self._stop_keys = frozenset(word_key(w) for w in stop_words)   # organisation words: "Porirua Hospital" is a service
        self._kept = frozenset(keys for p in keep_phrases if len(keys := tuple(NoteScan(p).word_keys)) > 1)

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> NzResidencePlaceRecognizer:
        from deid.standardise.geography import PLACES_FILE, load_extra_places

        overlay = standards.config_dir
        places_dir = overlay if overlay is not None and (overlay / PLACES_FILE).is_file() else standards.directory
        places = (*standards.geography.places, *load_extra_places(places_dir))
        entity = next((s.entity for s in standards.recognizers.recognizers if s.name == cls.__name__), "NZ_ADDRESS")
        return cls([n for p in places for n in (p.suburb, p.town_city) if n], standards.scrub_words.residence_cues,
                   standards.scrub_words.place_directions, standards.names.organisation_words,
                   standards.recognizers.keep_phrases, supported_entity=entity)

    def wants(self, scan: NoteScan) -> bool:
        keys = scan.key_set
        return not keys.isdisjoint(self._first_keys) and not keys.isdisjoint(self._cue_last_keys)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None) -> list[RecognizerResult]:
        scan = NoteScan.of(text, nlp_artifacts)
        if not self.wants(scan):
            return []
        keys, starts, ends = scan.word_keys, scan.word_starts, scan.word_ends
        results = []
        first_keys = self._first_keys
        done = 0   # words before this are inside a place found already
        for at in [i for i, key in enumerate(keys) if key in first_keys]:
            if at < done or not (size := self._place_at(keys, starts, ends, text, at)):
                continue
            done = at + size
            if self._cued(keys, starts, ends, text, at):
                last = done - 1
                if done < len(keys) and keys[done] in self._directions and self._joined(text, ends[last], starts[done]):
                    last = done   # "Porirua East"
                postcode = _POSTCODE_AFTER.match(text, ends[last])   # "Te Atatū South 0610": the postcode is finer still
                results.append(self.span(starts[at], postcode.end() if postcode else ends[last], 0.6, "place after a residence cue"))
                done = last + 1 + (postcode is not None)
        return results

    def _place_at(self, keys: list[str], starts: list[int], ends: list[int], text: str, at: int) -> int:
        """How many words from `at` name a known place (longest first); 0 when none does, or the place begins a
        kept phrase ("Oranga Tamariki") or comes before an organisation word ("Porirua Hospital")."""
        for size in range(min(self._longest, len(keys) - at), 0, -1):
            words = tuple(keys[at:at + size])
            if words not in self._places or not all(self._joined(text, ends[i], starts[i + 1]) for i in range(at, at + size - 1)):
                continue
            if any(tuple(keys[at:at + len(kept)]) == kept for kept in self._kept):
                return 0
            after = at + size
            if after < len(keys) and keys[after] in self._stop_keys and self._joined(text, ends[after - 1], starts[after]):
                return 0
            return size
        return 0

    def _cued(self, keys: list[str], starts: list[int], ends: list[int], text: str, at: int) -> bool:
        """A residence cue ends right before word `at`, its words (and any gap's) in one clause."""
        if not at or not self._joined(text, ends[at - 1], starts[at], cue_end=True):
            return False
        for before, after in self._cues:
            first = at - len(after)
            if first < 0 or tuple(keys[first:at]) != after or not self._clause(text, starts, ends, first, at - 1):
                continue
            if not before:
                return True
            for gap in range(1, _GAP_WORDS + 1):
                head = first - gap - len(before)
                if head >= 0 and tuple(keys[head:head + len(before)]) == before and self._clause(text, starts, ends, head, first):
                    return True
        return False

    def _clause(self, text: str, starts: list[int], ends: list[int], first: int, last: int) -> bool:
        """Words `first` to `last` follow one another with only spaces between them (no comma or full stop)."""
        return all(self._joined(text, ends[i], starts[i + 1]) for i in range(first, last))

    @staticmethod
    def _joined(text: str, end: int, start: int, cue_end: bool = False) -> bool:
        """Only spaces between two words (between a cue and its place also a colon or dash: "address: Hornby")."""
        gap = text[end:start]
        return bool(gap) and (gap.isspace() or (cue_end and gap.strip() in (":", "-", "–")))
