"""The rules in one vectorised pass: the GX suite's expectations, evaluated as polars expressions.

Each rule is one Great Expectations expectation (type and kwargs, from the standards, see
`rules.build_rules`); the suite is compiled once per process and quarter (`compiled_suite`) and its
expectations are evaluated here as polars expressions over the whole submission in one lazy
query, with GX's own semantics. Great Expectations itself (seconds to import and set up) is only
loaded when something asks for the GX suite object (`CompiledSuite.gx_suite()`, built once per
suite), never to validate a file: the steward reports show every expectation from the findings.
The semantics:

- `expect_column_values_to_not_be_null`: a null is unexpected; no missing count is reported.
- `expect_column_values_to_be_in_set` and `expect_column_values_to_be_between` (bounds
  inclusive): nulls are missing, never unexpected; every other value outside is unexpected.
- an expectation succeeds when nothing is unexpected (GX's `mostly` is 1; an empty column
  succeeds vacuously).

The checked columns are the ones `prepare_check_columns` adds for the per-file GX path (kept as
the reference that `tests/validate/test_validate_equivalence.py` compares with), written as
expressions: dates parsed as `parse_dates` does, NHI and IRD check digits as
`nhi_valid_series` / `ird_valid_series` do, codes folded with `fold` once per distinct value
per run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from deid.errors import ValidationStageError
from deid.ingest.nondata import NON_DATA_SHAPES, NOTE, TOTALS
from deid.ingest.readers import SOURCE_ROW
from deid.standardise.codes import EthnicityClassifier
from deid.standardise.dates import tidy_date_text
from deid.standards import DatesStandard, IdentifiersStandard, Standards, load_iwi_classification
from deid.validate.rules import FORMULA_PATTERN, WORD_IN_VALUE, Rule, build_rules, client_reference_once, code_read

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
logging.getLogger("great_expectations").setLevel(logging.WARNING)

NOT_NULL = "expect_column_values_to_not_be_null"
IN_SET = "expect_column_values_to_be_in_set"
BETWEEN = "expect_column_values_to_be_between"

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MEMO_LIMIT = 200_000   # distinct code / ethnicity spellings remembered per run before starting again
LISTED_ROWS = 10_000    # columns up to this long are read as Python lists (cheaper than a polars pass)


@dataclass(frozen=True)
class SuiteExpectation:
    """One expectation of the GX suite, as evaluated here."""

    rule: Rule
    type: str                    # GX expectation type, e.g. expect_column_values_to_be_in_set
    column: str                  # the column GX checks (a field, or a prepared check column)
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class CompiledSuite:
    """The GX suite for one quarter's standards, with what evaluating it needs, built once per run."""

    standards: Standards
    quarter_start: dt.date
    quarter_end: dt.date
    expectations: tuple[SuiteExpectation, ...]
    rules_table: pl.DataFrame               # rule, column, severity, flag: labels for row issues
    ethnicity: EthnicityClassifier
    static_stages: tuple[dict[str, pl.Expr], ...]   # checked columns that do not depend on the data, in stages
    static_checks: dict[str, pl.Expr]
    unexpected: dict[str, pl.Expr]          # flag column -> True where GX counts the row unexpected
    missing: dict[str, pl.Expr]             # rule id -> GX's missing count (in-set and between only)
    date_parsing: tuple[dict[str, pl.Expr], dict[str, pl.Expr], tuple[pl.Expr, ...]]
    _unknown: dict[str, int] = field(default_factory=dict)     # ethnicity cell -> unknown responses
    _kin: dict[str, int] = field(default_factory=dict)         # ethnicity cell -> responses naming an iwi
    _dates: dict[str, dt.date | None] = field(default_factory=dict)   # date text -> its date (None: not a date)
    _codes: dict[str, dict[str, bool]] = field(default_factory=dict)  # code list -> value -> read as a code
    _gx: dict[str, Any] = field(default_factory=dict)          # the GX suite, once built

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(e.rule for e in self.expectations)

    def gx_suite(self) -> Any:
        """The Great Expectations suite (`great_expectations.ExpectationSuite`), built on first request.

        Importing and setting up GX costs seconds, so validation never needs it; a report or tool
        that wants GX's own suite object asks for it here and gets the same one after.
        """
        with _SUITES_LOCK:
            if "suite" not in self._gx:
                self._gx["suite"] = build_gx_suite(self.rules, self.quarter_start, self.quarter_end)
            return self._gx["suite"]

    def unknown_mapping(self, cells: list[str]) -> dict[str, int]:
        """Unknown ethnicity responses for these distinct cells, each classified once per run."""
        return _remembered(self._unknown, cells, lambda cell: self.ethnicity.classify(cell).unknown_tokens)

    def codes_read(self, values: pl.Series, code_list: str) -> pl.Series:
        """`rules.code_read` for a column, each distinct value read once per run (a file's codes are
        mostly the spellings earlier files used)."""
        memo = self._codes.setdefault(code_list, {})

        def read(unseen: list[str]) -> list[bool]:
            return code_read(pl.Series(unseen, dtype=pl.Utf8), code_list, self.standards).to_list()

        if values.len() <= LISTED_ROWS:   # a blank cell is read as a code (as `replace_strict`'s default makes it)
            cells = values.to_list()
            known = _remembered_together(memo, list(dict.fromkeys(c for c in cells if c is not None)), read)
            return pl.Series(values.name, [True if c is None else known[c] for c in cells], dtype=pl.Boolean)
        known = _remembered_together(memo, values.drop_nulls().unique().to_list(), read)
        return values.replace_strict(known, default=True, return_dtype=pl.Boolean)

    def iwi_not_named(self, values: pl.Series) -> pl.Expr:
        """Whether each ethnicity cell names no iwi ('Te Ati Awa': counted Māori, but the iwi belongs in the Iwi
        column), each cell classified once per run."""
        mapping = _remembered(self._kin, values.drop_nulls().unique().to_list(),
                              lambda cell: self.ethnicity.classify(cell).kin_groups_named)
        return pl.lit(values.replace_strict(mapping, default=None, return_dtype=pl.Int64).fill_null(0) == 0)

    def ethnicity_read(self, values: pl.Series) -> pl.Expr:
        """Whether each ethnicity cell has no unknown response (a blank has none), each cell classified once per run."""
        if values.len() <= LISTED_ROWS:
            cells = values.to_list()
            unknown = self.unknown_mapping(list(dict.fromkeys(c for c in cells if c is not None)))
            return pl.lit(pl.Series(values.name, [c is None or unknown[c] == 0 for c in cells], dtype=pl.Boolean))
        mapping = self.unknown_mapping(values.drop_nulls().unique().to_list())
        return pl.lit(values.replace_strict(mapping, default=None, return_dtype=pl.Int64).fill_null(0) == 0)

    def parsed_dates(self, frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
        """`_parsed_date_table` for these columns, each distinct text parsed once per run (dates repeat
        across a quarter's files: a service date, a birth date shared)."""
        if not columns:
            return _parsed_date_table(frame, columns, self.date_parsing)
        texts = pl.concat([frame.get_column(name).cast(pl.Utf8) for name in columns]).drop_nulls().unique().to_list()

        def parse(unseen: list[str]) -> list[dt.date | None]:
            table = _parsed_date_table(pl.DataFrame({"text": unseen}, schema={"text": pl.Utf8}), ["text"], self.date_parsing)
            dates = dict(zip(table.get_column("text").to_list(), table.get_column("date").to_list(), strict=True))
            return [dates.get(text) for text in unseen]

        found = [(text, date) for text, date in _remembered_together(self._dates, texts, parse).items() if date is not None]
        return pl.DataFrame({"text": [text for text, _ in found], "date": [date for _, date in found]},
                            schema={"text": pl.Utf8, "date": pl.Date})


def _remembered(memo: dict[str, Any], keys: list[str], compute: Callable[[str], Any]) -> dict[str, Any]:
    """`compute` for each key, remembered in `memo` (emptied past _MEMO_LIMIT); safe to share between threads."""
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    found = {}
    for key in keys:
        value = memo.get(key)
        if value is None:
            value = memo[key] = compute(key)
        found[key] = value
    return found


_UNSEEN = object()


def _remembered_together(memo: dict[str, Any], keys: list[str], compute: Callable[[list[str]], list[Any]]) -> dict[str, Any]:
    """`_remembered` for a `compute` that takes every key not yet remembered in one call (a polars pass
    costs more to set up than to run); None is a value it may remember."""
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    found = {}
    unseen = []
    for key in keys:
        value = memo.get(key, _UNSEEN)
        if value is _UNSEEN:
            unseen.append(key)
        else:
            found[key] = value
    if unseen:
        computed = dict(zip(unseen, compute(unseen), strict=True))
        memo.update(computed)
        found.update(computed)
    return found


_GX_CONTEXT: Any = None


def gx_context() -> Any:
    """One ephemeral GX context per process, with progress bars off for batch runs."""
    global _GX_CONTEXT
    if _GX_CONTEXT is None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # GX sets levels on its own loggers when imported; quieten every one of them for batch runs.
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")] + ["great_expectations"]:
            logging.getLogger(name).setLevel(logging.WARNING)
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        _GX_CONTEXT = context
    return _GX_CONTEXT


_SUITES: dict[tuple[str, dt.date, dt.date], CompiledSuite] = {}
_SUITES_LOCK = threading.RLock()
# The standards a suite is built from; a suite is reused for any standards equal in these.
VALIDATION_STANDARDS = ("fields", "code_lists", "ethnicity", "gender", "age", "dates", "identifiers")


def compiled_suite(standards: Standards, quarter_start: dt.date, quarter_end: dt.date) -> CompiledSuite:
    """The compiled suite for these standards and quarter, built on first use in a process and kept.

    A small module-level cache keyed by the content of the standards validation uses and the
    quarter, so `validate_submission` keeps its signature, callers pass nothing new, and a worker
    that receives a fresh copy of the standards with every task (Dask) still builds it once.
    """
    content = "\n".join(getattr(standards, name).model_dump_json() for name in VALIDATION_STANDARDS)
    key = (hashlib.sha256(content.encode("utf-8")).hexdigest(), quarter_start, quarter_end)
    with _SUITES_LOCK:
        suite = _SUITES.get(key)
        if suite is None:
            suite = build_compiled_suite(standards, quarter_start, quarter_end)
            if len(_SUITES) >= 8:
                _SUITES.clear()
            _SUITES[key] = suite
        return suite


def expectation_type(class_name: str) -> str:
    """GX's expectation type for its class name: ExpectColumnValuesToBeInSet -> expect_column_values_to_be_in_set."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()


def build_gx_suite(rules: tuple[Rule, ...] | list[Rule], quarter_start: dt.date, quarter_end: dt.date) -> Any:
    """The rules as a Great Expectations suite: one expectation per rule, tagged with its rule id."""
    import great_expectations as gx

    gx_context()
    suite = gx.ExpectationSuite(name=f"deid_{quarter_start.isoformat()}_{quarter_end.isoformat()}")
    for rule in rules:
        expectation_class = getattr(gx.expectations, rule.expectation)
        suite.add_expectation(expectation_class(**rule.kwargs, meta={"rule_id": rule.rule_id}))
    return suite


def build_compiled_suite(standards: Standards, quarter_start: dt.date, quarter_end: dt.date) -> CompiledSuite:
    """Compile the suite's expectations (one per rule) into the expressions that evaluate them.

    Raises:
        ValidationStageError: a rule's expectation has no vectorised evaluation here.
    """
    rules = build_rules(standards, quarter_start, quarter_end)
    expectations = []
    for rule in rules:
        kind, kwargs = expectation_type(rule.expectation), dict(rule.kwargs)
        if kind not in (NOT_NULL, IN_SET, BETWEEN) or kwargs.get("mostly", 1) != 1:
            raise ValidationStageError(f"validation: expectation '{kind}' (rule '{rule.rule_id}') has no vectorised "
                                       f"evaluation; allowed: {NOT_NULL}, {IN_SET}, {BETWEEN}, without 'mostly'")
        expectations.append(SuiteExpectation(rule, kind, kwargs["column"], kwargs))
    rules_table = pl.DataFrame({
        "rule": [e.rule.rule_id for e in expectations], "column": [e.rule.column for e in expectations],
        "severity": [e.rule.severity for e in expectations], "__order": list(range(len(expectations))),
        "__flag": [f"__x{i}" for i in range(len(expectations))],
    }, schema={"rule": pl.Utf8, "column": pl.Utf8, "severity": pl.Utf8, "__order": pl.Int64, "__flag": pl.Utf8})
    stages, checks = _static_columns(standards)
    return CompiledSuite(standards, quarter_start, quarter_end, tuple(expectations), rules_table,
                         EthnicityClassifier(standards.ethnicity, load_iwi_classification(standards.directory,
                                                                                          standards.config_dir)),
                         stages, checks,
                         {f"__x{i}": unexpected_expr(e) for i, e in enumerate(expectations)},
                         {e.rule.rule_id: pl.col(e.column).is_null().sum() for e in expectations if e.type != NOT_NULL},
                         date_parsing(standards.dates))


# --- checked columns as expressions ---------------------------------------------------------


def date_parsing(standard: DatesStandard) -> tuple[dict[str, pl.Expr], dict[str, pl.Expr], tuple[pl.Expr, ...]]:
    """`parse_dates` for a text column `text`: two stages giving `__expanded__` text, then the attempts.

    Day-first text, ISO dates and datetimes, two-digit years (expanded with the pivot) and Excel
    serials; the first attempt that gives a date wins, as in `parse_dates`'s coalesce.
    """
    cleaned = tidy_date_text(pl.col("text").cast(pl.Utf8), standard.month_names)
    first = {"__cleaned": cleaned,
             "__groups": cleaned.str.extract_groups(r"^(\d{1,2})([/.\- ])(\d{1,2}|[A-Za-z]{3,9})([/.\- ])(\d{2})$")}
    part = [pl.col("__groups").struct.field(str(i)) for i in range(1, 6)]
    yy = part[4].cast(pl.Int32, strict=False)
    century = pl.when(yy > standard.two_digit_year_pivot).then(pl.lit("19")).otherwise(pl.lit("20"))
    second = {"__expanded": pl.when(yy.is_not_null()).then(pl.concat_str([*part[:4], century, part[4]]))
              .otherwise(pl.col("__cleaned"))}
    value = pl.col("__expanded")
    attempts = [value.str.strptime(pl.Date, fmt, strict=False, exact=True) for fmt in standard.input_formats if "%y" not in fmt]
    low, high = standard.excel_serial_range
    serial = value.cast(pl.Float64, strict=False)
    excel = (pl.when(serial.is_between(low, high) & (serial == serial.floor()) & ~value.str.contains(r"^\d{8}$"))
             .then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial.cast(pl.Int64)))
             .otherwise(None))
    return first, second, (*attempts, excel)


def _nhi_stages(column: str, standard: IdentifiersStandard) -> list[dict[str, pl.Expr]]:
    """`nhi_valid_series` as column stages (null in, null out); the last adds `__chk__<column>.check_digit`."""
    nhi = standard.nhi
    text, total = f"__text__{column}", f"__total__{column}"
    value_of = {**{str(d): d for d in range(10)}, **{ch: i + 1 for i, ch in enumerate(nhi.letters)}}
    chars = [pl.col(text).str.slice(i, 1) for i in range(7)]
    formats = {fmt.name: fmt.pattern for fmt in nhi.formats}
    first = {text: pl.col(column).cast(pl.Utf8).str.replace_all(r"[\s\-]", "").str.to_uppercase()}
    second = {total: pl.sum_horizontal([c.replace_strict(value_of, default=0, return_dtype=pl.Int64) * w
                                        for c, w in zip(chars, nhi.weights, strict=False)])}
    new_letter = pl.lit(nhi.letters).str.slice(23 - pl.col(total) % 23 - 1, 1)
    old_remainder = pl.col(total) % 11
    old_digit = pl.when(old_remainder == 1).then(pl.lit("0")).otherwise((11 - old_remainder).cast(pl.Utf8))
    valid = (pl.when(pl.col(text).str.contains(formats["new"])).then(new_letter == chars[6])
             .when(pl.col(text).str.contains(formats["old"])).then((old_remainder != 0) & (old_digit == chars[6]))
             .otherwise(False))
    return [first, second,
            {f"__chk__{column}.check_digit": pl.when(pl.col(column).is_not_null()).then(valid).fill_null(True)}]


def _ird_stages(column: str, standard: IdentifiersStandard) -> list[dict[str, pl.Expr]]:
    """`ird_valid_series` as column stages (null in, null out); the last adds `__chk__<column>.check_digit`."""
    ird = standard.ird
    text = f"__text__{column}"
    digits = pl.col(text)
    d = [digits.str.zfill(9).str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(9)]
    m = ird.modulus
    primary = (m - pl.sum_horizontal([x * w for x, w in zip(d, ird.primary_weights, strict=False)]) % m) % m
    secondary = (m - pl.sum_horizontal([x * w for x, w in zip(d, ird.secondary_weights, strict=False)]) % m) % m
    check = pl.when(primary != 10).then(primary).otherwise(secondary)
    low, high = ird.valid_range
    shape = digits.str.contains(f"^[0-9]{{{ird.min_digits},{ird.max_digits}}}$")
    # python-stdnum, which the scalar check uses, also insists on 10,000,000 < n < 150,000,000.
    valid = (shape & digits.cast(pl.Int64, strict=False).is_between(max(low, 10_000_001), min(high, 150_000_000), closed="left")
             & (check == d[8])).fill_null(False)
    return [{text: pl.col(column).cast(pl.Utf8).str.replace_all(r"[\s\-]", "")}, {},
            {f"__chk__{column}.check_digit": pl.when(pl.col(column).is_not_null()).then(valid).fill_null(True)}]


def _parsed_date_table(frame: pl.DataFrame, columns: list[str],
                       parsing: tuple[dict[str, pl.Expr], dict[str, pl.Expr], tuple[pl.Expr, ...]]) -> pl.DataFrame:
    """Every distinct text in these date columns that is a date (text, date), each parsed once.

    Attempts run in `parse_dates`'s order, each only on the texts no earlier attempt could read
    (a file usually writes every date one way, so most texts are read by one attempt).
    """
    parsed = [pl.DataFrame(schema={"text": pl.Utf8, "date": pl.Date})]
    if not columns:
        return parsed[0]
    first, second, attempts = parsing
    texts = pl.concat([frame.get_column(name).cast(pl.Utf8) for name in columns]).drop_nulls().unique()
    remaining = (pl.DataFrame({"text": texts}, schema={"text": pl.Utf8}).lazy().with_columns(**first).with_columns(**second)
                 .select("text", "__expanded").collect(engine="in-memory"))
    for attempt in attempts:
        if not remaining.height:
            break
        tried = remaining.with_columns(attempt.alias("date"))
        parsed.append(tried.filter(pl.col("date").is_not_null()).select("text", "date"))
        remaining = tried.filter(pl.col("date").is_null()).drop("date")
    return pl.concat(parsed)


def _integer_in_range(col: pl.Expr, minimum: int | None, maximum: int | None) -> pl.Expr:
    number = col.str.replace_all(r"[,\s]", "").cast(pl.Int64, strict=False)
    low = minimum if minimum is not None else -(2**62)
    high = maximum if maximum is not None else 2**62
    return col.is_null() | number.is_between(low, high).fill_null(False)


def _static_columns(standards: Standards) -> tuple[tuple[dict[str, pl.Expr], ...], dict[str, pl.Expr]]:
    """The checked columns whose expressions do not depend on the submission, in stages, built once per suite.

    Date columns are parsed per submission (`__parsed__<field>`, from `_parsed_date_table`) in
    the first stage; the checks here may refer to them.
    """
    ids = standards.identifiers
    field_names = standards.fields.names
    stages: tuple[dict[str, pl.Expr], ...] = ({}, {}, {})
    checks: dict[str, pl.Expr] = {}

    def add(parts: list[dict[str, pl.Expr]]) -> None:
        for stage, part in zip(stages, parts, strict=False):
            stage.update(part)

    for spec in standards.fields.fields:
        name = spec.name
        col = pl.col(name)
        if spec.required and spec.required_unless:
            checks[f"__chk__{name}.required"] = pl.any_horizontal([pl.col(n).is_not_null() for n in (name, *spec.required_unless)])
        if spec.required and spec.required_unless:
            # A field the row may go without, not recorded on it: warned where the file gives it on other rows (a file
            # that keeps no dates of birth at all is not told so on every row: `for_linkage` says what it costs).
            checks[f"__chk__{name}.not_recorded"] = col.is_not_null() | col.is_null().all()
        if spec.warn_unless:
            checks[f"__chk__{name}.for_linkage"] = pl.any_horizontal([pl.col(n).is_not_null() for n in (name, *spec.warn_unless)])
        if spec.type == "date":
            readable = col.is_null() | pl.col(f"__parsed__{name}").is_not_null()
            if spec.required and spec.required_unless:   # (another identity field keeps the row: a warning, `rules.py`)
                checks[f"__chk__{name}.date_unreadable"] = readable
                readable = readable | pl.any_horizontal([pl.col(n).is_not_null() for n in spec.required_unless])
            checks[f"__chk__{name}.date_parseable"] = readable
            checks[f"__day__{name}"] = pl.col(f"__parsed__{name}").cast(pl.Int32)
        elif spec.type == "nhi":
            add(_nhi_stages(name, ids))
        elif spec.type == "ird":
            add(_ird_stages(name, ids))
        elif spec.type == "integer" and not spec.word_codes:   # (with words for its numbers: per submission)
            checks[f"__chk__{name}.integer_range"] = _integer_in_range(col, spec.minimum, spec.maximum)
    for group in standards.fields.any_of:
        checks[f"__chk__{group.name}.any_of"] = pl.any_horizontal([pl.col(n).is_not_null() for n in group.fields])
    texts = [pl.col(name).fill_null("") for name in field_names]
    shape = pl.col("source_shape")
    checks["__chk__row.cell_count"] = shape.is_null() | shape.is_in(NON_DATA_SHAPES)
    checks["__chk__row.totals"] = shape.fill_null("") != TOTALS
    checks["__chk__row.note"] = shape.fill_null("") != NOTE
    checks["__chk__row.formula"] = ~pl.any_horizontal([t.str.contains(FORMULA_PATTERN) for t in texts])
    checks["__chk__row.cell_too_long"] = pl.max_horizontal([t.str.len_chars() for t in texts]) <= standards.fields.max_cell_chars
    # A repeat of an earlier row (all standard fields equal): the first copy is kept.
    stages[0]["__chk__row.duplicate"] = pl.struct(list(field_names)).is_first_distinct()
    # Distinct rows per client reference: a repeat of an earlier row does not make a reference repeated.
    # A reference ingest derived (no client reference column) is the pipeline's matching, not the provider's.
    # A file with no sessions count, a reference on other service dates: one row per session (rules.client_reference_once).
    checks["__chk__client_ref.unique"] = client_reference_once(tuple(field_names))
    return stages, checks


def checked_columns(frame: pl.DataFrame, suite: CompiledSuite, history: pl.DataFrame | None) -> pl.LazyFrame:
    """The submission with every column the suite's expectations check, as one lazy query.

    Mirrors `prepare_check_columns` column for column (names included): the suite's static
    expressions plus what depends on the submission's values (parsed dates, folded codes,
    classified ethnicities) and on the provider's history.
    """
    standards = suite.standards
    date_fields = [spec.name for spec in standards.fields.fields if spec.type == "date"]
    parsed_dates = suite.parsed_dates(frame, date_fields)
    first = dict(suite.static_stages[0])
    checks: dict[str, pl.Expr] = {}
    for spec in standards.fields.fields:
        name = spec.name
        col = pl.col(name)
        if spec.type == "date":
            first[f"__parsed__{name}"] = col.cast(pl.Utf8).replace_strict(
                parsed_dates.get_column("text"), parsed_dates.get_column("date"), default=None, return_dtype=pl.Date)
        elif spec.type == "code" and spec.code_list:
            checks[f"__chk__{name}.code_list"] = pl.lit(suite.codes_read(frame.get_column(name).cast(pl.Utf8), spec.code_list))
        elif spec.type == "multi_code" and spec.code_list == "ethnicity":
            checks[f"__chk__{name}.code_list"] = suite.ethnicity_read(frame.get_column(name).cast(pl.Utf8))
            checks[f"__chk__{name}.iwi_named"] = suite.iwi_not_named(frame.get_column(name).cast(pl.Utf8))
        elif spec.type == "integer" and spec.word_codes:   # a number, or a word for one ('Attended' is 1 session)
            words = pl.lit(suite.codes_read(frame.get_column(name).cast(pl.Utf8), spec.word_codes))
            checks[f"__chk__{name}.integer_range"] = (_integer_in_range(col, spec.minimum, spec.maximum)
                                                      | (words & col.str.contains(WORD_IN_VALUE)))
    lazy = frame.lazy()
    if "source_shape" not in frame.columns:
        lazy = lazy.with_columns(pl.lit(None, dtype=pl.Utf8).alias("source_shape"))
    for stage in (first, *suite.static_stages[1:]):
        if stage:
            lazy = lazy.with_columns(**stage)
    dob_changed = pl.lit(False)
    if history is not None and history.height and "date_of_birth" in standards.fields.names:
        earlier = (history.lazy().drop_nulls(["client_ref", "date_of_birth"])
                   .group_by("provider", "client_ref").agg(pl.col("date_of_birth").unique().alias("__earlier_dobs")))
        lazy = lazy.join(earlier, on=["provider", "client_ref"], how="left", maintain_order="left")
        dob = pl.col("__parsed__date_of_birth")
        dob_changed = (pl.col("__earlier_dobs").is_not_null() & dob.is_not_null()
                       & ~dob.is_in(pl.col("__earlier_dobs")).fill_null(True))
    checks["__chk__date_of_birth.same_as_before"] = ~dob_changed
    return lazy.with_columns(**suite.static_checks, **checks)


def unexpected_expr(expectation: SuiteExpectation) -> pl.Expr:
    """True where GX would count the row as unexpected for this expectation."""
    col = pl.col(expectation.column)
    kwargs = expectation.kwargs
    if expectation.type == NOT_NULL:
        return col.is_null()
    if expectation.type == IN_SET:
        return col.is_not_null() & ~col.is_in(list(kwargs["value_set"]))
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    inside = pl.lit(True)
    if low is not None:
        inside = inside & (col > low if kwargs.get("strict_min") else col >= low)
    if high is not None:
        inside = inside & (col < high if kwargs.get("strict_max") else col <= high)
    return col.is_not_null() & ~inside


def evaluate_suite(frame: pl.DataFrame, suite: CompiledSuite,
                   history: pl.DataFrame | None) -> tuple[pl.DataFrame, dict[str, int]]:
    """Evaluate every expectation on the submission in one pass.

    Returns:
        the row issues (source_row, column, rule, severity), ordered as the suite then by row,
        and, per rule id, the count of missing (null) values GX reports (0 for not-null checks).
    """
    # One query: each row's flags, with the missing counts alongside (the same on every row). On a small
    # submission setting a query up costs more than running it, so neither a second query nor the
    # optimiser's passes are worth their set-up (both give the same rows and counts).
    missing = {f"__missing{i}": count for i, count in enumerate(suite.missing.values())}
    evaluated = checked_columns(frame, suite, history).select(pl.col(SOURCE_ROW), **suite.unexpected, **missing).collect(
        engine="in-memory", optimizations=pl.QueryOptFlags.none())
    failing_rows = evaluated.filter(pl.any_horizontal(list(suite.unexpected))).select(SOURCE_ROW, *suite.unexpected)
    counts = evaluated.row(0) if evaluated.height else (0,) * evaluated.width   # an empty submission misses nothing
    missing_counts = {e.rule.rule_id: 0 for e in suite.expectations}
    missing_counts.update({rule_id: int(value) for rule_id, value in
                           zip(suite.missing, counts[evaluated.width - len(missing):], strict=True)})
    issues = (failing_rows.unpivot(index=SOURCE_ROW, variable_name="__flag", value_name="__failed")
              .filter(pl.col("__failed"))
              .join(suite.rules_table, on="__flag", how="inner")
              .sort("__order", SOURCE_ROW)
              .unique(subset=["__order", SOURCE_ROW], keep="first", maintain_order=True)
              .select(pl.col(SOURCE_ROW).cast(pl.Int64), "column", "rule", "severity"))
    return issues, missing_counts
