"""Stage runners: the I/O edge around the pure stage functions, one per flow task.

Each runner reads what its stage needs (landing files, the warehouse, the key), calls
the stage's pure function, writes the secure zone through `deid.store` (which owns every
secure-zone table and its SQL), and returns a result record. The Prefect flow in
flows/quarterly.py only wires these together.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from deid.aggregate import ProtectionResult, TableDecision, build_protected_tables, provider_own_figures
from deid.aggregate.aggregate import release_scope
from deid.aggregate.rerelease import ReleasedCell
from deid.agreement import SharingAgreement, load_agreement
from deid.auditlog import append_event, current_head
from deid.errors import IngestError
from deid.ingest import LINEAGE_COLUMNS, IngestResult, ingest_file, load_provider_mapping, submission_id_for
from deid.ingest.mapping import HeaderMatcher, describe_header_shape, header_synonyms
from deid.ingest.readers import read_tables
from deid.io import LandingInventory, SubmissionFile, original_name, sha256_file, store_raw, take_inventory
from deid.progress import report
from deid.pseudonymise import (
    LINKAGE_DOMAIN,
    PseudonymiseResult,
    PseudonymKey,
    check_linkage_key,
    demo_key,
    derive_purpose_key,
    load_key,
    pseudonymise_records,
)
from deid.pseudonymise.pseudonymise import identity_bridge
from deid.publish import ReleaseContents, ReleaseInputs, ReleaseResult, SubmissionOutcome, publish_release
from deid.publish.publish import is_use
from deid.risk import GateResult
from deid.runlock import run_lock
from deid.safe_text import header_as_shown
from deid.scrub import Scrubber, ScrubResult, scrub_notes
from deid.scrub.scrub import NAME_COLUMNS, Span, apply_operators, scrub_texts
from deid.settings import RunSettings
from deid.split import PurposeExtractResult, maori_identity_withheld, split_by_purpose
from deid.stagestore import StageOutput, StageOutputError, StageStore, code_fingerprint, fingerprint, fingerprint_files
from deid.standardise import StandardiseResult, standardise_records
from deid.standards import Standards, load_standards
from deid.store import records as record_store
from deid.store import registry, releases
from deid.store.warehouse import Warehouse
from deid.uselog import read_uses
from deid.validate import validate_submission
from deid.validate.parts import PartRows, check_across_parts
from deid.validate.validate import row_issue_detail

log = logging.getLogger(__name__)

ROUNDING_DOMAIN = "rounding"
REFERENCE_DOMAIN = "client-reference"  # derived client references: a keyed hash per provider


def load_run_standards(settings: RunSettings) -> tuple[Standards, SharingAgreement]:
    standards = load_standards(settings.standards_dir, settings.config_dir)
    return standards, load_agreement(settings.agreement_path, standards)


def load_run_key(settings: RunSettings) -> PseudonymKey:
    """The demo key only when asked for; otherwise a real key or a clear refusal."""
    return demo_key() if settings.demo_key else load_key()


@contextmanager
def hold_state(settings: RunSettings) -> Iterator[dict[str, Any]]:
    """The state folder's run lock for this run (see `deid.runlock`): one run at a time, debris swept.

    A run that died between writing its release folder and registering it left a folder that was
    never released; taking over its lock removes that folder (only that run's, named in the lock).
    """
    with run_lock(settings.state_dir, settings.releases_dir, settings.run_id, settings.quarter, actor=settings.actor) as lock:
        dead_run = (lock.get("took_over_from") or {}).get("run_id")
        if dead_run:
            remove_unregistered_release(settings, dead_run)
        yield lock


def remove_unregistered_release(settings: RunSettings, run_id: str) -> bool:
    folder = settings.releases_dir / run_id
    if not folder.is_dir() or folder.parent != settings.releases_dir:
        return False
    with open_warehouse(settings) as warehouse:
        registered = releases.is_registered(warehouse, run_id)
    if registered:
        return False
    shutil.rmtree(folder, ignore_errors=True)
    log.warning("removed %s: run %s wrote it but stopped before registering it, so it was never released", folder, run_id)
    return True


def open_warehouse(settings: RunSettings) -> Warehouse:
    return Warehouse(settings.warehouse_path)


# --- plan: what this run is made from, and whether it was released already ------------------


@dataclass(frozen=True)
class RunPlan:
    """The keys of a run's kept stage outputs, and of the release they make (hashes; no record values)."""

    stage_keys: dict[str, str]
    inputs_key: str
    file_base: str = ""    # what every file's read depends on besides the file itself

    def file_key(self, f: SubmissionFile) -> str:
        """The key of one landed file's read: its bytes and everything a read depends on."""
        return fingerprint("ingest-file", self.file_base, f.provider, f.path.name, f.sha256)


def plan_run(settings: RunSettings, standards: Standards, agreement: SharingAgreement) -> RunPlan:
    """Key every stage by what makes its output, so a later run reuses what an unfinished one made.

    The key of the first stage covers the landed files (by hash), the standards, configuration
    and agreement files, a fingerprint of the pseudonymisation key, the code and the secure
    zone's other quarters (cross-quarter checks and earlier suppressions read them); each later
    stage's key chains from the stage before it. Temporary folders left by a run that died
    while keeping an output are swept here, under the run lock.
    """
    StageStore.for_quarter(settings.state_dir, settings.quarter).sweep()
    inventory = check_landing(settings)
    key = load_run_key(settings)
    with open_warehouse(settings) as warehouse:
        other_quarters = secure_zone_state(warehouse, settings.quarter)
    base = fingerprint(code_fingerprint(), settings.quarter, settings.demo_key, key_fingerprint(key),
                       fingerprint_files([settings.standards_dir, settings.config_dir, settings.agreement_path]),
                       other_quarters)
    landed = sorted((f.provider, f.path.name, f.sha256) for f in inventory.files)
    unreadable = sorted((f.provider, f.path.name, f.sha256 or "", reason) for f, reason in inventory.unreadable)
    keys = {"ingest+validate": fingerprint("ingest+validate", base, landed, unreadable, sorted(inventory.replaced.items()))}
    keys["standardise"] = fingerprint("standardise", keys["ingest+validate"])
    keys["pseudonymise"] = fingerprint("pseudonymise", keys["standardise"])
    keys["scrub"] = fingerprint("scrub", keys["pseudonymise"])
    keys["split"] = fingerprint("split", keys["scrub"])
    keys["risk"] = fingerprint("risk", keys["split"])
    keys["aggregate"] = fingerprint("aggregate", keys["scrub"])
    uses = [u.model_dump(mode="json") for u in read_uses(settings.use_log_path, settings.quarter)]
    return RunPlan(keys, fingerprint("release", keys["risk"], keys["aggregate"], uses), base)


def key_fingerprint(key: PseudonymKey) -> str:
    """A full-length fingerprint of the key for stage keys (the key's short fingerprint could collide)."""
    return hmac.new(key.secret, b"deid/stage-outputs", hashlib.sha256).hexdigest()


def secure_zone_state(warehouse: Warehouse, quarter: str) -> list[tuple[str, str]]:
    """Which runs' rows and suppressions the secure zone holds for other quarters (what a run reads of them)."""
    return [(table, f"{q}/{r}") for table in (record_store.SECURE_RECORDS, releases.RELEASED_HIDDEN_CELLS,
                                              releases.RELEASED_CELL_VALUES)
            for q, r in record_store.other_quarter_runs(warehouse, table, quarter)]


def unchanged_release(settings: RunSettings, plan: RunPlan) -> dict[str, Any] | None:
    """The summary of an earlier release made from exactly this run's inputs, while it is still out.

    Such a run has nothing to add: publishing again would send providers the same feedback twice.
    Any kept outputs (an interrupted run of the same inputs) are removed: the release holds them.
    """
    with open_warehouse(settings) as warehouse:
        found = releases.released_summary(warehouse, settings.quarter, plan.inputs_key)
    if found is None:
        return None
    summary: dict[str, Any] = json.loads(found)
    if not Path(summary["manifest"]).is_file():
        return None      # its folder was removed: publish again
    StageStore.for_quarter(settings.state_dir, settings.quarter).clear_outputs()
    append_event(settings.audit_log_path, "run-unchanged", {
        "run_id": settings.run_id, "quarter": settings.quarter, "release_run_id": summary["run_id"]}, actor=settings.actor)
    return {**summary, "unchanged": True}


def record_release_inputs(warehouse: Warehouse, settings: RunSettings, inputs_key: str, summary: dict[str, Any]) -> None:
    """What a release was made from (a hash) and its run summary (no record values), in the register's transaction."""
    releases.record_release_inputs(warehouse, settings.run_id, settings.quarter, inputs_key, json.dumps(summary, default=str))


# --- receive: landing -> registry, raw store, accepted rows, quarantine ---------------------


ROW_ISSUE_SCHEMA = {"submission_id": pl.Utf8, "source_row": pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8,
                    "detail": pl.Utf8}


def provider_row_issues(quarantine: pl.DataFrame, warnings: pl.DataFrame) -> pl.DataFrame:
    """A table's row issues as its provider is told them: no values, and the row a repeated row repeats."""
    both = pl.concat([quarantine, warnings])
    return both.with_columns(row_issue_detail()).select(list(ROW_ISSUE_SCHEMA)).sort("source_row", "rule")


class RowAccounting:
    """Row counts over a run's submission outcomes (every file balances, so the run does)."""

    outcomes: tuple[SubmissionOutcome, ...]

    def _total(self, count: str) -> int:
        return sum(getattr(o, count) for o in self.outcomes)

    @property
    def rows_received(self) -> int:
        return self._total("rows_received")

    @property
    def rows_accepted(self) -> int:
        return self._total("rows_accepted")

    @property
    def rows_quarantined(self) -> int:
        return self._total("rows_quarantined")

    @property
    def rows_held(self) -> int:
        return self._total("rows_held")

    @property
    def rows_rejected(self) -> int:
        return self._total("rows_rejected")

    @property
    def balanced(self) -> bool:
        """Every file balances, so the run's totals do too."""
        return all(o.balanced for o in self.outcomes)


def rows_line(rows: RowAccounting) -> str:
    """'Rows: 44 received = 40 accepted + 4 quarantined + 0 held + 0 rejected'."""
    return (f"Rows: {rows.rows_received} received = {rows.rows_accepted} accepted + {rows.rows_quarantined} quarantined + "
            f"{rows.rows_held} held + {rows.rows_rejected} rejected")


@dataclass(frozen=True)
class ReceiveResult(RowAccounting):
    accepted: pl.DataFrame
    outcomes: tuple[SubmissionOutcome, ...]
    row_issues: pl.DataFrame  # one row per (row, failed rule), without values: what each provider must fix


@dataclass(frozen=True)
class ReceivedSubmissions(RowAccounting):
    """The receive stage as the flow keeps it: the row accounting, and each accepted submission's rows as
    a kept output of its own (Parquet in the secure zone), in the order they were read."""

    outcomes: tuple[SubmissionOutcome, ...]
    row_issues: pl.DataFrame
    parts: tuple[StageOutput, ...]


@dataclass(frozen=True)
class SubmissionPlan:
    """Which landed files a run reads, and which it sets aside (with the reason)."""

    files_by_provider: dict[str, list[list[SubmissionFile]]]   # per provider, groups of same-named files, newest first
    set_aside: list[tuple[SubmissionFile, str, str, str | None]]  # (file, status, message, superseding file name)


def order_submissions(files: list[SubmissionFile], replaced: dict[tuple[str, str], str] | None = None) -> SubmissionPlan:
    """Every distinct file a provider landed for the quarter is a part of its submission, except:
    byte-identical repeats (counted once), files a `deid submit --replace` resubmission replaced,
    and older files of the same name (a file sent again under its name replaces the earlier one)."""
    replaced = replaced or {}
    groups: dict[str, dict[str, list[SubmissionFile]]] = {}
    set_aside: list[tuple[SubmissionFile, str, str, str | None]] = []
    seen: dict[tuple[str, str], SubmissionFile] = {}
    for f in files:  # oldest first
        key = (f.provider, f.sha256)
        if key in seen:
            set_aside.append((f, "duplicate", f"{f.path.name}: identical to {seen[key].path.name}; counted once", None))
            continue
        seen[key] = f
        if (f.provider, f.path.name) in replaced:
            by = replaced[(f.provider, f.path.name)]
            set_aside.append((f, "superseded", f"{f.path.name}: replaced by the resubmission {by}", by))
            continue
        groups.setdefault(f.provider, {}).setdefault(original_name(f.path.name), []).insert(0, f)
    return SubmissionPlan({p: list(named.values()) for p, named in groups.items()}, set_aside)


def _register(warehouse: Warehouse, outcomes: list[SubmissionOutcome], superseded_by: dict[str, str | None],
              run_id: str, now: dt.datetime) -> None:
    """Upsert the registry: first received time kept, status brought up to date.

    A file that was not read this time (superseded) keeps the reader and row counts from
    when it was, so the registry's history shows what each file held.
    """
    rows = [{"submission_id": o.submission_id, "provider": o.provider, "quarter": o.quarter, "file_name": o.file_name,
             "sha256": o.sha256, "reader": o.reader, "encoding": o.encoding, "rows_received": o.rows_received,
             "rows_accepted": o.rows_accepted, "rows_quarantined": o.rows_quarantined, "status": o.status,
             "superseded_by": superseded_by.get(o.submission_id), "last_run_id": run_id, "message": o.message}
            for o in outcomes
            if o.status != "duplicate"]  # the same bytes as a registered file: one submission id, counted once
    registry.upsert_submissions(warehouse, rows, now)


def check_landing(settings: RunSettings) -> LandingInventory:
    """The quarter's landed files, or a refusal that names the folder: a run with nothing to read
    publishes nothing (an empty release would tell providers their data never arrived)."""
    landing = settings.landing_dir
    if not landing.is_dir():
        raise IngestError(f"the landing folder {landing} does not exist; pass --landing with the folder that holds "
                          f"<provider>/{settings.quarter}/<files>. Nothing was published")
    inventory = take_inventory(landing, settings.quarter)
    if not inventory.files and not inventory.unreadable:
        raise IngestError(f"the landing folder {landing} has no files for {settings.quarter} (expected "
                          f"<provider>/{settings.quarter}/<files>); nothing was published")
    return inventory


def submissions_left_behind(settings: RunSettings) -> list[str]:
    """Files `deid submit` landed in the state folder's landing for this quarter when the run reads another landing
    folder (`--landing`): they are not in this release, and nothing else would say so (a user test resubmitted a
    provider's file and ran with its usual --landing: the new file was silently left out)."""
    submitted = settings.state_dir / "landing"
    if not submitted.is_dir() or submitted.resolve() == settings.landing_dir.resolve():
        return []
    left = take_inventory(submitted, settings.quarter)
    count = len(left.files) + len(left.unreadable)
    if not count:
        return []
    providers = sorted({f.provider for f in left.files} | {f.provider for f, _ in left.unreadable})
    return [f"{count} file(s) submitted with `deid submit` for {settings.quarter} wait in {submitted} ({', '.join(providers)}), "
            f"but this run read {settings.landing_dir}: they are not in this release; run again without --landing (or with "
            f"--landing {submitted}) to include them"]


FileReader = Callable[[list[SubmissionFile], dict[str, "pl.DataFrame | None"]], list["list[TableReceipt]"]]


def receive_submissions(settings: RunSettings, standards: Standards, agreement: SharingAgreement,
                        warehouse: Warehouse, read_files: FileReader | None = None) -> ReceiveResult:
    """Ingest and validate every provider's submission for the quarter; nothing is lost.

    Every file a provider landed is a part of its submission (see `order_submissions`). A file
    that cannot be read is rejected whole with the reason; a table whose column mapping needs a
    steward is held (its rows counted as held); files from a provider the sharing agreement does
    not name are rejected. Rows failing a blocking rule go to the quarantine table; the rest are
    accepted. Every landed file, read or not, gets an outcome.

    Files are read in rounds of independent reads (`read_files`: one after another by default;
    the flow maps them as tasks): first the newest file of every same-named group, then, for a
    group whose newest file was rejected whole, the next older one. Only this function writes
    the warehouse.
    """
    inventory = check_landing(settings)
    plan = order_submissions(inventory.files, inventory.replaced)
    outcomes: list[SubmissionOutcome] = []
    superseded_by: dict[str, str | None] = {}
    parties = set(agreement.parties.provider_ids)
    for f, reason in inventory.unreadable:
        if f.sha256:
            store_raw(settings.raw_store_dir, f)
        # an entry with no content hash (a folder, a lock file) is told apart by where it stands, so ids stay one per entry
        where = f.sha256 or hashlib.sha256(f"{f.path.parent.name}/{f.path.name}".encode()).hexdigest()
        outcomes.append(SubmissionOutcome(f.provider, f.quarter, f.path.name, f.sha256, submission_id_for(f.provider, f.quarter, where),
                                          "unreadable", message=reason))
    names = {(f.provider, f.path.name): f for f in inventory.files}
    for f, status, message, by in plan.set_aside:
        store_raw(settings.raw_store_dir, f)
        sid = submission_id_for(f.provider, f.quarter, f.sha256)
        if status == "superseded":   # what the file held, though none of it is used (its outcome counts no rows)
            message += f"; its {count_rows(f, standards)} rows were not used"
        outcomes.append(SubmissionOutcome(f.provider, f.quarter, f.path.name, f.sha256, sid, status, message=message))
        if by and (f.provider, by) in names:
            superseded_by[sid] = submission_id_for(f.provider, f.quarter, names[(f.provider, by)].sha256)
        log.info("%s/%s: %s", f.provider, f.path.name, message)

    groups = [(provider, newest_first) for provider, named in plan.files_by_provider.items() for newest_first in named]
    per_group: list[list[TableReceipt]] = [[] for _ in groups]
    pending = {i: list(files) for i, (provider, files) in enumerate(groups)}
    histories = {provider: earlier_quarters(warehouse, provider, settings.quarter)
                 for provider in plan.files_by_provider if provider in parties}
    read_files = read_files or read_one_after_another(settings, standards)
    files_done = 0
    while pending:
        round_ = sorted(pending)
        readable = [i for i in round_ if groups[i][0] in parties]
        receipts = dict(zip(readable, read_files([pending[i][0] for i in readable], histories), strict=True))
        for i in round_:
            f = pending[i].pop(0)
            store_raw(settings.raw_store_dir, f)
            found = receipts[i] if i in receipts else [TableReceipt.not_a_party(f, agreement, count_rows(f, standards), standards)]
            per_group[i] += found
            if any(t.outcome.status in {"accepted", "held"} for t in found):
                current = submission_id_for(f.provider, f.quarter, f.sha256)
                for older in pending.pop(i):
                    store_raw(settings.raw_store_dir, older)
                    sid = submission_id_for(older.provider, older.quarter, older.sha256)
                    per_group[i].append(TableReceipt.superseded(older, standards, count_rows(older, standards)))
                    superseded_by[sid] = current
            elif not pending[i]:
                del pending[i]
            if i not in pending:
                files_done += 1
                report("ingest+validate", files_done, len(groups), "files")
    tables = check_parts_together([t for group in per_group for t in group], standards, [f.path.name for f in inventory.files])
    for table in tables:
        if table.quarantine is not None:
            store_row_issues(warehouse, table.outcome.submission_id, table.quarantine, table.warnings)
    outcomes += [t.outcome for t in tables]
    _register(warehouse, outcomes, superseded_by, settings.run_id, settings.started_at)
    accepted = [t for t in tables if t.outcome.status == "accepted"]
    accepted_all = pl.concat([t.accepted for t in accepted], how="vertical") if accepted else empty_submission_frame(standards)
    row_issues = pl.concat([t.issues for t in accepted]) if accepted else pl.DataFrame(schema=ROW_ISSUE_SCHEMA)
    return ReceiveResult(accepted_all, tuple(outcomes), row_issues)


@dataclass(frozen=True)
class TableReceipt:
    """One table of a landed file, read and validated: its accepted rows, outcome and row issues
    (row, column, rule; no values), and the quarantined and warned rows to store (None: none to store)."""

    accepted: pl.DataFrame
    outcome: SubmissionOutcome
    issues: pl.DataFrame
    quarantine: pl.DataFrame | None = None
    warnings: pl.DataFrame | None = None

    @classmethod
    def without_rows(cls, outcome: SubmissionOutcome, standards: Standards) -> TableReceipt:
        return cls(empty_submission_frame(standards), outcome, pl.DataFrame(schema=ROW_ISSUE_SCHEMA))

    @classmethod
    def not_a_party(cls, f: SubmissionFile, agreement: SharingAgreement, rows: int, standards: Standards) -> TableReceipt:
        return cls.without_rows(SubmissionOutcome(
            f.provider, f.quarter, f.path.name, f.sha256, submission_id_for(f.provider, f.quarter, f.sha256), "rejected",
            rows_received=rows, rows_rejected=rows,
            message=f"{f.path.name}: provider '{f.provider}' is not a party to the sharing agreement "
                    f"'{agreement.programme}'; the file is kept in the secure zone only. A steward adds a "
                    f"provider with `deid provider add {f.provider} --name ...`"), standards)

    @classmethod
    def superseded(cls, f: SubmissionFile, standards: Standards, rows: int | None = None) -> TableReceipt:
        """A file a newer one of the same name replaced: it counts no rows (none is used); the message says what it held."""
        held = f"; its {rows} rows were not used" if rows is not None else ""
        return cls.without_rows(SubmissionOutcome(
            f.provider, f.quarter, f.path.name, f.sha256, submission_id_for(f.provider, f.quarter, f.sha256), "superseded",
            message=f"{f.path.name}: replaced by a newer file of the same name{held}"), standards)


def check_parts_together(tables: list[TableReceipt], standards: Standards, arrived: list[str]) -> list[TableReceipt]:
    """Each provider's accepted parts checked together for repeated rows and client references
    (`deid.validate.parts`), in the order they arrived (`arrived`: landed file names, oldest first):
    a row repeating an earlier part's row is set aside, so a corrected part sent under a new name is
    not counted twice. Every row stays accounted for."""
    arrival = {name: position for position, name in enumerate(arrived)}
    by_provider: dict[str, list[tuple[int, PartRows]]] = {}
    for index, table in enumerate(tables):
        if table.outcome.status == "accepted" and table.quarantine is not None and table.warnings is not None:
            by_provider.setdefault(table.outcome.provider, []).append((index, PartRows(
                table.outcome.file_name, table.accepted, table.quarantine, table.warnings, table.outcome.findings)))
    checked_tables = list(tables)
    for found in by_provider.values():
        if len(found) < 2:
            continue
        found.sort(key=lambda item: arrival.get(item[1].file_name, len(arrival)))
        ordered = [i for i, _ in found]
        for i, checked in zip(ordered, check_across_parts([part for _, part in found], standards), strict=True):
            if checked.note is None:
                continue
            part, outcome = checked.part, tables[i].outcome
            issues = provider_row_issues(part.quarantine, part.warnings)
            checked_tables[i] = TableReceipt(part.accepted, dataclasses.replace(
                outcome, rows_accepted=part.accepted.height, rows_quarantined=outcome.rows_quarantined + checked.rows_set_aside,
                rows_with_warnings=checked.rows_warned, findings=part.findings,
                message="; ".join(m for m in (outcome.message, checked.note) if m)), issues, part.quarantine, part.warnings)
    return checked_tables


def read_one_after_another(settings: RunSettings, standards: Standards) -> FileReader:
    """Read files in this process, one after another, with one shared ingest context."""
    return lambda files, histories: [read_submission_file(f, settings, standards, histories.get(f.provider))
                                     for f in files]


_contexts: dict[str, IngestContext] = {}


def ingest_context(settings: RunSettings, standards: Standards) -> IngestContext:
    """One ingest context per run in each process that reads files (the flow's, or a Dask worker)."""
    if settings.run_id not in _contexts:
        _contexts.clear()
        _contexts[settings.run_id] = IngestContext.for_run(settings, standards)
    return _contexts[settings.run_id]


def count_rows(f: SubmissionFile, standards: Standards) -> int:
    """Rows in a file that is not going to be used, so the accounting still says what arrived."""
    try:
        return sum(t.frame.height for t in read_tables(f.path.read_bytes(), f.path.name, set(header_synonyms(standards))))
    except IngestError:
        return 0


def record_received(warehouse: Warehouse, provider: str, quarter: str, landed: SubmissionFile, now: dt.datetime) -> str:
    """Register a landed file as 'received' (before any run reads it); returns its submission id."""
    sid = submission_id_for(provider, quarter, landed.sha256)
    outcome = SubmissionOutcome(provider, quarter, landed.path.name, landed.sha256, sid, "received",
                                message=f"{landed.path.name}: received; waiting for the next run")
    _register(warehouse, [outcome], {}, run_id="", now=now)
    return sid


@dataclass
class IngestContext:
    """What every file of a run shares: the header matcher, the key for derived references, and
    (made only when a header must be shown to a provider) a scrubber."""

    matcher: HeaderMatcher
    reference_key: bytes | None
    standards: Standards
    _scrubber: Scrubber | None = None

    @classmethod
    def for_run(cls, settings: RunSettings, standards: Standards) -> IngestContext:
        key = derive_purpose_key(load_run_key(settings), REFERENCE_DOMAIN)
        return cls(HeaderMatcher(standards), key.secret, standards)

    def scrub_header(self, header: str, names: list[str | None]) -> str:
        """A header that is not a field name, as a provider may see it (`shown_header`)."""
        if self._scrubber is None:
            self._scrubber = Scrubber(self.standards)
        return shown_header(self._scrubber, header, names)


def shown_header(scrubber: Scrubber, header: str, names: list[str | None]) -> str:
    """A header that is not a field name, as a provider or analyst may see it: their words, with only
    identifier-shaped content (an email, phone, NHI ...) and the table's own names replaced
    (`deid.safe_text.header_as_shown`)."""
    _, found = scrub_texts(scrubber, [header], names, [], workers=1)[0]
    return header_as_shown(header, found, scrubber.placeholders)


def table_names(frame: pl.DataFrame, standards: Standards) -> list[str | None]:
    """The people a table names (its name columns' values, up to 2,000 each): the known names for scrubbing its
    headers, as for its case notes."""
    name_fields = [spec.name for spec in standards.fields.fields
                   if spec.profile in {"person_name", "full_name", "staff_name"} and spec.name in frame.columns]
    return [v for c in name_fields for v in frame.get_column(c).drop_nulls().unique().head(2000).to_list()]


def process_submission_file(f: SubmissionFile, settings: RunSettings, standards: Standards,
                            warehouse: Warehouse, context: IngestContext | None = None
                            ) -> list[tuple[pl.DataFrame, SubmissionOutcome, pl.DataFrame]]:
    """Ingest and validate one file, per table it holds: the accepted rows, the outcome
    (rejected whole, held for mapping, or row accounting) and the row issues (row, column,
    rule; no values).

    Quarantined and warned rows, with their values, are written to the secure zone's
    `quarantine` and `row_warnings` tables (replacing any the same table had from an earlier run).
    """
    history = earlier_quarters(warehouse, f.provider, settings.quarter)
    tables = read_submission_file(f, settings, standards, history, context)
    for table in tables:
        if table.quarantine is not None:
            store_row_issues(warehouse, table.outcome.submission_id, table.quarantine, table.warnings)
    return [(t.accepted, t.outcome, t.issues) for t in tables]


def read_submission_file(f: SubmissionFile, settings: RunSettings, standards: Standards, history: pl.DataFrame | None,
                         context: IngestContext | None = None) -> list[TableReceipt]:
    """Ingest and validate one file without touching the warehouse (so files can be read side by side).

    `history` is the provider's clients from earlier quarters, for cross-quarter checks.
    """
    context = context or ingest_context(settings, standards)
    sid = submission_id_for(f.provider, f.quarter, f.sha256)
    try:
        tables = ingest_file(f.path.read_bytes(), file_name=f.path.name, sha256=f.sha256, provider=f.provider,
                             quarter=settings.quarter, run_id=settings.run_id, standards=standards,
                             confirmed=load_provider_mapping(standards, f.provider),
                             reference_key=context.reference_key, matcher=context.matcher)
    except IngestError as exc:
        log.warning("rejected %s/%s: %s", f.provider, f.path.name, exc)
        return [TableReceipt.without_rows(SubmissionOutcome(
            f.provider, f.quarter, f.path.name, f.sha256, sid, "rejected",
            message=f"{f.path.name}: the whole file was rejected: {exc}"), standards)]
    results = []
    for frame, ingest_result in tables:
        shown = safe_headers(ingest_result, frame, context)
        if ingest_result.held:
            results.append(TableReceipt.without_rows(_held_outcome(ingest_result, shown), standards))
            continue
        accepted, quarantine, warnings, result = validate_submission(frame, standards, settings.quarter_start,
                                                                     settings.quarter_end, history)
        issues = provider_row_issues(quarantine, warnings)
        results.append(TableReceipt(accepted, _outcome(ingest_result, result, f, shown), issues, quarantine, warnings))
    return results


def store_row_issues(warehouse: Warehouse, submission_id: str, quarantine: pl.DataFrame, warnings: pl.DataFrame | None) -> None:
    """Replace a table's quarantined and warned rows (a re-run of a quarter must not add them twice)."""
    record_store.store_row_issues(warehouse, submission_id, quarantine, warnings)


_MORE_THAN_A_NAME = re.compile(r"\d{3}|@")   # the digits of a phone or other number, an email


def safe_headers(result: IngestResult, frame: pl.DataFrame, context: IngestContext) -> dict[int, tuple[str, str]]:
    """Per column: (what the provider is shown, what stewards are shown). A header that reads as a
    field name is shown as written; any other header may hold anything (an email from a cover sheet,
    a client row read as the header), so the provider sees it with identifier-shaped content and the
    table's own names replaced (`IngestContext.scrub_header`) and the steward in mapping details only its shape."""
    # a field name with more in it ('Emergency contact (Whetu Kereama 021 555 7788)', a red-team user test) is
    # scrubbed as any other header
    plain = [m for m in result.columns if m.header_known and not _MORE_THAN_A_NAME.search(m.header)]
    shown = {m.index: (m.header, m.header) for m in plain}
    unknown = [m for m in result.columns if m not in plain]
    if unknown:   # the table's own names are the known names for scrubbing, as for its case notes
        names = table_names(frame, context.standards)
        for m in unknown:
            shown[m.index] = (context.scrub_header(m.header, names), f"column {m.index + 1} ({describe_header_shape(m.header)})")
    return shown


def earlier_quarters(warehouse: Warehouse, provider: str, quarter: str) -> pl.DataFrame | None:
    """The provider's clients as held from earlier quarters (latest run of each), for cross-quarter checks."""
    return record_store.earlier_quarters(warehouse, provider, quarter)


def _first(numbers: tuple[int, ...], shown: int = 10) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


def empty_submission_frame(standards: Standards) -> pl.DataFrame:
    """No rows, but every lineage and standard column, so later stages run and report zero."""
    schema = {c: pl.Int64 if c == "source_row" else pl.Utf8 for c in (*LINEAGE_COLUMNS, "source_shape")}
    return pl.DataFrame(schema={**schema, **{name: pl.Utf8 for name in standards.fields.names}})


def _mapping_details(ingest: IngestResult, shown: dict[int, tuple[str, str]]) -> tuple[dict[str, Any], ...]:
    return tuple({"column": m.index + 1, "header": shown[m.index][1], "field": m.field, "method": m.method,
                  "confidence": m.confidence, "uncertain": m.uncertain, "candidates": list(m.candidates),
                  "evidence": m.evidence, "examples": list(ingest.examples.get(m.index, ()))} for m in ingest.columns)


def _read_notes(ingest: IngestResult, held: bool = False) -> list[str]:
    """What reading the file noticed; for a held file, what reading it as it is would do (nothing was derived yet)."""
    notes = []
    if ingest.single_byte_lines:
        notes.append(f"{ingest.file_name}: mixed text encodings; lines {_first(ingest.single_byte_lines)} were read as "
                     "Windows-1252 and the rest as UTF-8. Save the file as UTF-8")
    notes += [f"{ingest.file_name}: {field} {'would be' if held else 'was'} derived: {how}" for field, how in ingest.derived]
    notes += [f"{ingest.file_name}: {notice}" for notice in ingest.notices]
    notes += [f"{ingest.file_name}: {change}" for change in ingest.header_changes]
    return notes


def _held_outcome(ingest: IngestResult, shown: dict[int, tuple[str, str]]) -> SubmissionOutcome:
    reasons = "; ".join(ingest.held_reasons)
    message = (f"{ingest.file_name}: awaiting mapping ({ingest.rows_received} rows held, none lost): {reasons}. A steward "
               f"settles it with `deid mapping confirm --provider {ingest.provider} FILE`; the next run reads it")
    return SubmissionOutcome(
        ingest.provider, ingest.quarter, ingest.file_name, ingest.sha256, ingest.submission_id, "held", ingest.reader,
        ingest.encoding, ingest.rows_received, 0, 0, 0, (), (), "; ".join([message, *_read_notes(ingest, held=True)]),
        ingest.delimiter, ingest.header_row, (), len(ingest.ragged_rows), rows_held=ingest.rows_received,
        held_reasons=ingest.held_reasons, derived_fields=ingest.derived,
        mapping_details=_mapping_details(ingest, shown), header_changes=ingest.header_changes)


def _outcome(ingest: IngestResult, validation: Any, f: SubmissionFile, shown: dict[int, tuple[str, str]]) -> SubmissionOutcome:
    message = "; ".join(_read_notes(ingest)) or None
    return SubmissionOutcome(
        ingest.provider, ingest.quarter, ingest.file_name, ingest.sha256, ingest.submission_id, "accepted",
        ingest.reader, ingest.encoding, validation.rows_received, validation.rows_accepted, validation.rows_quarantined,
        validation.rows_with_warnings, tuple(shown[m.index][0] for m in ingest.columns if not m.field),
        validation.findings, message, ingest.delimiter, ingest.header_row,
        tuple((shown[m.index][0], m.field, m.method) for m in ingest.columns), len(ingest.ragged_rows),
        derived_fields=ingest.derived, mapping_details=_mapping_details(ingest, shown), header_changes=ingest.header_changes,
    )


# --- standardise, pseudonymise, scrub: secure zone ------------------------------------------
#
# Run per submission (the flow maps them): each submission's rows are read from, and written to,
# Parquet in the secure zone. What needs the whole run is done set-wise over those files: the
# identity bridge (a person one provider reports without an NHI is linked through another's row),
# the count of distinct people, and scrubbing (the run's known names come from every submission,
# and one pool of scrubbing processes works through every submission's notes).


@dataclass(frozen=True)
class SubmissionParts:
    """A per-submission stage's output: one kept output per submission (in the order they were read),
    each holding the submission's rows and its counts, and the counts over the run."""

    parts: tuple[StageOutput, ...]
    result: StandardiseResult | PseudonymiseResult


@dataclass(frozen=True)
class ScrubbedSubmissions:
    """The scrub stage's output: the pseudonymised submissions, and their scrubbed notes in the same row order."""

    parts: tuple[StageOutput, ...]
    notes: pl.DataFrame      # one column, `case_notes_scrubbed`
    result: ScrubResult


def accepted_by_submission(received: ReceiveResult) -> list[tuple[str, pl.DataFrame]]:
    """Each accepted submission's rows, in the order they were read (one empty part when none were
    accepted, so later stages still run and report zero)."""
    if received.accepted.height == 0:
        return [("none", received.accepted)]
    parts = received.accepted.partition_by("submission_id", maintain_order=True, as_dict=True)
    return [(str(key[0]), frame) for key, frame in parts.items()]


def total_standardised(results: list[StandardiseResult]) -> StandardiseResult:
    """The run's standardisation counts: the sum over its submissions."""
    fields = [f.name for f in dataclasses.fields(StandardiseResult)]
    return StandardiseResult(**{name: sum(getattr(r, name) for r in results) for name in fields})


def link_identities(standardised: pl.LazyFrame) -> pl.DataFrame:
    """The run's identity bridge, over every submission's standardised rows (see `identity_bridge`)."""
    return identity_bridge(standardised)


def total_pseudonymised(results: list[PseudonymiseResult], pseudonymised: pl.LazyFrame) -> PseudonymiseResult:
    """The run's pseudonymisation counts: sums over its submissions, and its distinct people over them all."""
    fields = [f.name for f in dataclasses.fields(PseudonymiseResult) if f.name != "distinct_people"]
    people = pseudonymised.select(pl.col("person_key").drop_nulls().n_unique()).collect().item()
    return PseudonymiseResult(**{name: sum(getattr(r, name) for r in results) for name in fields}, distinct_people=int(people))


def scrub_inputs(pseudonymised: pl.LazyFrame) -> pl.DataFrame:
    """What scrubbing reads of every submission: the structured names (the run's known names), the
    programme names (kept as written) and the notes."""
    columns = pseudonymised.collect_schema().names()
    wanted = [c for c in (*NAME_COLUMNS, "programme", "case_notes") if c in columns]
    return pseudonymised.select(wanted).collect()


def scrubbed_records(pseudonymised: pl.DataFrame, notes: pl.DataFrame) -> pl.DataFrame:
    """The run's records with their scrubbed notes, as scrubbing the whole frame at once gives them."""
    check_notes_align(pseudonymised, notes)
    return pl.concat([pseudonymised, notes], how="horizontal")


def check_notes_align(pseudonymised: pl.DataFrame, notes: pl.DataFrame) -> None:
    """The kept scrubbed notes are row for row the submissions' rows (or they were kept from other inputs)."""
    if pseudonymised.height != notes.height:
        raise StageOutputError(f"the kept scrubbed notes have {notes.height} rows but the submissions {pseudonymised.height}; "
                               "run the quarter again and they are rebuilt")



def standardise_accepted(settings: RunSettings, standards: Standards, accepted: pl.DataFrame) -> tuple[pl.DataFrame, StandardiseResult]:
    return standardise_records(accepted, standards, settings.quarter_end)


def pseudonymise_people(settings: RunSettings, records: pl.DataFrame,
                        bridge: pl.DataFrame | None = None) -> tuple[pl.DataFrame, PseudonymiseResult]:
    """Linkage pseudonyms for one submission's rows (`bridge`: the run's, from `link_identities`) or a whole run's."""
    key = load_run_key(settings)
    return pseudonymise_records(records, derive_purpose_key(key, LINKAGE_DOMAIN), bridge)


def scrub_case_notes(standards: Standards, records: pl.DataFrame) -> tuple[pl.DataFrame, ScrubResult]:
    scrubber = Scrubber(standards)
    scrubbed, result = scrub_notes(records, scrubber)
    return scrub_label_columns(scrubbed, scrubber), result


LABEL_COLUMNS = ("programme",)
_NAME_PAIR = re.compile(r"(?<![\w'’-])[A-ZĀĒĪŌŪ][\w'’-]+[ \t]+[A-ZĀĒĪŌŪ][\w'’-]+")   # released as written: a label column, where a provider sometimes types a note


def scrub_label_columns(records: pl.DataFrame, scrubber: Scrubber) -> pl.DataFrame:
    """Label columns released as written with what only a note would hold taken out: an identifier the scrubber finds
    (phone, email, NHI, address ...), and a person's name where it is a full name or a word of the run's name columns
    ("Pēpi Ora (call Mere 021 111 2222)" -> "Pēpi Ora (call <PERSON> <PHONE>)"); a programme's own words stay ("Mana
    Tāne"). A red-team user test found an email, a phone, a name and an NHI in `programme` released as typed."""
    columns = [c for c in LABEL_COLUMNS if c in records.columns]
    if not columns or records.is_empty():
        return records
    out = records
    known: set[str] | None = None
    for column in columns:
        values = [v for v in records.get_column(column).drop_nulls().unique().to_list() if any(ch.isalnum() for ch in v)]
        replaced: dict[str, str] = {}
        for value in values:
            # the text alone (a run's known-name recognizers cost seconds at a national quarter's size), then the run's
            # name words where two stand together ("Hemi Kereama")
            _, spans = scrubber.scrub(value)
            if known is None:
                known = {w for c in NAME_COLUMNS if c in records.columns
                         for v in records.get_column(c).drop_nulls().unique().to_list() for w in str(v).lower().split()}
            pairs = [Span("PERSON", m.start(), m.end(), 0.6, "run name words", None) for m in _NAME_PAIR.finditer(value)
                     if all(w.lower() in known for w in m.group().split())]
            kept = [x for x in [*spans, *pairs] if x.entity != "PERSON" or " " in value[x.start:x.end].strip()
                    or value[x.start:x.end].lower() in known]
            if kept:
                replaced[value] = apply_operators(value, kept, scrubber.placeholders)
        if replaced:
            out = out.with_columns(pl.col(column).replace(replaced))
    return out


def store_secure_records(settings: RunSettings, warehouse: Warehouse, records: pl.DataFrame | Iterable[pl.DataFrame]) -> int:
    """Stage the identifiable, standardised rows in the secure zone (never published), as one frame or in batches.

    Refused when this run's key is not the key the secure zone's pseudonyms were made with.
    The rows wait in `staged_records` and replace the providers' stored rows for the quarter
    (`secure_records`) only in the transaction that registers the release (`publish`), so a run
    that fails before publishing leaves the secure zone as it was. Rows staged by another run
    are debris of a run that died (this run holds the state folder's lock) and are dropped.
    """
    check_linkage_key(warehouse, load_run_key(settings), settings.started_at)
    return record_store.stage_records(warehouse, records)


def promote_staged_records(warehouse: Warehouse, run_id: str) -> int:
    """Replace each provider's stored rows for the quarter with this run's staged rows (inside
    the caller's transaction), so a re-run or a resubmission holds each record once."""
    return record_store.promote_staged_records(warehouse, run_id)


# --- split, gate, aggregate, publish ----------------------------------------------------------


def split_purposes(settings: RunSettings, agreement: SharingAgreement, records: pl.DataFrame) -> tuple[dict[str, pl.DataFrame], list[PurposeExtractResult]]:
    key = load_run_key(settings)
    keys = {p.pseudonym_domain: derive_purpose_key(key, p.pseudonym_domain) for p in agreement.purposes.values()}
    return split_by_purpose(records, agreement, keys)


def consent_withdrawals(settings: RunSettings, agreement: SharingAgreement, records: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Per purpose needing consent: the persons whose consent this quarter says no that an earlier release of the
    purpose (an earlier quarter's, or this quarter's before this run) made under this key already holds
    (`deid.split.withdrawals`); `records` needs `person_key` and `consent_evaluation`."""
    from deid.split.withdrawals import EarlierRelease, refused_now, withdrawal_notice

    key = load_run_key(settings)
    keys = {p.pseudonym_domain: derive_purpose_key(key, p.pseudonym_domain) for p in agreement.purposes.values()}
    refused = refused_now(records, agreement, keys)
    earlier: list[EarlierRelease] = []
    if any(s.len() for s in refused.values()) and settings.warehouse_path.exists():
        with open_warehouse(settings) as warehouse:
            rows = warehouse.frame("withdrawals_earlier_extracts", f"SELECT * FROM {releases.RELEASE_REGISTER} WHERE quarter <= ? "
                                   "AND run_id <> ? ORDER BY quarter, released_at, path", [settings.quarter, settings.run_id]
                                   ).to_dicts() if warehouse.has_table(releases.RELEASE_REGISTER) else []
        for row in rows:
            path = settings.releases_dir / row["run_id"] / row["path"]
            if row["purpose"] in refused and row["path"].endswith("_extract.parquet") and path.is_file() \
                    and _made_under(settings.releases_dir / row["run_id"] / "manifest.json") == key.fingerprint:
                earlier.append(EarlierRelease(row["purpose"], row["quarter"], row["run_id"],
                                              pl.read_parquet(path, columns=["person_id"]).get_column("person_id")))
    return {name: withdrawal_notice(people, [e for e in earlier if e.purpose == name]) for name, people in refused.items()}


def _made_under(manifest: Path) -> str | None:
    """The key fingerprint a release's manifest records (None when it cannot be read)."""
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("key_fingerprint") if manifest.is_file() else None
    except ValueError:
        return None


def gate_extracts(settings: RunSettings, standards: Standards, extracts: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], dict[str, GateResult]]:
    """The release gate (`deid.risk.gate_release`): each extract's re-identification risk, then the linkage
    of the run's extracts to each other and to this quarter's earlier releases, and of persons across
    earlier quarters' releases made under the same key (pseudonyms stable, so a recipient can put a
    person's quarters together), all read back from the releases folder as the register lists them,
    under the agreement's allowances."""
    from deid.risk import EarlierExtract, QuarterRelease, gate_release, linkage_policy
    from deid.risk.free_text import age_subjects, ethnicity_words, kept_names, place_names

    agreement = load_agreement(settings.agreement_path, standards)
    earlier: list[EarlierExtract] = []
    earlier_quarters: list[QuarterRelease] = []
    if settings.warehouse_path.exists():
        with open_warehouse(settings) as warehouse:
            for row in earlier_releases(warehouse, settings):
                path = settings.releases_dir / row["run_id"] / row["path"]
                if row["path"].endswith("_extract.parquet") and row["purpose"] in agreement.purposes and path.is_file():
                    earlier.append(EarlierExtract(row["purpose"], row["run_id"], pl.read_parquet(path)))
            # every earlier quarter's extracts (a recipient may keep them all) made under this key: their pseudonyms are these
            fingerprint = load_run_key(settings).fingerprint
            rows = warehouse.frame("earlier_quarters_extracts", f"SELECT * FROM {releases.RELEASE_REGISTER} WHERE quarter < ? "
                                   "ORDER BY quarter, released_at, path", [settings.quarter]).to_dicts() \
                if warehouse.has_table(releases.RELEASE_REGISTER) else []
            for row in rows:
                path = settings.releases_dir / row["run_id"] / row["path"]
                if (row["path"].endswith("_extract.parquet") and row["purpose"] in agreement.purposes and path.is_file()
                        and _made_under(settings.releases_dir / row["run_id"] / "manifest.json") == fingerprint):
                    earlier_quarters.append(QuarterRelease(row["purpose"], row["quarter"], row["run_id"], pl.read_parquet(path)))
    with Warehouse(":memory:", threads=2, memory_limit="2GB") as scratch:
        # names whose place words a note keeps: the providers' and the programmes' the extracts carry
        named = [*agreement.parties.provider_names.values(),
                 *(v for f in extracts.values() for c in ("programme", "provider") if c in f.columns
                   for v in f.get_column(c).drop_nulls().unique().cast(pl.String).to_list())]
        return gate_release(scratch, extracts, standards.disclosure.risk, linkage_policy(standards.disclosure.risk, agreement),
                            tuple(earlier), quarter=settings.quarter, earlier_quarters=tuple(earlier_quarters),
                            places=place_names(standards), kept_names=kept_names(named), ethnicities=ethnicity_words(standards),
                            age_subjects=age_subjects(standards),
                            ethnicity_withheld={name: maori_identity_withheld(frame, agreement)[0] for name, frame in extracts.items()})


def protect_aggregates(settings: RunSettings, standards: Standards, agreement: SharingAgreement, records: pl.DataFrame
                       ) -> tuple[dict[str, pl.DataFrame], list[ProtectionResult], list[TableDecision], pl.DataFrame]:
    seed = derive_purpose_key(load_run_key(settings), ROUNDING_DOMAIN)
    with open_warehouse(settings) as warehouse:
        earlier = earlier_hidden_cells(warehouse, standards, settings.quarter)
        shown_before = earlier_cell_values(warehouse, standards, settings.quarter)
    tables, protection, decisions = build_protected_tables(records, standards, agreement, seed, settings.run_id,
                                                           settings.quarter, earlier, earlier_cells=shown_before)
    return tables, protection, decisions, provider_own_figures(records)


def earlier_hidden_cells(warehouse: Warehouse, standards: Standards, quarter: str) -> dict[str, frozenset[str]]:
    """Per table, the cells hidden in any earlier release that holds the same cells (see `release_scope`)."""
    found = releases.hidden_cells(warehouse, [(spec.name, release_scope(spec, quarter)) for spec in standards.disclosure.tables])
    return found or {}


def earlier_cell_values(warehouse: Warehouse, standards: Standards, quarter: str) -> dict[str, dict[str, ReleasedCell]]:
    """Per table, each cell as the latest earlier release holding the same cells left it (see `release_scope`)."""
    found = releases.latest_cell_values(warehouse, [(spec.name, release_scope(spec, quarter))
                                                    for spec in standards.disclosure.tables])
    return {table: {row["identity"]: ReleasedCell(row["identity"], tuple(json.loads(row["cell"])), row["value"],
                                                  row["contributors"], row["published"], row["anchor_value"],
                                                  row["anchor_contributors"]) for row in rows}
            for table, rows in found.items()}


def record_cell_values(warehouse: Warehouse, standards: Standards, settings: RunSettings,
                       tables: dict[str, pl.DataFrame], protection: list[ProtectionResult]) -> int:
    """Remember every cell of each released table (truth, shown value, anchor), so a later release of the same
    cells shows only changes of at least the threshold's worth of people."""
    specs = {spec.name: spec for spec in standards.disclosure.tables}
    recorded_at = dt.datetime.now(dt.UTC)
    rows = [{"table_name": result.table, "scope": release_scope(specs[result.table], settings.quarter),
             "identity": cell.identity, "cell": cell.cell_json, "value": cell.value, "contributors": cell.contributors,
             "published": cell.published, "anchor_value": cell.anchor_value, "anchor_contributors": cell.anchor_contributors,
             "run_id": settings.run_id, "quarter": settings.quarter, "recorded_at": recorded_at}
            for result in protection if result.table in tables and result.table in specs for cell in result.ledger]
    return releases.record_cell_values(warehouse, rows)


def record_hidden_cells(warehouse: Warehouse, standards: Standards, settings: RunSettings,
                        tables: dict[str, pl.DataFrame], protection: list[ProtectionResult]) -> int:
    """Remember the cells each released table hid, so later releases of it keep them hidden."""
    specs = {spec.name: spec for spec in standards.disclosure.tables}
    rows = [{"table_name": result.table, "scope": release_scope(specs[result.table], settings.quarter), "identity": identity,
             "run_id": settings.run_id, "quarter": settings.quarter}
            for result in protection if result.table in tables and result.table in specs
            for identity in sorted(result.hidden_identities)]
    return releases.record_hidden_cells(warehouse, rows)


def publish(settings: RunSettings, standards: Standards, agreement: SharingAgreement, contents: ReleaseContents, *,
            inputs_key: str | None = None, summarise: Callable[[ReleaseResult], dict[str, Any]] | None = None,
            ) -> tuple[ReleaseResult, dict[str, Any] | None]:
    """Write the release, then register it, move the staged rows into the secure zone and record
    what it was made from, all in one transaction: a failure anywhere leaves no release behind and
    the secure zone as it was. Once registered, the quarter's kept stage outputs are removed."""
    key = load_run_key(settings)
    if agreement.review_overdue(settings.started_at.date()):
        log.warning("the sharing agreement '%s' was due for review on %s; releasing under it, flagged in the steward pack",
                    agreement.programme, agreement.review_date)
    providers = contents.accepted_providers
    with open_warehouse(settings) as warehouse:
        release = publish_release(ReleaseInputs(
            run_id=settings.run_id, quarter=settings.quarter, releases_dir=settings.releases_dir, standards=standards,
            agreement=agreement, demo=key.is_demo, key_fingerprint=key.fingerprint, started_at=settings.started_at,
            contents=contents, logged_uses=tuple(read_uses(settings.use_log_path, settings.quarter)),
            earlier_releases=earlier_releases(warehouse, settings),
            audit_head=current_head(settings.audit_log_path, key).as_dict()))
        try:
            with warehouse.transaction("register_release"):   # the secure zone and the register change together
                promote_staged_records(warehouse, settings.run_id)
                record_hidden_cells(warehouse, standards, settings, dict(contents.tables), list(contents.protection))
                record_cell_values(warehouse, standards, settings, dict(contents.tables), list(contents.protection))
                register_release(warehouse, settings, release, providers)
                summary = summarise(release) if summarise else None
                if inputs_key and summary is not None:
                    record_release_inputs(warehouse, settings, inputs_key, summary)
        except BaseException:
            shutil.rmtree(release.release_dir, ignore_errors=True)   # not registered, so not released
            raise
    append_event(settings.audit_log_path, "release", {
        "run_id": settings.run_id, "quarter": settings.quarter, "release_dir": str(release.release_dir),
        "manifest_sha256": sha256_file(release.manifest_path), "files": len(release.files), "providers": providers,
        "audiences": sorted({f.audience for f in release.files})}, actor=settings.actor)
    StageStore.for_quarter(settings.state_dir, settings.quarter).clear_outputs()
    return release, summary


def earlier_releases(warehouse: Warehouse, settings: RunSettings) -> tuple[dict[str, Any], ...]:
    """Register rows of earlier runs' releases for this quarter that used providers' data (extracts and tables)."""
    rows = releases.other_runs_releases(warehouse, settings.quarter, settings.run_id)
    return tuple(r for r in rows if is_use(r["path"], r["audience"]))


def register_release(warehouse: Warehouse, settings: RunSettings, release: ReleaseResult, providers: list[str]) -> int:
    """The release register: every released file, who received it and whose data it holds."""
    rows = [{"run_id": settings.run_id, "quarter": settings.quarter, "released_at": settings.started_at, "path": f.path,
             "audience": f.audience, "purpose": f.purpose, "description": f.description, "rows": f.rows, "sha256": f.sha256,
             "providers": [f.audience.split(":", 1)[1]] if f.audience.startswith("provider:") else providers}
            for f in release.files]
    return releases.register_files(warehouse, rows)


def log_run(settings: RunSettings, summary: dict[str, Any]) -> None:
    """One audit-log entry per completed run: its row accounting and where the release went (no record values)."""
    append_event(settings.audit_log_path, "run", {
        "run_id": settings.run_id, "quarter": settings.quarter, "demo_key": settings.demo_key, "rows": summary["rows"],
        "submissions": [{k: s[k] for k in ("provider", "file", "status")} for s in summary["submissions"]],
        "release_dir": summary["release_dir"], "agreement": str(settings.agreement_path)}, actor=settings.actor)


def stage_counts(standardised: StandardiseResult, pseudonymised: PseudonymiseResult, scrubbed: ScrubResult) -> list[tuple[str, Any]]:
    """Headline counts from the secure-zone stages, for the steward page (no record values)."""
    counts: list[tuple[str, Any]] = [
        ("Rows standardised", standardised.rows),
        ("Addresses fully parsed", standardised.addresses_parsed),
        ("Addresses read in full but the place is not in the reference (flagged unverified)", standardised.addresses_unverified),
        ("Addresses partly parsed (flagged)", standardised.addresses_partial),
        ("Addresses not parsed or missing (flagged)", standardised.addresses_unparsed),
        ("Ethnicity responses not classifiable (coded 97)", standardised.ethnicity_unidentifiable_responses),
        ("Gender values not mappable (coded 97)", standardised.gender_unmapped),
        ("Outcome and referral labels in the provider's own words, read by the code they name", standardised.code_labels_read_by_words),
        ("Rows whose ethnicity named an iwi or 'Ngāti' group (counted Māori, Stats NZ iwi classification)",
         standardised.maori_by_iwi_in_ethnicity),
        ("Rows whose empty iwi column was filled from the iwi in their ethnicity", standardised.iwi_from_ethnicity),
        ("Identities from a valid NHI", pseudonymised.identities_by_nhi),
        ("Identities from name + date of birth", pseudonymised.identities_by_name_dob),
        ("Name + DOB identities resolved to an NHI", pseudonymised.resolved_to_nhi),
        ("Identities from the provider's own reference only (counted within that provider, never linked across providers)",
         pseudonymised.identities_within_provider),
        ("Distinct people", pseudonymised.distinct_people),
        ("Case notes scrubbed", scrubbed.notes),
        ("Case notes changed by scrubbing", scrubbed.notes_changed),
    ]
    counts += [(f"Scrubbed: {entity}", n) for entity, n in scrubbed.entities.items()]
    return counts
