"""Validation rules derived from standards/fields.yaml (never hand-written per provider).

Each rule becomes one Great Expectations expectation. Rules that GX can state natively
(not null, in set, between) run on prepared columns; the rest (check digits, multi-valued
codes, duplicates) run on a boolean check column (`__chk__<rule id>`). `checks.py` builds
the GX suite once per run and evaluates it in one polars pass; `prepare_check_columns`
here adds the same columns eagerly for the per-file GX reference path.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from deid.ingest.ingest import is_derived_reference
from deid.ingest.nondata import NON_DATA_SHAPES, NOTE, TOTALS
from deid.standardise.codes import (
    IWI_IN_ETHNICITY,
    IWI_IN_ETHNICITY_FIX,
    EthnicityClassifier,
    map_codes,
    map_gender,
)
from deid.standardise.columns import NOT_RECORDED_SAID
from deid.standardise.dates import example_date, parse_dates
from deid.standardise.identifiers import ird_valid_series, nhi_valid_series
from deid.standards import Standards, load_iwi_classification

Severity = Literal["blocking", "warning"]

# A formula as spreadsheets write them: =..., @..., or +/- followed by a function or reference, not a number.
FORMULA_PATTERN = r"^\s*(?:[=@]|[+\-]\s*[A-Za-z(])"

# Columns whose failing values may be shown as examples in reports (codes, counts: not identifying), each value
# only when it is shaped like a code or short label (`validate.example_as_shown`: free text is described instead).
EXAMPLE_SAFE_TYPES = {"code", "multi_code", "integer"}


@dataclass(frozen=True)
class Rule:
    """One check on one column, with what a provider should do about a failure."""

    rule_id: str
    column: str            # the standard field the provider can fix
    check: str             # short rule name: required, date_parseable, nhi_check_digit ...
    severity: Severity
    description: str
    fix: str
    expectation: str       # GX expectation class name
    kwargs: dict[str, Any] = field(default_factory=dict)
    show_examples: bool = False


def check_rule(rule_id: str, column: str, check: str, severity: Severity, description: str, fix: str,
               show_examples: bool = False) -> Rule:
    """A rule computed into the boolean column `__chk__<rule_id>` and expected to be True in GX."""
    return Rule(rule_id, column, check, severity, description, fix, "ExpectColumnValuesToBeInSet",
                {"column": f"__chk__{rule_id}", "value_set": [True]}, show_examples)


def date_range_rule(column: str, check: str, severity: Severity, description: str, fix: str,
                    first: dt.date, last: dt.date) -> Rule:
    """A rule that the column's parsed dates (as `__day__<column>` day numbers) lie from `first` to `last`."""
    return Rule(f"{column}.{check}", column, check, severity, description, fix, "ExpectColumnValuesToBeBetween",
                {"column": f"__day__{column}", "min_value": day_number(first), "max_value": day_number(last)})


def code_read(values: pl.Series, code_list: str, standards: Standards) -> pl.Series:
    """Whether each value is blank or one the standardiser reads as a code of the list (a spelling, a
    tick, 'Yes - verbal', a label read by its words): a provider is not told to fix what is understood."""
    distinct = values.drop_nulls().unique()
    if code_list == "gender":
        codes = map_gender(distinct, standards.gender)
    else:
        codes = map_codes(distinct, standards.code_lists.code_lists[code_list])
    known = dict(zip(distinct.to_list(), codes.is_not_null().to_list(), strict=True))
    return values.replace_strict(known, default=True, return_dtype=pl.Boolean)


_EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01: date ranges are checked on these integers, which GX compares vectorised."""
    return (day - _EPOCH).days


START_DATE_YEARS = 20   # a start date further back than this before the quarter is a mistyped year


def build_rules(standards: Standards, quarter_start: dt.date, quarter_end: dt.date) -> list[Rule]:
    """The full rule set for one quarter, from the standards."""
    rules: list[Rule] = []
    oldest = quarter_end.replace(year=quarter_end.year - standards.age.plausible.oldest_years)
    lists = standards.code_lists.code_lists
    for spec in standards.fields.fields:
        name = spec.name
        if spec.required and spec.required_unless:
            others = " or ".join(spec.required_unless)
            rules.append(check_rule(f"{name}.required", name, "required", "blocking", f"{name} must have a value (or {others})",
                                    f"Fill in {name} (or {others}) for every row: a row with none of them is set aside "
                                    f"(a cell left blank or written as N/A, unknown, - or ? counts as empty)."))
            # Kept without it, but what it gives is lost for the row: said to the provider, never silently (where the
            # file gives it on other rows; a file that keeps none is told what that costs by `for_linkage`).
            rules.append(check_rule(f"{name}.not_recorded", name, "not_recorded", "warning",
                                    f"{name} not recorded ({NOT_RECORDED_SAID})", _lost_without(spec.profile, name)))
        elif spec.required:
            rules.append(Rule(f"{name}.required", name, "required", "blocking", f"{name} must have a value",
                              f"Fill in {name} for every row: a row without it is set aside (a cell left blank or "
                              "written as N/A, unknown, - or ? counts as empty).", "ExpectColumnValuesToNotBeNull", {"column": name}))
        if spec.warn_unless:
            others = " or ".join(spec.warn_unless)
            rules.append(check_rule(f"{name}.for_linkage", name, "for_linkage", "warning",
                                    spec.warning or f"{name} should have a value (or {others})",
                                    f"Give {name} (or {others}) where your records hold it."))
        if spec.type == "date":
            blocking: Severity = "blocking" if spec.required else "warning"
            write = (f"Write {name} as day/month/year, e.g. {example_date(spec.profile, quarter_start)}, and check the day "
                     f"exists in that month; leave the cell empty when the date is not known.")
            if spec.required and spec.required_unless:
                # a row the other identity fields identify is kept without the unreadable date, as it would be without
                # one (outsider test 10: 3,333 rows with an NHI set aside for a date of birth written as "21 yrs")
                others = " or ".join(spec.required_unless)
                age = " A value such as '21 yrs' is an age, not a date of birth." if spec.profile == "birth_date" else ""
                rules.append(check_rule(f"{name}.date_parseable", name, "date_parseable", blocking,
                                        f"{name} must be a real calendar date where the row has no {others}", write + age))
                rules.append(check_rule(f"{name}.date_unreadable", name, "date_unreadable", "warning",
                                        f"{name} is not a real calendar date (the row is kept: its {others} identifies it)",
                                        write + age))
            else:
                rules.append(check_rule(f"{name}.date_parseable", name, "date_parseable", blocking,
                                        f"{name} must be a real calendar date", write))
        if name == "date_of_birth":
            rules.append(date_range_rule(name, "plausible_range", "blocking",
                                         f"date of birth must not be in the future or more than {standards.age.plausible.oldest_years} years ago",
                                         f"Check the year of birth: it cannot be after the end of the quarter, nor more than "
                                         f"{standards.age.plausible.oldest_years} years before it.",
                                         oldest, quarter_end))
        if name == "start_date":   # '3/7/62' is 1962: no one starts a programme decades before, or after, the quarter
            earliest = quarter_start.replace(year=quarter_start.year - START_DATE_YEARS)
            rules.append(date_range_rule(name, "plausible_range", "warning",
                                         f"start date should fall between {earliest} and the end of the quarter ({quarter_end})",
                                         "Check the year of the start date (a two-digit year such as 62 is read as 1962).",
                                         earliest, quarter_end))
        if name == "service_date":
            rules.append(date_range_rule(name, "inside_quarter", "warning",
                                         f"service date should fall inside the quarter ({quarter_start} to {quarter_end})",
                                         "Report services in the quarter they happened; move earlier services to that quarter's file.",
                                         quarter_start, quarter_end))
        if spec.type == "nhi":
            rules.append(check_rule(f"{name}.check_digit", name, "nhi_check_digit", "warning",
                              "NHI must be 7 characters in an NHI format (old AAANNNC or new AAANNAX) with a valid check character",
                              "Copy the NHI again from the health record: 3 letters, then 4 digits (old form) or 2 digits and "
                              "2 letters (new form), the last character a check that must match. If the client has no NHI, "
                              "leave the cell empty."))
        if spec.type == "ird":
            rules.append(check_rule(f"{name}.check_digit", name, "ird_check_digit", "warning",
                              "IRD number must have 8 or 9 digits and a valid check digit",
                              "Copy the IRD number again from an IRD letter or payslip."))
        if spec.type == "code" and spec.code_list:
            listed = standards.gender if spec.code_list == "gender" else lists[spec.code_list]
            labels = ", ".join(c.label for c in listed.codes)
            advice = f" {listed.advice}" if listed.advice else ""
            rules.append(check_rule(f"{name}.code_list", name, "code_list", "warning", f"{name} must be one of the standard values",
                                    f"Use one of: {labels}.{advice}", show_examples=True))
        if spec.type == "multi_code" and spec.code_list == "ethnicity":
            rules.append(check_rule(f"{name}.code_list", name, "code_list", "warning",
                              "each ethnicity response must be a Stats NZ code or label",
                              "Use Stats NZ ethnicity labels or codes, separated by semicolons (e.g. 'NZ European; Māori').", show_examples=True))
            rules.append(check_rule(f"{name}.iwi_named", name, "iwi_in_ethnicity", "warning", IWI_IN_ETHNICITY,
                                    IWI_IN_ETHNICITY_FIX, show_examples=True))
        if spec.type == "integer":
            words = standards.code_lists.code_lists.get(spec.word_codes or "")
            said = f" (or, in a file of one row per session, {' or '.join(repr(c.label) for c in words.codes)})" if words else ""
            rules.append(check_rule(f"{name}.integer_range", name, "integer_range", "warning",
                              f"{name} must be a whole number from {spec.minimum} to {spec.maximum}{said}",
                              f"Enter {name} as a whole number between {spec.minimum} and {spec.maximum}{said}.",
                              show_examples=True))
    for group in standards.fields.any_of:
        rules.append(check_rule(f"{group.name}.any_of", ",".join(group.fields), "any_of", group.severity,
                          f"{group.description} must be given ({' or '.join(group.fields)})",
                          "Give the client's name on every row."))
    rules.append(check_rule("row.duplicate", "(whole row)", "duplicate_row", "blocking",
                      "a row must not repeat an earlier row exactly", "Remove the repeated row."))
    rules.append(check_rule("row.totals", "(whole row)", "totals_row", "blocking",
                      "looks like a totals row, not a client",
                      "Leave totals out of the file (we count the rows ourselves); nothing else on this row needs fixing."))
    rules.append(check_rule("row.note", "(whole row)", "note_row", "blocking",
                      "looks like a note or sign-off, not a client",
                      "Keep notes and sign-offs out of the table (in your email, or on another sheet)."))
    rules.append(check_rule("row.cell_count", "(whole row)", "cell_count", "warning",
                      "a row should have as many cells as the header",
                      "Check the row for a missing or extra delimiter, or a value cut short; extra cells were not read."))
    rules.append(check_rule("row.formula", "(any column)", "formula", "warning",
                      "cells should hold values, not spreadsheet formulas (=, +, -, @ followed by a formula)",
                      "Paste values only (Paste Special > Values) before saving the file."))
    rules.append(check_rule("row.cell_too_long", "(any column)", "cell_too_long", "blocking",
                      f"no cell may be longer than {standards.fields.max_cell_chars} characters",
                      "Check for text pasted by mistake into one cell; split long notes across quarters."))
    rules.append(check_rule("date_of_birth.same_as_before", "date_of_birth", "consistent_across_quarters", "warning",
                      "a client's date of birth should be the same as in earlier quarters' files",
                      "Check the date of birth against the client's record; correct whichever quarter is wrong."))
    rules.append(check_rule("client_ref.unique", "client_ref", "duplicate_client_ref", "warning",
                      "each client reference should appear once per quarter",
                      "Combine the client's rows, or give different clients different references; in a file of one row per "
                      "session, give each row its session date and leave out a sessions count."))
    return rules


def _lost_without(profile: str | None, name: str) -> str:
    """What a provider is told to do about a field the row is kept without, and what the row loses."""
    if profile == "birth_date":
        return ("Give the client's date of birth where your records hold it: without it their age cannot be worked out, "
                "and they are counted under 'Not stated' in every table by age.")
    return f"Give {name} where your records hold it: without it the row counts as 'Not stated' wherever {name} is reported."


WORD_IN_VALUE = r"[^\W\d_]"   # a value with a letter: a word for a number, never a number written with separators
SESSION_COUNT = "sessions_attended"   # the field a file gives each client's sessions in
SESSION_DATE = "service_date"         # the field a one-row-per-session file gives each session's date in


def client_reference_once(field_names: tuple[str, ...]) -> pl.Expr:
    """True where the `client_ref.unique` rule passes: the row's reference is blank, derived by ingest, or given on no
    other distinct row (a repeat of a whole row is `row.duplicate`'s, read from `__chk__row.duplicate`).

    A file with no sessions count on any row is one row per session where a reference comes back on other dates
    (`__parsed__service_date`): there each row is a session, counted as one (`deid.aggregate.counted_sessions`), and
    the provider is not told to combine the client's rows. The same reference twice on one date is still warned."""
    ref = pl.col("client_ref")
    distinct = pl.col("__chk__row.duplicate").cast(pl.Int64)
    passes = ref.is_null() | is_derived_reference(ref) | (distinct.sum().over("client_ref") <= 1)
    if {SESSION_COUNT, SESSION_DATE} <= set(field_names):
        # no count on any row, or only whether the client came (words such as 'Attended' and 'DNA' are no number; or 1, 0)
        count = pl.col(SESSION_COUNT).cast(pl.Utf8).str.replace_all(r"[,\s]", "").cast(pl.Int64, strict=False)
        no_counts = count.is_null().all() | count.drop_nulls().is_in([0, 1]).all()
        date = pl.col(f"__parsed__{SESSION_DATE}")
        own_date = date.is_not_null() & (distinct.sum().over("client_ref", f"__parsed__{SESSION_DATE}") <= 1)
        passes = passes | (no_counts & own_date)
    return passes


def prepare_check_columns(frame: pl.DataFrame, standards: Standards, field_names: tuple[str, ...],
                          history: pl.DataFrame | None = None,
                          timings: dict[str, float] | None = None) -> pl.DataFrame:
    """Add the parsed, folded and boolean check columns the rules refer to.

    Args:
        timings: when given, filled with seconds spent preparing each rule's column, by rule id.
    """
    ids = standards.identifiers
    extra: dict[str, pl.Series] = {}
    clock = _RuleClock(timings)
    for spec in standards.fields.fields:
        name = spec.name
        values = frame.get_column(name)
        if spec.required and spec.required_unless:
            with clock(f"{name}.required"):
                extra[f"__chk__{name}.required"] = frame.select(
                    pl.any_horizontal([pl.col(n).is_not_null() for n in (name, *spec.required_unless)])).to_series()
        if spec.required and spec.required_unless:
            with clock(f"{name}.not_recorded"):
                extra[f"__chk__{name}.not_recorded"] = values.is_not_null() | (values.null_count() == values.len())
        if spec.warn_unless:
            with clock(f"{name}.for_linkage"):
                extra[f"__chk__{name}.for_linkage"] = frame.select(
                    pl.any_horizontal([pl.col(n).is_not_null() for n in (name, *spec.warn_unless)])).to_series()
        if spec.type == "date":
            with clock(f"{name}.date_parseable"):
                parsed = parse_dates(values, standards.dates)
                extra[f"__parsed__{name}"] = parsed
                readable = values.is_null() | parsed.is_not_null()
                if spec.required and spec.required_unless:
                    extra[f"__chk__{name}.date_unreadable"] = readable
                    readable = readable | frame.select(pl.any_horizontal([pl.col(n).is_not_null() for n in spec.required_unless])).to_series()
                extra[f"__chk__{name}.date_parseable"] = readable
                # Days since 1970-01-01 as day_number(); float so GX compares the column vectorised, nulls as NaN.
                extra[f"__day__{name}"] = parsed.cast(pl.Int32).cast(pl.Float64)
        elif spec.type == "nhi":
            with clock(f"{name}.check_digit"):
                extra[f"__chk__{name}.check_digit"] = nhi_valid_series(values, ids).fill_null(True)
        elif spec.type == "ird":
            with clock(f"{name}.check_digit"):
                extra[f"__chk__{name}.check_digit"] = ird_valid_series(values, ids).fill_null(True)
        elif spec.type == "code" and spec.code_list:
            with clock(f"{name}.code_list"):
                extra[f"__chk__{name}.code_list"] = code_read(values, spec.code_list, standards)
        elif spec.type == "multi_code" and spec.code_list == "ethnicity":
            with clock(f"{name}.code_list"):
                classified = EthnicityClassifier(standards.ethnicity, load_iwi_classification(
                    standards.directory, standards.config_dir)).classify_series(values)
                extra[f"__chk__{name}.code_list"] = classified.get_column("ethnicity_unknown_responses") == 0
                extra[f"__chk__{name}.iwi_named"] = classified.get_column("ethnicity_kin_groups") == 0
        elif spec.type == "integer":
            with clock(f"{name}.integer_range"):
                number = values.str.replace_all(r"[,\s]", "").cast(pl.Int64, strict=False)
                low = spec.minimum if spec.minimum is not None else -(2**62)
                high = spec.maximum if spec.maximum is not None else 2**62
                passes = values.is_null() | number.is_between(low, high).fill_null(False)
                if spec.word_codes:   # or a word the field takes for a number ('Attended' is 1: fields.yaml `word_codes`)
                    passes = passes | (code_read(values, spec.word_codes, standards) & values.str.contains(WORD_IN_VALUE))
                extra[f"__chk__{name}.integer_range"] = passes
    for group in standards.fields.any_of:
        with clock(f"{group.name}.any_of"):
            extra[f"__chk__{group.name}.any_of"] = frame.select(
                pl.any_horizontal([pl.col(name).is_not_null() for name in group.fields])).to_series()
    texts = [pl.col(name).fill_null("") for name in field_names]
    with clock("row.cell_count"):
        shapes = frame.get_column("source_shape") if "source_shape" in frame.columns else pl.repeat(None, frame.height, dtype=pl.Utf8, eager=True)
        extra["__chk__row.cell_count"] = shapes.is_null() | shapes.is_in(NON_DATA_SHAPES)
    with clock("row.totals"):
        extra["__chk__row.totals"] = shapes.fill_null("") != TOTALS
    with clock("row.note"):
        extra["__chk__row.note"] = shapes.fill_null("") != NOTE
    with clock("row.formula"):
        extra["__chk__row.formula"] = ~frame.select(pl.any_horizontal([t.str.contains(FORMULA_PATTERN) for t in texts])).to_series()
    with clock("row.cell_too_long"):
        extra["__chk__row.cell_too_long"] = frame.select(
            pl.max_horizontal([t.str.len_chars() for t in texts]) <= standards.fields.max_cell_chars).to_series()
    with clock("row.duplicate"):
        # A repeat of an earlier row (all standard fields equal): the first copy is kept.
        first_copy = frame.select(pl.struct(list(field_names)).is_first_distinct()).to_series()
        extra["__chk__row.duplicate"] = first_copy
    with clock("client_ref.unique"):
        dates = {f"__parsed__{SESSION_DATE}": extra[f"__parsed__{SESSION_DATE}"]} if f"__parsed__{SESSION_DATE}" in extra else {}
        extra["__chk__client_ref.unique"] = frame.with_columns(**{"__chk__row.duplicate": first_copy}, **dates).select(
            client_reference_once(field_names)).to_series()
    with clock("date_of_birth.same_as_before"):
        extra["__chk__date_of_birth.same_as_before"] = _dob_unchanged(frame, extra["__parsed__date_of_birth"], history)
    return frame.with_columns(**{k: v.alias(k) for k, v in extra.items()})


class _RuleClock:
    """Adds the wall time of each `with clock(rule_id):` block to a timings dict (or does nothing)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, rule_id: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        if self.timings is not None:
            self.timings[rule_id] = self.timings.get(rule_id, 0.0) + time.perf_counter() - started


def _dob_unchanged(frame: pl.DataFrame, dob: pl.Series, history: pl.DataFrame | None) -> pl.Series:
    """False where this provider reported a different date of birth for the client in an earlier quarter."""
    if history is None or history.height == 0:
        return pl.Series([True] * frame.height)
    earlier = (history.drop_nulls(["client_ref", "date_of_birth"])
               .group_by("provider", "client_ref").agg(pl.col("date_of_birth").unique().alias("__earlier_dobs")))
    current = frame.select("provider", "client_ref").with_columns(dob.alias("__dob"), pl.int_range(frame.height).alias("__i"))
    joined = current.join(earlier, on=["provider", "client_ref"], how="left").sort("__i")
    changed = joined.select(
        pl.col("__earlier_dobs").is_not_null() & pl.col("__dob").is_not_null()
        & ~pl.col("__dob").is_in(pl.col("__earlier_dobs")).fill_null(True)
    ).to_series()
    return ~changed
