"""Which key built the secure zone (`linkage_keys`) and the history of every re-keying
(`linkage_crosswalk`, `purpose_crosswalk`); the rotation's arithmetic lives in
`deid.pseudonymise.rotation`, its tables here."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from deid.store.records import SECURE_RECORDS
from deid.store.warehouse import Warehouse, table_schema

KEYS_TABLE = "linkage_keys"
LINKAGE_CROSSWALK = "linkage_crosswalk"
PURPOSE_CROSSWALK = "purpose_crosswalk"
KEYS_SCHEMA = table_schema({"fingerprint": pl.Utf8, "status": pl.Utf8, "since": pl.Datetime("us", "UTC"),
                         "retired": pl.Datetime("us", "UTC")})
LINKAGE_CROSSWALK_SCHEMA = table_schema({"rotation_id": pl.Utf8, "rotated_at": pl.Datetime("us", "UTC"),
                                      "old_person_key": pl.Utf8, "new_person_key": pl.Utf8})
PURPOSE_CROSSWALK_SCHEMA = table_schema({"rotation_id": pl.Utf8, "domain": pl.Utf8, "old_id": pl.Utf8, "new_id": pl.Utf8,
                                      "person_key": pl.Utf8})

ACTIVE_KEY_SQL = f"SELECT fingerprint FROM {KEYS_TABLE} WHERE status = 'active'"
RETIRE_ACTIVE_KEY_SQL = f"UPDATE {KEYS_TABLE} SET status = 'retired', retired = ? WHERE status = 'active'"
ADD_PERSON_KEY_COLUMN_SQL = f"ALTER TABLE {PURPOSE_CROSSWALK} ADD COLUMN IF NOT EXISTS person_key VARCHAR"
COUNT_IDENTIFIED_SQL = f"SELECT count(*) FROM {SECURE_RECORDS} WHERE identity IS NOT NULL"
REKEY_RECORDS_SQL = f"""
    UPDATE {SECURE_RECORDS} SET person_key = c.new_person_key
    FROM {LINKAGE_CROSSWALK} c WHERE c.rotation_id = ? AND {SECURE_RECORDS}.person_key = c.old_person_key
"""
LINKAGE_HISTORY_SQL = f"""
    WITH RECURSIVE chain(person_key) AS (
        SELECT unnest(?::VARCHAR[])
        UNION
        SELECT c.old_person_key FROM {LINKAGE_CROSSWALK} c JOIN chain ON c.new_person_key = chain.person_key
    ) SELECT person_key FROM chain ORDER BY person_key"""
PURPOSE_HISTORY_SQL = f"""
    WITH RECURSIVE chain(id) AS (
        SELECT unnest(?::VARCHAR[])
        UNION
        SELECT c.old_id FROM {PURPOSE_CROSSWALK} c JOIN chain ON c.new_id = chain.id WHERE c.domain = ?
    ) SELECT id FROM chain ORDER BY id"""
LINKAGE_HISTORY_ROWS_SQL = f"SELECT count(*) FROM {LINKAGE_CROSSWALK} WHERE new_person_key IN (SELECT unnest(?::VARCHAR[]))"
PURPOSE_HISTORY_ROWS_SQL = f"SELECT count(*) FROM {PURPOSE_CROSSWALK} WHERE person_key IN (SELECT unnest(?::VARCHAR[]))"
FORGET_LINKAGE_SQL = f"DELETE FROM {LINKAGE_CROSSWALK} WHERE new_person_key IN (SELECT unnest(?::VARCHAR[]))"
FORGET_PURPOSE_SQL = f"DELETE FROM {PURPOSE_CROSSWALK} WHERE person_key IN (SELECT unnest(?::VARCHAR[]))"


def active_fingerprint(warehouse: Warehouse) -> str | None:
    """The fingerprint of the key the secure zone's pseudonyms are made with (None: no zone yet)."""
    if not warehouse.has_table(KEYS_TABLE):
        return None
    rows = warehouse.execute("active_key", ACTIVE_KEY_SQL)
    return str(rows[0][0]) if rows else None


def _key_row(fingerprint: str, now: dt.datetime) -> pl.DataFrame:
    return pl.DataFrame([{"fingerprint": fingerprint, "status": "active", "since": now, "retired": None}], schema=KEYS_SCHEMA)


def record_active_key(warehouse: Warehouse, fingerprint: str, now: dt.datetime) -> None:
    """Record the key a new secure zone is built with."""
    warehouse.append_frame("record_key", KEYS_TABLE, _key_row(fingerprint, now))


def record_rotation(warehouse: Warehouse, rotation_id: str, linkage: pl.DataFrame, purposes: Sequence[pl.DataFrame],
                    new_fingerprint: str, now: dt.datetime) -> int:
    """In one transaction: keep the crosswalks, re-key every stored record and make the new key the
    active one; returns the identified records re-keyed.

    Args:
        linkage: old to new linkage pseudonyms (`LINKAGE_CROSSWALK_SCHEMA`).
        purposes: per purpose, old to new released pseudonyms (`PURPOSE_CROSSWALK_SCHEMA`).
    """
    with warehouse.transaction("rotate_key"):
        warehouse.append_frame("rotate_key", LINKAGE_CROSSWALK, linkage)
        if purposes:
            if warehouse.has_table(PURPOSE_CROSSWALK):   # made before rows named the person's linkage pseudonym
                warehouse.execute("rotate_key", ADD_PERSON_KEY_COLUMN_SQL)
            warehouse.append_frame("rotate_key", PURPOSE_CROSSWALK, pl.concat(purposes))
        rows = int(warehouse.scalar("rotate_key", COUNT_IDENTIFIED_SQL))
        warehouse.execute("rotate_key", REKEY_RECORDS_SQL, [rotation_id])
        warehouse.execute("rotate_key", RETIRE_ACTIVE_KEY_SQL, [now])
        warehouse.append_frame("rotate_key", KEYS_TABLE, _key_row(new_fingerprint, now))
    return rows


def linkage_history(warehouse: Warehouse, person_keys: Sequence[str]) -> list[str]:
    """Every linkage pseudonym these people have had: the given ones and, back through every
    rotation, the ones each replaced."""
    wanted = sorted({k for k in person_keys if k})
    if not wanted or not warehouse.has_table(LINKAGE_CROSSWALK):
        return wanted
    return [r[0] for r in warehouse.execute("linkage_history", LINKAGE_HISTORY_SQL, [wanted])]


def purpose_history(warehouse: Warehouse, domain: str, ids: Sequence[str]) -> list[str]:
    """Every pseudonym these people were given in one purpose's domain: the given ones and,
    back through every rotation, the ones released under earlier keys."""
    wanted = sorted({i for i in ids if i})
    if not wanted or not warehouse.has_table(PURPOSE_CROSSWALK):
        return wanted
    return [r[0] for r in warehouse.execute("purpose_history", PURPOSE_HISTORY_SQL, [wanted, domain])]


def history_rows(warehouse: Warehouse, person_keys: Sequence[str]) -> int:
    """How many crosswalk rows hold these people's history (linkage and purpose, every rotation)."""
    history = linkage_history(warehouse, person_keys)
    if not history or not warehouse.has_table(LINKAGE_CROSSWALK):
        return 0
    count = int(warehouse.scalar("history_rows", LINKAGE_HISTORY_ROWS_SQL, [history]))
    if _purpose_rows_name_people(warehouse):
        count += int(warehouse.scalar("history_rows", PURPOSE_HISTORY_ROWS_SQL, [history]))
    return count


def forget_history(warehouse: Warehouse, person_keys: Sequence[str]) -> int:
    """Delete these people's crosswalk rows (every rotation), inside the caller's transaction; returns rows deleted.

    Purpose rows written before rows named the person's linkage pseudonym cannot be told apart
    without the key and are left.
    """
    history = linkage_history(warehouse, person_keys)
    if not history or not warehouse.has_table(LINKAGE_CROSSWALK):
        return 0
    deleted = history_rows(warehouse, person_keys)
    warehouse.execute("forget_history", FORGET_LINKAGE_SQL, [history])
    if _purpose_rows_name_people(warehouse):
        warehouse.execute("forget_history", FORGET_PURPOSE_SQL, [history])
    return deleted


def _purpose_rows_name_people(warehouse: Warehouse) -> bool:
    return warehouse.has_table(PURPOSE_CROSSWALK) and warehouse.has_column(PURPOSE_CROSSWALK, "person_key")
