"""What a release is made from: the stages' results and the run's context, as two frozen records.

The flow gathers `ReleaseContents` from the kept stage outputs; `deid.pipeline.publish` adds what
only the secure zone knows (the key's fingerprint, earlier releases, the audit log's head) and
hands `publish_release` one `ReleaseInputs`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from deid.aggregate import ProtectionResult, TableDecision
from deid.agreement import SharingAgreement
from deid.risk import GateResult
from deid.split import PurposeExtractResult
from deid.standards import Standards
from deid.uselog import UseEntry


@dataclass(frozen=True)
class SubmissionOutcome:
    """What happened to one landed file, for row accounting and reports."""

    provider: str
    quarter: str
    file_name: str
    sha256: str
    submission_id: str
    status: str  # accepted | held (awaiting mapping) | rejected | unreadable | duplicate | superseded
    reader: str | None = None
    encoding: str | None = None
    rows_received: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    rows_with_warnings: int = 0
    dropped_columns: tuple[str, ...] = ()
    findings: tuple[Any, ...] = ()
    message: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    column_mapping: tuple[tuple[str, str | None, str], ...] = ()  # (file header as safe to show, standard field, how matched)
    ragged_rows: int = 0
    rows_held: int = 0                       # rows of a file awaiting a steward's mapping decision
    rows_rejected: int = 0                   # rows of a file rejected whole
    held_reasons: tuple[str, ...] = ()
    derived_fields: tuple[tuple[str, str], ...] = ()   # (field, how derived) for fields the file has no column for
    mapping_details: tuple[dict[str, Any], ...] = ()   # per column, for stewards: decision, confidence, evidence, masks
    header_changes: tuple[str, ...] = ()

    @property
    def balanced(self) -> bool:
        """Every row read is accepted, quarantined, held or rejected: none lost, none twice."""
        return self.rows_received == self.rows_accepted + self.rows_quarantined + self.rows_held + self.rows_rejected


@dataclass(frozen=True)
class ReleaseContents:
    """The stages' results a release is written from (the flow reads them from the kept outputs).

    Attributes:
        submissions: every landed file and what became of it.
        row_issues: one row per (submission_id, source_row, column, rule, severity) that failed a check,
            without values; each provider gets its own as a list to fix.
        provider_figures: each provider's own people and sessions by outcome (its feedback report).
        extracts: per purpose, the extract as the risk gate passed it.
        purpose_results: the split's record of each purpose (rows in, rows kept, consent refusals).
        gates: per purpose, the risk gate's result.
        tables: protected aggregate tables by name.
        protection: small-cell protection results, one per table.
        decisions: whether each configured table is released, and why not.
        stage_counts: headline counts from the secure-zone stages, for the steward pack.
        maori_rows: rows that are Māori data (Māori ethnicity or iwi recorded).
        withdrawals: per purpose needing consent, the persons of earlier releases whose consent now says no
            (`deid.split.withdrawals`): their recipients are told to delete those rows.
    """

    submissions: tuple[SubmissionOutcome, ...]
    row_issues: pl.DataFrame
    provider_figures: pl.DataFrame
    extracts: Mapping[str, pl.DataFrame]
    purpose_results: tuple[PurposeExtractResult, ...]
    gates: Mapping[str, GateResult]
    tables: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    protection: tuple[ProtectionResult, ...] = ()
    decisions: tuple[TableDecision, ...] = ()
    stage_counts: tuple[tuple[str, Any], ...] = ()
    maori_rows: int = 0
    withdrawals: Mapping[str, pl.DataFrame] = field(default_factory=dict)   # per purpose: `deid.split.withdrawals`

    @property
    def accepted_providers(self) -> list[str]:
        """Providers with an accepted file: whose data the release holds."""
        return sorted({s.provider for s in self.submissions if s.status == "accepted"})


@dataclass(frozen=True)
class ReleaseInputs:
    """Everything `publish_release` needs: where and for which run, under which rules, and what to write.

    Attributes:
        audit_head: the audit log's keyed chain head when the release was made (`deid.auditlog`),
            recorded in the manifest so `deid audit verify` can tell if the log is later cut short.
        earlier_releases: release-register rows of earlier runs for this quarter that used providers' data.
        logged_uses: the use log's entries for the quarter, shown in providers' feedback.
    """

    run_id: str
    quarter: str
    releases_dir: Path
    standards: Standards
    agreement: SharingAgreement
    demo: bool
    key_fingerprint: str
    started_at: dt.datetime
    contents: ReleaseContents
    logged_uses: tuple[UseEntry, ...] = ()
    earlier_releases: tuple[dict[str, Any], ...] = ()
    audit_head: dict[str, Any] | None = None
