"""The release manifest: every file with its audience, purpose, rows, bytes and SHA-256, and the rules applied."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deid.publish.inputs import ReleaseInputs
from reports.builders import as_plain


def build_manifest(inputs: ReleaseInputs, files: Sequence[Any]) -> dict[str, Any]:
    """The manifest of a release (written last, so it lists every other file).

    Args:
        inputs: what the release was made from.
        files: the released files (`ReleasedFile`), in the order they were written.
    """
    standards, agreement, contents = inputs.standards, inputs.agreement, inputs.contents
    disclosure = standards.disclosure
    return {
        "run_id": inputs.run_id, "quarter": inputs.quarter, "created_at": inputs.started_at.isoformat(), "demo_key": inputs.demo,
        "key_fingerprint": inputs.key_fingerprint, "classification": agreement.security_classification,
        "agreement": {"programme": agreement.programme, "version": agreement.version, "review_date": str(agreement.review_date)},
        "disclosure_rules": {"rounding": disclosure.rounding["method"],
                             "primary_min_count": disclosure.primary_suppression["min_count"],
                             "secondary_suppression": disclosure.secondary_suppression["enabled"],
                             "k_threshold": disclosure.risk.k_threshold,
                             "max_prosecutor_risk": disclosure.risk.max_prosecutor_risk},
        "risk_gates": {name: {"passed": g.passed, "message": g.message, "k_after": g.after.k_min} for name, g in contents.gates.items()},
        "suppression_audit": {p.table: {"passed": p.releasable, "result": str(p.audit) if p.audit else "not audited",
                                        "narrowest_interval": p.audit.narrowest_width if p.audit else None,
                                        "protection_level": disclosure.audit.protection_level,
                                        "information_loss": p.information_loss} for p in contents.protection},
        "files": [as_plain(f) for f in files],
        "audit_log_head": inputs.audit_head,
    }
