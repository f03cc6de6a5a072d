"""Stage runners: the I/O edge around the pure stage functions, one per flow task.

Each runner reads what its stage needs (landing files, the warehouse, the key), calls
the stage's pure function, writes the secure zone, and returns a result record. The
Prefect flow in flows/quarterly.py only wires these together.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import polars as pl

from deid.agreement import SharingAgreement, load_agreement
from deid.aggregate import ProtectionResult, TableDecision, build_protected_tables, provider_own_figures
from deid.aggregate.aggregate import release_scope
from deid.auditlog import append_event
from deid.db import Warehouse
from deid.errors import DeidError, IngestError
from deid.ingest import LINEAGE_COLUMNS, IngestResult, ingest_file, load_provider_mapping, submission_id_for
from deid.io import SubmissionFile, discover_submissions, sha256_file, store_raw
from deid.pseudonymise import (
    LINKAGE_DOMAIN,
    PseudonymKey,
    PseudonymiseResult,
    check_linkage_key,
    demo_key,
    derive_purpose_key,
    load_key,
    pseudonymise_records,
)
from deid.publish import ReleaseResult, SubmissionOutcome, publish_release
from deid.publish.publish import is_use
from deid.risk import GateResult, apply_risk_gate
from deid.scrub import Scrubber, ScrubResult, scrub_notes
from deid.settings import RunSettings
from deid.split import PurposeExtractResult, split_by_purpose
from deid.standardise import StandardiseResult, standardise_records
from deid.standards import Standards, load_standards
from deid.uselog import read_uses
from deid.validate import validate_submission

log = logging.getLogger(__name__)

ROUNDING_DOMAIN = "rounding"


def load_run_standards(settings: RunSettings) -> tuple[Standards, SharingAgreement]:
    standards = load_standards(settings.standards_dir)
    return standards, load_agreement(settings.agreement_path, standards)


def load_run_key(settings: RunSettings) -> PseudonymKey:
    """The demo key only when asked for; otherwise a real key or a clear refusal."""
    return demo_key() if settings.demo_key else load_key()


def open_warehouse(settings: RunSettings) -> Warehouse:
    return Warehouse(settings.warehouse_path)


# --- receive: landing -> registry, raw store, accepted rows, quarantine ---------------------


ROW_ISSUE_SCHEMA = {"submission_id": pl.Utf8, "source_row": pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8}


@dataclass(frozen=True)
class ReceiveResult:
    accepted: pl.DataFrame
    outcomes: tuple[SubmissionOutcome, ...]
    row_issues: pl.DataFrame  # one row per (row, failed rule), without values: what each provider must fix

    def _total(self, count: str) -> int:
        return sum(getattr(o, count) for o in self.outcomes if o.status == "accepted")

    @property
    def rows_received(self) -> int:
        return self._total("rows_received")

    @property
    def rows_accepted(self) -> int:
        return self._total("rows_accepted")

    @property
    def rows_quarantined(self) -> int:
        return self._total("rows_quarantined")


def order_submissions(files: list[SubmissionFile]) -> tuple[dict[str, list[SubmissionFile]], list[tuple[SubmissionFile, str]]]:
    """Per provider, its distinct files newest first; byte-identical repeats are set aside (counted once)."""
    candidates: dict[str, list[SubmissionFile]] = {}
    duplicates: list[tuple[SubmissionFile, str]] = []
    seen: dict[tuple[str, str], SubmissionFile] = {}
    for f in files:  # oldest first
        key = (f.provider, f.sha256)
        if key in seen:
            duplicates.append((f, f"identical to {seen[key].path.name}; counted once"))
            continue
        seen[key] = f
        candidates.setdefault(f.provider, []).insert(0, f)
    return candidates, duplicates


REGISTRY_SCHEMA = {
    "submission_id": pl.Utf8, "provider": pl.Utf8, "quarter": pl.Utf8, "file_name": pl.Utf8, "sha256": pl.Utf8,
    "received_at": pl.Datetime("us", "UTC"), "reader": pl.Utf8, "encoding": pl.Utf8, "rows_received": pl.Int64,
    "rows_accepted": pl.Int64, "rows_quarantined": pl.Int64, "status": pl.Utf8, "superseded_by": pl.Utf8,
    "last_run_id": pl.Utf8, "message": pl.Utf8,
}


def _register(warehouse: Warehouse, outcomes: list[SubmissionOutcome], superseded_by: dict[str, str | None],
              run_id: str, now: dt.datetime) -> None:
    """Upsert the registry: first received time kept, status brought up to date.

    A file that was not read this time (superseded) keeps the reader and row counts from
    when it was, so the registry's history shows what each file held.
    """
    if not warehouse.has_table("submissions"):
        warehouse.replace_frame("create_registry", "submissions", pl.DataFrame(schema=REGISTRY_SCHEMA))
    rows = []
    kept = ("received_at", "reader", "encoding", "rows_received", "rows_accepted", "rows_quarantined")
    for o in outcomes:
        found = warehouse.execute("registry_lookup", f"SELECT {', '.join(kept)} FROM submissions WHERE submission_id = ?",
                                  [o.submission_id])
        prior = dict(zip(kept, found[0])) if found else {}
        row = {"submission_id": o.submission_id, "provider": o.provider, "quarter": o.quarter, "file_name": o.file_name,
               "sha256": o.sha256, "received_at": prior.get("received_at", now), "reader": o.reader, "encoding": o.encoding,
               "rows_received": o.rows_received, "rows_accepted": o.rows_accepted, "rows_quarantined": o.rows_quarantined,
               "status": o.status, "superseded_by": superseded_by.get(o.submission_id), "last_run_id": run_id,
               "message": o.message}
        if o.reader is None and prior.get("reader"):
            row.update({k: prior[k] for k in kept[1:]})
        rows.append(row)
        warehouse.execute("registry_upsert", "DELETE FROM submissions WHERE submission_id = ?", [o.submission_id])
    if rows:
        warehouse.append_frame("registry_upsert", "submissions", pl.DataFrame(rows, schema=REGISTRY_SCHEMA))


def receive_submissions(settings: RunSettings, standards: Standards, agreement: SharingAgreement,
                        warehouse: Warehouse) -> ReceiveResult:
    """Ingest and validate each provider's current submission for the quarter; nothing is lost.

    The newest readable file per provider is current and supersedes older ones; a newer file
    that cannot be read is rejected whole (with the reason) and does not supersede a good one.
    Files from a provider the sharing agreement does not name are rejected. Rows failing a
    blocking rule go to the quarantine table; the rest are accepted.
    """
    files = discover_submissions(settings.landing_dir, settings.quarter)
    candidates, duplicates = order_submissions(files)
    outcomes: list[SubmissionOutcome] = []
    superseded_by: dict[str, str | None] = {}
    accepted_parts: list[pl.DataFrame] = []
    issue_parts: list[pl.DataFrame] = []
    parties = set(agreement.parties.provider_ids)
    for f, message in duplicates:
        store_raw(settings.raw_store_dir, f)
        log.info("%s/%s: %s", f.provider, f.path.name, message)
    for provider, newest_first in candidates.items():
        current_id: str | None = None
        for f in newest_first:
            store_raw(settings.raw_store_dir, f)
            sid = submission_id_for(f.provider, f.quarter, f.sha256)
            if current_id is not None:
                outcomes.append(SubmissionOutcome(f.provider, f.quarter, f.path.name, f.sha256, sid, "superseded",
                                                  message=f"{f.path.name}: superseded by a newer submission"))
                superseded_by[sid] = current_id
                continue
            if provider not in parties:
                outcomes.append(SubmissionOutcome(f.provider, f.quarter, f.path.name, f.sha256, sid, "rejected",
                                                  message=f"{f.path.name}: provider '{provider}' is not a party to the sharing "
                                                          f"agreement '{agreement.programme}'; the file is kept in the secure zone only"))
                continue
            accepted, outcome, issues = process_submission_file(f, settings, standards, warehouse)
            outcomes.append(outcome)
            if outcome.status != "accepted":
                continue
            accepted_parts.append(accepted)
            issue_parts.append(issues)
            current_id = sid
    _register(warehouse, outcomes, superseded_by, settings.run_id, settings.started_at)
    accepted_all = pl.concat(accepted_parts, how="vertical") if accepted_parts else empty_submission_frame(standards)
    row_issues = pl.concat(issue_parts) if issue_parts else pl.DataFrame(schema=ROW_ISSUE_SCHEMA)
    return ReceiveResult(accepted_all, tuple(outcomes), row_issues)


def record_received(warehouse: Warehouse, provider: str, quarter: str, landed: SubmissionFile, now: dt.datetime) -> str:
    """Register a landed file as 'received' (before any run reads it); returns its submission id."""
    sid = submission_id_for(provider, quarter, landed.sha256)
    outcome = SubmissionOutcome(provider, quarter, landed.path.name, landed.sha256, sid, "received",
                                message=f"{landed.path.name}: received; waiting for the next run")
    _register(warehouse, [outcome], {}, run_id="", now=now)
    return sid


def process_submission_file(f: SubmissionFile, settings: RunSettings, standards: Standards,
                            warehouse: Warehouse) -> tuple[pl.DataFrame, SubmissionOutcome, pl.DataFrame]:
    """Ingest and validate one file: its accepted rows, its outcome (rejected whole, or row
    accounting) and its row issues (row, column, rule; no values).

    Quarantined and warned rows, with their values, are written to the secure zone's
    `quarantine` and `row_warnings` tables.
    """
    sid = submission_id_for(f.provider, f.quarter, f.sha256)
    try:
        frame, ingest_result = ingest_file(f.path.read_bytes(), file_name=f.path.name, sha256=f.sha256, provider=f.provider,
                                           quarter=settings.quarter, run_id=settings.run_id, standards=standards,
                                           confirmed=load_provider_mapping(standards, f.provider))
    except IngestError as exc:
        log.warning("rejected %s/%s: %s", f.provider, f.path.name, exc)
        rejected = SubmissionOutcome(f.provider, f.quarter, f.path.name, f.sha256, sid, "rejected",
                                     message=f"{f.path.name}: the whole file was rejected: {exc}")
        return empty_submission_frame(standards), rejected, pl.DataFrame(schema=ROW_ISSUE_SCHEMA)
    history = earlier_quarters(warehouse, f.provider, settings.quarter)
    accepted, quarantine, warnings, result = validate_submission(frame, standards, settings.quarter_start, settings.quarter_end, history)
    warehouse.append_frame("store_quarantine", "quarantine", quarantine)
    warehouse.append_frame("store_warnings", "row_warnings", warnings)
    issues = pl.concat([quarantine, warnings]).select(list(ROW_ISSUE_SCHEMA)).sort("source_row", "rule")
    return accepted, _outcome(ingest_result, result, f), issues


def earlier_quarters(warehouse: Warehouse, provider: str, quarter: str) -> pl.DataFrame | None:
    """The provider's clients as held from earlier quarters (latest run of each), for cross-quarter checks."""
    if not warehouse.has_table("secure_records"):
        return None
    return warehouse.frame("earlier_quarters", """
        SELECT provider, client_ref, date_of_birth FROM secure_records
        WHERE provider = ? AND quarter < ?
          AND run_id IN (SELECT max(run_id) FROM secure_records WHERE provider = ? GROUP BY quarter)
    """, [provider, quarter, provider])


def _first(numbers: tuple[int, ...], shown: int = 10) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


def empty_submission_frame(standards: Standards) -> pl.DataFrame:
    """No rows, but every lineage and standard column, so later stages run and report zero."""
    schema = {c: pl.Int64 if c == "source_row" else pl.Utf8 for c in (*LINEAGE_COLUMNS, "source_shape")}
    return pl.DataFrame(schema={**schema, **{name: pl.Utf8 for name in standards.fields.names}})


def _outcome(ingest: IngestResult, validation: Any, f: SubmissionFile) -> SubmissionOutcome:
    notes = []
    if ingest.single_byte_lines:
        notes.append(f"{f.path.name}: mixed text encodings; lines {_first(ingest.single_byte_lines)} were read as "
                     "Windows-1252 and the rest as UTF-8. Save the file as UTF-8")
    message = "; ".join(notes) or None
    return SubmissionOutcome(
        ingest.provider, ingest.quarter, ingest.file_name, ingest.sha256, ingest.submission_id, "accepted",
        ingest.reader, ingest.encoding, validation.rows_received, validation.rows_accepted, validation.rows_quarantined,
        validation.rows_with_warnings, ingest.dropped_columns, validation.findings, message,
        ingest.delimiter, ingest.header_row, tuple((m.header, m.field, m.method) for m in ingest.columns),
        len(ingest.ragged_rows),
    )


# --- standardise, pseudonymise, scrub: secure zone ------------------------------------------


def standardise_accepted(settings: RunSettings, standards: Standards, accepted: pl.DataFrame) -> tuple[pl.DataFrame, StandardiseResult]:
    return standardise_records(accepted, standards, settings.quarter_end)


def pseudonymise_people(settings: RunSettings, records: pl.DataFrame) -> tuple[pl.DataFrame, PseudonymiseResult]:
    key = load_run_key(settings)
    return pseudonymise_records(records, derive_purpose_key(key, LINKAGE_DOMAIN))


def scrub_case_notes(standards: Standards, records: pl.DataFrame) -> tuple[pl.DataFrame, ScrubResult]:
    return scrub_notes(records, Scrubber(standards))


def store_secure_records(settings: RunSettings, warehouse: Warehouse, records: pl.DataFrame) -> int:
    """Keep the identifiable, standardised rows in the secure zone (never published).

    Refused when this run's key is not the key the secure zone's pseudonyms were made with.
    A provider's rows for a quarter replace any it had stored before (a re-run, or a
    resubmission that superseded the earlier file), so the zone holds each record once.
    """
    check_linkage_key(warehouse, load_run_key(settings), settings.started_at)
    with warehouse.transaction("store_records"):
        if warehouse.has_table("secure_records"):
            for provider, quarter in records.select("provider", "quarter").unique().rows():
                warehouse.execute("store_records_replace", "DELETE FROM secure_records WHERE provider = ? AND quarter = ?",
                                  [provider, quarter])
        warehouse.append_frame("store_records", "secure_records", records)
    return records.height


# --- split, gate, aggregate, publish ----------------------------------------------------------


def split_purposes(settings: RunSettings, agreement: SharingAgreement, records: pl.DataFrame) -> tuple[dict[str, pl.DataFrame], list[PurposeExtractResult]]:
    key = load_run_key(settings)
    keys = {p.pseudonym_domain: derive_purpose_key(key, p.pseudonym_domain) for p in agreement.purposes.values()}
    return split_by_purpose(records, agreement, keys)


def gate_extracts(settings: RunSettings, standards: Standards, extracts: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], dict[str, GateResult]]:
    released: dict[str, pl.DataFrame] = {}
    gates: dict[str, GateResult] = {}
    with Warehouse(":memory:") as scratch:
        for name, extract in extracts.items():
            released[name], gates[name] = apply_risk_gate(scratch, name, extract, standards.disclosure.risk)
    return released, gates


def protect_aggregates(settings: RunSettings, standards: Standards, agreement: SharingAgreement, records: pl.DataFrame
                       ) -> tuple[dict[str, pl.DataFrame], list[ProtectionResult], list[TableDecision], pl.DataFrame]:
    seed = derive_purpose_key(load_run_key(settings), ROUNDING_DOMAIN)
    with open_warehouse(settings) as warehouse:
        earlier = earlier_hidden_cells(warehouse, standards, settings.quarter)
    tables, protection, decisions = build_protected_tables(records, standards, agreement, seed, settings.run_id,
                                                           settings.quarter, earlier)
    return tables, protection, decisions, provider_own_figures(records)


RELEASED_CELLS_SCHEMA = {"table_name": pl.Utf8, "scope": pl.Utf8, "identity": pl.Utf8, "run_id": pl.Utf8,
                         "quarter": pl.Utf8}


def earlier_hidden_cells(warehouse: Warehouse, standards: Standards, quarter: str) -> dict[str, frozenset[str]]:
    """Per table, the cells hidden in any earlier release that holds the same cells (see `release_scope`)."""
    if not warehouse.has_table("released_hidden_cells"):
        return {}
    found: dict[str, frozenset[str]] = {}
    for spec in standards.disclosure.tables:
        rows = warehouse.execute("earlier_hidden_cells", "SELECT DISTINCT identity FROM released_hidden_cells "
                                 "WHERE table_name = ? AND scope = ?", [spec.name, release_scope(spec, quarter)])
        found[spec.name] = frozenset(r[0] for r in rows)
    return found


def record_hidden_cells(warehouse: Warehouse, standards: Standards, settings: RunSettings,
                        tables: dict[str, pl.DataFrame], protection: list[ProtectionResult]) -> int:
    """Remember the cells each released table hid, so later releases of it keep them hidden."""
    specs = {spec.name: spec for spec in standards.disclosure.tables}
    rows = [{"table_name": result.table, "scope": release_scope(specs[result.table], settings.quarter), "identity": identity,
             "run_id": settings.run_id, "quarter": settings.quarter}
            for result in protection if result.table in tables and result.table in specs
            for identity in sorted(result.hidden_identities)]
    warehouse.append_frame("record_hidden_cells", "released_hidden_cells", pl.DataFrame(rows, schema=RELEASED_CELLS_SCHEMA))
    return len(rows)


def publish(settings: RunSettings, standards: Standards, agreement: SharingAgreement, **parts: Any) -> ReleaseResult:
    key = load_run_key(settings)
    if agreement.review_overdue(settings.started_at.date()):
        log.warning("the sharing agreement '%s' was due for review on %s; releasing under it, flagged in the steward pack",
                    agreement.programme, agreement.review_date)
    providers = sorted({s.provider for s in parts.get("submissions", []) if s.status == "accepted"})
    with open_warehouse(settings) as warehouse:
        release = publish_release(run_id=settings.run_id, quarter=settings.quarter, releases_dir=settings.releases_dir,
                                  standards=standards, agreement=agreement, demo=key.is_demo, key_fingerprint=key.fingerprint,
                                  started_at=settings.started_at,
                                  logged_uses=tuple(read_uses(settings.use_log_path, settings.quarter)),
                                  earlier_releases=earlier_releases(warehouse, settings), **parts)
        with warehouse.transaction("register_release"):
            record_hidden_cells(warehouse, standards, settings, parts.get("tables", {}), parts.get("protection", []))
            register_release(warehouse, settings, release, providers)
    append_event(settings.audit_log_path, "release", {
        "run_id": settings.run_id, "quarter": settings.quarter, "release_dir": str(release.release_dir),
        "manifest_sha256": sha256_file(release.manifest_path), "files": len(release.files), "providers": providers,
        "audiences": sorted({f.audience for f in release.files})})
    return release


RELEASE_REGISTER_SCHEMA = {"run_id": pl.Utf8, "quarter": pl.Utf8, "released_at": pl.Datetime("us", "UTC"), "path": pl.Utf8,
                           "audience": pl.Utf8, "purpose": pl.Utf8, "description": pl.Utf8, "rows": pl.Int64,
                           "sha256": pl.Utf8, "providers": pl.List(pl.Utf8)}


def earlier_releases(warehouse: Warehouse, settings: RunSettings) -> tuple[dict[str, Any], ...]:
    """Register rows of earlier runs' releases for this quarter that used providers' data (extracts and tables)."""
    if not warehouse.has_table("release_register"):
        return ()
    rows = warehouse.frame("earlier_releases", "SELECT * FROM release_register WHERE quarter = ? AND run_id <> ? "
                           "ORDER BY released_at, path", [settings.quarter, settings.run_id]).to_dicts()
    return tuple(r for r in rows if is_use(r["path"], r["audience"]))


def register_release(warehouse: Warehouse, settings: RunSettings, release: ReleaseResult, providers: list[str]) -> int:
    """The release register: every released file, who received it and whose data it holds."""
    rows = [{"run_id": settings.run_id, "quarter": settings.quarter, "released_at": settings.started_at, "path": f.path,
             "audience": f.audience, "purpose": f.purpose, "description": f.description, "rows": f.rows, "sha256": f.sha256,
             "providers": [f.audience.split(":", 1)[1]] if f.audience.startswith("provider:") else providers}
            for f in release.files]
    warehouse.append_frame("register_release", "release_register", pl.DataFrame(rows, schema=RELEASE_REGISTER_SCHEMA))
    return len(rows)


def log_run(settings: RunSettings, summary: dict[str, Any]) -> None:
    """One audit-log entry per completed run: its row accounting and where the release went (no record values)."""
    append_event(settings.audit_log_path, "run", {
        "run_id": settings.run_id, "quarter": settings.quarter, "demo_key": settings.demo_key, "rows": summary["rows"],
        "submissions": [{k: s[k] for k in ("provider", "file", "status")} for s in summary["submissions"]],
        "release_dir": summary["release_dir"]})


def describe_failure(exc: BaseException) -> str:
    """A one-line message for people: library errors as written, anything else with its type."""
    return str(exc) if isinstance(exc, DeidError) else f"{type(exc).__name__}: {exc}"


def stage_counts(standardised: StandardiseResult, pseudonymised: PseudonymiseResult, scrubbed: ScrubResult) -> list[tuple[str, Any]]:
    """Headline counts from the secure-zone stages, for the steward page (no record values)."""
    counts: list[tuple[str, Any]] = [
        ("Rows standardised", standardised.rows),
        ("Addresses fully parsed", standardised.addresses_parsed),
        ("Addresses partly parsed (flagged)", standardised.addresses_partial),
        ("Addresses not parsed or missing (flagged)", standardised.addresses_unparsed),
        ("Ethnicity responses not classifiable (coded 97)", standardised.ethnicity_unidentifiable_responses),
        ("Gender values not mappable (coded 97)", standardised.gender_unmapped),
        ("Identities from a valid NHI", pseudonymised.identities_by_nhi),
        ("Identities from name + date of birth", pseudonymised.identities_by_name_dob),
        ("Name + DOB identities resolved to an NHI", pseudonymised.resolved_to_nhi),
        ("Distinct people", pseudonymised.distinct_people),
        ("Case notes scrubbed", scrubbed.notes),
        ("Case notes changed by scrubbing", scrubbed.notes_changed),
    ]
    counts += [(f"Scrubbed: {entity}", n) for entity, n in scrubbed.entities.items()]
    return counts
