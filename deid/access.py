"""Service users' access requests: what the agency holds about one provider's client, and where it went.

A provider asks on a family's behalf (Privacy Act 2020, IPP 6). The answer covers the records
that provider sent: every field held in the secure zone, the pseudonyms derived from them, every
released extract row carrying those pseudonyms, and every release whose aggregates counted them.
Records other providers sent about the same person are not shown to this provider, nor whether
any exist (either would tell it who else serves the family); every report says how the person
can ask the agency directly.

History survives key rotation: the person's pseudonyms in each purpose are followed back
through the rotation crosswalks (`purpose_history`), so extracts released under earlier keys,
and the use-log entries that drew on those releases, are still found.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from deid.agreement import SharingAgreement
from deid.pseudonymise import PseudonymKey, derive_purpose_key, purpose_history, purpose_prefix, purpose_pseudonyms
from deid.standards import Standards
from deid.store.records import client_records
from deid.store.releases import releases_counting
from deid.store.warehouse import Warehouse
from deid.uselog import UseEntry

INTERNAL_COLUMNS = {"identity", "person_key", "name_match_key", "address_key"}


@dataclass
class AccessReport:
    request_id: str
    provider: str
    provider_name: str
    requested_at: dt.datetime
    records: list[dict[str, Any]]
    pseudonyms: dict[str, list[str]]                    # purpose -> this person's pseudonyms in it, under every key
    extract_rows: list[dict[str, Any]] = field(default_factory=list)   # release, file, rows
    counted_in: list[dict[str, Any]] = field(default_factory=list)     # releases whose aggregates counted the records
    uses: list[dict[str, Any]] = field(default_factory=list)           # use-log entries that drew on those releases
    readable: dict[str, Any] = field(default_factory=dict)             # the above in plain words, for the report page

    @property
    def found(self) -> bool:
        return bool(self.records)


def new_request_id(now: dt.datetime) -> str:
    return f"AR-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def answer_access_request(warehouse: Warehouse, releases_dir: Path, agreement: SharingAgreement, key: PseudonymKey,
                          provider: str, client_ref: str, now: dt.datetime, uses: Sequence[UseEntry] = (),
                          standards: Standards | None = None) -> AccessReport:
    """Everything held and derived about one provider's client, gathered from the secure zone and the releases.

    Args:
        uses: the use log; entries that name this provider and drew on a release holding or
            counting the client's records (or, naming no release, on the quarter) are reported.
        standards: the classifications that label every code in the report (default: the deployment's).
    """
    provider_name = agreement.parties.provider_names.get(provider, provider)
    report = AccessReport(new_request_id(now), provider, provider_name, now, [], {})
    held = client_records(warehouse, provider, client_ref)
    if held is None or held.is_empty():
        return report
    report.records = [{k: (str(v) if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()
                       if k not in INTERNAL_COLUMNS} for row in held.iter_rows(named=True)]
    person_keys = held.get_column("person_key").drop_nulls().unique().sort()
    for name, purpose in agreement.purposes.items():
        purpose_key = derive_purpose_key(key, purpose.pseudonym_domain)
        current = purpose_pseudonyms(person_keys, purpose_key, purpose_prefix(purpose.pseudonym_domain)).to_list()
        report.pseudonyms[name] = purpose_history(warehouse, purpose.pseudonym_domain, current)
    report.extract_rows = _extract_rows(releases_dir, report.pseudonyms)
    run_ids = sorted(set(held.get_column("run_id").drop_nulls().to_list()))
    report.counted_in = releases_counting(warehouse, run_ids, provider)
    releases = {e["release"] for e in report.extract_rows} | {c["run_id"] for c in report.counted_in}
    quarters = {r["quarter"] for r in report.records}
    report.uses = [u.model_dump(mode="json") for u in uses if u.covers(provider)
                   and (u.release in releases if u.release else u.quarter in quarters)]
    report.readable = _in_plain_words(report, agreement, standards)
    return report


def _in_plain_words(report: AccessReport, agreement: SharingAgreement, standards: Standards | None) -> dict[str, Any]:
    """What the family reads: every code labelled, every field named plainly, and where each record went and why."""
    from reports.access_content import describe_counted, describe_output, describe_records, plain_audience

    if standards is None:
        from deid.settings import default_config_dir
        from deid.standards import load_standards
        standards = load_standards(config_dir=default_config_dir())
    return {
        "records": describe_records(report.records, standards, agreement, report.extract_rows, report.counted_in,
                                    report.provider_name),
        "pseudonyms": [{"purpose": agreement.purposes[name].description if name in agreement.purposes else name, "ids": ids}
                       for name, ids in report.pseudonyms.items()],
        "extract_rows": [{**e, "description": describe_output(e["file"], "", agreement)} for e in report.extract_rows],
        "counted_in": [{**c, "description": describe_counted(str(c["path"]), str(c["audience"]), agreement),
                        "audience": plain_audience(str(c["audience"]), agreement)}
                       for c in report.counted_in if not str(c["path"]).endswith(".json")],   # machine copies of what is listed
    }


def _extract_rows(releases_dir: Path, pseudonyms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Released extract rows carrying any of this person's pseudonyms, per release and file."""
    wanted = {p for ids in pseudonyms.values() for p in ids}
    found: list[dict[str, Any]] = []
    if not wanted or not releases_dir.is_dir():
        return found
    for extract in sorted(releases_dir.glob("*/*/*_extract.parquet")):
        if extract.parts[-3].startswith("."):
            continue   # a staging folder, never released
        rows = pl.scan_parquet(extract).filter(pl.col("person_id").is_in(list(wanted))).select(pl.len()).collect().item()
        if rows:
            found.append({"release": extract.parts[-3], "file": "/".join(extract.parts[-2:]), "rows": int(rows)})
    return found
