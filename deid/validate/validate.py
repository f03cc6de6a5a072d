"""The validate stage: run the standards-built GX suite, quarantine blocking failures.

Great Expectations sees a pandas copy (it does not take polars frames) with only the
columns the rules name. Its result JSON is kept for the steward report with failing
values removed, except for code and count columns where examples help a steward.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import polars as pl

from deid.ingest.readers import SOURCE_ROW
from deid.standards import Standards
from deid.validate.rules import EXAMPLE_SAFE_TYPES, Rule, build_rules, prepare_check_columns

log = logging.getLogger(__name__)

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
logging.getLogger("great_expectations").setLevel(logging.WARNING)

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


_GX_CONTEXT: Any = None


def _gx_context() -> Any:
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


def run_gx_suite(frame: pl.DataFrame, rules: list[Rule], suite_name: str) -> dict[str, Any]:
    """Run one expectation per rule on a pandas copy; returns GX's result JSON."""
    import great_expectations as gx

    context = _gx_context()
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
    return result.to_json_dict()


def _failing_rows(result: dict[str, Any]) -> list[int]:
    rows = result.get("result", {}).get("unexpected_index_list") or []
    return sorted({int(item[SOURCE_ROW]) for item in rows if isinstance(item, dict) and item.get(SOURCE_ROW) is not None})


def validate_submission(
    frame: pl.DataFrame, standards: Standards, quarter_start: dt.date, quarter_end: dt.date,
    history: pl.DataFrame | None = None, timings: dict[str, float] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, ValidationResult]:
    """Validate one ingested submission.

    Args:
        history: the same provider's clients from earlier quarters (provider, client_ref,
            date_of_birth as a date), for cross-quarter checks; None when there is none.
        timings: when given, filled with seconds per rule's preparation and for the GX suite.

    Returns:
        accepted rows, quarantine entries (one per row and failed blocking rule), warning
        entries (one per row and failed warning rule), and the result record.
    """
    field_names = standards.fields.names
    rules = build_rules(standards, quarter_start, quarter_end)
    started = time.perf_counter()
    prepared = prepare_check_columns(frame, standards, field_names, history, timings)
    submission_id = frame.get_column("submission_id")[0] if frame.height else "empty"
    gx_started = time.perf_counter()
    gx_result = run_gx_suite(prepared, rules, suite_name=f"suite_{submission_id}")
    del prepared
    if timings is not None:
        timings["(great expectations suite)"] = time.perf_counter() - gx_started
    by_rule = {r["expectation_config"]["meta"]["rule_id"]: r for r in gx_result["results"]}
    findings: list[Finding] = []
    failures: list[pl.DataFrame] = []
    spec_types = {spec.name: spec.type for spec in standards.fields.fields}
    for rule in rules:
        result = by_rule[rule.rule_id]
        rows = _failing_rows(result)
        examples: tuple[str, ...] = ()
        if rule.show_examples and spec_types.get(rule.column) in EXAMPLE_SAFE_TYPES and rows:
            sample = frame.filter(pl.col(SOURCE_ROW).is_in(rows[:50])).get_column(rule.column).drop_nulls().unique().head(5)
            examples = tuple(str(v) for v in sample.to_list())
        counts = result.get("result", {})
        findings.append(Finding(rule.rule_id, rule.column, rule.check, rule.severity, rule.description, rule.fix,
                                bool(result["success"]), len(rows), tuple(rows[:10]), examples, rule.expectation,
                                rule.kwargs["column"], int(counts.get("element_count") or 0), int(counts.get("missing_count") or 0)))
        if rows:
            failures.append(pl.DataFrame({SOURCE_ROW: rows}, schema={SOURCE_ROW: pl.Int64}).with_columns(
                column=pl.lit(rule.column), rule=pl.lit(rule.rule_id), severity=pl.lit(rule.severity)))
    schema = {SOURCE_ROW: pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8}
    issues = pl.concat(failures) if failures else pl.DataFrame(schema=schema)
    # Only rows with a finding are unpivoted: the failing value is kept in the secure zone
    # (quarantine table) for stewards to correct. Row-level rules name no single field, so
    # their value is left empty.
    flagged = frame.filter(pl.col(SOURCE_ROW).is_in(issues.get_column(SOURCE_ROW).unique().implode()))
    lineage = flagged.select("run_id", "provider", "quarter", "submission_id", "source_file", SOURCE_ROW)
    values = flagged.unpivot(index=SOURCE_ROW, on=list(field_names), variable_name="column", value_name="value")
    detailed = issues.join(lineage, on=SOURCE_ROW, how="left").join(values, on=[SOURCE_ROW, "column"], how="left")
    detailed = detailed.select(list(QUARANTINE_SCHEMA)).cast(QUARANTINE_SCHEMA)  # type: ignore[arg-type]
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
        gx_statistics=dict(gx_result.get("statistics", {})),
    )
    log.info("validated %s: %d received, %d accepted, %d quarantined", submission_id, result.rows_received,
             result.rows_accepted, result.rows_quarantined)
    return accepted, quarantine, warnings, result
