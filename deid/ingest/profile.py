"""What a column's values look like: the content half of column matching.

A column is profiled on a spread sample of its values (never the whole column, so a
million-row file costs the same as a small one); what each distinct value looks like is worked
out once per run and counted per column. The profile holds shares, not values:
it is safe to show stewards as evidence. Each standard field names the kind of content it
expects (`profile` in standards/fields.yaml); `content_fit` scores a profile against one.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import phonenumbers
import polars as pl

from deid.standardise.address import AddressParser
from deid.standardise.codes import TICK_WORDS, EthnicityClassifier, blank_pattern, code_lookup, qualified_code
from deid.standardise.dates import month_first_as_iso, parse_dates, with_the_year, written_month_first
from deid.standardise.identifiers import is_valid_ird, is_valid_nhi
from deid.standards import Standards, fold

SAMPLE_SIZE = 120   # values profiled per column, spread over it: 300 gave the same mapping on all thirteen layout corpora at 1.5x the cost
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?(?:,\s*[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*)?(?:\s*[(\"“][^\W\d_]+(?:\s+[^\W\d_]+)*[)\"”])?$")
DATE_SHAPE_RE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?$")
TEXT_RE = re.compile(r"^[^\d@]{2,}$")
# A category label with a number in it ('Financial coaching (60 min)', 'Level 2 support'): words first.
LABEL_RE = re.compile(r"^[^\W\d_]{2,}(?:[ '’.,&/()\-]+[^\W_]+)+[)]?$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/_.#: ]{0,23}$")
INTEGER_RE = re.compile(r"^[+]?\d{1,6}(?:\.0+)?$")
SCALE_PATTERN = r"(?i)^(\d{1,2})\s*(?:/|out of)\s*10$"   # a score written '7/10' (Python and polars regex alike)
SCALE_RE = re.compile(SCALE_PATTERN)

POSTCODE_RE = re.compile(r"^\d{4}$")
STREET_RE = re.compile(r"^(?:(?:flat|unit|apt|apartment|f|u)\s*\w+[,/ ]\s*)?\d+[A-Za-z]?(?:\s*[/\-]\s*\d+[A-Za-z]?)?,?\s+[^\W\d_]", re.IGNORECASE)
BOX_RE = re.compile(r"\b(?:p\.?\s*o\.?\s*box|private bag|priv\.? bag|rd\s*\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnProfile:
    """Shares of a column's sampled values that look like each kind of content."""

    values: int                                   # non-empty values sampled
    distinct_share: float                         # distinct / sampled
    shares: dict[str, float] = field(default_factory=dict)
    status_words: float = 0.0                     # share of values that are words for a state or an answer, not names
    codes_seen: dict[str, tuple[int, float]] = field(default_factory=dict)   # list -> (its codes spelt, share spelling one)

    def share(self, kind: str) -> float:
        return self.shares.get(kind, 0.0)

    def describe(self) -> str:
        """Evidence for stewards, without any value: the strongest kinds and their shares."""
        if not self.values:
            return "no values"
        top = sorted(((k, v) for k, v in self.shares.items() if v >= 0.2 and not k.startswith("_")), key=lambda kv: -kv[1])[:3]
        kinds = ", ".join(f"{k.replace('_', ' ')} {v:.0%}" for k, v in top) or "no recognisable pattern"
        return f"{self.values} values sampled, {self.distinct_share:.0%} distinct: {kinds}"


_PROFILERS: dict[tuple[int, dt.date, dt.date], ContentProfiler] = {}
_PROFILERS_LOCK = threading.Lock()


def sample_values(values: pl.Series, size: int = SAMPLE_SIZE) -> list[str]:
    """Up to `size` non-empty values spread over the whole column (not just its first rows)."""
    return _sample_and_head(values, size)[0]


LISTED_COLUMN_ROWS = 2_000   # columns up to this long are sampled from a Python list of their values
SEQUENCE_HEAD = 50   # leading values that show a column counting 1, 2, 3 ... (a row number, not a count)


def _sample_and_head(values: pl.Series, size: int = SAMPLE_SIZE, head: int = SEQUENCE_HEAD) -> tuple[list[str], list[str]]:
    """`sample_values`, and the first `head` non-null values as text (blank ones kept), read from the
    column once when it is no longer than the sample."""
    filled: list[object] | pl.Series
    if values.len() <= LISTED_COLUMN_ROWS:   # read whole: cheaper than asking polars for a part
        filled = [v for v in values.to_list() if v is not None]
    else:
        filled = values.drop_nulls() if values.null_count() else values
    count = len(filled)
    if count > size:
        step = count / size
        first = [str(v).strip() for v in filled[:head]]
        texts = [str(filled[int(i * step)]).strip() for i in range(size)]   # one value at a time: no copy of the column
    else:
        texts = [str(v).strip() for v in (filled if isinstance(filled, list) else filled.to_list())]
        first = texts[:head]
    return [text for text in texts if text], first


# What a sampled value looks like, one bit per kind (`ContentProfiler._kinds`); a column's profile counts
# the bits over its sample. The code lists' bits follow these, one per list.
VALUE_KINDS = ("nhi", "ird", "email", "phone", "phone_half", "integer", "postcode", "name_like", "multi_word_name",
               "id_like", "long_text", "street", "address", "place", "plain_words", "text", "_label",
               "count", "score_integer", "_over_ten", "scale", "ethnicity", "date_candidate", "status_word")
_BIT = {kind: 1 << i for i, kind in enumerate(VALUE_KINDS)}
_KINDS_MEMO_LIMIT = 200_000   # distinct values whose kinds a profiler remembers before starting again
_NOT_DIGITS = {c: None for c in range(128) if not chr(c).isdigit()}                      # ASCII text -> its digits
_NOT_IN_NHI = {c: None for c in range(128) if not re.sub(r"[\s\-]", "", chr(c))}          # what NHIs and IRDs drop
_NOT_ALNUM = {c: " " for c in range(128) if not chr(c).isalnum()}
# A word ending as an English past participle or present participle ('Attended', 'Cancelled', 'Ongoing'): a
# status, never a Māori or Pacific name (their words end in a vowel); the few such names elsewhere (Ahmed,
# Fred) are in the name lexicon and stay names.
PARTICIPLE_RE = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
CODED_LIST_SIZE = 4        # lists with this many codes or more: several of them in one column is evidence
CODES_SEEN = 3             # ... this many different codes of the list in one column's values
CODED_SHARE = 0.5          # ... read in at least this share of its values
CODED_FIT = 0.9            # ... fit the list's field whatever the header says (values and no other field's name)
CODED_LABELS = 20          # at most this many distinct labels are read for their codes (a category, not notes)


def ascii_fold(text: str) -> str:
    """`fold` for ASCII text, without Unicode normalisation (ASCII has nothing to decompose) or its cache."""
    return " ".join(text.lower().translate(_NOT_ALNUM).split())


def bit_counts(masks: list[int], width: int) -> list[int]:
    """How many of `masks` have each of bits 0..width-1 set (vectorised: a column's sample at once)."""
    counts: list[int] = []
    for offset in range(0, width, 64):
        words = np.fromiter(((m >> offset) & 0xFFFF_FFFF_FFFF_FFFF for m in masks), dtype="<u8", count=len(masks))
        bits = np.unpackbits(words.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
        counts.extend(bits.sum(axis=0, dtype=np.int64).tolist())
    return counts[:width]


class ContentProfiler:
    """Profiles columns against the standards' identifiers, code lists, dates and places."""

    @classmethod
    def for_quarter(cls, standards: Standards, quarter_start: dt.date, quarter_end: dt.date) -> ContentProfiler:
        """One profiler per standards object and quarter (building its address parser and place keys costs
        more than profiling a small file), kept while the standards object lives."""
        key = (id(standards), quarter_start, quarter_end)
        with _PROFILERS_LOCK:
            cached = _PROFILERS.get(key)
            if cached is None or cached.standards is not standards:
                if len(_PROFILERS) > 16:
                    _PROFILERS.clear()
                cached = _PROFILERS[key] = cls(standards, quarter_start, quarter_end)
            return cached

    def __init__(self, standards: Standards, quarter_start: dt.date, quarter_end: dt.date):
        self.standards = standards
        self.quarter_start, self.quarter_end = quarter_start, quarter_end
        self.ethnicity = EthnicityClassifier(standards.ethnicity)
        self.addresses = AddressParser(standards.address, standards.geography)
        self.code_spellings: dict[str, dict[str, str]] = {
            name: code_lookup(codes.codes) for name, codes in standards.code_lists.code_lists.items()}
        self.code_spellings["gender"] = code_lookup(standards.gender.codes)
        # 'Not asked yet' in a consent column is one of that list's answers, not a stray word.
        self.code_blanks: dict[str, re.Pattern[str]] = {
            name: re.compile(pattern) for name, codes in standards.code_lists.code_lists.items()
            if (pattern := blank_pattern(codes.blank_synonyms))}
        self.places = {self.addresses.place_key(p.town_city) for p in standards.geography.places}
        self.places |= {self.addresses.place_key(p.suburb) for p in standards.geography.places if p.suburb}
        self._dates: dict[str, dt.date | None] = {}   # value -> parsed date (day first), shared by files and threads
        self._code_bits = {name: 1 << (len(VALUE_KINDS) + i) for i, name in enumerate(self.code_spellings)}
        # Every list's spellings as one code: a label none of whose parts any list knows is no list's qualified code.
        self._any_code = dict.fromkeys(itertools.chain.from_iterable(self.code_spellings.values()), "any")
        # The words of every ethnicity spelling and separator: ASCII text with another word (not a number) has a
        # response the classifier cannot know, as long as the separators start and end apart from words.
        separators = standards.ethnicity.separators
        self._ethnicity_words: frozenset[str] | None = frozenset(
            word for key in (*self.ethnicity.lookup, *(fold(s) for s in separators)) for word in key.split()) if all(
            s and not s[0].isalnum() and not s[-1].isalnum() for s in separators) else None
        self._width = len(VALUE_KINDS) + len(self._code_bits)
        self._kind_memo: dict[str, int] = {}          # value -> its kinds as bits, shared by files and threads
        self.status_words = status_words(standards)
        self.name_words = lexicon_names(standards)
        # Lists with several codes, whose spellings a column names several of ('Completed', 'Ongoing', 'Exited
        # early' in a 'What happened' column).
        self.coded_lists = tuple(name for name, codes in standards.code_lists.code_lists.items()
                                 if len(codes.codes) >= CODED_LIST_SIZE)

    def warm(self, columns: Iterable[pl.Series]) -> None:
        """Parse the sampled date-like values of all of a file's columns in one call (a call per column
        costs more in set-up than in parsing), so `profile` finds them parsed."""
        fresh = set()
        for column in columns:   # (the values' kinds are worked out here once, for `profile` to find)
            sample = sample_values(column)
            fresh |= {v for v, mask in zip(sample, self._masks(sample), strict=True)
                      if mask & _BIT["date_candidate"] and v not in self._dates}
        if fresh:
            self._remember_dates(sorted(fresh))

    def _remember_dates(self, values: list[str]) -> dict[str, dt.date | None]:
        parsed = dict(zip(values, parse_dates(pl.Series(values, dtype=pl.Utf8), self.standards.dates).to_list(), strict=True))
        if len(self._dates) > _DATE_MEMO_LIMIT:
            self._dates.clear()
        self._dates.update(parsed)
        return parsed

    def _parsed_dates(self, values: set[str]) -> dict[str, dt.date | None]:
        """Each value's date, from the memo or parsed now (read into a dict of its own: another thread may
        empty the shared memo at any time)."""
        found: dict[str, dt.date | None] = {}
        unseen: list[str] = []
        for value in values:
            date = self._dates.get(value, _UNSEEN)
            if date is _UNSEEN:
                unseen.append(value)
            else:
                found[value] = date   # type: ignore[assignment]
        if unseen:
            found.update(self._remember_dates(sorted(unseen)))
        return found

    def profile(self, values: pl.Series) -> ColumnProfile:
        sample, head = _sample_and_head(values)
        n = len(sample)
        if not n:
            return ColumnProfile(0, 0.0)
        masks = self._masks(sample)
        counted = dict(zip((*VALUE_KINDS, *self._code_bits), bit_counts(masks, self._width), strict=True))

        def share(kind: str) -> float:
            return counted[kind] / n

        shares: dict[str, float] = {kind: share(kind) for kind in (
            "nhi", "ird", "email", "phone", "integer", "postcode", "name_like", "multi_word_name", "id_like", "long_text",
            "street", "address", "place", "plain_words", "text", "_label")}
        shares["phone"] = (counted["phone"] + 0.5 * counted["phone_half"]) / n   # bare digits count half
        candidates = [bool(m & _BIT["date_candidate"]) for m in masks]
        shares.update(self._date_shares(sample, candidates))
        ordered = [int(float(v)) for v in head if INTEGER_RE.match(v)]
        shares["_sequence"] = float(len(ordered) >= 5 and all(b - a == 1 for a, b in itertools.pairwise(ordered)))
        shares["count"] = share("count")
        shares["score"] = (counted["score_integer"] + counted["scale"]) / n
        shares["_over_ten"] = share("_over_ten")
        shares["ethnicity"] = share("ethnicity")
        for name in self._code_bits:
            shares[f"code:{name}"] = share(name)
        return ColumnProfile(n, len(set(sample)) / n, shares, share("status_word"), self._codes_seen(sample))

    def _codes_seen(self, sample: list[str]) -> dict[str, tuple[int, float]]:
        """For each list of several codes: how many different codes a categorical column's values spell, and
        the share of values that spell one. Only the list's own spellings count (and labels written twice,
        'Exited - moved'), not labels read by a shared word: 'Health' and 'Whānau safety' in a goal-area
        column are not referral sources."""
        labels = set(sample)
        if len(labels) > CODED_LABELS:
            return {}
        found: dict[str, tuple[int, float]] = {}
        for name in self.coded_lists:
            spellings = self.code_spellings[name]
            read = {label: code for label in labels
                    if (code := spellings.get(fold(label)) or qualified_code(label, spellings))}
            if read:
                found[name] = (len(set(read.values())), sum(value in read for value in sample) / len(sample))
        return found

    def _masks(self, sample: list[str]) -> list[int]:
        """Each value's kinds, from the memo or worked out now (read into a list of its own: another thread
        may empty the shared memo at any time)."""
        memo = self._kind_memo
        if len(memo) > _KINDS_MEMO_LIMIT:
            memo.clear()
        masks = []
        for value in sample:
            mask = memo.get(value)
            if mask is None:
                mask = memo[value] = self._kinds(value)
            masks.append(mask)
        return masks

    def _kinds(self, v: str) -> int:
        """The kinds a (stripped, non-empty) value looks like, as bits of `VALUE_KINDS` and the code lists.

        Each kind is tested as the profile has always defined it; a cheap fact about the value (no
        digit, no '@', too few digits, the wrong length for an NHI, a word no ethnicity spelling has)
        skips a test that could not pass without it, and ASCII text is folded without `fold`'s
        Unicode normalisation (most values of a file are new, so this is what profiling costs).
        """
        ascii_only = v.isascii()
        digits = len(v.translate(_NOT_DIGITS)) if ascii_only else sum(ch.isdigit() for ch in v)
        compact = v.translate(_NOT_IN_NHI) if ascii_only else None   # as an NHI or IRD is read (ASCII upper-cases alike)
        words = len(v.split())
        ids = self.standards.identifiers
        bits = 0
        if (compact is None or len(compact) == 7) and is_valid_nhi(v, ids):
            bits |= _BIT["nhi"]
        if (digits >= ids.ird.min_digits and (compact is None or ids.ird.min_digits <= len(compact) <= ids.ird.max_digits)
                and is_valid_ird(v, ids)):
            bits |= _BIT["ird"]
        if "@" in v and EMAIL_RE.match(v):
            bits |= _BIT["email"]
        if 7 <= digits <= 13:
            weight = self._phone_weight(v)
            bits |= _BIT["phone"] if weight == 1.0 else _BIT["phone_half"] if weight == 0.5 else 0
        if digits:
            if INTEGER_RE.match(v):
                bits |= _BIT["integer"]
                number = int(float(v))
                bits |= ((_BIT["count"] if 0 <= number <= 200 else 0) | (_BIT["score_integer"] if 1 <= number <= 10 else 0)
                         | (_BIT["_over_ten"] if number > 10 else 0))
            if POSTCODE_RE.match(v):
                bits |= _BIT["postcode"]
            if ID_RE.match(v):
                bits |= _BIT["id_like"]
            if SCALE_RE.match(v):
                bits |= _BIT["scale"]
            if _date_candidate(v):
                bits |= _BIT["date_candidate"]
        if NAME_RE.match(v):
            bits |= ((_BIT["name_like"] if len(v) <= 60 and words <= 5 else 0)
                     | (_BIT["multi_word_name"] if (words >= 2 or "," in v) and words <= 6 else 0)
                     | (_BIT["plain_words"] if not digits else 0))
            if self._status_word(ascii_fold(v) if ascii_only else fold(v)):
                bits |= _BIT["status_word"]
        if words >= 6 and self._prose(v):
            bits |= _BIT["long_text"]
        if (digits and STREET_RE.match(v)) or BOX_RE.search(v):
            bits |= _BIT["street"]
        if self._is_address(v):
            bits |= _BIT["address"]
        folded = ascii_fold(v) if ascii_only else fold(v)
        first = folded.split(" ", 1)[0]
        # a place's key is the folded text, its first word spelt out when abbreviated ('Mt' -> 'mount')
        if (folded if ascii_only and first not in self.addresses.place_abbreviations else self.addresses.place_key(v)) in self.places:
            bits |= _BIT["place"]
        text = bool(TEXT_RE.match(v))
        if text:
            bits |= _BIT["text"]
        if text or (bool(LABEL_RE.match(v)) and len(v) <= 60):
            bits |= _BIT["_label"]
        known = self._ethnicity_words
        if not (ascii_only and known is not None and any(w not in known and not w.isdigit() for w in folded.split())):
            response = self.ethnicity.classify(v)
            if response.unknown_tokens == 0 and response.level2_codes != (self.standards.ethnicity.not_stated_code,):
                bits |= _BIT["ethnicity"]
        qualified = len(v) < 40 and qualified_code(v, self._any_code) is not None   # 'Yes - verbal'
        for name, spellings in self.code_spellings.items():
            blanks = self.code_blanks.get(name)
            if (folded in spellings or bool(blanks and blanks.match(folded))
                    or (qualified and bool(qualified_code(v, spellings)))):
                bits |= self._code_bits[name]
        return bits

    def _status_word(self, folded: str) -> bool:
        """A value that reads as a word for a state or an answer, not as a person's name: a code list's or
        the name rules' everyday word ('Completed', 'Attended', 'Yes'), or one word ending as a participle
        ('Cancelled', 'Ongoing'); never a name the name lexicon has (Ahmed, Hope, Grace)."""
        if folded in self.name_words:
            return False
        return folded in self.status_words or (" " not in folded and bool(PARTICIPLE_RE.match(folded)))

    @staticmethod
    def _prose(value: str) -> bool:
        """Sentences have many lower-case words; addresses and lists of names have few."""
        tokens = [t for t in value.split() if t.isalpha()]
        if value.isupper():
            return len(tokens) >= 4
        return bool(tokens) and sum(t.islower() for t in tokens) / len(tokens) >= 0.4

    @classmethod
    def _phone_weight(cls, value: str) -> float:
        """1 for a number written as a phone number; half for bare digits without the 0 or +64
        (a spreadsheet dropped the zero, or it is an id or a date)."""
        if not cls._is_phone(value):
            return 0.0
        compact = value.replace(" ", "")
        if compact.startswith("00") and not compact.startswith("0064"):
            return 0.0  # a zero-padded id, not a number anyone dials
        return 1.0 if compact.startswith(("0", "+", "(")) else 0.5

    @staticmethod
    def _is_phone(value: str) -> bool:
        digits = sum(ch.isdigit() for ch in value)
        if DATE_SHAPE_RE.match(value) or not 7 <= digits <= 13 or any(ch.isalpha() for ch in value.replace("ext", "")):
            return False
        try:
            return phonenumbers.is_possible_number(phonenumbers.parse(value, "NZ"))
        except phonenumbers.NumberParseException:
            return False

    def _is_address(self, value: str) -> bool:
        # a street number (or box number) and a word, with a space between: phones, dates and ids have no
        # letters, names and words no digits; only the rest is worth parsing
        if len(value) < 8 or " " not in value or not any(ch.isdigit() for ch in value) or not any(ch.isalpha() for ch in value):
            return False
        parsed = self.addresses.parse(value)
        has_place = bool(parsed.suburb or parsed.town_city or parsed.postcode or parsed.rd_number)
        return bool(parsed.street_name or parsed.box_type) and has_place

    def _date_shares(self, sample: list[str], candidates: list[bool]) -> dict[str, float]:
        """Date shares of the sample; `candidates` marks the values that may be dates (`_date_candidate`)."""
        # Whole numbers are counts or ids, not spreadsheet day numbers (the readers turn date cells into dates).
        # a day and month with no year ('Thursday 11 October') is a date of the quarter's year, as ingest reads it
        written = [with_the_year(v, self.quarter_start.year) if candidate else None
                   for v, candidate in zip(sample, candidates, strict=True)]
        parsed: list[dt.date | None] = []
        if any(v is not None for v in written):
            # only slashed dates can be month first: a column without a '/' need not be asked
            slashed = [v for v in written if v is not None and "/" in v]
            if slashed and month_first_sample(slashed):   # survey tools write US dates
                text = pl.select(month_first_as_iso(pl.lit(pl.Series(written, dtype=pl.Utf8)))).to_series()
                parsed = parse_dates(text, self.standards.dates).to_list()
            else:
                dates = self._parsed_dates({v for v in written if v is not None})
                parsed = [dates[v] if v is not None else None for v in written]
        n = len(sample)
        days = [d for d in parsed if d is not None]
        end, start = self.quarter_end, self.quarter_start
        years = [(end - d).days / 365.25 for d in days]
        shares = {
            "date": len(days) / n,
            "birth_date": sum(_birth_weight(y) for y in years) / n,
            "in_quarter": sum(start <= d <= end for d in days) / n,
            "before_quarter": sum(d < start and y <= 10 for d, y in zip(days, years, strict=True)) / n,
            "_child_birth": sum(0 <= y < CHILD_AGE for y in years) / n,   # a child's birth date, if a birth date
        }
        # Database exports write dates as spreadsheet day numbers in plain number cells. Read apart,
        # as evidence that needs a date-like header too (five-digit ids look the same).
        serials = [v if v.isdigit() and len(v) == 5 else None for v in sample]
        present = [v for v in serials if v is not None]
        # A counter runs on by one with no repeats; days of attendance run on too, but many people share a day.
        counter = _consecutive(serials) and len(set(present)) >= 0.9 * len(present)
        # ... or some of them: a column typed partly as text ('3/7/26') and partly as date cells a database
        # export wrote as day numbers is a date column in two forms.
        mixed = bool(present) and len(present) + len(days) >= 0.8 * n
        if (len(present) >= 0.8 * n or mixed) and not counter:
            serial_days = [d for d in parse_dates(pl.Series(serials, dtype=pl.Utf8), self.standards.dates).to_list() if d]
            serial_years = [(end - d).days / 365.25 for d in serial_days]
            shares["_serial_birth_date"] = sum(_birth_weight(y) for y in serial_years) / n
            shares["_serial_in_quarter"] = sum(start <= d <= end for d in serial_days) / n
            shares["_serial_before_quarter"] = sum(d < start and y <= 10 for d, y in zip(serial_days, serial_years, strict=True)) / n
        return shares


# `dates.written_month_first`'s slashed date (day or month, month or day, year, a time), for ASCII text, where
# Python's regular expressions read every character as polars' do (their whitespace is spelt out: Python's
# own \s also takes the ASCII separator characters 0x1C-0x1F, polars' does not; \Z: `$` allows a newline).
_SPACE = r"[\t\n\x0b\x0c\r ]"
_ASCII_SLASHED = re.compile(rf"^{_SPACE}*([0-9]{{1,2}})/([0-9]{{1,2}})/[0-9]{{4}}"
                            rf"(?:[ T][0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?:{_SPACE}*[AaPp][Mm])?)?{_SPACE}*\Z")


def month_first_sample(values: list[str]) -> bool:
    """`written_month_first` (without a header) for a column's sample, read in Python: a polars pass costs
    more to set up than a sample costs to read. Text that is not all ASCII is left to `written_month_first`."""
    if not all(v.isascii() for v in values):
        return written_month_first(pl.Series(values, dtype=pl.Utf8))
    month_first = False
    for value in values:
        if found := _ASCII_SLASHED.match(value):
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12 and second <= 12:
                return False   # one date written day first ('25/03/2026') settles it
            month_first = month_first or (second > 12 and first <= 12)
    return month_first


def day_first_seen(values: pl.Series) -> bool:
    """Whether a short column of ASCII text has a slashed date written day first ('25/03/2026'): then
    `written_month_first` is False whatever the rest of the column or its header says, and need not be
    asked (a polars pass costs more to set up than a short column costs to read). Other columns (long
    ones, or with text that polars might fail to read as numbers) are left to it."""
    if values.len() > LISTED_COLUMN_ROWS:
        return False
    cells = values.to_list()
    if not all(cell is None or (isinstance(cell, str) and cell.isascii()) for cell in cells):
        return False
    for cell in cells:
        if cell is not None and (found := _ASCII_SLASHED.match(cell)) and int(found.group(1)) > 12 and int(found.group(2)) <= 12:
            return True
    return False


def status_words(standards: Standards) -> frozenset[str]:
    """Folded words and answers that are not names: the code lists' spellings ('Completed', 'Self referral',
    'Declined'), tick words, and the name rules' words that sit beside names without being one (names.yaml
    `not_name_words`, `sentence_words`: 'Attended', 'Visit', weekdays), of three letters or more (initials
    stay names), and a yes/no list's answers of any length ('Y', 'N', 'x' in an attendance column). Gender
    words are left out: 'Tāne' is a name as well."""
    lists = standards.code_lists.code_lists.values()
    spellings = [s for codes in lists for code in codes.codes for s in (code.code, code.label, *code.synonyms)]
    spellings += [s for codes in lists for s in codes.blank_synonyms]
    words = (*spellings, *TICK_WORDS, *standards.names.not_name_words, *standards.names.sentence_words)
    answers = [s for codes in lists if len(codes.codes) <= 2 for code in codes.codes for s in (code.code, code.label, *code.synonyms)]
    return frozenset(key for key in (fold(w) for w in words) if len(key) >= 3 and not key.isdigit()) | frozenset(
        key for key in (fold(w) for w in (*answers, *TICK_WORDS)) if key and not key.isdigit())


def lexicon_names(standards: Standards) -> frozenset[str]:
    """Folded names of the name lexicon (given, family, everyday-word and Māori names): a value that is one
    of them is a name, however it ends ('Ahmed', 'Manning')."""
    lexicon = standards.name_lexicon
    return frozenset(fold(n) for n in (*lexicon.given_names, *lexicon.family_names, *lexicon.everyday_word_names,
                                       *lexicon.maori_name_words))


def _date_candidate(value: str) -> bool:
    """A value that may be a date: it has a digit, and is not a whole number other than an 8-digit
    yyyymmdd (whole numbers are counts or ids; the readers turn date cells into dates)."""
    return any(ch.isdigit() for ch in value) and not (value.isdigit() and len(value) != 8)


_DATE_MEMO_LIMIT = 200_000
_UNSEEN = object()


CHILD_AGE = 13             # birth dates this recent are a child's
SERIAL_DATE_WEIGHT = 0.6   # day numbers fit a date field, below the strength that lets content alone decide
CATEGORY_LABELS = 12       # at most this many distinct labels make a column categorical
UNKNOWN_LABELS_FIT = 0.35  # neither for nor against a code-list field


def _birth_weight(years: float) -> float:
    """How much a date this many years back looks like a birth date: fully for ages 10 to 110; half
    for young children (an early-childhood client), whose birth dates look like recent start dates."""
    return 1.0 if 10 <= years <= 110 else 0.5 if 0 <= years < 10 else 0.0


def _consecutive(values: list[str | None]) -> bool:
    """Numbers that run on by one (1001, 1002, ...) are a counter, not days."""
    numbers = sorted({int(v) for v in values if v})
    return len(numbers) >= 5 and sum(b - a == 1 for a, b in itertools.pairwise(numbers)) >= 0.5 * (len(numbers) - 1)


def content_fit(profile: ColumnProfile, kind: str, code_list: str | None = None, word_codes: str | None = None) -> float | None:
    """How well a profile fits the content a field expects, 0..1; None when there is too little to tell. A number
    field with `word_codes` fits its list's words as well as numbers ('Attended', 'DNA' down a sessions column)."""
    if profile.values < 3:
        return None
    s = profile.share
    specific = max(s("nhi"), s("ird"), s("email"), s("phone"), s("birth_date"), s("in_quarter"))
    if kind in {"nhi", "ird", "email", "phone"}:
        return s(kind)
    # Written dates and day numbers are different values of the sample (a column may hold both): their fits add.
    if kind == "birth_date":
        return min(1.0, s("birth_date") + SERIAL_DATE_WEIGHT * s("_serial_birth_date"))
    if kind == "event_date":
        return min(1.0, s("in_quarter") + SERIAL_DATE_WEIGHT * s("_serial_in_quarter"))
    if kind == "start_date":
        def start_fit(prefix: str) -> float:
            within, before = s(f"{prefix}in_quarter"), s(f"{prefix}before_quarter")
            return min(1.0, (within + before) * (0.6 + 0.4 * min(1.0, 4 * before)))
        return min(1.0, start_fit("") + SERIAL_DATE_WEIGHT * start_fit("_serial_"))
    if kind == "count":  # 1, 2, 3 ... down the column is a row number, not a count
        counted = s("count") * (0.7 + 0.3 * min(1.0, 4 * s("_over_ten") + (1 - s("score")))) * (1 - 0.7 * s("_sequence"))
        return max(counted, s(f"code:{word_codes}")) if word_codes else counted
    if kind == "score":  # 1-10 scales fit best; whole numbers on a wider scale (AUDIT 0-40, K10 10-50) fit in part
        wider = s("count") * (1.0 - min(1.0, max(0.0, profile.distinct_share - 0.3) / 0.4))
        return max(s("score"), 0.5 * wider)
    if kind == "postcode":
        return s("postcode")
    if kind == "street":
        return s("street") * (1 - 0.5 * s("address"))
    if kind == "address":
        return max(s("address"), 0.6 * s("street"))
    if kind == "place":  # 'Yes' and 'No' are plain words, but not places ('Safety plan in place?')
        return max(s("place"), 0.6 * s("plain_words")) * (1 - s("street")) * (1 - s("code:consent"))
    if kind == "ethnicity":
        if s("integer") > 0.9 and profile.distinct_share > 0.5 and profile.distinct_share * profile.values > 40:
            return 0.0  # numbers nearly all different are ids, whatever their first two digits say
        return s("ethnicity") * (1.0 if s("text") >= 0.5 else 0.5)  # bare numbers could be anything
    if kind == "code":
        fit = s(f"code:{code_list}") if code_list else 0.0
        seen, spelt = profile.codes_seen.get(code_list or "", (0, 0.0))
        if seen >= CODES_SEEN and spelt >= CODED_SHARE:
            fit = max(fit, CODED_FIT)   # several of the list's codes named down the column: its field's values
        # A handful of labels the list does not know ('Goals met', 'Āe') is a provider's own vocabulary
        # for the field, not evidence against it: neutral, so the header decides.
        labels = (profile.values >= 5 and profile.distinct_share * profile.values <= CATEGORY_LABELS and s("integer") < 0.5
                  and s("date") < 0.5)   # dates are not a provider's own labels ('Referral date' is not a referral source)
        return max(fit * (0.6 if s("integer") > 0.9 else 1.0), UNKNOWN_LABELS_FIT if labels else 0.0)
    if kind == "free_text":
        return min(1.0, s("long_text") * 1.2)
    # Status words and answers ('Attended', 'Completed', 'Yes') look like names but are none.
    names = max(0.0, s("name_like") - profile.status_words)
    if kind == "staff_name":  # a few staff names (or initials) repeat down the column
        return max(names, 0.8 * max(0.0, s("id_like") - profile.status_words) * (1 - s("integer"))) * (1 - specific)
    if kind in {"person_name", "full_name"}:
        fit = names * min(1.0, profile.distinct_share / 0.5) * (1 - specific)
        return fit * (0.4 + 0.6 * s("multi_word_name")) if kind == "full_name" else fit * (1 - 0.3 * s("multi_word_name"))
    if kind == "identifier":
        return s("id_like") * min(1.0, profile.distinct_share / 0.8) * (1 - specific) * (1 - s("_sequence"))
    if kind == "category":
        few = 1.0 - 0.5 * min(1.0, max(0.0, profile.distinct_share - 0.2) / 0.6) if profile.values >= 20 else 0.7
        return s("_label") * few * (1 - specific)
    return None


# --- what a steward and the provider are told of a column (never a value) -------------------

_SHAPE_RUN = re.compile(r"[^\W\d_]+|\d|\s+|.", re.DOTALL)
SHAPE_CHARS = 16          # a value's shape is shown up to this many characters
FEW_VALUES = 12           # at most this many distinct values, each twice on average, make 'a few values repeated'
IDENTIFIER_WORDS = {"nhi": "NHI numbers", "ird": "IRD numbers", "email": "email addresses", "phone": "phone numbers"}


def value_shape(value: str) -> str:
    """A value's shape with nothing of its content: a word is X, x or Xx (its case), a digit 9, any other
    character itself ('TAO200' -> 'X999', '19/9/26' -> '99/9/99', 'Āe' -> 'Xx'): the letters' count is
    left out, so a name's length says nothing either."""
    parts = []
    for run in _SHAPE_RUN.findall(value.strip()):
        if run[0].isalpha():
            parts.append("X" if run.isupper() else "Xx" if run[0].isupper() else "x")
        elif run[0].isdigit():
            parts.append("9")
        else:
            parts.append(" " if run.isspace() else run)
    shape = "".join(parts)
    return shape if len(shape) <= SHAPE_CHARS else shape[:SHAPE_CHARS] + "…"


def value_kind(profile: ColumnProfile) -> str:
    """The kind of values a column holds, in plain words, from its profile (shares, never values)."""
    s = profile.share
    few = profile.distinct_share * profile.values <= FEW_VALUES and profile.distinct_share <= 0.5 and profile.values >= 5
    identifiers = [words for kind, words in IDENTIFIER_WORDS.items() if s(kind) >= 0.8]
    if s("long_text") >= 0.4:
        return "sentences"
    if s("date") >= 0.8:
        when = ", most in the quarter" if s("in_quarter") >= 0.5 else ", most before the quarter" if s("before_quarter") >= 0.5 else ""
        return f"dates{when}"
    if identifiers:
        return identifiers[0]
    if s("integer") >= 0.8:
        return "whole numbers, a few repeated" if few else "whole numbers"
    if s("address") >= 0.6:
        return "addresses"
    if few:
        return "a few words or answers, repeated"
    if s("name_like") - profile.status_words >= 0.8:
        return "whole names" if s("multi_word_name") >= 0.5 else "single names"
    if s("id_like") >= 0.8:
        return "codes or references with digits"
    return "words" if s("text") >= 0.8 else "mixed values"


def column_summary(values: pl.Series, profile: ColumnProfile | None) -> str:
    """A column described for someone who cannot see it, without one of its values: the kind of values,
    how full it is, and its commonest shape ('dates, most in the quarter; 100% filled; mostly shaped 99/9/99')."""
    rows = values.len()
    text = values.cast(pl.Utf8).str.strip_chars()
    filled = int((text.str.len_chars() > 0).sum()) if rows else 0
    if not filled or profile is None or not profile.values:
        return f"empty ({rows} rows)" if not filled else f"{filled / rows:.0%} filled"
    kind = value_kind(profile)
    summary = f"{kind}; {filled / rows:.0%} filled"
    if kind != "sentences":   # a note's shape is only its length
        shapes = Counter(value_shape(v) for v in sample_values(values))
        shape, count = shapes.most_common(1)[0]
        share = count / sum(shapes.values())
        summary += f"; {'all' if share == 1 else 'mostly' if share >= 0.5 else 'often'} shaped {shape}"
    return summary
