"""The release manifest: every file with its audience, purpose, rows, bytes and SHA-256, and the rules applied."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deid.aggregate.aggregate import IWI_DIMENSIONS, MAORI_DIMENSIONS, governance_decision
from deid.agreement import SharingAgreement
from deid.publish.inputs import ReleaseInputs
from deid.standards import TableSpec
from reports.builders import as_plain

MAORI_DATA_TAG = "Māori data"
TABLES_FOLDER = "aggregates"   # where publish writes each protected table, as <name>.csv


def build_manifest(inputs: ReleaseInputs, files: Sequence[Any]) -> dict[str, Any]:
    """The manifest of a release (written last, so it lists every other file).

    Args:
        inputs: what the release was made from.
        files: the released files (`ReleasedFile`), in the order they were written.
    """
    standards, agreement, contents = inputs.standards, inputs.agreement, inputs.contents
    disclosure = standards.disclosure
    tags = maori_table_tags(disclosure.tables, agreement, [f.path for f in files])
    return {
        "run_id": inputs.run_id, "quarter": inputs.quarter, "created_at": inputs.started_at.isoformat(), "demo_key": inputs.demo,
        "key_fingerprint": inputs.key_fingerprint, "classification": agreement.security_classification,
        "agreement": {"programme": agreement.programme, "version": agreement.version, "review_date": str(agreement.review_date),
                      "draft": agreement.draft},
        "disclosure_rules": {"rounding": disclosure.rounding["method"],
                             "primary_min_count": disclosure.primary_suppression["min_count"],
                             "secondary_suppression": disclosure.secondary_suppression["enabled"],
                             "k_threshold": disclosure.risk.k_threshold,
                             "max_prosecutor_risk": disclosure.risk.max_prosecutor_risk},
        "risk_gates": {name: {"passed": g.passed, "message": g.message, "k_after": g.after.k_min, "person_k_after": g.after.person_k_min} for name, g in contents.gates.items()},
        "suppression_audit": {p.table: {"passed": p.releasable, "result": str(p.audit) if p.audit else "not audited",
                                        "narrowest_interval": p.audit.narrowest_width if p.audit else None,
                                        "protection_level": disclosure.audit.protection_level,
                                        "information_loss": p.information_loss,
                                        # a re-release: cells still showing the earlier release's value (fewer than the
                                        # threshold's worth of people changed since), so the two can be compared safely
                                        "cells_shown_as_in_earlier_release": p.repeated} for p in contents.protection},
        "maori_data_governance": governance_summary(agreement, tags),
        # tables the agreement's governance kept back (a Māori or iwi breakdown without the approval it needs)
        "tables_withheld": [{"table": d.table, "reason": d.reason} for d in contents.decisions if not d.released],
        "files": [with_maori_tag(as_plain(f), tags) for f in files],
        "audit_log_head": inputs.audit_head,
    }


def maori_table_tags(tables: Sequence[TableSpec], agreement: SharingAgreement, paths: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per released table with a Māori or iwi breakdown (by path): the Māori data tag and the approval it was
    released under, so the approval travels with the table wherever the manifest entry goes (not only in the
    steward pack)."""
    released = set(paths)
    governance = agreement.maori_data_governance
    tags: dict[str, dict[str, Any]] = {}
    for spec in tables:
        path = f"{TABLES_FOLDER}/{spec.name}.csv"
        dims = set(spec.dimensions)
        breakdowns = [kind for kind, kind_dims in (("Māori", MAORI_DIMENSIONS), ("iwi", IWI_DIMENSIONS)) if dims & kind_dims]
        if path not in released or not breakdowns:
            continue
        tags[path] = {"tag": MAORI_DATA_TAG, "breakdown": breakdowns, "approval_reference": governance.approval_reference,
                      "approved_by": governance.approver, "decision": governance_decision(spec, agreement).reason}
    return tags


def with_maori_tag(entry: dict[str, Any], tags: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A manifest file entry, with its Māori data tag and approval when it is a Māori or iwi breakdown."""
    tag = tags.get(str(entry.get("path")))
    return {**entry, "maori_data": tag} if tag else entry


def governance_summary(agreement: SharingAgreement, tags: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The agreement's Māori data governance as this release applied it, and the tables released under it."""
    governance = agreement.maori_data_governance
    uncovered = governance.uncovered(agreement.parties.provider_ids)   # parties the approval was not granted for
    return {"approver": governance.approver, "approval_reference": governance.approval_reference,
            "maori_breakdowns_approved": governance.maori_breakdowns_approved and not uncovered,
            "iwi_breakdowns_approved": governance.iwi_breakdowns_approved and not uncovered,
            "approved_for": list(governance.approved_for) if governance.approved_for is not None else None,
            "not_covered": list(uncovered), "tagged_tables": sorted(tags)}
