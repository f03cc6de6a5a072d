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
from deid.risk.sql import journalist_risk_sql, risk_summary_sql, sensitive_attribute_sql, small_class_flags_sql, smallest_classes_sql
from deid.standards import ExtractRisk, RiskRules

EXTRACT_VIEW = "__deid__risk_extract"
POPULATION_VIEW = "__deid__risk_population"


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
    l_diversity: dict[str, int] = field(default_factory=dict)          # distinct l-diversity per sensitive attribute
    entropy_l_diversity: dict[str, float] = field(default_factory=dict)  # exp(smallest class entropy)
    t_closeness: dict[str, float] = field(default_factory=dict)          # largest variational distance from the whole
    journalist_risk_avg: float | None = None                             # when a population table is supplied
    journalist_risk_max: float | None = None
    population_uniques: int | None = None


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
    risky_combinations: tuple[dict[str, object], ...] = ()  # smallest classes below k, before (or, if blocked, after) the remedy


def measure_risk(warehouse: Warehouse, frame: pl.DataFrame, quasi_identifiers: list[str], *, k: int,
                 risk_threshold: float, sensitive: list[str] | None = None,
                 population: pl.DataFrame | None = None, population_count: str = "count") -> RiskMeasures:
    """Every risk measure, computed in DuckDB over the registered frame.

    Args:
        population: optional population table (the quasi-identifiers and `population_count`)
            for journalist risk.
    """
    with warehouse.registered(EXTRACT_VIEW, frame):
        row = warehouse.execute("risk_summary", risk_summary_sql(EXTRACT_VIEW, quasi_identifiers), [k, risk_threshold])[0]
        per_sensitive = {s: warehouse.execute("sensitive", sensitive_attribute_sql(EXTRACT_VIEW, quasi_identifiers, s))[0]
                         for s in (sensitive or [])}
        journalist = None
        if population is not None:
            missing = [c for c in (*quasi_identifiers, population_count) if c not in population.columns]
            if missing:
                raise DisclosureError(f"the population table lacks column(s) {missing}")
            with warehouse.registered(POPULATION_VIEW, population):
                journalist = warehouse.execute("journalist_risk", journalist_risk_sql(
                    EXTRACT_VIEW, POPULATION_VIEW, quasi_identifiers, population_count))[0]
    return RiskMeasures(int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]), float(row[5]), float(row[6]),
                        float(row[7]), {s: int(v[0]) for s, v in per_sensitive.items()},
                        {s: round(float(v[1]), 6) for s, v in per_sensitive.items()},
                        {s: round(float(v[2]), 6) for s, v in per_sensitive.items()},
                        float(journalist[0]) if journalist else None, float(journalist[1]) if journalist else None,
                        int(journalist[2]) if journalist else None)


def risky_combinations(warehouse: Warehouse, frame: pl.DataFrame, quasi_identifiers: list[str], k: int,
                       limit: int = 10) -> list[dict[str, object]]:
    """The smallest classes below k: the combinations of values that single people out."""
    with warehouse.registered(EXTRACT_VIEW, frame):
        return warehouse.frame("risky_combinations", smallest_classes_sql(EXTRACT_VIEW, quasi_identifiers, limit), [k]).to_dicts()


def _failures(m: RiskMeasures, rules: RiskRules) -> list[str]:
    """Why an extract may not be released (empty when it may)."""
    if m.records == 0:
        return []
    reasons = []
    if m.k_min < rules.k_threshold:
        reasons.append(f"k={m.k_min} < {rules.k_threshold}")
    if m.prosecutor_risk_max > rules.max_prosecutor_risk:
        reasons.append(f"max prosecutor risk {m.prosecutor_risk_max:.2f} > {rules.max_prosecutor_risk}")
    if rules.min_l_diversity is not None:
        reasons += [f"{s}: l-diversity {v} < {rules.min_l_diversity}" for s, v in m.l_diversity.items() if v < rules.min_l_diversity]
    if rules.max_t_closeness is not None:
        reasons += [f"{s}: t-closeness {v:.2f} > {rules.max_t_closeness}" for s, v in m.t_closeness.items() if v > rules.max_t_closeness]
    return reasons


def _passes(m: RiskMeasures, rules: RiskRules) -> bool:
    return not _failures(m, rules)


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
        message = f"blocked: {'; '.join(_failures(current, rules))} even after local suppression"
    risky = risky_combinations(warehouse, frame, qis, rules.k_threshold)  # as supplied, before any remedy
    if not passed and risky:
        shown = "; ".join(", ".join(f"{q}={r[q]}" for q in qis) + f" ({r['class_size']} record(s))" for r in risky[:3])
        message += f". Risky combinations: {shown}"
    result = GateResult(extract_name, passed, tuple(qis), rules.k_threshold, rules.max_prosecutor_risk, before, current,
                        suppressed, withheld, message, tuple(risky))
    return work.drop("__row_id"), result
