"""Identifiable records in the secure zone: `secure_records`, the run's `staged_records`, and the
`quarantine` and `row_warnings` tables (rows that failed a rule, with their values).

Never published. A run stages its rows; they replace each provider's stored rows for the quarter
only in the transaction that registers the release (`promote_staged_records`).
"""
from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from deid.store.warehouse import Row, Warehouse

SECURE_RECORDS = "secure_records"
STAGED_RECORDS = "staged_records"
QUARANTINE = "quarantine"
ROW_WARNINGS = "row_warnings"
IDENTIFIABLE_TABLES = (SECURE_RECORDS, QUARANTINE, ROW_WARNINGS)

CLEAR_STAGED_SQL = f"DELETE FROM {STAGED_RECORDS}"
COUNT_STAGED_SQL = f"SELECT count(*) FROM {STAGED_RECORDS} WHERE run_id = ?"
REPLACE_PROVIDER_QUARTERS_SQL = f"""DELETE FROM {SECURE_RECORDS} WHERE (provider, quarter) IN
    (SELECT DISTINCT provider, quarter FROM {STAGED_RECORDS} WHERE run_id = ?)"""
INSERT_STAGED_SQL = f"INSERT INTO {SECURE_RECORDS} BY NAME SELECT * FROM {STAGED_RECORDS} WHERE run_id = ?"
CREATE_FROM_STAGED_SQL = f"CREATE TABLE {SECURE_RECORDS} AS SELECT * FROM {STAGED_RECORDS} WHERE run_id = ?"
CLEAR_RUN_STAGED_SQL = f"DELETE FROM {STAGED_RECORDS} WHERE run_id = ?"
EARLIER_QUARTERS_SQL = f"""
    SELECT provider, client_ref, date_of_birth FROM {SECURE_RECORDS}
    WHERE provider = ? AND quarter < ?
      AND run_id IN (SELECT max(run_id) FROM {SECURE_RECORDS} WHERE provider = ? GROUP BY quarter)
"""
CLIENT_RECORDS_SQL = f"SELECT * FROM {SECURE_RECORDS} WHERE provider = ? AND client_ref = ? ORDER BY quarter, source_row"
HELD_SUBMISSIONS_SQL = f"SELECT DISTINCT submission_id FROM {SECURE_RECORDS} WHERE provider = ? AND submission_id IS NOT NULL"
PEOPLE_SQL = f"SELECT DISTINCT identity, person_key FROM {SECURE_RECORDS} WHERE identity IS NOT NULL"
PERSON_PLACEMENTS_SQL = (f"SELECT DISTINCT person_key, provider, quarter FROM {SECURE_RECORDS} "
                         "WHERE person_key IS NOT NULL ORDER BY ALL")
DELETE_ROW_ISSUES_SQL = "DELETE FROM {table} WHERE submission_id = ?"
IDENTIFIABLE_COUNTS_SQL = "SELECT provider, quarter, count(*) FROM {table} GROUP BY ALL ORDER BY ALL"
DELETE_IDENTIFIABLE_SQL = "DELETE FROM {table} WHERE provider = ? AND quarter = ?"
OTHER_QUARTER_RUNS_SQL = "SELECT DISTINCT quarter, run_id FROM {table} WHERE quarter <> ? ORDER BY ALL"


def _identifiable(table: str) -> str:
    if table not in IDENTIFIABLE_TABLES:
        raise ValueError(f"'{table}' is not an identifiable table; expected one of {', '.join(IDENTIFIABLE_TABLES)}")
    return table


def stage_records(warehouse: Warehouse, records: pl.DataFrame | Iterable[pl.DataFrame]) -> int:
    """Stage a run's rows, dropping any another run staged (debris of a run that died); returns the rows staged.

    `records` may come in batches (a run's submissions one at a time), all staged in one
    transaction, so the whole run's rows are never held in memory at once.
    """
    batches = [records] if isinstance(records, pl.DataFrame) else records
    staged = 0
    with warehouse.transaction("stage_records"):
        if warehouse.has_table(STAGED_RECORDS):
            warehouse.execute("stage_records_clear", CLEAR_STAGED_SQL)
        for batch in batches:
            warehouse.append_frame("stage_records", STAGED_RECORDS, batch)
            staged += batch.height
    return staged


def promote_staged_records(warehouse: Warehouse, run_id: str) -> int:
    """Replace each provider's stored rows for the quarter with this run's staged rows (inside
    the caller's transaction), so a re-run or a resubmission holds each record once; returns the rows moved."""
    if not warehouse.has_table(STAGED_RECORDS):
        return 0
    staged = int(warehouse.scalar("promote_count", COUNT_STAGED_SQL, [run_id]))
    if warehouse.has_table(SECURE_RECORDS):
        warehouse.execute("promote_replace", REPLACE_PROVIDER_QUARTERS_SQL, [run_id])
        warehouse.execute("promote_insert", INSERT_STAGED_SQL, [run_id])
    else:
        warehouse.execute("promote_create", CREATE_FROM_STAGED_SQL, [run_id])
    warehouse.execute("promote_clear", CLEAR_RUN_STAGED_SQL, [run_id])
    return staged


def earlier_quarters(warehouse: Warehouse, provider: str, quarter: str) -> pl.DataFrame | None:
    """The provider's clients as held from earlier quarters (latest run of each), for cross-quarter checks."""
    if not warehouse.has_table(SECURE_RECORDS):
        return None
    return warehouse.frame("earlier_quarters", EARLIER_QUARTERS_SQL, [provider, quarter, provider])


def other_quarter_runs(warehouse: Warehouse, table: str, quarter: str) -> list[tuple[str, str]]:
    """(quarter, run_id) of every run whose rows `table` holds for quarters other than `quarter`."""
    if table not in (SECURE_RECORDS, "released_hidden_cells", "released_cell_values") or not warehouse.has_table(table):
        return []
    return [(q, r) for q, r in warehouse.execute("secure_zone_state", OTHER_QUARTER_RUNS_SQL.format(table=table), [quarter])]


def client_records(warehouse: Warehouse, provider: str, client_ref: str) -> pl.DataFrame | None:
    """Every stored row one provider sent about one client (None when nothing is stored yet)."""
    if not warehouse.has_table(SECURE_RECORDS):
        return None
    return warehouse.frame("access_records", CLIENT_RECORDS_SQL, [provider, client_ref])


def held_submissions(warehouse: Warehouse, provider: str) -> set[str]:
    """The provider's submissions whose records are still stored (a raw file not among them can no longer be
    checked against stored records: its records were disposed of, or it was replaced)."""
    if not warehouse.has_column(SECURE_RECORDS, "submission_id"):
        return set()
    return {str(r[0]) for r in warehouse.execute("access_held_submissions", HELD_SUBMISSIONS_SQL, [provider])}


def identified_people(warehouse: Warehouse) -> pl.DataFrame:
    """(identity, person_key) of every identified person in the secure zone."""
    return warehouse.frame("rotation_people", PEOPLE_SQL)


def person_placements(warehouse: Warehouse) -> list[Row]:
    """(person_key, provider, quarter) for every person: which provider's quarters hold their records."""
    return warehouse.execute("due_people", PERSON_PLACEMENTS_SQL)


def store_row_issues(warehouse: Warehouse, submission_id: str, quarantine: pl.DataFrame,
                     warnings: pl.DataFrame | None) -> None:
    """Replace a table's quarantined and warned rows (a re-run of a quarter must not add them twice)."""
    with warehouse.transaction("store_row_issues"):
        for table, frame in ((QUARANTINE, quarantine), (ROW_WARNINGS, warnings)):
            if frame is None:
                continue
            if warehouse.has_table(table):
                warehouse.execute("row_issues_replace", DELETE_ROW_ISSUES_SQL.format(table=table), [submission_id])
            warehouse.append_frame("store_row_issues", table, frame)


def identifiable_counts(warehouse: Warehouse, table: str) -> list[Row]:
    """(provider, quarter, rows) held in one identifiable table."""
    if not warehouse.has_table(_identifiable(table)):
        return []
    return warehouse.execute("due_identifiable", IDENTIFIABLE_COUNTS_SQL.format(table=table))


def delete_identifiable(warehouse: Warehouse, table: str, provider: str, quarter: str) -> None:
    """Delete one provider's rows for one quarter from an identifiable table (inside the caller's transaction)."""
    warehouse.execute("dispose_rows", DELETE_IDENTIFIABLE_SQL.format(table=_identifiable(table)), [provider, quarter])

