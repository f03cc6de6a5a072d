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
owner of the rotation; its tables (`linkage_keys`, `linkage_crosswalk`, `purpose_crosswalk`)
and their queries are `deid.store.keys`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from deid.errors import KeyMaterialError
from deid.pseudonymise.keys import PseudonymKey, derive_purpose_key
from deid.pseudonymise.pseudonymise import LINKAGE_DOMAIN, hmac_pseudonyms, purpose_prefix
from deid.store.keys import (
    KEYS_TABLE,
    LINKAGE_CROSSWALK,
    LINKAGE_CROSSWALK_SCHEMA,
    PURPOSE_CROSSWALK,
    PURPOSE_CROSSWALK_SCHEMA,
    active_fingerprint,
    forget_history,
    history_rows,
    linkage_history,
    purpose_history,
    record_active_key,
    record_rotation,
)
from deid.store.records import SECURE_RECORDS, identified_people
from deid.store.warehouse import Warehouse

__all__ = [
    "KEYS_TABLE", "LINKAGE_CROSSWALK", "PURPOSE_CROSSWALK", "RotationResult", "active_fingerprint", "check_linkage_key",
    "forget_history", "history_rows", "linkage_history", "purpose_history", "rotate_linkage_key",
]


@dataclass(frozen=True)
class RotationResult:
    rotation_id: str
    old_fingerprint: str
    new_fingerprint: str
    identities: int
    rows: int
    purpose_ids: int


def check_linkage_key(warehouse: Warehouse, key: PseudonymKey, now: dt.datetime) -> None:
    """Record the key a new secure zone is built with; refuse a run whose key differs from it.

    Raises:
        KeyMaterialError: the key is not the one the secure zone's pseudonyms were made with.
    """
    active = active_fingerprint(warehouse)
    if active is None:
        record_active_key(warehouse, key.fingerprint, now)
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
    if active is None or not warehouse.has_table(SECURE_RECORDS):
        raise KeyMaterialError("the secure zone has no pseudonymised records yet; there is nothing to re-key")
    if old.fingerprint != active:
        raise KeyMaterialError(f"the current key (fingerprint {old.fingerprint}) is not the secure zone's key "
                               f"(fingerprint {active}); set the key the zone was built with before rotating")
    if new.fingerprint == old.fingerprint:
        raise KeyMaterialError("the new key is the same as the current key")
    rotation_id = f"{now:%Y%m%dT%H%M%SZ}-{old.fingerprint}-{new.fingerprint}"
    people = identified_people(warehouse)
    old_linkage, new_linkage = derive_purpose_key(old, LINKAGE_DOMAIN), derive_purpose_key(new, LINKAGE_DOMAIN)
    identities = people.get_column("identity").to_list()
    recomputed = hmac_pseudonyms(identities, old_linkage, prefix="pk_")
    if recomputed != people.get_column("person_key").to_list():
        raise KeyMaterialError("the secure zone's pseudonyms do not match its recorded key; nothing was changed")
    new_keys = hmac_pseudonyms(identities, new_linkage, prefix="pk_")
    linkage = pl.DataFrame({"rotation_id": rotation_id, "rotated_at": now, "old_person_key": recomputed, "new_person_key": new_keys},
                           schema=LINKAGE_CROSSWALK_SCHEMA)
    purposes = [pl.DataFrame({
        "rotation_id": rotation_id, "domain": domain,
        "old_id": hmac_pseudonyms(recomputed, derive_purpose_key(old, domain), prefix=purpose_prefix(domain)),
        "new_id": hmac_pseudonyms(new_keys, derive_purpose_key(new, domain), prefix=purpose_prefix(domain)),
        "person_key": new_keys,
    }, schema=PURPOSE_CROSSWALK_SCHEMA) for domain in purpose_domains]
    rows = record_rotation(warehouse, rotation_id, linkage, purposes, new.fingerprint, now)
    return RotationResult(rotation_id, old.fingerprint, new.fingerprint, len(identities), rows,
                          sum(p.height for p in purposes))
