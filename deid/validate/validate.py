"""The validate stage: evaluate the standards-built GX suite in one pass, quarantine blocking failures.

The suite's expectations (one Great Expectations expectation per rule) are compiled from the
rules once per process and quarter (`checks.compiled_suite`) and evaluated as polars expressions
over the whole submission in one lazy query (`checks.evaluate_suite`), with GX's semantics and
counts, so a file costs what its data costs rather than GX's per-file set-up; GX itself is not
even imported to validate (`CompiledSuite.gx_suite()` builds GX's suite object when asked). Findings keep, per expectation, what GX reports
(rows checked, missing, failing) for the steward report, with failing values removed except
for code and count columns where examples help a steward, and there only values shaped like a
code or short label (`example_as_shown`): free text typed into a code column is described, never shown.

`validate_submission_gx` is the earlier per-file path (a pandas copy validated by GX itself),
kept only as the reference the equivalence test and `bench/bench_validate.py` compare with.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from deid.ingest.ingest import is_derived_reference
from deid.ingest.readers import SOURCE_ROW
from deid.standardise.columns import missing_as_null
from deid.standards import Standards, fold, load_iwi_classification
from deid.validate.checks import compiled_suite, evaluate_suite, gx_context
from deid.validate.rules import EXAMPLE_SAFE_TYPES, Rule, build_rules, prepare_check_columns

log = logging.getLogger(__name__)

QUARANTINE_SCHEMA = {
    "run_id": pl.Utf8, "provider": pl.Utf8, "quarter": pl.Utf8, "submission_id": pl.Utf8, "source_file": pl.Utf8,
    SOURCE_ROW: pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8, "value": pl.Utf8,
}


@dataclass(frozen=True)
class Finding:
    """One rule's outcome on one submission."""

    rule_id: str
    column: str
    check: str
    severity: str
    description: str
    fix: str
    success: bool
    failing_rows: int
    first_rows: tuple[int, ...]
    examples: tuple[str, ...]
    expectation: str = ""             # the GX expectation that evaluated the rule
    checked_column: str = ""          # the column GX saw (a prepared check column for computed rules)
    rows_checked: int = 0             # GX element_count
    missing_values: int = 0           # GX missing_count: empty cells, which only `required` rules fail on


@dataclass(frozen=True)
class ValidationResult:
    submission_id: str
    rows_received: int
    rows_accepted: int
    rows_quarantined: int
    rows_with_warnings: int
    findings: tuple[Finding, ...]
    gx_statistics: dict[str, Any]


def run_gx_suite(frame: pl.DataFrame, rules: list[Rule], suite_name: str) -> dict[str, Any]:
    """Run one expectation per rule on a pandas copy; returns GX's result JSON."""
    import great_expectations as gx

    context = gx_context()
    columns = sorted({r.kwargs["column"] for r in rules} | {SOURCE_ROW})
    pandas_frame = frame.select(columns).to_pandas()
    source = context.data_sources.add_or_update_pandas(name="deid_submissions")
    asset_name = f"asset_{abs(hash(suite_name))}"
    asset = source.add_dataframe_asset(name=asset_name)
    batch = asset.add_batch_definition_whole_dataframe(f"{asset_name}_batch")
    suite = gx.ExpectationSuite(name=suite_name)
    for rule in rules:
        expectation_class = getattr(gx.expectations, rule.expectation)
        suite.add_expectation(expectation_class(**rule.kwargs, meta={"rule_id": rule.rule_id}))
    try:
        result = batch.get_batch(batch_parameters={"dataframe": pandas_frame}).validate(
            suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [SOURCE_ROW]}
        )
    finally:
        source.delete_asset(asset_name)
    found: dict[str, Any] = result.to_json_dict()
    return found


def _failing_rows(result: dict[str, Any]) -> list[int]:
    rows = result.get("result", {}).get("unexpected_index_list") or []
    return sorted({int(item[SOURCE_ROW]) for item in rows if isinstance(item, dict) and item.get(SOURCE_ROW) is not None})


_gx_context = gx_context   # the name bench/bench_ingest.py imports


def validate_submission(
    frame: pl.DataFrame, standards: Standards, quarter_start: dt.date, quarter_end: dt.date,
    history: pl.DataFrame | None = None, timings: dict[str, float] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, ValidationResult]:
    """Validate one ingested submission: every expectation of the run's GX suite in one vectorised pass.

    The suite is built on the first call for these standards and quarter and reused after
    (a module-level cache keyed by the content of the standards validation uses and the quarter).

    Args:
        history: the same provider's clients from earlier quarters (provider, client_ref,
            date_of_birth as a date), for cross-quarter checks; None when there is none.
        timings: when given, filled with seconds for the suite (built or reused), the
            vectorised pass and the whole validation.

    Returns:
        accepted rows, quarantine entries (one per row and failed blocking rule), warning
        entries (one per row and failed warning rule), and the result record.
    """
    started = time.perf_counter()
    frame = missing_as_null(frame, standards)   # 'N/A', 'unknown', '-', '?': a blank cell, in every field and rule
    suite = compiled_suite(standards, quarter_start, quarter_end)
    evaluated = time.perf_counter()
    issues, missing = evaluate_suite(frame, suite, history)
    issues = set_aside_reason_only(issues)
    if timings is not None:
        timings["(great expectations suite)"] = evaluated - started
        timings["(vectorised rules)"] = time.perf_counter() - evaluated
    per_rule = {rule: (rows, count) for rule, rows, count in issues.group_by("rule", maintain_order=True).agg(
        pl.col(SOURCE_ROW).head(50), pl.len()).iter_rows()}
    spec_types = {spec.name: spec.type for spec in standards.fields.fields}
    screen = ExampleScreen(standards, frame)
    findings = []
    for expectation in suite.expectations:
        rule = expectation.rule
        rows, count = per_rule.get(rule.rule_id, ([], 0))
        findings.append(Finding(rule.rule_id, rule.column, rule.check, rule.severity, rule.description, rule.fix,
                                count == 0, count, tuple(rows[:10]), _examples(frame, rule, spec_types, rows, screen),
                                rule.expectation, expectation.column, frame.height, missing[rule.rule_id]))
    return _account_rows(frame, standards, issues, findings, _statistics(findings), started, timings)


def _statistics(findings: list[Finding]) -> dict[str, Any]:
    """GX's suite statistics, from the findings."""
    evaluated_count = len(findings)
    successful = sum(f.success for f in findings)
    return {"evaluated_expectations": evaluated_count, "successful_expectations": successful,
            "unsuccessful_expectations": evaluated_count - successful,
            "success_percent": successful / evaluated_count * 100 if evaluated_count else None}


NON_DATA_RULES = ("row.totals", "row.note")


def set_aside_reason_only(issues: pl.DataFrame) -> pl.DataFrame:
    """Row issues without the other rules' failures on a row set aside as not a client (a totals row
    is not told to fill in a date of birth): its one reason is that it is not a client."""
    rule = pl.col("rule")
    non_data = issues.filter(rule.is_in(NON_DATA_RULES)).get_column(SOURCE_ROW)
    if non_data.len() == 0:
        return issues
    return issues.filter(rule.is_in(NON_DATA_RULES) | ~pl.col(SOURCE_ROW).is_in(non_data.implode()))


_ALSO_CLIENT_REF = re.compile(r" or client_ref\b|\bclient_ref or ")


def in_terms_of_the_file(findings: list[Finding], frame: pl.DataFrame) -> list[Finding]:
    """Findings worded for what the file holds: when ingest derived the client references (the file has
    no such column), no rule asks the provider to fill one in; a row without one is a client that could
    not be identified. (That references were derived is said once, with how, in the file's notes.)"""
    refs = frame.get_column("client_ref") if "client_ref" in frame.columns else None
    if refs is None or refs.null_count() == refs.len() or not frame.select(
            is_derived_reference(pl.col("client_ref")) | pl.col("client_ref").is_null()).to_series().all():
        return findings
    worded = []
    for finding in findings:
        if finding.rule_id == "client_ref.required":
            finding = replace(finding, description="the client could not be identified: no valid NHI, and no whole name "
                              "with a date of birth", fix="Give the client's full name and date of birth (or NHI) on this row.")
        else:
            finding = replace(finding, description=_ALSO_CLIENT_REF.sub("", finding.description),
                              fix=_ALSO_CLIENT_REF.sub("", finding.fix))
        worded.append(finding)
    return worded


def validate_submission_gx(
    frame: pl.DataFrame, standards: Standards, quarter_start: dt.date, quarter_end: dt.date,
    history: pl.DataFrame | None = None, timings: dict[str, float] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, ValidationResult]:
    """The earlier per-file path: GX builds and runs the suite on a pandas copy of every submission.

    Kept only as the reference `validate_submission` is proved equal to (tests) and timed
    against (`bench/bench_validate.py`); same arguments and returns.
    """
    field_names = standards.fields.names
    rules = build_rules(standards, quarter_start, quarter_end)
    started = time.perf_counter()
    frame = missing_as_null(frame, standards)
    prepared = prepare_check_columns(frame, standards, field_names, history, timings)
    submission_id = frame.get_column("submission_id")[0] if frame.height else "empty"
    gx_started = time.perf_counter()
    gx_result = run_gx_suite(prepared, rules, suite_name=f"suite_{submission_id}")
    del prepared
    if timings is not None:
        timings["(great expectations suite)"] = time.perf_counter() - gx_started
    by_rule = {r["expectation_config"]["meta"]["rule_id"]: r for r in gx_result["results"]}
    failing = {rule.rule_id: _failing_rows(by_rule[rule.rule_id]) for rule in rules}
    set_aside = {row for rule_id in NON_DATA_RULES for row in failing.get(rule_id, [])}
    findings: list[Finding] = []
    failures: list[pl.DataFrame] = []
    spec_types = {spec.name: spec.type for spec in standards.fields.fields}
    screen = ExampleScreen(standards, frame)
    for rule in rules:
        result = by_rule[rule.rule_id]
        rows = [r for r in failing[rule.rule_id] if rule.rule_id in NON_DATA_RULES or r not in set_aside]
        counts = result.get("result", {})
        findings.append(Finding(rule.rule_id, rule.column, rule.check, rule.severity, rule.description, rule.fix,
                                bool(result["success"]) or not rows, len(rows), tuple(rows[:10]),
                                _examples(frame, rule, spec_types, rows, screen), rule.expectation, rule.kwargs["column"],
                                int(counts.get("element_count") or 0), int(counts.get("missing_count") or 0)))
        if rows:
            failures.append(pl.DataFrame({SOURCE_ROW: rows}, schema={SOURCE_ROW: pl.Int64}).with_columns(
                column=pl.lit(rule.column), rule=pl.lit(rule.rule_id), severity=pl.lit(rule.severity)))
    schema = {SOURCE_ROW: pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8}
    issues = pl.concat(failures) if failures else pl.DataFrame(schema=schema)
    statistics = _statistics(findings) if set_aside else dict(gx_result.get("statistics", {}))
    return _account_rows(frame, standards, issues, findings, statistics, started, timings)


def _examples(frame: pl.DataFrame, rule: Rule, spec_types: Mapping[str, str], rows: list[int],
              screen: ExampleScreen) -> tuple[str, ...]:
    """Up to five distinct failing values (first seen first) from the first 50 failing rows, for
    code and count columns only, each as `ExampleScreen.shown` gives it (free text described, not shown)."""
    if not (rule.show_examples and spec_types.get(rule.column) in EXAMPLE_SAFE_TYPES and rows):
        return ()
    sample = (frame.filter(pl.col(SOURCE_ROW).is_in(list(rows[:50]))).get_column(rule.column)
              .drop_nulls().unique(maintain_order=True).head(5))
    return tuple(dict.fromkeys(screen.shown(str(v)) for v in sample.to_list()))


# What a failing value in a code or count column may look like to be shown as an example (see
# `example_as_shown`): a code or a short label, never a note.
EXAMPLE_MAX_WORDS = 4
EXAMPLE_MAX_CHARS = 30
EXAMPLE_MAX_DIGITS = 5    # a level-4 ethnicity code (11111) or a count; a phone, NHI, IRD number or full date has more
_EXAMPLE_CHARACTERS = re.compile(r"(?:[^\W_]|[ \-.&/,;?'’‘ʻ()])+")
_DATE_SHAPED = re.compile(r"\d\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d")
_ALPHANUMERIC_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"[’']s$")
_NUMBER = re.compile(r"[\d\s,.+\-]+")
_WORD = r"\p{L}[\p{L}\p{M}]*"


def example_as_shown(value: str, vocabulary: frozenset[str], known_names: frozenset[str],
                     lexicon: frozenset[str] = frozenset()) -> str:
    """`value` as a report may show it: as written when it looks like a code or short label, otherwise a
    neutral description ('(free text, 38 characters)', '(a number, 9 digits)').

    Examples help a steward see what a provider writes ('Cook Island', 'she/her', 'N/A', '250'), but the cell is
    the provider's, and a note typed into a code column ('Samoan (ask Mere Parata 021 555 0199)') would carry a
    person's name or number into the steward pack and the provider's feedback. A value is shown only when all hold:
    - at most `EXAMPLE_MAX_WORDS` words and `EXAMPLE_MAX_CHARS` characters (a label, not a sentence);
    - only letters (any alphabet, macrons), digits, spaces and - . & / , ; ? ' ( ) (no @, :, # ... of an
      address, email or link);
    - at most `EXAMPLE_MAX_DIGITS` digits, nothing shaped like a date (1/2/90), and no word of four or more
      characters mixing letters and digits (an NHI, ABC1234);
    - no person-name evidence: no word that is a client's name in the same file (`known_names`, the scrubber's
      own strongest evidence) unless it is also a word of the standards' code lists (`vocabulary`: 'Cook' of
      Cook Islands Māori), no two capitalised words side by side unless both are words of the vocabulary
      ('Hemi Walker', 'Rangi Smith'; but 'Cook Island', 'NZ Euro'), and no capitalised possessive outside it
      ("Walker's"), and, in a value of two or more words, no capitalised word outside it that the outside name lexicon
    lists as a given name (`lexicon`: 'Talk to Anaru first', 'Sefa said 7', a user test found shown).
    A shown value can still be a word no code list has ('Kiwi', 'dont know'), or a lone or lower-case name that is
    no client's in the file ('Smith', 'hemi walker'); a described one loses only its text."""
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if _example_shape_ok(text) and not _names_a_person(text, vocabulary, known_names, lexicon):
        return text
    if _NUMBER.fullmatch(text):
        return f"(a number, {sum(ch.isdigit() for ch in text)} digits)"
    return f"(free text, {len(text)} characters)"


def _example_shape_ok(text: str) -> bool:
    """The shape rules of `example_as_shown`: short, plain characters, few digits, no date or identifier."""
    if not text or len(text) > EXAMPLE_MAX_CHARS or len(text.split()) > EXAMPLE_MAX_WORDS:
        return False
    if not _EXAMPLE_CHARACTERS.fullmatch(text) or sum(ch.isdigit() for ch in text) > EXAMPLE_MAX_DIGITS:
        return False
    if _DATE_SHAPED.search(text):
        return False
    return not any(len(word) >= 4 and any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
                   for word in _ALPHANUMERIC_WORD.findall(text))


def _names_a_person(text: str, vocabulary: frozenset[str], known_names: frozenset[str],
                    lexicon: frozenset[str] = frozenset()) -> bool:
    """The person-name evidence of `example_as_shown`."""
    if any(word in known_names and not _in_vocabulary(word, vocabulary) for word in fold(text).split()):
        return True
    tokens = [token.strip(".,;?&/()-") for token in text.split()]
    capital = [bool(t) and t[0].isupper() for t in tokens]
    known = [all(_in_vocabulary(w, vocabulary) for w in fold(_POSSESSIVE.sub("", t)).split()) for t in tokens]
    if len(tokens) > 1 and any(capital[i] and not known[i] and fold(t) in lexicon for i, t in enumerate(tokens)):
        return True
    if any(capital[i] and capital[i + 1] and not (known[i] and known[i + 1]) for i in range(len(tokens) - 1)):
        return True
    return any(capital[i] and not known[i] and _POSSESSIVE.search(token) for i, token in enumerate(tokens))


def _in_vocabulary(word: str, vocabulary: frozenset[str]) -> bool:
    """A word of the vocabulary, its singular ('island' of Cook Islands) or, from four letters, its
    beginning ('euro' of European)."""
    return (word in vocabulary or f"{word}s" in vocabulary
            or (len(word) >= 4 and any(known.startswith(word) for known in vocabulary)))


def code_vocabulary(standards: Standards) -> frozenset[str]:
    """Every folded word of the standards' code lists: codes, labels and spellings of the small code lists,
    gender, ethnicity and the iwi classification. A word here is a code's, not (only) a person's name."""
    spellings: list[str] = []
    for code_list in standards.code_lists.code_lists.values():
        spellings += code_list.blank_synonyms
        spellings += [s for code in code_list.codes for s in (code.code, code.label, *code.synonyms)]
    spellings += [s for code in standards.gender.codes for s in (code.code, code.label, *code.synonyms)]
    spellings += [s for group in standards.ethnicity.level1 for s in (group.code, group.label)]
    spellings += [s for item in standards.ethnicity.level2 for s in (item.code, item.label, *item.synonyms)]
    spellings += [s for _, s in load_iwi_classification(standards.directory, standards.config_dir).spellings()]
    return frozenset(word for spelling in spellings for word in fold(spelling).split())


def known_name_words(frame: pl.DataFrame, name_columns: Iterable[str]) -> frozenset[str]:
    """Every folded word of the file's name columns (client, caregiver and key worker names), of two or more letters."""
    words: set[str] = set()
    for column in name_columns:
        if column in frame.columns:
            found = (frame.get_column(column).cast(pl.Utf8).drop_nulls().unique().str.extract_all(_WORD)
                     .explode().drop_nulls().unique().to_list())
            words |= {w for word in found for w in fold(word).split() if len(w) >= 2}
    return frozenset(words)


class ExampleScreen:
    """`example_as_shown` for one submission: the vocabulary and the file's known names are built only when a
    rule has a failing value to show, and once."""

    def __init__(self, standards: Standards, frame: pl.DataFrame):
        self.standards = standards
        self.frame = frame

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        return code_vocabulary(self.standards)

    @functools.cached_property
    def known_names(self) -> frozenset[str]:
        return known_name_words(self.frame, [s.name for s in self.standards.fields.fields if s.type == "name"])

    @functools.cached_property
    def lexicon(self) -> frozenset[str]:
        """The outside lexicon's given names and Māori proper nouns, folded (`NameLexiconStandard`)."""
        lexicon = self.standards.name_lexicon
        return frozenset(fold(n) for n in (*lexicon.given_names, *lexicon.maori_name_words))

    def shown(self, value: str) -> str:
        shown = example_as_shown(value, self.vocabulary, self.known_names, self.lexicon)
        if shown != value.strip() or len(shown.split()) < 2:
            return shown
        # a short phrase that passed: the scrubber, from its text alone, has the last word ('Sefa said 7')
        if _scrubber_for(self.standards).scrub(shown)[1]:
            return f"(free text, {len(shown)} characters)"
        return shown


_SCRUBBERS: dict[int, tuple[Standards, Any]] = {}


def _scrubber_for(standards: Standards) -> Any:
    """One scrubber per loaded standards in this process (building one reads every word list)."""
    held = _SCRUBBERS.get(id(standards))
    if held is None or held[0] is not standards:
        from deid.scrub import Scrubber

        _SCRUBBERS.clear()
        held = _SCRUBBERS[id(standards)] = (standards, Scrubber(standards))
    return held[1]


def detailed_issues(frame: pl.DataFrame, issues: pl.DataFrame, standards: Standards) -> pl.DataFrame:
    """Row issues (source_row, column, rule, severity) with each row's lineage and the failing value (QUARANTINE_SCHEMA).

    Only rows with a finding are unpivoted: the failing value is kept in the secure zone
    (quarantine table) for stewards to correct. Row-level rules name no single field, so
    their value is left empty.
    """
    flagged = frame.filter(pl.col(SOURCE_ROW).is_in(issues.get_column(SOURCE_ROW).unique().implode()))
    lineage = flagged.select("run_id", "provider", "quarter", "submission_id", "source_file", SOURCE_ROW)
    values = flagged.unpivot(index=SOURCE_ROW, on=list(standards.fields.names), variable_name="column", value_name="value")
    detailed = issues.join(lineage, on=SOURCE_ROW, how="left").join(values, on=[SOURCE_ROW, "column"], how="left")
    repeats = issues.filter(pl.col("rule") == DUPLICATE_ROW_RULE)
    if repeats.height:   # a repeated row's "value" is the row it repeats (its first copy), for the provider to compare
        fields = list(standards.fields.names)
        first = (frame.select(SOURCE_ROW, pl.col(SOURCE_ROW).min().over(pl.struct(fields)).cast(pl.Utf8).alias("__first"))
                 .with_columns(pl.lit(DUPLICATE_ROW_RULE).alias("rule")))
        detailed = (detailed.join(first, on=[SOURCE_ROW, "rule"], how="left")
                    .with_columns(pl.coalesce("__first", "value").alias("value")).drop("__first"))
    return detailed.select(list(QUARANTINE_SCHEMA)).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]


DUPLICATE_ROW_RULE = "row.duplicate"   # row-level: the "value" kept with it is the source row it repeats


def row_issue_detail() -> pl.Expr:
    """What a provider may be told beyond the rule (never a value from the file): the row a repeated row repeats."""
    return (pl.when(pl.col("rule") == DUPLICATE_ROW_RULE).then(pl.lit("repeats row ") + pl.col("value"))
            .otherwise(pl.lit(None, dtype=pl.Utf8)).alias("detail"))


def _account_rows(frame: pl.DataFrame, standards: Standards, issues: pl.DataFrame, findings: list[Finding],
                  statistics: dict[str, Any], started: float, timings: dict[str, float] | None,
                  ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, ValidationResult]:
    """Quarantine, warnings and accepted rows from the row issues (source_row, column, rule, severity)."""
    findings = in_terms_of_the_file(findings, frame)
    submission_id = frame.get_column("submission_id")[0] if frame.height else "empty"
    detailed = detailed_issues(frame, issues, standards)
    quarantine = detailed.filter(pl.col("severity") == "blocking")
    warnings = detailed.filter(pl.col("severity") == "warning")
    blocked_rows = quarantine.get_column(SOURCE_ROW).unique()
    accepted = frame.filter(~pl.col(SOURCE_ROW).is_in(blocked_rows.implode())) if blocked_rows.len() else frame
    if timings is not None:
        timings["(validation total)"] = time.perf_counter() - started
    result = ValidationResult(
        submission_id=str(submission_id),
        rows_received=frame.height,
        rows_accepted=accepted.height,
        rows_quarantined=blocked_rows.len(),
        rows_with_warnings=warnings.get_column(SOURCE_ROW).n_unique(),
        findings=tuple(findings),
        gx_statistics=statistics,
    )
    log.info("validated %s: %d received, %d accepted, %d quarantined", submission_id, result.rows_received,
             result.rows_accepted, result.rows_quarantined)
    return accepted, quarantine, warnings, result
