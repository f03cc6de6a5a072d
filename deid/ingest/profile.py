"""What a column's values look like: the content half of column matching.

A column is profiled on a spread sample of its values (never the whole column, so a
million-row file costs the same as a small one). The profile holds shares, not values:
it is safe to show stewards as evidence. Each standard field names the kind of content it
expects (`profile` in standards/fields.yaml); `content_fit` scores a profile against one.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers
import polars as pl

from deid.standardise.address import AddressParser
from deid.standardise.codes import EthnicityClassifier, blank_pattern, code_lookup, qualified_code
from deid.standardise.dates import month_first_as_iso, parse_dates, written_month_first
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
    filled = values.drop_nulls()
    if filled.len() > size:
        step = filled.len() / size
        filled = filled.gather([int(i * step) for i in range(size)])
    return [text for v in filled.to_list() if (text := str(v).strip())]


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

    def warm(self, columns: Iterable[pl.Series]) -> None:
        """Parse the sampled date-like values of all of a file's columns in one call (a call per column
        costs more in set-up than in parsing), so `profile` finds them parsed."""
        fresh = {v for column in columns for v in sample_values(column) if _date_candidate(v) and v not in self._dates}
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
        sample = sample_values(values)
        n = len(sample)
        if not n:
            return ColumnProfile(0, 0.0)

        def share(hits: Iterable[bool]) -> float:
            return sum(hits) / n

        words = [len(v.split()) for v in sample]
        shares: dict[str, float] = {
            "nhi": share(is_valid_nhi(v, self.standards.identifiers) for v in sample),
            "ird": share(is_valid_ird(v, self.standards.identifiers) for v in sample),
            "email": share(bool(EMAIL_RE.match(v)) for v in sample),
            "phone": sum(self._phone_weight(v) for v in sample) / n,
            "integer": share(bool(INTEGER_RE.match(v)) for v in sample),
            "postcode": share(bool(POSTCODE_RE.match(v)) for v in sample),
            "name_like": share(bool(NAME_RE.match(v)) and len(v) <= 60 and w <= 5 for v, w in zip(sample, words, strict=True)),
            "multi_word_name": share(bool(NAME_RE.match(v)) and (w >= 2 or "," in v) and w <= 6 for v, w in zip(sample, words, strict=True)),
            "id_like": share(bool(ID_RE.match(v)) and any(ch.isdigit() for ch in v) for v in sample),
            "long_text": share(w >= 6 and self._prose(v) for v, w in zip(sample, words, strict=True)),
            "street": share(bool(STREET_RE.match(v)) or bool(BOX_RE.search(v)) for v in sample),
            "address": share(self._is_address(v) for v in sample),
            "place": share(self.addresses.place_key(v) in self.places for v in sample),
            "plain_words": share(bool(NAME_RE.match(v)) and not any(ch.isdigit() for ch in v) for v in sample),
            "text": share(bool(TEXT_RE.match(v)) for v in sample),
            "_label": share(bool(TEXT_RE.match(v)) or (bool(LABEL_RE.match(v)) and len(v) <= 60) for v in sample),
        }
        shares.update(self._date_shares(sample))
        integers = [int(float(v)) for v in sample if INTEGER_RE.match(v)]
        ordered = [int(float(v)) for v in values.drop_nulls().head(50).to_list() if INTEGER_RE.match(str(v).strip())]
        shares["_sequence"] = float(len(ordered) >= 5 and all(b - a == 1 for a, b in itertools.pairwise(ordered)))
        shares["count"] = sum(0 <= i <= 200 for i in integers) / n
        scale = sum(bool(SCALE_RE.match(v)) for v in sample)
        shares["score"] = (sum(1 <= i <= 10 for i in integers) + scale) / n
        shares["_over_ten"] = sum(i > 10 for i in integers) / n
        ethnicity = [self.ethnicity.classify(v) for v in sample]
        stated = self.standards.ethnicity.not_stated_code
        shares["ethnicity"] = sum(r.unknown_tokens == 0 and r.level2_codes != (stated,) for r in ethnicity) / n
        folded = [fold(v) for v in sample]
        for name, spellings in self.code_spellings.items():
            blanks = self.code_blanks.get(name)
            shares[f"code:{name}"] = share(f in spellings or bool(blanks and blanks.match(f))
                                           or (len(v) < 40 and bool(qualified_code(v, spellings)))   # 'Yes - verbal'
                                           for v, f in zip(sample, folded, strict=True))
        return ColumnProfile(n, len(set(sample)) / n, shares)

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

    def _date_shares(self, sample: list[str]) -> dict[str, float]:
        # Whole numbers are counts or ids, not spreadsheet day numbers (the readers turn date cells into dates).
        written = [v if _date_candidate(v) else None for v in sample]
        parsed: list[dt.date | None] = []
        if any(v is not None for v in written):
            text = pl.Series(written, dtype=pl.Utf8)
            if written_month_first(text):   # survey tools write US dates: read them as the ingest will
                text = pl.select(month_first_as_iso(pl.lit(text))).to_series()
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
        if len(present) >= 0.8 * n and not counter:
            serial_days = [d for d in parse_dates(pl.Series(serials, dtype=pl.Utf8), self.standards.dates).to_list() if d]
            serial_years = [(end - d).days / 365.25 for d in serial_days]
            shares["_serial_birth_date"] = sum(_birth_weight(y) for y in serial_years) / n
            shares["_serial_in_quarter"] = sum(start <= d <= end for d in serial_days) / n
            shares["_serial_before_quarter"] = sum(d < start and y <= 10 for d, y in zip(serial_days, serial_years, strict=True)) / n
        return shares


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


def content_fit(profile: ColumnProfile, kind: str, code_list: str | None = None) -> float | None:
    """How well a profile fits the content a field expects, 0..1; None when there is too little to tell."""
    if profile.values < 3:
        return None
    s = profile.share
    specific = max(s("nhi"), s("ird"), s("email"), s("phone"), s("birth_date"), s("in_quarter"))
    if kind in {"nhi", "ird", "email", "phone"}:
        return s(kind)
    if kind == "birth_date":
        return max(s("birth_date"), SERIAL_DATE_WEIGHT * s("_serial_birth_date"))
    if kind == "event_date":
        return max(s("in_quarter"), SERIAL_DATE_WEIGHT * s("_serial_in_quarter"))
    if kind == "start_date":
        def start_fit(prefix: str) -> float:
            within, before = s(f"{prefix}in_quarter"), s(f"{prefix}before_quarter")
            return min(1.0, (within + before) * (0.6 + 0.4 * min(1.0, 4 * before)))
        return max(start_fit(""), SERIAL_DATE_WEIGHT * start_fit("_serial_"))
    if kind == "count":  # 1, 2, 3 ... down the column is a row number, not a count
        return s("count") * (0.7 + 0.3 * min(1.0, 4 * s("_over_ten") + (1 - s("score")))) * (1 - 0.7 * s("_sequence"))
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
        # A handful of labels the list does not know ('Goals met', 'Āe') is a provider's own vocabulary
        # for the field, not evidence against it: neutral, so the header decides.
        labels = (profile.values >= 5 and profile.distinct_share * profile.values <= CATEGORY_LABELS and s("integer") < 0.5
                  and s("date") < 0.5)   # dates are not a provider's own labels ('Referral date' is not a referral source)
        return max(fit * (0.6 if s("integer") > 0.9 else 1.0), UNKNOWN_LABELS_FIT if labels else 0.0)
    if kind == "free_text":
        return min(1.0, s("long_text") * 1.2)
    if kind == "staff_name":  # a few staff names (or initials) repeat down the column
        return max(s("name_like"), 0.8 * s("id_like") * (1 - s("integer"))) * (1 - specific)
    if kind in {"person_name", "full_name"}:
        fit = s("name_like") * min(1.0, profile.distinct_share / 0.5) * (1 - specific)
        return fit * (0.4 + 0.6 * s("multi_word_name")) if kind == "full_name" else fit * (1 - 0.3 * s("multi_word_name"))
    if kind == "identifier":
        return s("id_like") * min(1.0, profile.distinct_share / 0.8) * (1 - specific) * (1 - s("_sequence"))
    if kind == "category":
        few = 1.0 - 0.5 * min(1.0, max(0.0, profile.distinct_share - 0.2) / 0.6) if profile.values >= 20 else 0.7
        return s("_label") * few * (1 - specific)
    return None
