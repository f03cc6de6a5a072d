"""Service users' access requests: what the agency holds about one provider's client, and where it went.

A provider asks on a family's behalf (Privacy Act 2020, IPP 6). The answer covers the records
that provider sent: every field held in the secure zone, the pseudonyms derived from them, every
released extract row carrying those pseudonyms, and every release whose aggregates counted them.
Records other providers sent about the same person are not shown to this provider, nor whether
any exist (either would tell it who else serves the family); every report says how the person
can ask the agency directly. That holds for every figure: a released extract is counted as holding
a row of this provider's only where the row carries the provider (an extract without a provider
column cannot tell providers apart, so at most as many of its rows are counted as the provider
sent records for its quarter).

After disposal nothing identifiable is held, so nothing can be traced to the person any more; the
report then says which of the provider's quarters were disposed of, and when (from the audit log).
The files the provider sent are kept on their own period (counted from receipt), so every report
lists the provider's files still held that hold, or may hold, the person's records, and when each
falls due for disposal: an answer that left them out would not be complete.

A release retracted before it was sent (`deid retract`) did not go anywhere: its extract files still sit in the
release folder, but their rows are not reported as released. The report lists such a release apart (`retracted`),
saying it was taken back and never sent, and a record whose release it was says so instead of where it went.

History survives key rotation: the person's pseudonyms in each purpose are followed back
through the rotation crosswalks (`purpose_history`), so extracts released under earlier keys,
and the use-log entries that drew on those releases, are still found.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from deid.agreement import SharingAgreement
from deid.approval import RETRACTED_MARKER
from deid.pseudonymise import PseudonymKey, derive_purpose_key, purpose_history, purpose_prefix, purpose_pseudonyms
from deid.retention import RawFileHeld
from deid.standards import Standards
from deid.store.records import client_records, held_submissions
from deid.store.releases import releases_counting, retracted_runs
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
    disposed: list[dict[str, Any]] = field(default_factory=list)       # this provider's quarters disposed of: on, as_of, quarters
    raw_files: list[dict[str, Any]] = field(default_factory=list)      # files the provider sent, still held, that (may) hold them
    retracted: list[dict[str, Any]] = field(default_factory=list)      # releases taken back before they were sent: never out
    readable: dict[str, Any] = field(default_factory=dict)             # the above in plain words, for the report page

    @property
    def found(self) -> bool:
        return bool(self.records)


def new_request_id(now: dt.datetime) -> str:
    return f"AR-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def answer_access_request(warehouse: Warehouse, releases_dir: Path, agreement: SharingAgreement, key: PseudonymKey,
                          provider: str, client_ref: str, now: dt.datetime, uses: Sequence[UseEntry] = (),
                          standards: Standards | None = None, disposals: Sequence[dict[str, Any]] = (),
                          raw_files: Sequence[RawFileHeld] = (), retractions: Sequence[dict[str, Any]] = ()) -> AccessReport:
    """Everything held and derived about one provider's client, gathered from the secure zone and the releases.

    Args:
        uses: the use log; entries that name this provider and drew on a release holding or
            counting the client's records (or, naming no release, on the quarter) are reported.
        standards: the classifications that label every code in the report (default: the deployment's).
        disposals: the audit log's disposal entries; those that deleted this provider's identifiable
            records are reported, so an answer after disposal says what went, and when.
        raw_files: the copies of submissions still on disk (`deid.retention.raw_files_held`); the provider's
            that hold the client's records, or can no longer be checked, are reported with their due dates.
        retractions: the audit log's release-retracted entries. A retracted release (one of these, one the warehouse
            keeps as retracted, or a folder holding `RETRACTED.txt`) is not counted as data that went out; its rows
            about the client are listed in `retracted`, as a release taken back and never sent.
    """
    provider_name = agreement.parties.provider_names.get(provider, provider)
    report = AccessReport(new_request_id(now), provider, provider_name, now, [], {},
                          disposed=provider_disposals(disposals, provider))
    held = client_records(warehouse, provider, client_ref)
    holding = (set(held.get_column("submission_id").drop_nulls().to_list())
               if held is not None and "submission_id" in held.columns else set())
    report.raw_files = files_holding(raw_files, provider, holding, held_submissions(warehouse, provider))
    if held is None or held.is_empty():
        report.readable = _in_plain_words(report, agreement, standards)
        return report
    report.records = [{k: (str(v) if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()
                       if k not in INTERNAL_COLUMNS} for row in held.iter_rows(named=True)]
    person_keys = held.get_column("person_key").drop_nulls().unique().sort()
    for name, purpose in agreement.purposes.items():
        purpose_key = derive_purpose_key(key, purpose.pseudonym_domain)
        current = purpose_pseudonyms(person_keys, purpose_key, purpose_prefix(purpose.pseudonym_domain)).to_list()
        report.pseudonyms[name] = purpose_history(warehouse, purpose.pseudonym_domain, current)
    records_per_quarter = Counter(str(record.get("quarter")) for record in report.records)
    taken_back = retracted_releases(warehouse, releases_dir, retractions)
    found = _extract_rows(releases_dir, report.pseudonyms, provider, records_per_quarter)
    report.extract_rows = [e for e in found if e["release"] not in taken_back]
    report.retracted = never_sent(found, taken_back, {str(r.get("run_id")) for r in report.records})
    # a release holding one of the provider's rows counted it in its tables too (an earlier run of a re-run quarter)
    run_ids = sorted(set(held.get_column("run_id").drop_nulls().to_list()) | {e["release"] for e in report.extract_rows})
    report.counted_in = releases_counting(warehouse, run_ids, provider)
    releases = ({e["release"] for e in report.extract_rows} | {c["run_id"] for c in report.counted_in}) - set(taken_back)
    quarters = {r["quarter"] for r in report.records}
    report.uses = [u.model_dump(mode="json") for u in uses if u.covers(provider)
                   and (u.release in releases if u.release else u.quarter in quarters)]
    report.readable = _in_plain_words(report, agreement, standards)
    return report


def _in_plain_words(report: AccessReport, agreement: SharingAgreement, standards: Standards | None) -> dict[str, Any]:
    """What the family reads: every code labelled, every field named plainly, and where each record went and why."""
    from reports.access_content import (
        describe_counted,
        describe_output,
        describe_raw_files,
        describe_records,
        plain_audience,
    )

    if standards is None:
        from deid.settings import default_config_dir
        from deid.standards import load_standards
        standards = load_standards(config_dir=default_config_dir())
    records = describe_records(report.records, standards, agreement, report.extract_rows, report.counted_in,
                               report.provider_name)
    taken_back = {r["release"]: r for r in report.retracted}
    for record in records:   # a record whose release was taken back went nowhere
        if record.get("release") in taken_back:
            record["went"] = [{"where": "Not shared with anyone: the release made from it was taken back before it was sent",
                               "why": f"Release {record['release']} was retracted on {taken_back[record['release']]['retracted_on']} "
                                      "and never sent; nothing in it left the agency."}]
    return {
        "disposed": report.disposed,
        "raw_files": describe_raw_files(report.raw_files),
        "records": records,
        "retracted": [{**r, "said": (f"Release {r['release']} held {r['rows']} row(s) about this person in "
                                     f"{len(r['files'])} de-identified extract file(s), but" if r["rows"] else
                                     f"Release {r['release']} was made from this person's records, but")
                                    + f" it was taken back (retracted) on {r['retracted_on']} before it was sent: none of "
                                      "it was shared with anyone.",
                       "files": [{**f, "description": describe_output(f["file"], "", agreement)} for f in r["files"]]}
                      for r in report.retracted],
        "pseudonyms": [{"purpose": agreement.purposes[name].description if name in agreement.purposes else name, "ids": ids}
                       for name, ids in report.pseudonyms.items()],
        "extract_rows": [{**e, "description": describe_output(e["file"], "", agreement)} for e in report.extract_rows],
        "counted_in": [{**c, "description": describe_counted(str(c["path"]), str(c["audience"]), agreement),
                        "audience": plain_audience(str(c["audience"]), agreement)}
                       for c in report.counted_in if not str(c["path"]).endswith(".json")],   # machine copies of what is listed
    }


def retracted_releases(warehouse: Warehouse, releases_dir: Path, retractions: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Releases retracted before they were sent, each with the day it was retracted ("" when not known): from the audit
    log's entries, the warehouse's retracted register and the `RETRACTED.txt` a retraction writes in the folder."""
    found = {run_id: "" for run_id in retracted_runs(warehouse)}
    if releases_dir.is_dir():
        found |= {marker.parent.name: "" for marker in releases_dir.glob(f"*/{RETRACTED_MARKER}")
                  if marker.parent.name not in found}
    for entry in retractions:
        run_id = (entry.get("details") or {}).get("run_id")
        if run_id:
            found[str(run_id)] = str(entry.get("at") or "")[:10]
    return found


def never_sent(extract_rows: Sequence[dict[str, Any]], retracted: Mapping[str, str],
               record_releases: Collection[str] = ()) -> list[dict[str, Any]]:
    """Per retracted release that held rows about the client or was made from their records (`record_releases`), the
    extract files that held such rows (none were sent) and how many rows."""
    def release(run_id: str) -> dict[str, Any]:
        return {"release": run_id, "retracted_on": retracted[run_id] or "a day not recorded", "files": [], "rows": 0}

    found = {run_id: release(run_id) for run_id in record_releases if run_id in retracted}
    for e in extract_rows:
        if e["release"] in retracted:
            entry = found.setdefault(e["release"], release(e["release"]))
            entry["files"].append({"file": e["file"], "rows": e["rows"]})
            entry["rows"] += e["rows"]
    return sorted(found.values(), key=lambda r: r["release"])


def provider_disposals(disposals: Sequence[dict[str, Any]], provider: str) -> list[dict[str, Any]]:
    """When this provider's identifiable records were disposed of, for which quarters, and the retention date judged
    (from the audit log's disposal entries, which name provider and quarter, never a client)."""
    found = []
    for entry in disposals:
        details = entry.get("details", {})
        quarters = sorted({str(i.get("quarter")) for i in details.get("items", ())
                           if i.get("provider") == provider and i.get("kind") == "identifiable records"})
        if quarters:   # when it happened; retention is judged as of a date that may be given (--today)
            found.append({"on": str(entry.get("at", ""))[:10], "as_of": str(details.get("as_of") or ""), "quarters": quarters})
    return found


def files_holding(raw_files: Sequence[RawFileHeld], provider: str, holding: set[str], checkable: set[str]) -> list[dict[str, Any]]:
    """The provider's files still held that hold the client's records (`holding`: their stored records came from
    them) or may (`checkable` lists submissions whose records are stored; a file outside it, disposed of or replaced,
    cannot be checked, so it is listed), one entry per submission with where its copies are kept."""
    found: dict[str, dict[str, Any]] = {}
    for copy in raw_files:
        if copy.provider != provider or (copy.submission_id not in holding and copy.submission_id in checkable):
            continue
        entry = found.setdefault(copy.submission_id, {
            "quarter": copy.quarter, "file_name": copy.file_name, "received_on": str(copy.received_on),
            "due_on": str(copy.due_on), "kept_in": [], "holds": "yes" if copy.submission_id in holding else "possibly"})
        entry["kept_in"].append(copy.where)
    return sorted(found.values(), key=lambda e: (e["quarter"], e["received_on"], e["file_name"]))


def _extract_rows(releases_dir: Path, pseudonyms: dict[str, list[str]], provider: str,
                  records_per_quarter: Mapping[str, int]) -> list[dict[str, Any]]:
    """Released extract rows the provider contributed about this person, per release and file.

    Rows another provider sent about the same person carry the same pseudonym; counting them would
    tell this provider who else serves the family, so only rows carrying this provider are counted.
    An extract with no provider column cannot tell them apart: at most as many rows are counted as
    the provider sent records for the extract's quarter (all quarters when it has no quarter column).
    """
    wanted = {p for ids in pseudonyms.values() for p in ids}
    found: list[dict[str, Any]] = []
    if not wanted or not releases_dir.is_dir():
        return found
    for extract in sorted(releases_dir.glob("*/*/*_extract.parquet")):
        if extract.parts[-3].startswith("."):
            continue   # a staging folder, never released
        frame = pl.scan_parquet(extract)
        columns = frame.collect_schema().names()
        about = frame.filter(pl.col("person_id").is_in(list(wanted)))
        if "provider" in columns:
            rows = about.filter(pl.col("provider") == provider).select(pl.len()).collect().item()
        else:
            quarters = (set(about.select(pl.col("quarter").cast(pl.Utf8)).unique().collect().to_series().to_list())
                        if "quarter" in columns else set(records_per_quarter))
            sent = sum(n for q, n in records_per_quarter.items() if q in quarters)
            rows = min(about.select(pl.len()).collect().item(), sent)
        if rows:
            found.append({"release": extract.parts[-3], "file": "/".join(extract.parts[-2:]), "rows": int(rows)})
    return found
