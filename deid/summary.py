"""The run summary the CLI prints: row accounting and where every output went."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from deid.settings import RunSettings


def previous_quarter(today: dt.date) -> str:
    """The last quarter that has ended on `today`."""
    q = (today.month - 1) // 3 + 1
    year, q = (today.year, q - 1) if q > 1 else (today.year - 1, 4)
    return f"{year}Q{q}"


def split_accounting(purpose: Any) -> dict[str, Any]:
    """One purpose's split, every row accounted for: rows in = rows out + consent refused + consent not recorded
    + consent not recognised (a consent value that is neither yes, no nor a way of saying not recorded).

    `purpose`: a `PurposeExtractResult` or its plain values (a release recorded before the split counted unreadable
    consent gives none: then the rows kept out for no other reason are those)."""
    p = purpose if isinstance(purpose, Mapping) else dataclasses.asdict(purpose)
    rows_in, rows_out = int(p["rows_in"]), int(p["rows_out"])
    refused, not_recorded = int(p["excluded_no_consent"]), int(p["excluded_blank_consent"])
    not_recognised = (int(p["excluded_unrecognised_consent"]) if "excluded_unrecognised_consent" in p
                      else max(rows_in - rows_out - refused - not_recorded, 0))
    return {"purpose": p["purpose"], "rows_in": rows_in, "rows_out": rows_out, "consent_refused": refused,
            "consent_not_recorded": not_recorded, "consent_not_recognised": not_recognised,
            "balanced": rows_in == rows_out + refused + not_recorded + not_recognised}


def split_line(row: Mapping[str, Any]) -> str:
    """A purpose's split in one line: "398 rows in = 308 out + 88 consent refused + 1 not recorded + 1 not recognised"."""
    return (f"{row['rows_in']} rows in = {row['rows_out']} out + {row['consent_refused']} consent refused"
            f" + {row['consent_not_recorded']} consent not recorded + {row['consent_not_recognised']} consent not recognised"
            + ("" if row["balanced"] else "  ** DOES NOT BALANCE **"))


def build_run_summary(settings: RunSettings, received: Any, release: Any, gates: dict[str, Any],
                      warnings: list[str] | None = None, protection: list[Any] | None = None,
                      decisions: list[Any] | None = None, purposes: Iterable[Any] | None = None) -> dict[str, Any]:
    """The run's summary; `purposes`: the split's results (else those the release records), each accounted for."""
    outputs: dict[str, list[str]] = defaultdict(list)
    for f in release.files:
        outputs[f.audience].append(str(release.release_dir / f.path))
    submissions = [
        {"provider": o.provider, "file": o.file_name, "status": o.status, "received": o.rows_received,
         "accepted": o.rows_accepted, "quarantined": o.rows_quarantined, "held": o.rows_held, "rejected": o.rows_rejected,
         "balanced": o.balanced, "message": o.message}
        for o in received.outcomes
    ]
    return {
        "run_id": settings.run_id,
        "quarter": settings.quarter,
        "demo_key": settings.demo_key,
        "rows": {"received": received.rows_received, "accepted": received.rows_accepted, "quarantined": received.rows_quarantined,
                 "held": received.rows_held, "rejected": received.rows_rejected, "balanced": received.balanced},
        "submissions": submissions,
        "purposes": {row["purpose"]: {**row, "line": split_line(row)}
                     for row in map(split_accounting, purposes if purposes is not None else getattr(release, "purposes", ()))},
        "risk_gates": {name: g.message for name, g in gates.items()},
        "release_dir": str(release.release_dir),
        "manifest": str(release.manifest_path),
        "warehouse": str(settings.warehouse_path),
        "outputs": dict(outputs),
        "warnings": list(warnings or []),
        "tables": table_rows(protection or [], decisions or []),
    }


def table_rows(protection: list[Any], decisions: list[Any]) -> list[dict[str, Any]]:
    """Per aggregate table: released or withheld (why), cells, suppressions, information lost, audit."""
    released = {d.table: d for d in decisions}
    rows = []
    for result in protection:
        decision = released.get(result.table)
        rows.append({"table": result.table, "released": bool(decision.released) if decision else True,
                     "reason": decision.reason if decision and not decision.released else "",
                     "cells": result.cells, "primary_suppressed": result.primary_suppressed,
                     "secondary_suppressed": result.secondary_suppressed,
                     "information_loss": round(result.information_loss, 4),
                     "audit": str(result.audit) if result.audit is not None else "not audited"})
    rows += [{"table": d.table, "released": False, "reason": d.reason, "cells": 0, "primary_suppressed": 0,
              "secondary_suppressed": 0, "information_loss": 1.0, "audit": "not built"}
             for d in decisions if not d.released and d.table not in {r["table"] for r in rows}]
    return rows
