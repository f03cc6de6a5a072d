"""SQL builders for re-identification risk measures (run by deid.db.Warehouse)."""
from __future__ import annotations

from deid.db import quote_identifier


def _qi_list(quasi_identifiers: list[str]) -> str:
    return ", ".join(quote_identifier(q) for q in quasi_identifiers)


def equivalence_classes_sql(table: str, quasi_identifiers: list[str]) -> str:
    """One row per equivalence class (records sharing every quasi-identifier value) with its size."""
    qis = _qi_list(quasi_identifiers)
    return f"SELECT {qis}, count(*) AS class_size FROM {quote_identifier(table)} GROUP BY {qis}"


def risk_summary_sql(table: str, quasi_identifiers: list[str]) -> str:
    """k, classes below k, sample uniques and prosecutor risk. Parameters: k, risk threshold."""
    return f"""
        WITH classes AS ({equivalence_classes_sql(table, quasi_identifiers)})
        SELECT
            coalesce(sum(class_size), 0) AS records,
            count(*) AS classes,
            coalesce(min(class_size), 0) AS k_min,
            coalesce(sum(CASE WHEN class_size < $1 THEN class_size ELSE 0 END), 0) AS records_below_k,
            coalesce(sum(CASE WHEN class_size = 1 THEN 1 ELSE 0 END), 0) AS sample_uniques,
            coalesce(count(*)::DOUBLE / nullif(sum(class_size), 0), 0) AS prosecutor_risk_avg,
            coalesce(1.0 / nullif(min(class_size), 0), 0) AS prosecutor_risk_max,
            coalesce(sum(CASE WHEN 1.0 / class_size > $2 THEN class_size ELSE 0 END)::DOUBLE / nullif(sum(class_size), 0), 0)
                AS share_above_threshold
        FROM classes
    """


def l_diversity_sql(table: str, quasi_identifiers: list[str], sensitive: str) -> str:
    """Smallest number of distinct sensitive values in any equivalence class (distinct l-diversity)."""
    qis = _qi_list(quasi_identifiers)
    return f"""
        SELECT coalesce(min(distinct_values), 0) AS l_min
        FROM (SELECT {qis}, count(DISTINCT {quote_identifier(sensitive)}) AS distinct_values
              FROM {quote_identifier(table)} GROUP BY {qis})
    """


def small_class_flags_sql(table: str, quasi_identifiers: list[str]) -> str:
    """Each record's row id and whether its class is smaller than k (parameter $1)."""
    qis = _qi_list(quasi_identifiers)
    return f"""
        SELECT __row_id, count(*) OVER (PARTITION BY {qis}) < $1 AS in_small_class
        FROM {quote_identifier(table)}
        ORDER BY __row_id
    """
