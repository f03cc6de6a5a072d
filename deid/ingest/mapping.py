"""Match a provider's columns to standard fields by header and content together.

Every column is scored against every target (a standard field, or a part of one such as
an address's suburb) on two kinds of evidence: how its header reads against the target's
spellings in standards/fields.yaml (normalised, abbreviations spelt out, fuzzy), and how
its values fit the content the target expects (`profile.py`). One global assignment then
gives each column at most one target and each target at most one column (several for
multi-column fields such as Ethnicity 1..6), keeping a confidence and the evidence for
every decision. A steward-confirmed mapping for the provider fixes the columns it names.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from scipy.optimize import linear_sum_assignment

from deid.ingest.config import ProviderMapping
from deid.ingest.profile import CODES_SEEN, ColumnProfile, ContentProfiler, content_fit
from deid.ingest.readers import TWO_LANGUAGES
from deid.standardise.codes import TICK_WORDS, marks_as_words
from deid.standards import Standards, fold

LINEAGE_INPUT_COLUMNS = {"source_row", "source_shape"}
_LOST_LETTER = re.compile(r"(?<=[^\W\d_])[?\ufffd]|[?\ufffd](?=[^\W\d_])")   # a letter a wrong encoding lost
UNMAPPED_SCORE = 0.5        # a column maps to a target only when its score beats this
CONFIDENT_SCORE = 0.62      # below this a mapped column is uncertain (the file waits for a steward)
CONFIDENT_MARGIN = 0.06     # ... and when a second target scores within this of the chosen one
CLEAR_MARGIN = 0.15         # a lower score is still confident when no other target comes within this
KNOWN_HEADER_SCORE = 0.9    # a header this close to a target's spelling is a field name, safe to show
MAX_MULTI_COLUMNS = 12     # columns one multi-column field may take: the Census ethnicity question's 8 tick boxes and Other
EXACT_HEADER_SCORE = 0.95  # the header is one of the field's own spellings
NAME_FIELDS = {"full_name", "family_name", "given_names"}
HEADER_VETO = 0.3          # a header's spelling score when a word in it says 'not this field'
WHOLE_KEPT_SHARE = 0.8     # a whole field's column stays whole beside its parts when this share of its values are whole
EMPTY_PARTIAL_WEIGHT = 0.7  # an empty column is mapped on a header that only shares words with a field's name
VETOED_WEIGHT = 0.6        # a header word that says the column is someone else's (partner, baby) outweighs its values
PERSONAL_KINDS = {"email", "phone", "nhi", "ird", "birth_date"}   # a value each person has their own of
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
# Export prefixes that are not part of the field's name: survey question numbers ('Q7_session_date')
# and database table names ('tblClient.ClientCode', 'dbo.Clients.DOB').
_EXPORT_PREFIX = re.compile(r"^(?:[Qq]\d{1,3}[a-z]?[_.:)\-]\s*|(?:(?:tbl|qry|dbo|vw)\w*\.)+)")
_BRACKETS = re.compile(r"[\(\[\{][^\)\]\}]*[\)\]\}]")
# A column the file gave no heading, as the reader names it ('column_18', or 'column R (no heading)'): the name
# is the reader's, not the provider's, and says nothing about the column ('no' is not 'number').
BLANK_HEADING = re.compile(r"^column_\d+$|^column [A-Z]{1,3} \(no heading\)$")
CONFIRMED = "confirmed by a steward"   # the evidence of a column the provider's confirmed mapping decides
UNSCORED = f"no target scored above {UNMAPPED_SCORE}"   # ... and of a column no target's evidence reached
_NUMBERING = re.compile(r"(?:^\d+[.)]?\s+)|(?:\s*(?:no\.?|#)?\s*\d{1,2}$)")


@dataclass(frozen=True)
class Target:
    name: str
    kind: str | None          # content profile expected
    code_list: str | None
    spellings: tuple[str, ...]
    multi: bool
    order: int
    not_words: tuple[str, ...] = ()
    taken_when_alone: tuple[str, ...] = ()
    word_codes: str | None = None   # a number field's words for its numbers ('Attended' for 1 session)


@dataclass(frozen=True)
class ColumnMatch:
    """The decision for one column, with what it rests on (never a value from the column)."""

    header: str
    field: str | None
    method: str               # provider_mapping | header | content | header+content | unmatched
    confidence: float = 1.0
    candidates: tuple[tuple[str, float], ...] = ()   # best targets and their scores
    evidence: str = ""
    uncertain: bool = False
    header_known: bool = True  # the header reads as a field name (safe to quote in reports)
    index: int = 0


@dataclass(frozen=True)
class ColumnMapping:
    matches: tuple[ColumnMatch, ...]

    @property
    def mapped(self) -> dict[str, str]:
        return {m.header: m.field for m in self.matches if m.field}

    @property
    def dropped(self) -> tuple[str, ...]:
        return tuple(m.header for m in self.matches if not m.field)

    @property
    def uncertain(self) -> tuple[ColumnMatch, ...]:
        return tuple(m for m in self.matches if m.uncertain)


# --- headers -------------------------------------------------------------------------


def _singular(token: str) -> str:
    """A light stem, the same for headers and spellings: sessions/session, attended/attend."""
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if len(token) > 5 and token.endswith("ed"):
        token = token[:-2]
    return token


def _expand(text: str, abbreviations: dict[str, str]) -> str:
    tokens = text.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for width in (3, 2, 1):
            key = " ".join(tokens[i:i + width])
            if len(tokens[i:i + width]) == width and key in abbreviations:
                out.append(abbreviations[key])
                i += width
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(_singular(t) for t in " ".join(out).split())


class HeaderMatcher:
    """Scores a header against targets' spellings; cached because headers repeat across files."""

    def __init__(self, standards: Standards):
        spec = standards.fields
        self.abbreviations = {fold(k): fold(v) for k, v in spec.header_abbreviations.items()}
        # (stemmed as header words are: 'this' is 'thi' in a normalised header)
        self.filler = {_singular(fold(w)) for w in spec.header_filler_words}
        self.targets = build_targets(standards)
        self.header_hint = frozenset(header_synonyms(standards))   # folded spellings that mark a header row
        self._cache: dict[str, dict[str, float]] = {}
        self._normalised: dict[str, str] = {}
        self.use_content = True   # content evidence on; switched off only to measure what it adds
        self.spellings = {t.name: tuple(dict.fromkeys(self.normalise(s) for s in t.spellings)) for t in self.targets}
        self._spelling_words = {name: tuple(s.split() for s in spellings) for name, spellings in self.spellings.items()}
        # Each spelling word, and the spellings (target, position) that have it: a header form is scored only
        # against spellings sharing a word with it (any other scores 0), from each header word's matches.
        self._spelled_in: dict[str, list[tuple[str, int]]] = {}
        for name, spellings_words in self._spelling_words.items():
            for position, words in enumerate(spellings_words):
                for word in dict.fromkeys(words):
                    self._spelled_in.setdefault(word, []).append((name, position))
        self._word_matches: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        lists = {**{n: len(c.codes) for n, c in standards.code_lists.code_lists.items()}, "gender": len(standards.gender.codes)}
        self.parts_of: dict[str, tuple[str, ...]] = {}
        for part in standards.fields.parts:
            self.parts_of[part.part_of] = (*self.parts_of.get(part.part_of, ()), part.name)
        self.binary_lists = {n for n, size in lists.items() if size <= 2}
        self.binary_code_fields = {t.name for t in self.targets if t.code_list and lists.get(t.code_list, 3) <= 2}
        self.not_words = {t.name: tuple(f" {self.normalise(w)} " for w in t.not_words) for t in self.targets}
        self.ethnicity_labels = ethnicity_labels(standards)
        self.ethnicity_field_words = ethnicity_field_words(standards)
        self.tick_answers = tick_answers(standards)
        rule = spec.client_is_a_child
        self.child_fields = frozenset(rule.fields) if rule else frozenset()
        self.child_words = frozenset(self.normalise(w) for w in rule.child_words) if rule else frozenset()
        self.adult_words = frozenset(self.normalise(w) for w in rule.adult_words) if rule else frozenset()
        # Fields a table cannot go without (each group: one of them): a column whose header word says
        # 'someone else' may still be the only one there is ('Child's name' where the child is the client).
        self.needed_groups: tuple[frozenset[str], ...] = (
            *(frozenset({f.name}) for f in spec.fields if f.required and f.derive is None),
            *(frozenset(g.fields) for g in spec.any_of if g.severity == "blocking"),
        )

    def normalise(self, text: str) -> str:
        """Folded, with export prefixes dropped, CamelCase split and abbreviations expanded (cached)."""
        if (done := self._normalised.get(text)) is None:
            bare = _CAMEL.sub(" ", _EXPORT_PREFIX.sub("", text.strip()))  # database exports: DateOfBirth, ClientNo
            done = self._normalised[text] = _expand(fold(bare.replace("#", " number ").replace("&", " and ").replace("%", " percent ")), self.abbreviations)
        return done

    def forms(self, header: str) -> list[tuple[str, float]]:
        """Readings of a header with the weight each deserves: as written, without brackets or
        numbering, and without filler words."""
        whole = self.normalise(header)
        bare = self.normalise(_NUMBERING.sub(" ", _BRACKETS.sub(" ", header)).strip()) or whole
        forms = [(whole, 1.0), (bare, 1.0 if bare == whole else 0.98)]  # 'Address 2' is more than 'Address'
        for gloss in _BRACKETS.findall(header):  # 'Hingoa Fakafāmili (Surname)': a gloss in brackets
            text = self.normalise(gloss.strip("()[]{} "))
            if text and not any(ch.isdigit() for ch in text):
                forms.append((text, -0.95))  # negative weight: counts only when it is a spelling exactly
        halves = TWO_LANGUAGES.split(header)
        if len(halves) > 1:   # 'Ingoa / Name', 'पहला नाम / First name': each language's half read on its own
            forms.extend((text, 0.97) for half in halves if (text := self.normalise(half)))
        unfilled = " ".join(t for t in bare.split() if t not in self.filler)
        if unfilled and unfilled != bare:
            forms.append((unfilled, 0.92))
        if _LOST_LETTER.search(header):   # 'R? wh?nau': a macron vowel lost to a wrong encoding, each vowel tried
            forms.extend((text, 0.96) for text in self._with_vowels(header))
        return forms

    def _with_vowels(self, header: str) -> list[str]:
        """The header with each letter a wrong encoding turned into '?' or '\ufffd' read as each vowel (at most three
        such letters: 125 readings); the readings that differ from the header's own."""
        parts = _LOST_LETTER.split(header)
        if len(parts) > 4:
            return []
        readings = ("".join(p + v for p, v in zip(parts, (*vowels, ""), strict=True))
                    for vowels in itertools.product("aeiou", repeat=len(parts) - 1))
        return sorted({text for r in readings if (text := self.normalise(r))} - {self.normalise(header)})

    def scores(self, header: str) -> dict[str, float]:
        """Header score per target, cached per matcher: a run's files repeat their headers."""
        if header not in self._cache and BLANK_HEADING.match(header):
            self._cache[header] = dict.fromkeys((t.name for t in self.targets), 0.0)
        if header not in self._cache:
            forms = [(form, weight, tokens, self._form_matches(tokens))
                     for form, weight in self.forms(header) if (tokens := form.split())]
            self._cache[header] = {t.name: self._score(header, t.name, forms) for t in self.targets}
        return self._cache[header]

    def _word_sets(self, token: str) -> tuple[frozenset[str], frozenset[str]]:
        """The spelling words a header word matches (`_token_match(token, ...)`) and those that match it
        (`_token_match(word, [token, ...])`), once per header word."""
        found = self._word_matches.get(token)
        if found is None:
            found = self._word_matches[token] = (
                frozenset(w for w in self._spelled_in if _words_match(token, w)),
                frozenset(w for w in self._spelled_in if _words_match(w, token)))
        return found

    def _form_matches(self, tokens: list[str]) -> tuple[list[frozenset[str]], frozenset[str], dict[str, set[int]]]:
        """For a header form: each of its words' matches, the spelling words matched by one of its words,
        and the spellings (target -> positions) that have such a word: the only ones it can score against."""
        sets = [self._word_sets(token) for token in tokens]
        spelled = frozenset().union(*(matching for _, matching in sets))
        candidates: dict[str, set[int]] = {}
        for word in spelled:
            for name, position in self._spelled_in[word]:
                candidates.setdefault(name, set()).add(position)
        return [matched for matched, _ in sets], spelled, candidates

    def _score(self, header: str, target: str,
               forms: list[tuple[str, float, list[str], tuple[list[frozenset[str]], frozenset[str], dict[str, set[int]]]]]) -> float:
        best = 0.0
        spellings, spelling_words = self.spellings[target], self._spelling_words[target]
        for form, weight, tokens, (matched, spelled, candidates) in forms:
            for position in candidates.get(target, ()):   # a spelling sharing no word with the form scores 0
                spelling, words = spellings[position], spelling_words[position]
                if weight < 0:
                    score = 1.0 if form == spelling else 0.0
                else:
                    score = 1.0 if form == spelling else _similarity(tokens, words, matched, spelled)
                best = max(best, score * abs(weight))
        if self.vetoed(header, target):
            best *= HEADER_VETO   # 'Baby's date of birth', 'Exit date': a spelling of the field, but something else
        return min(best, 1.0)

    def vetoed(self, header: str, target: str) -> bool:
        """Whether the header has a word that says the column is not this target (whatever its values)."""
        return bool(self.veto_words(header, target))

    def header_words(self, header: str, words: frozenset[str]) -> frozenset[str]:
        """Which of `words` the header has (as whole words, after normalising)."""
        padded = f" {self.normalise(header)} "
        return frozenset(w for w in words if f" {w} " in padded)

    def veto_words(self, header: str, target: str) -> frozenset[str]:
        """The header's words that say the column is not this target ('child' in 'Child DOB'); none when
        the header is one of the target's own spellings ('Appointment start' for the service date)."""
        padded = f" {self.normalise(header)} "
        found = frozenset(word.strip() for word in self.not_words[target] if word in padded)
        # the whole header (not a half or a part) spelled as the field's own; words naming whose it is
        # (a child, a parent) keep their veto: the client-is-a-child rules decide those
        if found and not found & (self.child_words | self.adult_words) and self.normalise(header) in self.spellings[target]:
            return frozenset()
        return found


def tick_answers(standards: Standards) -> frozenset[str]:
    """Folded answers a tick box is filled with: the consent list's yes and no spellings (Yes, Y, True, 1,
    No, False, 0 ...), tick and cross marks (as the words `marks_as_words` makes of them) and `TICK_WORDS`."""
    consent = standards.code_lists.code_lists.get("consent")
    spellings = [s for code in (consent.codes if consent else ()) for s in (code.code, code.label, *code.synonyms)]
    return frozenset(fold(s) for s in (*spellings, *TICK_WORDS)) - {""}


def ticks_only(values: pl.Series, answers: frozenset[str], most: int = 8) -> bool:
    """Whether a column holds tick-box answers and nothing else (blank cells aside): a few distinct
    values, each a tick, a cross, a yes or a no ('✓', 'x', 'TRUE', 'Y')."""
    distinct = values.cast(pl.Utf8).drop_nulls().str.strip_chars().unique()
    if distinct.len() > most + 1:
        return False
    folded = {fold(marks_as_words(v)) for v in distinct.to_list()} - {""}
    return bool(folded) and folded <= answers


def tick_box_group(header: str, labels: frozenset[str], field_words: frozenset[str] = frozenset()) -> str | None:
    """The ethnic group a tick-box column is headed with ('Samoan', 'Cook Islands Māori (tick)': the
    header without its bracketed note; 'Ethnicity - Fijian', 'Eth_Niuean': without the field's own name
    before or after it, `field_words`), or None when the header names no group (`ethnicity_labels`)."""
    group = _BRACKETS.sub(" ", header).strip()
    folded = fold(group)
    if folded in labels:
        return group
    for word in sorted(field_words, key=len, reverse=True):
        for bare in (folded.removeprefix(f"{word} "), folded.removesuffix(f" {word}")):
            if bare != folded and bare in labels:
                return bare
    return None


def ethnicity_field_words(standards: Standards) -> frozenset[str]:
    """Folded names of the ethnicity field itself ('ethnicity', 'ethnic group', 'eth'), that a tick-box
    header may carry beside its group's name."""
    field = next((f for f in standards.fields.fields if f.profile == "ethnicity"), None)
    names = (field.name, *field.synonyms) if field else ()
    return frozenset(fold(n) for n in names if fold(n) and not any(ch.isdigit() for ch in n))


def ethnicity_labels(standards: Standards) -> frozenset[str]:
    """Folded names of ethnic groups (level-1 and level-2 labels and their synonyms; not bare codes,
    and not the residual categories such as 'Not stated', which name no group)."""
    spec = standards.ethnicity
    residual = {g.code for g in spec.level1 if g.key == "residual"}
    names = [*(g.label for g in spec.level1 if g.code not in residual),
             *(s for item in spec.level2 if item.level1 not in residual for s in (item.label, *item.synonyms))]
    return frozenset(key for key in (fold(n).strip() for n in names) if key and not key.isdigit())


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=4096)
def consonant_skeleton(word: str) -> str:
    """A word without its vowels and doubled letters: how clerks shorten headers ('Cnsnt', 'Prgrm',
    'Rfrl' for consent, programme, referral)."""
    return _DOUBLED.sub(r"\1", word[:1] + _VOWELS.sub("", word[1:]))   # the first letter stays: 'Eml', 'Adrs'


def _skeleton_match(token: str, other: str) -> bool:
    """A vowel-less abbreviation of three or more letters and a longer word it is the skeleton of."""
    if len(token) >= 3 and token.isalpha() and not _VOWELS.search(token[1:]):
        return len(other) > len(token) + 1 and consonant_skeleton(other) == _DOUBLED.sub(r"\1", token)
    return (len(token) > len(other) + 1 and len(other) >= 3 and other.isalpha() and not _VOWELS.search(other[1:])
            and consonant_skeleton(token) == other)


@lru_cache(maxsize=1 << 18)
def _words_match(token: str, other: str) -> bool:
    """The same word, one typo away in a longer word (a swap counts as one: 'consnet'), or its
    vowel-less abbreviation ('cnsnt'). Cached: a run's headers share their words, and the spellings theirs."""
    if token == other or _skeleton_match(token, other):
        return True
    if len(token) < 5:
        return False
    allowed = 2 if len(token) >= 9 else 1
    return len(other) >= 5 and (fuzz.ratio(token, other) >= 88 or OSA.distance(token, other) <= allowed)


def _token_match(token: str, others: list[str]) -> bool:
    """Whether `token` matches one of `others` (`_words_match`)."""
    return any(_words_match(token, other) for other in others)


def token_similarity(header: list[str], spelling: list[str]) -> float:
    """Word overlap between a header and a spelling (typos forgiven in longer words): all of
    the spelling's words and few others score high; a header word merely shared scores low."""
    found = sum(_token_match(t, header) for t in spelling)
    if not found:
        return 0.0
    cover_spelling = found / len(spelling)
    cover_header = sum(_token_match(t, spelling) for t in header) / len(header)
    score = 0.55 * cover_spelling + 0.35 * cover_header
    if cover_spelling == 1.0:
        score += 0.08
    return score


def _similarity(header: list[str], spelling: list[str], matched: list[frozenset[str]], spelled: frozenset[str]) -> float:
    """`token_similarity(header, spelling)` from the header words' matches (`matched[i]`: the spelling words
    header word i matches; `spelled`: the spelling words one of the header's words matches)."""
    found = sum(word in spelled for word in spelling)
    if not found:
        return 0.0
    cover_spelling = found / len(spelling)
    cover_header = sum(not words.isdisjoint(spelling) for words in matched) / len(header)
    score = 0.55 * cover_spelling + 0.35 * cover_header
    if cover_spelling == 1.0:
        score += 0.08
    return score


def build_targets(standards: Standards) -> tuple[Target, ...]:
    targets = [Target(spec.name, spec.profile, spec.code_list, (spec.name.replace("_", " "), *spec.synonyms), spec.multi_column, i,
                      spec.not_words, spec.taken_when_alone, spec.word_codes) for i, spec in enumerate(standards.fields.fields)]
    offset = len(targets)
    targets += [Target(part.name, part.profile, None, (part.name.replace("_", " "), *part.synonyms), False, offset + i,
                       part.not_words) for i, part in enumerate(standards.fields.parts)]
    return tuple(targets)


def header_synonyms(standards: Standards) -> dict[str, str]:
    """Folded header spelling -> target: used to find the header row among title rows."""
    lookup: dict[str, str] = {}
    for target in build_targets(standards):
        for spelling in target.spellings:
            lookup.setdefault(fold(spelling), target.name)
    return lookup


# --- content and decision ------------------------------------------------------------

# Content that identifies a field on its own, whatever the header says (an NHI column is an NHI
# column). Other content (names, categories, counts) only confirms or contradicts a header.
CONTENT_ALONE_KINDS = {"nhi", "ird", "email", "phone", "birth_date", "address", "ethnicity", "free_text", "code"}
DATE_KINDS = {"event_date", "start_date", "postcode", "street"}


def combine(header: float, content: float | None, kind: str | None, binary_codes: bool = False,
            not_text: bool = False) -> float:
    """One score from header and content evidence (0..1)."""
    if content is None:
        return 0.88 * header
    if kind in CONTENT_ALONE_KINDS or kind in DATE_KINDS:
        score = 0.6 * header + 0.4 * content
        if kind in CONTENT_ALONE_KINDS and not binary_codes and content >= 0.85:
            score = max(score, 0.45 + 0.3 * content)
    else:
        score = header * (0.72 + 0.28 * content)
    if content < 0.15 and (kind != "free_text" or not_text):
        score *= 0.6          # the values contradict the header (any text can be a note, however short)
    return score


def mask_value(value: str, keep: int = 24) -> str:
    """A value's shape without its content: letters become x/X, digits 9."""
    shape = "".join("X" if ch.isupper() else "x" if ch.isalpha() else "9" if ch.isdigit() else ch for ch in value[:keep])
    return shape + ("…" if len(value) > keep else "")


def describe_header_shape(header: str) -> str:
    """What stewards see of a header that is not a field name: its shape, never its text."""
    looks = ""
    if "@" in header:
        looks = ", looks like an email"
    elif sum(ch.isdigit() for ch in header) >= 6:
        looks = ", looks like a number or identifier"
    elif len(header.split()) >= 6:
        looks = ", looks like a sentence"
    return f"text, {len(header)} characters{looks}"


def map_columns(frame: pl.DataFrame, standards: Standards, confirmed: ProviderMapping | None,
                profiler: ContentProfiler | None = None, matcher: HeaderMatcher | None = None,
                groups: dict[str, str] | None = None) -> ColumnMapping:
    """Decide the target of every column (see the module docstring).

    Args:
        frame: the file's columns as text, headed as in the file.
        standards: the standards (targets, spellings, code lists).
        confirmed: the provider's steward-confirmed mapping, whose columns are fixed.
        profiler: a content profiler for the quarter (content evidence is skipped without one).
        matcher: a header matcher to reuse across files.
        groups: labels of a merged header row above the columns ('Scores' over 'Start', 'End').
    """
    matcher = matcher or HeaderMatcher(standards)
    targets = matcher.targets
    headers = [h for h in frame.columns if h not in LINEAGE_INPUT_COLUMNS]
    fixed = {fold(h): f for h, f in (confirmed.columns.items() if confirmed else [])}
    decided: dict[int, ColumnMatch] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        if fold(header) in fixed:
            target = fixed[fold(header)]
            decided[index] = ColumnMatch(header, target, "provider_mapping" if target else "unmatched", 1.0, (),
                                         CONFIRMED, False, True, index)
            if target:
                taken.add(target)
    for index, tool in survey_tool_columns(headers, standards).items():
        if index not in decided:
            decided[index] = ColumnMatch(headers[index], None, "unmatched", 1.0, (),
                                         f"a column {tool} adds to every response (about the response, not the person)",
                                         False, True, index)
    open_columns = [i for i in range(len(headers)) if i not in decided]
    open_targets = [t for t in targets if t.multi or t.name not in taken]
    if open_columns and open_targets:
        decided.update(_assign(frame, headers, open_columns, open_targets, matcher, profiler, groups or {}))
    return ColumnMapping(tuple(decided[i] for i in range(len(headers))))


def survey_tool_columns(headers: list[str], standards: Standards) -> dict[int, str]:
    """Columns a survey tool wrote about the response ('Respondent ID', 'Start Date' in a SurveyMonkey
    export), by index, when one of the tool's marker headers shows the file is its export."""
    folded = [fold(h) for h in headers]
    present = set(folded)
    found: dict[int, str] = {}
    for tool in standards.fields.survey_tools:
        if present & {fold(m) for m in tool.markers}:
            own = {fold(c) for c in tool.columns}
            found.update({i: tool.tool for i, h in enumerate(folded) if h in own and i not in found})
    return found


def _assign(frame: pl.DataFrame, headers: list[str], columns: list[int], targets: list[Target],
            matcher: HeaderMatcher, profiler: ContentProfiler | None, groups: dict[str, str]) -> dict[int, ColumnMatch]:
    n_cols, n_targets = len(columns), len(targets)
    scores = np.zeros((n_cols, n_targets))
    header_scores = np.zeros((n_cols, n_targets))
    profiles: list[ColumnProfile | None] = []
    unvetoed: dict[tuple[int, int], float] = {}   # (column, target) -> score before its header's veto
    binary = matcher.binary_code_fields
    if profiler and matcher.use_content:
        profiler.warm(frame.get_column(headers[index]) for index in columns)
    for row, index in enumerate(columns):
        by_header = matcher.scores(headers[index])
        # (a column with no heading has none: the group label above it may only be carried over from the one before)
        if headers[index] in groups and not BLANK_HEADING.match(headers[index]):  # 'Start' under 'Wellbeing score' reads as 'Wellbeing score Start'
            # A gloss in the group's brackets ('Tagata (Client)') describes the group, not this column.
            group = TWO_LANGUAGES.sub(" ", _BRACKETS.sub(" ", groups[headers[index]])).strip()
            grouped = matcher.scores(f"{group} {headers[index]}")
            if max(grouped.values()) >= 0.9:  # the group makes it a known spelling: 'Name' under 'Programme'
                by_header = {name: 0.97 * score for name, score in grouped.items()}
            else:
                # The group's own words ('Service' over 'Exit status') name the group, not the column: they
                # count for a target only where the column's header already points at it, or says nothing.
                says_nothing = max(by_header.values()) < 0.3
                by_header = {name: max(score, 0.97 * grouped[name]) if score > 0 or says_nothing else score
                             for name, score in by_header.items()}
        profile = profiler.profile(frame.get_column(headers[index])) if profiler and matcher.use_content else None
        profiles.append(profile)
        # Yes/no values, or one value repeated, say too little for content alone to name the field.
        yes_no = profile is not None and any(profile.share(f"code:{name}") >= 0.9 for name in matcher.binary_lists)
        constant = profile is not None and profile.values >= 5 and profile.distinct_share * profile.values <= 1
        not_text = profile is not None and max(profile.share("date"), profile.share("integer")) >= 0.8
        # A tick-box column per ethnic group ('Samoan', ticked or blank) is an ethnicity column.
        tick_box = tick_box_group(headers[index], matcher.ethnicity_labels, matcher.ethnicity_field_words) is not None and (
            profile is None or yes_no or profile.distinct_share * profile.values <= 2)
        # Its values are ticks ('✓', 'x', 'TRUE', 'Y'), not ethnicity responses: the header says which group.
        ticks = tick_box and (yes_no or ticks_only(frame.get_column(headers[index]), matcher.tick_answers))
        for col, target in enumerate(targets):
            ticked = tick_box and target.kind == "ethnicity"
            h = max(by_header[target.name], KNOWN_HEADER_SCORE) if ticked else by_header[target.name]
            c = content_fit(profile, target.kind, target.code_list, target.word_codes) if profile and target.kind else None
            if ticked and ticks:
                c = None   # 'Yes' in a 'Māori' column is a tick, not a stated ethnicity: the header says which
            header_scores[row, col] = h
            if target.kind == "identifier" and c is not None and h >= KNOWN_HEADER_SCORE and profile is not None:
                c = max(c, 0.5 * profile.share("_sequence"))  # 'Client #' numbered 1001, 1002 ...: still the client's number
            vetoed = matcher.vetoed(headers[index], target.name)  # a partner's phone is not the client's
            score = combine(h, c, target.kind, (target.name in binary or yes_no or constant or vetoed) and not ticked, not_text)
            if profile is not None and profile.values == 0 and h < KNOWN_HEADER_SCORE:
                score *= EMPTY_PARTIAL_WEIGHT   # an empty column whose header only shares a word ('Name' ~ street name)
            if ticks and not ticked:
                score *= VETOED_WEIGHT   # ticks under a group's name ('x' in 'Tokelauan') are not another field's codes
            if constant and target.kind in PERSONAL_KINDS:
                score *= VETOED_WEIGHT   # one email repeated down the column is the form's owner, not each person's
            # The header says whose it is: phone-like values in 'Partner's phone' do not make it the client's.
            scores[row, col] = score * VETOED_WEIGHT if vetoed else score
            if vetoed:  # as it would score if the header's 'someone else' word were not there
                unvetoed[(row, col)] = combine(min(1.0, h / HEADER_VETO), c, target.kind,
                                               target.name in binary or yes_no or constant, not_text)
    slot_target, rows, slots = _solve(scores, targets)
    veto_words = {cell: matcher.veto_words(headers[columns[cell[0]]], targets[cell[1]].name) for cell in unvetoed}
    as_vetoed = scores.copy()
    relaxed = _needed_from_vetoed(scores, unvetoed, slot_target, rows, slots, targets, matcher.needed_groups, veto_words)
    alone = _alone_from_vetoed(scores, unvetoed, slot_target, rows, slots, targets, veto_words, relaxed)
    if relaxed or alone:
        for cell in relaxed | alone:
            scores[cell] = unvetoed[cell]
        slot_target, rows, slots = _solve(scores, targets)
    child_client = _client_is_a_child(headers, columns, profiles, targets, slot_target, rows, slots, matcher)
    if child_client:   # start again from the vetoes as the headers gave them, read for a child client
        scores = as_vetoed
        _score_for_a_child_client(scores, unvetoed, veto_words, headers, columns, targets, matcher)
        relaxed = set()
        slot_target, rows, slots = _solve(scores, targets)
        alone = _alone_from_vetoed(scores, unvetoed, slot_target, rows, slots, targets, veto_words, relaxed)
        if alone:
            for cell in alone:
                scores[cell] = unvetoed[cell]
            slot_target, rows, slots = _solve(scores, targets)
    column_of = {t.name: c for c, t in enumerate(targets)}
    owner_score = {targets[slot_target[slot]].name: (int(row), float(scores[row, slot_target[slot]]))
                   for row, slot in zip(rows, slots, strict=True)
                   if slot < len(slot_target) and not targets[slot_target[slot]].multi}
    decided: dict[int, ColumnMatch] = {}
    for row, slot in zip(rows, slots, strict=True):
        index = columns[row]
        ranked = sorted(((targets[c].name, float(scores[row, c])) for c in range(n_targets)), key=lambda kv: -kv[1])
        candidates = tuple((name, round(score, 3)) for name, score in ranked[:3])
        known = float(header_scores[row].max()) >= KNOWN_HEADER_SCORE
        profile = profiles[row]
        content_note = profile.describe() if profile else "content not profiled"
        if profile is not None and profile.status_words >= 0.5:
            content_note += f"; {profile.status_words:.0%} words for a state or an answer (not names)"
        if slot >= len(slot_target):
            best = ranked[0][1]
            decided[index] = ColumnMatch(headers[index], None, "unmatched", round(1 - best, 3), candidates,
                                         f"{UNSCORED}; {content_note}", False, known, index)
            continue
        col = slot_target[slot]
        target = targets[col]
        score = float(scores[row, col])
        h = float(header_scores[row, col])
        rival_name, rival = next(((name, s) for name, s in ranked
                                  if name != target.name and not _taken_elsewhere(name, row, col, scores, column_of,
                                                                                   owner_score)), ("", 0.0))
        method = "header+content" if h >= 0.6 and profile and profile.values >= 3 else "header" if h >= 0.6 else "content"
        uncertain = score - rival < CONFIDENT_MARGIN or (score < CONFIDENT_SCORE and score - rival < CLEAR_MARGIN)
        rival_header = float(header_scores[row, column_of[rival_name]]) if rival_name else 0.0
        if uncertain and h >= EXACT_HEADER_SCORE and rival_header < KNOWN_HEADER_SCORE and score > UNMAPPED_SCORE:
            uncertain = False   # 'Family name' is the field's own name; a rival that only shares a word does not outweigh it
        evidence = f"header ~ {target.name} {h:.2f}; {content_note}"
        if target.code_list and profile is not None and (seen := profile.codes_seen.get(target.code_list, (0, 0.0))[0]) >= CODES_SEEN:
            evidence += f"; its values spell {seen} of the {target.code_list} list's codes"
        if child_client and target.name in matcher.child_fields:
            evidence += "; the child is the client: the file's birth dates for the client are a child's"
        if (row, col) in alone:
            evidence += f"; the only column for {target.name}, although its header names someone else"
        if (row, col) in relaxed:
            evidence += f"; the only column for {target.name}, although its header names someone else"
            # The only name column being the child's makes the child the client; a child's birth date
            # beside an unvetoed name ('Baby's DOB' next to the parent's name) is a steward's call.
            uncertain = uncertain or not any(targets[c].name in NAME_FIELDS for _, c in relaxed)
        decided[index] = ColumnMatch(headers[index], target.name, method, round(score, 3), candidates, evidence,
                                     uncertain, known, index)
    decided = settle_pairs_by_order(decided, matcher.targets)
    decided = pair_scores_by_header(decided, columns, profiles, matcher)
    decided = lone_wellbeing_score(decided, columns, profiles, matcher)
    decided = given_names_beside_family_name(decided, columns, profiles)
    decided = second_person_beside_name_parts(decided, scores, columns, targets, profiles)
    return relabel_split_whole(decided, scores, columns, targets, matcher.parts_of, profiles)


def _taken_elsewhere(name: str, row: int, col: int, scores: npt.NDArray[np.float64], column_of: dict[str, int],
                     owner_score: dict[str, tuple[int, float]]) -> bool:
    """A rival field another column holds clearly better (or whose parts other columns hold) cannot be
    this column's: 'Parent/Guardian' beside 'Name' or 'First name' and 'Last name' is not torn
    between the caregiver and the client's name. Two columns that could as well swap their fields
    ('Score', 'Score (2)') stay torn."""
    owner = owner_score.get(name)
    if owner is not None and owner[0] != row:
        rival = column_of[name]
        swap_loss = scores[row, col] + owner[1] - scores[row, rival] - scores[owner[0], col]
        return bool(swap_loss >= CLEAR_MARGIN)
    if name == "full_name":
        return "family_name" in owner_score and owner_score["family_name"][0] != row
    return False


def _solve(scores: np.ndarray, targets: list[Target]) -> tuple[list[int], np.ndarray, np.ndarray]:
    """One target per column by a global assignment: slots are one per target, several for
    multi-column targets, and one "not needed" per column."""
    n_cols = scores.shape[0]
    slot_target = [col for col, t in enumerate(targets) for _ in range(min(n_cols, MAX_MULTI_COLUMNS) if t.multi else 1)]
    gain = np.full((n_cols, len(slot_target) + n_cols), -1.0)
    for s, col in enumerate(slot_target):
        # A tiny preference for keeping the file's column order among equal scores (Score 1 / Score 2).
        order = 1e-3 * (np.arange(n_cols) / max(n_cols, 1)) * (targets[col].order / 64)
        gain[:, s] = np.where(scores[:, col] > UNMAPPED_SCORE, scores[:, col] + order, -1.0)
    gain[np.arange(n_cols), len(slot_target) + np.arange(n_cols)] = UNMAPPED_SCORE
    rows, slots = linear_sum_assignment(-gain)
    return slot_target, rows, slots


def _needed_from_vetoed(scores: np.ndarray, unvetoed: dict[tuple[int, int], float], slot_target: list[int],
                        rows: np.ndarray, slots: np.ndarray, targets: list[Target],
                        needed_groups: tuple[frozenset[str], ...],
                        veto_words: dict[tuple[int, int], frozenset[str]]) -> set[tuple[int, int]]:
    """Vetoed (column, target) cells to lift: for a needed field left without a column, the best
    unassigned column whose header alone vetoed it ('Child DOB' in a file about children).

    Once the person a word names is the client ('child' in 'Child DOB'), the same word names the
    client in the file's other columns too: 'Child's name' is the client's name, even beside an NHI."""
    assigned = {targets[slot_target[slot]].name for slot in slots if slot < len(slot_target)}
    needed = frozenset().union(*needed_groups)
    # A column is free for a needed field when it holds nothing, or only a field the record can go
    # without ('Name (preferred)' first taken as a caregiver's name in a file with no other name).
    free_rows = {int(row) for row, slot in zip(rows, slots, strict=True)
                 if slot >= len(slot_target) or targets[slot_target[slot]].name not in needed}
    lifted: set[tuple[int, int]] = set()
    for group in needed_groups:
        if group & assigned:
            continue
        options = [(score, cell) for cell, score in unvetoed.items()
                   if cell[0] in free_rows and targets[cell[1]].name in group and score > UNMAPPED_SCORE
                   and score >= max(scores[cell[0]])]   # nothing else claims the column more
        if options:
            best = max(options)[1]
            lifted.add(best)
            free_rows.discard(best[0])
            assigned.add(targets[best[1]].name)
    client_words = frozenset().union(*(veto_words[cell] for cell in lifted)) if lifted else frozenset()
    if client_words:
        options = sorted(((score, cell) for cell, score in unvetoed.items()
                          if cell[0] in free_rows and targets[cell[1]].name not in assigned and score > UNMAPPED_SCORE
                          and veto_words[cell] <= client_words and score >= max(scores[cell[0]])), reverse=True)
        for _, cell in options:
            if cell[0] in free_rows and targets[cell[1]].name not in assigned:
                lifted.add(cell)
                free_rows.discard(cell[0])
                assigned.add(targets[cell[1]].name)
    return lifted


def _client_is_a_child(headers: list[str], columns: list[int], profiles: list[ColumnProfile | None], targets: list[Target],
                       slot_target: list[int], rows: np.ndarray, slots: np.ndarray, matcher: HeaderMatcher) -> bool:
    """Whether the rows are children's records with an adult beside (a well-child export, an
    early-learning register): the birth dates the file has for the client are a child's (in a column
    naming the child, or the one taken as the date of birth), and no name column is unqualified
    (a plain 'Name' beside a 'Child DOB' is the parent's name in a parenting programme)."""
    if not matcher.child_words:
        return False
    field_of = {int(row): targets[slot_target[slot]].name for row, slot in zip(rows, slots, strict=True) if slot < len(slot_target)}
    child_births = False
    first_named: frozenset[str] | None = None   # whose details the record leads with
    for row, index in sorted(enumerate(columns), key=lambda pair: pair[1]):
        profile = profiles[row]
        words = matcher.header_words(headers[index], matcher.child_words | matcher.adult_words)
        if field_of.get(row) in NAME_FIELDS and not words:
            return False   # the client's own name column says whose it is: nobody else's
        personal = profile is not None and max(profile.share("name_like"), profile.share("date"), profile.share("nhi")) >= 0.6
        if words and first_named is None and personal:
            first_named = words
        young = profile is not None and profile.share("date") >= 0.8 and profile.share("_child_birth") >= 0.6
        if young and (words & matcher.child_words or (field_of.get(row) == "date_of_birth" and not words)):
            child_births = True
    # A record leads with its client: 'Mum's name' before 'Baby's DOB' is the mother's record.
    return child_births and first_named is not None and bool(first_named & matcher.child_words) \
        and not first_named & matcher.adult_words


def _score_for_a_child_client(scores: npt.NDArray[np.float64], unvetoed: dict[tuple[int, int], float],
                              veto_words: dict[tuple[int, int], frozenset[str]], headers: list[str], columns: list[int],
                              targets: list[Target], matcher: HeaderMatcher) -> None:
    """With the child as the client, child words no longer veto the client's identity fields and
    adult words do: 'Child name' is the client's name, and 'Parent name' the caregiver's."""
    for (row, col), before in unvetoed.items():
        if targets[col].name in matcher.child_fields and veto_words[(row, col)] <= matcher.child_words:
            scores[row, col] = before
    names = [c for c, t in enumerate(targets) if t.name in NAME_FIELDS]
    caregiver = next((c for c, t in enumerate(targets) if t.name == "caregiver_name"), None)
    for row, index in enumerate(columns):
        if matcher.header_words(headers[index], matcher.adult_words):
            if caregiver is not None and names:
                scores[row, caregiver] = max(scores[row, caregiver], max(scores[row, c] for c in names))
            for col, target in enumerate(targets):
                if target.name in matcher.child_fields and (row, col) not in unvetoed:
                    scores[row, col] *= VETOED_WEIGHT


def _alone_from_vetoed(scores: np.ndarray, unvetoed: dict[tuple[int, int], float], slot_target: list[int],
                       rows: np.ndarray, slots: np.ndarray, targets: list[Target],
                       veto_words: dict[tuple[int, int], frozenset[str]], lifted: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Vetoed (column, target) cells to lift because no other column holds the target and the
    header's only 'someone else' words are ones the field lets give way (`taken_when_alone`):
    'Parent/Caregiver Phone' as the only phone column is the family's contact number."""
    assigned = {targets[slot_target[slot]].name for slot in slots if slot < len(slot_target)} | {targets[c].name for _, c in lifted}
    free_rows = {int(row) for row, slot in zip(rows, slots, strict=True) if slot >= len(slot_target)} - {r for r, _ in lifted}
    chosen: set[tuple[int, int]] = set()
    for col, target in enumerate(targets):
        if not target.taken_when_alone or target.name in assigned:
            continue
        giving_way = frozenset(target.taken_when_alone)
        options = [(score, cell) for cell, score in unvetoed.items()
                   if cell[1] == col and cell[0] in free_rows and score > UNMAPPED_SCORE
                   and veto_words[cell] <= giving_way and score >= max(scores[cell[0]])]
        if options:
            best = max(options)[1]
            chosen.add(best)
            free_rows.discard(best[0])
    return chosen


def settle_pairs_by_order(decided: dict[int, ColumnMatch], targets: tuple[Target, ...]) -> dict[int, ColumnMatch]:
    """Two columns torn between the same two scores ('Score in' / 'Score out', 'Score 1' / 'Score 2')
    are told apart by column order, start before end, as providers write them."""
    order = {t.name: t.order for t in targets}
    scores = {t.name for t in targets if t.kind == "score"}
    by_field = {m.field: m for m in decided.values() if m.field in scores}
    for match in [m for m in decided.values() if m.uncertain and m.field in scores and len(m.candidates) >= 2]:
        pair = {match.candidates[0][0], match.candidates[1][0]}
        other = by_field.get(next(iter(pair - {match.field}), ""))
        if (len(pair) != 2 or match.field not in pair or other is None or other.field not in pair
                or abs(match.candidates[0][1] - match.candidates[1][1]) >= 0.02 or match.confidence < UNMAPPED_SCORE):
            continue
        first, second = sorted((match, other), key=lambda m: m.index)
        if first.field is not None and second.field is not None and order[first.field] < order[second.field]:  # the file's order agrees: start before end
            for settled in (first, second):
                decided[settled.index] = replace(settled, evidence=settled.evidence + "; told apart by column order",
                                                 uncertain=False)
    return decided


def pair_scores_by_header(decided: dict[int, ColumnMatch], columns: list[int], profiles: list[ColumnProfile | None],
                          matcher: HeaderMatcher) -> dict[int, ColumnMatch]:
    """A pre/post pair asked as the same question twice ('How stressed ... BEFORE? (1-10)' and '... NOW?
    (1-10)'): when one is mapped, the other column of scores with nearly the same header, on its side
    of it (the start before the end), is the other score."""
    pair = [t.name for t in sorted((t for t in matcher.targets if t.kind == "score"), key=lambda t: t.order)]
    fields = {m.field: m for m in decided.values() if m.field}
    if len(pair) != 2 or (pair[0] in fields) == (pair[1] in fields):
        return decided
    known = fields.get(pair[0]) or fields[pair[1]]
    missing = pair[1] if pair[0] in fields else pair[0]
    words = matcher.normalise(known.header).split()
    row_of = {index: row for row, index in enumerate(columns)}
    best: tuple[float, ColumnMatch] | None = None
    for match in decided.values():
        profile = profiles[row_of[match.index]] if match.index in row_of else None
        after = match.index > known.index
        if match.field is not None or profile is None or profile.share("score") < 0.8 or after != (missing == pair[1]):
            continue
        other = matcher.normalise(match.header).split()
        common = sum(min(words.count(w), other.count(w)) for w in set(other))
        dice = 2 * common / max(len(words) + len(other), 1)
        if dice >= 0.6 and common >= 2 and (best is None or dice > best[0]):
            best = (dice, match)
    if best is not None:
        match = best[1]
        decided[match.index] = replace(match, field=missing, method="header+content", uncertain=False,
                                       evidence=match.evidence + f"; the same question as {pair[0] if missing == pair[1] else pair[1]}'s column, asked again")
    return decided


LONE_SCORE_HEADER = 0.3   # a header this close to both scores alike names the measure without saying when
LONE_SCORE_SHARE = 0.8    # ... and this share of its values on the 1-10 scale


def lone_wellbeing_score(decided: dict[int, ColumnMatch], columns: list[int], profiles: list[ColumnProfile | None],
                         matcher: HeaderMatcher) -> dict[int, ColumnMatch]:
    """A file's one 1-10 score, asked once without saying when ('How are you feeling? (1-10)': as close to
    the start score's spellings as to the end's), is the client's latest score: the end score. Left alone
    when the file has either score already, or more than one such column (a steward tells them apart)."""
    pair = [t.name for t in sorted((t for t in matcher.targets if t.kind == "score"), key=lambda t: t.order)]
    if len(pair) != 2 or {m.field for m in decided.values()} & set(pair):
        return decided
    measures = measure_words(matcher, pair)
    row_of = {index: row for row, index in enumerate(columns)}
    found = []
    for match in decided.values():
        profile = profiles[row_of[match.index]] if match.index in row_of else None
        if match.field is not None or not match.candidates or profile is None or profile.values < 3:
            continue
        by_header = matcher.scores(match.header)
        start, end = by_header[pair[0]], by_header[pair[1]]
        if (min(start, end) >= LONE_SCORE_HEADER and abs(start - end) < 0.01 and profile.share("score") >= LONE_SCORE_SHARE
                and profile.share("_over_ten") == 0 and set(matcher.normalise(match.header).split()) & measures):
            found.append(match)
    if len(found) == 1:
        match = found[0]
        decided[match.index] = replace(match, field=pair[1], method="header+content", uncertain=False, confidence=round(
            max(by_header[pair[1]], float(match.candidates[0][1])), 3), evidence=match.evidence.replace(
            UNSCORED, f"header ~ {pair[1]} {by_header[pair[1]]:.2f}, as near {pair[0]}") + f"; the file's only score on the 1-10 scale, asked once "
            f"without saying when: taken as the latest ({pair[1]})")
    return decided


def measure_words(matcher: HeaderMatcher, pair: list[str]) -> frozenset[str]:
    """Words naming what both scores measure ('wellbeing', 'feeling', 'score'): in both fields' spellings, in
    no other field's, and not small words ('i' of 'i mua' / 'i muri', 'at' of 'at entry' / 'at exit')."""
    def words(name: str) -> set[str]:
        return {w for spelling in matcher.spellings[name] for w in spelling.split()}
    others = set().union(*(words(t.name) for t in matcher.targets if t.name not in pair))
    return frozenset(w for w in words(pair[0]) & words(pair[1]) - others - matcher.filler if len(w) >= 4 and w.isalpha())


def given_names_beside_family_name(decided: dict[int, ColumnMatch], columns: list[int],
                                   profiles: list[ColumnProfile | None]) -> dict[int, ColumnMatch]:
    """A 'Name' column beside a family-name column holds given names when its values are mostly one word;
    a column taken for given names whose values are whole names is then the whole name (of someone else,
    as `second_person_beside_name_parts` decides)."""
    fields = {m.field for m in decided.values() if m.field}
    if "family_name" not in fields:
        return decided
    row_of = {index: row for row, index in enumerate(columns)}

    def multi_word(index: int) -> float | None:
        profile = profiles[row_of[index]] if index in row_of else None
        return profile.share("multi_word_name") if profile is not None and profile.values >= 3 else None

    given = [i for i, m in decided.items() if m.field == "given_names"]
    whole_given = [i for i in given if (share := multi_word(i)) is not None and share >= 0.9]
    if given and not whole_given:
        return decided
    for index, match in list(decided.items()):
        share = multi_word(index)
        if match.field == "full_name" and share is not None and share < (0.3 if whole_given else 0.7):
            decided[index] = replace(match, field="given_names",
                                     evidence=match.evidence + "; one-word names beside a family-name column: given names")
            for other in whole_given:
                decided[other] = replace(decided[other], field="full_name",
                                         evidence=decided[other].evidence + "; whole names, and the given names are in another column")
            break
    return decided


def second_person_beside_name_parts(decided: dict[int, ColumnMatch], scores: npt.NDArray[np.float64], columns: list[int],
                                    targets: list[Target], profiles: list[ColumnProfile | None]) -> dict[int, ColumnMatch]:
    """When the client's name is held as given and family names, a whole-name column whose header
    could name a caregiver ('Parent name' beside 'First name' and 'Last name') is the caregiver's,
    and an empty one (a form's unused 'Name' field) is nobody's."""
    fields = {m.field for m in decided.values() if m.field}
    if not {"given_names", "family_name"} <= fields:
        return decided
    row_of = {index: row for row, index in enumerate(columns)}
    col_of = {t.name: c for c, t in enumerate(targets)}
    for index, match in list(decided.items()):
        if match.field != "full_name" or index not in row_of:
            continue
        profile = profiles[row_of[index]]
        if profile is not None and profile.values == 0:
            decided[index] = replace(match, field=None, method="unmatched", uncertain=False,
                                     evidence=match.evidence + "; empty, and the client's name is in given and family name columns")
        elif ("caregiver_name" in col_of and "caregiver_name" not in fields
              and scores[row_of[index], col_of["caregiver_name"]] > UNMAPPED_SCORE):
            decided[index] = replace(match, field="caregiver_name", uncertain=False,
                                     evidence=match.evidence + "; the client's name is in given and family name columns: a second person")
            fields.add("caregiver_name")
    return decided


def relabel_split_whole(decided: dict[int, ColumnMatch], scores: npt.NDArray[np.float64], columns: list[int], targets: list[Target],
                        parts_of: dict[str, tuple[str, ...]], profiles: list[ColumnProfile | None]) -> dict[int, ColumnMatch]:
    """When a file splits a field into parts (street, suburb, town), a column taken as the whole
    field is its first missing part ('Address' beside 'Suburb' and 'City' holds the street), unless
    its values are clearly whole ones (a full address beside a 'Postcode' column)."""
    fields = {m.field for m in decided.values() if m.field}
    row_of = {index: row for row, index in enumerate(columns)}
    col_of = {t.name: c for c, t in enumerate(targets)}
    for whole, parts in parts_of.items():
        free = [p for p in parts if p not in fields and p in col_of]
        if whole not in fields or not fields & set(parts) or not free:
            continue
        for index, match in list(decided.items()):
            if match.field == whole and index in row_of:
                best = max(free, key=lambda p: scores[row_of[index], col_of[p]])
                profile = profiles[row_of[index]]
                if profile is not None and profile.share(whole) >= WHOLE_KEPT_SHARE:
                    continue   # its values are whole addresses: a separate 'Postcode' column only repeats a part
                decided[index] = replace(match, field=best, uncertain=False,
                                         evidence=match.evidence + f"; taken as {best} beside the file's other {whole} parts")
    return decided


# --- columns whose headings say nothing ----------------------------------------------------

SILENT_HEADER = 0.3   # a heading scoring below this against every target names no field
SILENT_FIT = 0.8      # values fitting a field this well, under a heading that says nothing, may well be that field
_DIGITS = re.compile(r"\d+")


def silent_headings(headers: list[str], matcher: HeaderMatcher) -> frozenset[int]:
    """The columns whose headings say nothing of what they hold: none written (the reader's 'column_12'),
    a number alone ('7'), or one of a numbered series of the same words naming no field ('Pātai 1' ..
    'Pātai 14', 'Q1' .. 'Q9', 'Field 1' .. 'Field 3'). A heading naming something the standard does not hold
    ('Transport', 'GP') does say what it is, and a numbered field ('Ethnicity 2') names its field."""
    words = [_DIGITS.sub(" ", h).strip() for h in headers]   # as written: 'EthnicityCode2' is CamelCase
    bare = [" ".join(fold(w).split()) for w in words]
    series = {b for b in bare if b and bare.count(b) >= 2}
    numbered = [bool(_DIGITS.search(h)) for h in headers]

    def names_nothing(text: str) -> bool:
        return max(matcher.scores(text).values(), default=0.0) < SILENT_HEADER

    return frozenset(i for i, header in enumerate(headers)
                     if BLANK_HEADING.match(header) or (not bare[i] and (numbered[i] or names_nothing(header)))  # '#' is 'number'
                     or (numbered[i] and bare[i] in series and names_nothing(words[i])))


@dataclass(frozen=True)
class SilentColumn:
    """An unmapped column whose heading says nothing, and the wanted fields its values fit (best first)."""

    index: int
    profile: ColumnProfile | None
    fits: tuple[tuple[str, float], ...] = ()


def silent_columns(frame: pl.DataFrame, mapping: ColumnMapping, wanted: tuple[str, ...], profiler: ContentProfiler | None,
                   matcher: HeaderMatcher) -> tuple[SilentColumn, ...]:
    """The columns left unmapped although nothing but their headings was against them: headings that say
    nothing (`silent_headings`), not settled by a steward, each with the `wanted` fields (ones the table has no
    column for) whose content its values fit at `SILENT_FIT` or better. Header evidence is what lets a
    column's values count for most fields (a column of dates could be any date), so such a column is never
    mapped by content alone: a steward, or the provider's renamed headings, must say what it is."""
    targets = {t.name: t for t in matcher.targets}
    silent = silent_headings([m.header for m in mapping.matches], matcher)
    found = []
    for match in mapping.matches:
        if match.field or not match.evidence.startswith(UNSCORED) or match.index not in silent:
            continue
        profile = profiler.profile(frame.get_column(match.header)) if profiler is not None else None
        fits: list[tuple[str, float]] = []
        for name in wanted:
            target = targets.get(name)
            if profile is None or target is None or target.kind is None:
                continue
            fit = content_fit(profile, target.kind, target.code_list, target.word_codes)
            if fit is not None and fit >= SILENT_FIT:
                fits.append((name, round(fit, 2)))
        found.append(SilentColumn(match.index, profile, tuple(sorted(fits, key=lambda kv: -kv[1]))))
    return tuple(found)
