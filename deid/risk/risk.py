"""The risk stage: measure re-identification risk of a microdata extract and gate its release.

When an extract fails, the configured remedy is local suppression: for records in classes
smaller than k, quasi-identifiers are blanked one at a time in the configured order
(re-measuring after each); records still at risk after that are withheld. The gate
passes only when k and prosecutor risk meet the thresholds.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from deid.db import Warehouse
from deid.errors import DisclosureError
from deid.risk.sql import l_diversity_sql, risk_summary_sql, small_class_flags_sql
from deid.standards import ExtractRisk, RiskRules

EXTRACT_VIEW = "__deid__risk_extract"


@dataclass(frozen=True)
class RiskMeasures:
    records: int
    classes: int
    k_min: int
    records_below_k: int
    sample_uniques: int
    prosecutor_risk_avg: float
    prosecutor_risk_max: float
    share_above_threshold: float
    l_diversity: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GateResult:
    extract: str
    passed: bool
    quasi_identifiers: tuple[str, ...]
    k_threshold: int
    max_prosecutor_risk: float
    before: RiskMeasures
    after: RiskMeasures
    values_suppressed: dict[str, int]
    records_withheld: int
    message: str


def measure_risk(warehouse: Warehouse, frame: pl.DataFrame, quasi_identifiers: list[str], *, k: int,
                 risk_threshold: float, sensitive: list[str] | None = None) -> RiskMeasures:
    """k-anonymity, uniques, prosecutor risk and distinct l-diversity, computed in DuckDB."""
    with warehouse.registered(EXTRACT_VIEW, frame):
        row = warehouse.execute("risk_summary", risk_summary_sql(EXTRACT_VIEW, quasi_identifiers), [k, risk_threshold])[0]
        l_values = {s: int(warehouse.execute("l_diversity", l_diversity_sql(EXTRACT_VIEW, quasi_identifiers, s))[0][0])
                    for s in (sensitive or [])}
    return RiskMeasures(int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]), float(row[5]), float(row[6]),
                        float(row[7]), l_values)


def _passes(m: RiskMeasures, rules: RiskRules) -> bool:
    return m.records == 0 or (m.k_min >= rules.k_threshold and m.prosecutor_risk_max <= rules.max_prosecutor_risk)


def _small_class_mask(warehouse: Warehouse, frame: pl.DataFrame, qis: list[str], k: int) -> pl.Series:
    with warehouse.registered(EXTRACT_VIEW, frame):
        flags = warehouse.frame("small_classes", small_class_flags_sql(EXTRACT_VIEW, qis), [k])
    return flags.get_column("in_small_class")


def apply_risk_gate(warehouse: Warehouse, extract_name: str, frame: pl.DataFrame, rules: RiskRules) -> tuple[pl.DataFrame, GateResult]:
    """Measure, remedy by local suppression, re-measure; return the releasable extract and the verdict.

    Raises:
        DisclosureError: the extract has no risk settings, or lacks a configured quasi-identifier.
    """
    settings: ExtractRisk | None = rules.extracts.get(extract_name)
    if settings is None:
        raise DisclosureError(f"disclosure.yaml: field 'risk.extracts' has no entry for extract '{extract_name}'; "
                              f"configured: {sorted(rules.extracts)}")
    missing = [q for q in settings.quasi_identifiers if q not in frame.columns]
    if missing:
        raise DisclosureError(f"extract '{extract_name}' lacks quasi-identifier column(s) {missing} named in disclosure.yaml")
    qis = list(settings.quasi_identifiers)
    sensitive = [s for s in settings.sensitive if s in frame.columns]
    work = frame.with_row_index("__row_id")
    before = measure_risk(warehouse, work, qis, k=rules.k_threshold, risk_threshold=rules.max_prosecutor_risk, sensitive=sensitive)
    suppressed: dict[str, int] = {}
    current = before
    for column in [c for c in settings.remedy_order if c in qis]:
        if _passes(current, rules):
            break
        mask = _small_class_mask(warehouse, work, qis, rules.k_threshold)
        hit = mask & work.get_column(column).is_not_null()
        suppressed[column] = int(hit.sum())
        work = work.with_columns(pl.when(hit).then(None).otherwise(pl.col(column)).alias(column))
        current = measure_risk(warehouse, work, qis, k=rules.k_threshold, risk_threshold=rules.max_prosecutor_risk, sensitive=sensitive)
    withheld = 0
    if not _passes(current, rules):
        mask = _small_class_mask(warehouse, work, qis, rules.k_threshold)
        withheld = int(mask.sum())
        work = work.filter(~mask)
        current = measure_risk(warehouse, work, qis, k=rules.k_threshold, risk_threshold=rules.max_prosecutor_risk, sensitive=sensitive)
    passed = _passes(current, rules)
    if passed and not suppressed and not withheld:
        message = f"passed as supplied: k={current.k_min}, max prosecutor risk {current.prosecutor_risk_max:.2f}"
    elif passed:
        message = (f"passed after local suppression ({sum(suppressed.values())} values blanked, {withheld} records withheld): "
                   f"k={current.k_min}, max prosecutor risk {current.prosecutor_risk_max:.2f}")
    else:
        message = f"blocked: k={current.k_min} < {rules.k_threshold} even after suppression"
    result = GateResult(extract_name, passed, tuple(qis), rules.k_threshold, rules.max_prosecutor_risk, before, current,
                        suppressed, withheld, message)
    return work.drop("__row_id"), result
