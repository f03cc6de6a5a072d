"""What the data stewards are given: the machine-readable payload and the review page's context."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from deid.aggregate.aggregate import dimension_labels
from deid.aggregate.audit import CellInterval
from deid.publish.inputs import ReleaseInputs
from deid.summary import split_accounting
from reports.builders import as_plain, as_plain_submissions, build_steward_context


def _plain_submissions(inputs: ReleaseInputs, plain: Mapping[int, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Each submission as plain values (a workbook's data sheet naming its sheet): from `plain` (by the submission's
    identity) where made already."""
    submissions = inputs.contents.submissions
    if plain is not None and all(id(s) in plain for s in submissions):
        return [plain[id(s)] for s in submissions]
    return as_plain_submissions(submissions)


def build_steward_payload(inputs: ReleaseInputs, files: Sequence[Any],
                          plain: Mapping[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """`steward_summary.json`: every submission, gate, protection result and decision, the agreement, and the
    files released before the pack was written (the manifest lists them all).

    `plain` holds submissions already made plain values (`deid.publish.publish.plain_submissions`)."""
    contents = inputs.contents
    return {
        "run_id": inputs.run_id, "quarter": inputs.quarter, "demo": inputs.demo,
        "submissions": _plain_submissions(inputs, plain),
        "gates": as_plain(list(contents.gates.values())), "protection": as_plain(list(contents.protection)),
        "decisions": as_plain(list(contents.decisions)),
        "purposes": [{**as_plain(p), **split_accounting(p)} for p in contents.purpose_results],
        "stage_counts": dict(contents.stage_counts), "maori_rows": contents.maori_rows,
        "consent_withdrawn": {p: n.height for p, n in contents.withdrawals.items()},
        "agreement": as_plain(inputs.agreement), "review_overdue": inputs.agreement.review_overdue(inputs.started_at.date()),
        "files_released_before_this_pack": [as_plain(f) for f in files],
    }


def steward_table_rows(inputs: ReleaseInputs) -> list[dict[str, Any]]:
    """One row per configured table: released or withheld (and why), with its protection and audit."""
    contents = inputs.contents
    dims = {spec.name: list(spec.dimensions) for spec in inputs.standards.disclosure.tables}
    labels = dimension_labels(inputs.standards)
    unreleased = {"cells": 0, "primary": 0, "secondary": 0, "rounding": "not released", "audit": "not audited",
                  "audit_passed": True, "information_loss": 0.0, "min_count": None, "repeated": 0, "new_cells": 0}
    rows = []
    for decision in contents.decisions:
        protected = next(({"cells": p.cells, "primary": p.primary_suppressed, "secondary": p.secondary_suppressed,
                           "rounding": p.rounding, "audit": str(p.audit) if p.audit else "not audited",
                           "audit_passed": p.releasable, "information_loss": p.information_loss,
                           "min_count": p.min_count, "repeated": p.repeated, "new_cells": p.new_cells}
                          for p in contents.protection if p.table == decision.table), unreleased)
        result = next((p for p in contents.protection if p.table == decision.table and p.audit), None)
        intervals = (primary_intervals(result.audit.intervals, result.min_count, dims.get(decision.table, []), labels)
                     if result and result.audit else [])
        rows.append({"table": decision.table, "released": decision.released, "reason": decision.reason, **protected,
                     "primary_intervals": intervals})
    return rows


def _number(value: float) -> str:
    """An interval end as a steward reads it: no "-0" or "-1e-07" from the solver's tolerance (a negative zero read
    as a formula, outsider test 10)."""
    if value == float("inf"):
        return "∞"
    value = round(value, 6) + 0.0   # (+ 0.0 turns -0.0 into 0.0)
    return f"{0.0 if abs(value) < 1e-6 else value:g}"


def primary_intervals(intervals: Sequence[CellInterval], threshold: int, dims: Sequence[str] = (),
                      labels: Mapping[str, Mapping[str, str]] | None = None) -> list[dict[str, Any]]:
    """Each primary cell's attacker interval beside the window it must cover, tightest first.

    The slack is how far the interval reaches past the window, at the nearer of the window's ends
    that the attacker's prior (1..threshold-1) does not already fix: 0 means the attacker can
    narrow the cell to exactly its window, a negative slack that it is exposed; none when both
    ends are the prior's (no interval can be wider). The pack is for stewards: the true count is
    not printed, though the window is placed around it. A cell is named as its table shows it (`dims`, the
    table's dimensions in the order of a cell's key; `labels`, `dimension_labels`): "Achieved", not "achieved".
    """
    shown = [dict((labels or {}).get(d, {})) for d in dims]
    rows = []
    for cell in intervals:
        if cell.required_low is None or cell.required_high is None:
            continue
        ends = [cell.required_low - cell.low, cell.high - cell.required_high]
        free = [gap for gap, fixed in zip(ends, (cell.required_low <= 1, cell.required_high >= threshold - 1), strict=True)
                if not fixed]
        slack = min(ends) if not cell.protected else (min(free) if free else None)
        key = [shown[i].get(part, part) if i < len(shown) else part for i, part in enumerate(cell.key)]
        rows.append({"cell": " · ".join(key), "interval": f"{_number(cell.low)}–{_number(cell.high)}",
                     "window": f"{_number(cell.required_low)}–{_number(cell.required_high)}",
                     "slack": None if slack is None else round(slack, 6), "covered": cell.protected})
    return sorted(rows, key=lambda row: (row["covered"], row["slack"] is None, row["slack"] or 0.0, row["cell"]))


def build_steward_page_context(inputs: ReleaseInputs, files: Sequence[Any], quality_pages: Mapping[int, Mapping[str, str]],
                               common: dict[str, Any], plain: Mapping[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The steward review page's template context; `quality_pages` are each submission's pages, by its identity
    (`deid.publish.publish._write_quality_reports`)."""
    contents = inputs.contents
    return build_steward_context(
        submissions=[{**p, "quality_page": quality_pages.get(id(s), {}).get("steward")}
                     for s, p in zip(contents.submissions, _plain_submissions(inputs, plain), strict=True)],
        gates=list(contents.gates.values()), tables=steward_table_rows(inputs), purposes=list(contents.purpose_results),
        stage_counts=list(contents.stage_counts), maori_rows=contents.maori_rows,
        consent_withdrawn={p: n.height for p, n in contents.withdrawals.items() if n.height}, files=[as_plain(f) for f in files],
        earlier_releases=inputs.earlier_releases,
        agreement=inputs.agreement, risk_rules=inputs.standards.disclosure.risk, today=inputs.started_at.date(), common=common)
