"""Service users' access requests: what the agency holds about one provider's client, and where it went.

A provider asks on a family's behalf (Privacy Act 2020, IPP 6). The answer covers the records
that provider sent: every field held in the secure zone, the pseudonyms derived from them, every
released extract row carrying those pseudonyms, and every release whose aggregates counted them.
Records other providers sent about the same person are not shown to this provider, nor whether
any exist (either would tell it who else serves the family); every report says how the person
can ask the agency directly.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from deid.agreement import SharingAgreement
from deid.db import Warehouse
from deid.pseudonymise import PseudonymKey, derive_purpose_key, purpose_prefix, purpose_pseudonyms

INTERNAL_COLUMNS = {"identity", "person_key", "name_match_key", "address_key"}


@dataclass
class AccessReport:
    request_id: str
    provider: str
    provider_name: str
    requested_at: dt.datetime
    records: list[dict[str, Any]]
    pseudonyms: dict[str, list[str]]                    # purpose -> this person's pseudonyms in it
    extract_rows: list[dict[str, Any]] = field(default_factory=list)   # release, file, rows
    counted_in: list[dict[str, Any]] = field(default_factory=list)     # releases whose aggregates counted the records

    @property
    def found(self) -> bool:
        return bool(self.records)


def new_request_id(now: dt.datetime) -> str:
    return f"AR-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def answer_access_request(warehouse: Warehouse, releases_dir: Path, agreement: SharingAgreement, key: PseudonymKey,
                          provider: str, client_ref: str, now: dt.datetime) -> AccessReport:
    """Everything held and derived about one provider's client, gathered from the secure zone and the releases."""
    provider_name = agreement.parties.provider_names.get(provider, provider)
    report = AccessReport(new_request_id(now), provider, provider_name, now, [], {})
    if not warehouse.has_table("secure_records"):
        return report
    held = warehouse.frame("access_records", "SELECT * FROM secure_records WHERE provider = ? AND client_ref = ? "
                           "ORDER BY quarter, source_row", [provider, client_ref])
    if held.is_empty():
        return report
    report.records = [{k: (str(v) if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()
                       if k not in INTERNAL_COLUMNS} for row in held.iter_rows(named=True)]
    person_keys = held.get_column("person_key").drop_nulls().unique().sort()
    for name, purpose in agreement.purposes.items():
        purpose_key = derive_purpose_key(key, purpose.pseudonym_domain)
        report.pseudonyms[name] = purpose_pseudonyms(person_keys, purpose_key, purpose_prefix(purpose.pseudonym_domain)).to_list()
    report.extract_rows = _extract_rows(releases_dir, report.pseudonyms)
    run_ids = sorted(set(held.get_column("run_id").drop_nulls().to_list()))
    if run_ids and warehouse.has_table("release_register"):
        counted = warehouse.frame("access_counted", "SELECT DISTINCT run_id, quarter, path, audience, description FROM release_register "
                                  f"WHERE run_id IN ({', '.join('?' * len(run_ids))}) AND (path LIKE 'aggregates/%' OR audience = ?) "
                                  "ORDER BY run_id, path", [*run_ids, f"provider:{provider}"])
        report.counted_in = counted.to_dicts()
    return report


def _extract_rows(releases_dir: Path, pseudonyms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Released extract rows carrying any of this person's pseudonyms, per release and file."""
    wanted = {p for ids in pseudonyms.values() for p in ids}
    found = []
    if not wanted or not releases_dir.is_dir():
        return found
    for extract in sorted(releases_dir.glob("*/*/*_extract.parquet")):
        if extract.parts[-3].startswith("."):
            continue   # a staging folder, never released
        rows = pl.scan_parquet(extract).filter(pl.col("person_id").is_in(list(wanted))).select(pl.len()).collect().item()
        if rows:
            found.append({"release": extract.parts[-3], "file": "/".join(extract.parts[-2:]), "rows": int(rows)})
    return found
