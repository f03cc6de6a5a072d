"""The secure zone's linkage key: which key built it, and re-keying it without losing history.

Every person in the secure zone has a linkage pseudonym (`person_key`), the HMAC of their
identity under the linkage key derived from the master key. `linkage_keys` records which
master key (by fingerprint) the zone was built with, so a run with a different key is
refused instead of silently splitting every person in two.

Rotation (`deid keys rotate`) recomputes every `person_key` under a new master key, in one
transaction, and keeps the history: `linkage_crosswalk` maps each old linkage pseudonym to
the new one, and `purpose_crosswalk` maps each purpose pseudonym released under the old key
to its new value, so earlier releases stay linkable by stewards inside the secure zone.
Each purpose crosswalk row also names the person's new linkage pseudonym (`person_key`), so a
person's whole history can be found, or forgotten, without the key.

History follows the crosswalks back through every rotation: `linkage_history` gives every
linkage pseudonym a person has had, `purpose_history` every pseudonym they were released under
in a purpose (access requests find old releases with it), and `forget_history` deletes a
person's crosswalk rows when their identifiable records are disposed of. This module is the
one owner of `linkage_keys`, `linkage_crosswalk` and `purpose_crosswalk`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from deid.db import Warehouse
from deid.errors import KeyMaterialError
from deid.pseudonymise.keys import PseudonymKey, derive_purpose_key
from deid.pseudonymise.pseudonymise import LINKAGE_DOMAIN, hmac_pseudonyms, purpose_prefix

KEYS_TABLE = "linkage_keys"
LINKAGE_CROSSWALK = "linkage_crosswalk"
PURPOSE_CROSSWALK = "purpose_crosswalk"
KEYS_SCHEMA = {"fingerprint": pl.Utf8, "status": pl.Utf8, "since": pl.Datetime("us", "UTC"), "retired": pl.Datetime("us", "UTC")}


@dataclass(frozen=True)
class RotationResult:
    rotation_id: str
    old_fingerprint: str
    new_fingerprint: str
    identities: int
    rows: int
    purpose_ids: int


def active_fingerprint(warehouse: Warehouse) -> str | None:
    if not warehouse.has_table(KEYS_TABLE):
        return None
    rows = warehouse.execute("active_key", f"SELECT fingerprint FROM {KEYS_TABLE} WHERE status = 'active'")
    return rows[0][0] if rows else None


def check_linkage_key(warehouse: Warehouse, key: PseudonymKey, now: dt.datetime) -> None:
    """Record the key a new secure zone is built with; refuse a run whose key differs from it.

    Raises:
        KeyMaterialError: the key is not the one the secure zone's pseudonyms were made with.
    """
    active = active_fingerprint(warehouse)
    if active is None:
        warehouse.append_frame("record_key", KEYS_TABLE, pl.DataFrame(
            [{"fingerprint": key.fingerprint, "status": "active", "since": now, "retired": None}], schema=KEYS_SCHEMA))
    elif active != key.fingerprint:
        raise KeyMaterialError(
            f"this run's key (fingerprint {key.fingerprint}) is not the key the secure zone was built with "
            f"(fingerprint {active}); every person would get a new pseudonym. Use the secure zone's key, or "
            "re-key the secure zone first with `deid keys rotate`")


def rotate_linkage_key(warehouse: Warehouse, old: PseudonymKey, new: PseudonymKey, purpose_domains: list[str],
                       now: dt.datetime) -> RotationResult:
    """Re-key every linkage pseudonym from `old` to `new` in one transaction, keeping crosswalks.

    Raises:
        KeyMaterialError: `old` is not the secure zone's key, `new` is the same key, or there is nothing to re-key.
    """
    active = active_fingerprint(warehouse)
    if active is None or not warehouse.has_table("secure_records"):
        raise KeyMaterialError("the secure zone has no pseudonymised records yet; there is nothing to re-key")
    if old.fingerprint != active:
        raise KeyMaterialError(f"the current key (fingerprint {old.fingerprint}) is not the secure zone's key "
                               f"(fingerprint {active}); set the key the zone was built with before rotating")
    if new.fingerprint == old.fingerprint:
        raise KeyMaterialError("the new key is the same as the current key")
    rotation_id = f"{now:%Y%m%dT%H%M%SZ}-{old.fingerprint}-{new.fingerprint}"
    people = warehouse.frame("rotation_people", "SELECT DISTINCT identity, person_key FROM secure_records WHERE identity IS NOT NULL")
    old_linkage, new_linkage = derive_purpose_key(old, LINKAGE_DOMAIN), derive_purpose_key(new, LINKAGE_DOMAIN)
    identities = people.get_column("identity").to_list()
    recomputed = hmac_pseudonyms(identities, old_linkage, prefix="pk_")
    if recomputed != people.get_column("person_key").to_list():
        raise KeyMaterialError("the secure zone's pseudonyms do not match its recorded key; nothing was changed")
    new_keys = hmac_pseudonyms(identities, new_linkage, prefix="pk_")
    linkage = pl.DataFrame({"rotation_id": rotation_id, "rotated_at": now, "old_person_key": recomputed, "new_person_key": new_keys},
                           schema={"rotation_id": pl.Utf8, "rotated_at": pl.Datetime("us", "UTC"), "old_person_key": pl.Utf8,
                                   "new_person_key": pl.Utf8})
    purposes = [pl.DataFrame({
        "rotation_id": rotation_id, "domain": domain,
        "old_id": hmac_pseudonyms(recomputed, derive_purpose_key(old, domain), prefix=purpose_prefix(domain)),
        "new_id": hmac_pseudonyms(new_keys, derive_purpose_key(new, domain), prefix=purpose_prefix(domain)),
        "person_key": new_keys,
    }, schema={"rotation_id": pl.Utf8, "domain": pl.Utf8, "old_id": pl.Utf8, "new_id": pl.Utf8, "person_key": pl.Utf8})
        for domain in purpose_domains]
    with warehouse.transaction("rotate_key"):
        warehouse.append_frame("rotate_key", LINKAGE_CROSSWALK, linkage)
        if purposes:
            if warehouse.has_table(PURPOSE_CROSSWALK):   # made before rows named the person's linkage pseudonym
                warehouse.execute("rotate_key", f"ALTER TABLE {PURPOSE_CROSSWALK} ADD COLUMN IF NOT EXISTS person_key VARCHAR")
            warehouse.append_frame("rotate_key", PURPOSE_CROSSWALK, pl.concat(purposes))
        rows = warehouse.execute("rotate_key", "SELECT count(*) FROM secure_records WHERE identity IS NOT NULL")[0][0]
        warehouse.execute("rotate_key", f"""
            UPDATE secure_records SET person_key = c.new_person_key
            FROM {LINKAGE_CROSSWALK} c WHERE c.rotation_id = ? AND secure_records.person_key = c.old_person_key
        """, [rotation_id])
        warehouse.execute("rotate_key", f"UPDATE {KEYS_TABLE} SET status = 'retired', retired = ? WHERE status = 'active'", [now])
        warehouse.append_frame("rotate_key", KEYS_TABLE, pl.DataFrame(
            [{"fingerprint": new.fingerprint, "status": "active", "since": now, "retired": None}], schema=KEYS_SCHEMA))
    return RotationResult(rotation_id, old.fingerprint, new.fingerprint, len(identities), int(rows),
                          sum(p.height for p in purposes))


# --- history across rotations ------------------------------------------------------------------


def linkage_history(warehouse: Warehouse, person_keys: Sequence[str]) -> list[str]:
    """Every linkage pseudonym these people have had: the given ones and, back through every
    rotation, the ones each replaced."""
    wanted = sorted({k for k in person_keys if k})
    if not wanted or not warehouse.has_table(LINKAGE_CROSSWALK):
        return wanted
    rows = warehouse.execute("linkage_history", f"""
        WITH RECURSIVE chain(person_key) AS (
            SELECT unnest(?::VARCHAR[])
            UNION
            SELECT c.old_person_key FROM {LINKAGE_CROSSWALK} c JOIN chain ON c.new_person_key = chain.person_key
        ) SELECT person_key FROM chain ORDER BY person_key""", [wanted])
    return [r[0] for r in rows]


def purpose_history(warehouse: Warehouse, domain: str, ids: Sequence[str]) -> list[str]:
    """Every pseudonym these people were given in one purpose's domain: the given ones and,
    back through every rotation, the ones released under earlier keys."""
    wanted = sorted({i for i in ids if i})
    if not wanted or not warehouse.has_table(PURPOSE_CROSSWALK):
        return wanted
    rows = warehouse.execute("purpose_history", f"""
        WITH RECURSIVE chain(id) AS (
            SELECT unnest(?::VARCHAR[])
            UNION
            SELECT c.old_id FROM {PURPOSE_CROSSWALK} c JOIN chain ON c.new_id = chain.id WHERE c.domain = ?
        ) SELECT id FROM chain ORDER BY id""", [wanted, domain])
    return [r[0] for r in rows]


def history_rows(warehouse: Warehouse, person_keys: Sequence[str]) -> int:
    """How many crosswalk rows hold these people's history (linkage and purpose, every rotation)."""
    history = linkage_history(warehouse, person_keys)
    if not history or not warehouse.has_table(LINKAGE_CROSSWALK):
        return 0
    count = warehouse.execute("history_rows", f"SELECT count(*) FROM {LINKAGE_CROSSWALK} WHERE new_person_key IN "
                              "(SELECT unnest(?::VARCHAR[]))", [history])[0][0]
    if _purpose_rows_name_people(warehouse):
        count += warehouse.execute("history_rows", f"SELECT count(*) FROM {PURPOSE_CROSSWALK} WHERE person_key IN "
                                   "(SELECT unnest(?::VARCHAR[]))", [history])[0][0]
    return int(count)


def forget_history(warehouse: Warehouse, person_keys: Sequence[str]) -> int:
    """Delete these people's crosswalk rows (every rotation), inside the caller's transaction; returns rows deleted.

    Purpose rows written before rows named the person's linkage pseudonym cannot be told apart
    without the key and are left.
    """
    history = linkage_history(warehouse, person_keys)
    if not history or not warehouse.has_table(LINKAGE_CROSSWALK):
        return 0
    deleted = history_rows(warehouse, person_keys)
    warehouse.execute("forget_history", f"DELETE FROM {LINKAGE_CROSSWALK} WHERE new_person_key IN (SELECT unnest(?::VARCHAR[]))",
                      [history])
    if _purpose_rows_name_people(warehouse):
        warehouse.execute("forget_history", f"DELETE FROM {PURPOSE_CROSSWALK} WHERE person_key IN (SELECT unnest(?::VARCHAR[]))",
                          [history])
    return deleted


def _purpose_rows_name_people(warehouse: Warehouse) -> bool:
    return warehouse.has_table(PURPOSE_CROSSWALK) and bool(warehouse.execute(
        "purpose_crosswalk_columns", "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'person_key'",
        [PURPOSE_CROSSWALK])[0][0])
