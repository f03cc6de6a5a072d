"""The audit log's recorded heads (`audit_log_heads`): rows are added, never changed or removed."""
from __future__ import annotations

import datetime as dt

import polars as pl

from deid.store.warehouse import Row, Warehouse, table_schema

HEADS_TABLE = "audit_log_heads"
HEADS_SCHEMA = table_schema({"recorded_at": pl.Datetime("us", "UTC"), "entries": pl.Int64, "last_hash": pl.Utf8,
                          "key_fingerprint": pl.Utf8, "mac": pl.Utf8, "event": pl.Utf8})

HEADS_SQL = f"SELECT recorded_at, entries, last_hash, key_fingerprint, mac FROM {HEADS_TABLE} ORDER BY entries, recorded_at"


def append_head(warehouse: Warehouse, at: dt.datetime, entries: int, last_hash: str, key_fingerprint: str | None,
                mac: str | None, event: str | None) -> None:
    """Add one head to the history of heads."""
    row = {"recorded_at": at, "entries": entries, "last_hash": last_hash, "key_fingerprint": key_fingerprint,
           "mac": mac, "event": event}
    warehouse.append_frame("record_audit_head", HEADS_TABLE, pl.DataFrame([row], schema=HEADS_SCHEMA))


def read_heads(warehouse: Warehouse) -> list[Row]:
    """(recorded_at, entries, last_hash, key_fingerprint, mac) of every recorded head, by entry count."""
    if not warehouse.has_table(HEADS_TABLE):
        return []
    return warehouse.execute("read_audit_heads", HEADS_SQL)
