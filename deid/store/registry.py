"""The submission registry (`submissions`): one row per landed file, its reader, counts and status."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import polars as pl

from deid.store.warehouse import Row, Warehouse, table_schema

SUBMISSIONS = "submissions"
REGISTRY_SCHEMA = table_schema({
    "submission_id": pl.Utf8, "provider": pl.Utf8, "quarter": pl.Utf8, "file_name": pl.Utf8, "sha256": pl.Utf8,
    "received_at": pl.Datetime("us", "UTC"), "reader": pl.Utf8, "encoding": pl.Utf8, "rows_received": pl.Int64,
    "rows_accepted": pl.Int64, "rows_quarantined": pl.Int64, "status": pl.Utf8, "superseded_by": pl.Utf8,
    "last_run_id": pl.Utf8, "message": pl.Utf8,
})
# What a registered file keeps from when it was first received (received_at) and last read (the rest).
KEPT_COLUMNS = ("received_at", "reader", "encoding", "rows_received", "rows_accepted", "rows_quarantined")

SUBMISSION_KEPT_SQL = f"SELECT {', '.join(KEPT_COLUMNS)} FROM {SUBMISSIONS} WHERE submission_id = ?"
DELETE_SUBMISSION_SQL = f"DELETE FROM {SUBMISSIONS} WHERE submission_id = ?"
SUBMISSIONS_BY_RECEIPT_SQL = (f"SELECT submission_id, provider, quarter, file_name, sha256, received_at "
                              f"FROM {SUBMISSIONS} ORDER BY received_at")
ALL_SUBMISSIONS_SQL = f"SELECT * FROM {SUBMISSIONS} ORDER BY received_at, submission_id"


def upsert_submissions(warehouse: Warehouse, rows: Sequence[dict[str, Any]], now: dt.datetime) -> None:
    """Upsert registry rows: each file's first received time is kept, its status brought up to date.

    A row whose `reader` is None (a file not read this time, such as a superseded one) keeps the
    reader and row counts from when it was read, so the registry shows what each file held.
    Every column of `REGISTRY_SCHEMA` but `received_at` is taken from the row.
    """
    if not warehouse.has_table(SUBMISSIONS):
        warehouse.replace_frame("create_registry", SUBMISSIONS, pl.DataFrame(schema=REGISTRY_SCHEMA))
    merged = []
    for row in rows:
        found = warehouse.execute("registry_lookup", SUBMISSION_KEPT_SQL, [row["submission_id"]])
        prior = dict(zip(KEPT_COLUMNS, found[0], strict=True)) if found else {}
        entry = {**row, "received_at": prior.get("received_at", now)}
        if row.get("reader") is None and prior.get("reader"):
            entry.update({k: prior[k] for k in KEPT_COLUMNS[1:]})
        merged.append(entry)
        warehouse.execute("registry_upsert", DELETE_SUBMISSION_SQL, [row["submission_id"]])
    if merged:
        warehouse.append_frame("registry_upsert", SUBMISSIONS, pl.DataFrame(merged, schema=REGISTRY_SCHEMA))


def submissions_by_receipt(warehouse: Warehouse) -> list[Row]:
    """(submission_id, provider, quarter, file_name, sha256, received_at) of every registered file, oldest first."""
    if not warehouse.has_table(SUBMISSIONS):
        return []
    return warehouse.execute("due_raw", SUBMISSIONS_BY_RECEIPT_SQL)


def read_registry(warehouse: Warehouse) -> pl.DataFrame:
    """The whole registry, oldest first (no record values: it holds file names, counts and statuses)."""
    if not warehouse.has_table(SUBMISSIONS):
        return pl.DataFrame(schema=REGISTRY_SCHEMA)
    return warehouse.frame("read_registry", ALL_SUBMISSIONS_SQL)
