"""The run summary the CLI prints: row accounting and where every output went."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from deid.settings import RunSettings


def previous_quarter(today: dt.date) -> str:
    """The last quarter that has ended on `today`."""
    q = (today.month - 1) // 3 + 1
    year, q = (today.year, q - 1) if q > 1 else (today.year - 1, 4)
    return f"{year}Q{q}"


def build_run_summary(settings: RunSettings, received: Any, release: Any, gates: dict[str, Any],
                      warnings: list[str] | None = None) -> dict[str, Any]:
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
        "risk_gates": {name: g.message for name, g in gates.items()},
        "release_dir": str(release.release_dir),
        "manifest": str(release.manifest_path),
        "warehouse": str(settings.warehouse_path),
        "outputs": dict(outputs),
        "warnings": list(warnings or []),
    }
