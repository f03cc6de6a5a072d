"""Small report contexts built in code: a provider whose columns are not the standard's names."""
from __future__ import annotations

import datetime as dt
from typing import Any

from reports.builders import build_feedback_context, common_context

GENERATED = dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
# The provider's own headers, as ingest's column mapping records them: (header, standard field, how matched).
COLUMN_MAPPING = [("Client #", "client_ref", "header"), ("D.O.B.", "date_of_birth", "header"), ("Sex", "gender", "content"),
                  ("Ethnicity 1", "ethnicity", "header"), ("Ethnicity 2", "ethnicity", "header"), ("Goal met?", "outcome_status", "header"),
                  ("Favourite colour", None, "unmatched")]


def finding(rule_id: str, column: str, severity: str, description: str, fix: str, rows: tuple[int, ...]) -> dict[str, Any]:
    return {"rule_id": rule_id, "column": column, "check": rule_id.split(".")[-1], "severity": severity, "description": description,
            "fix": fix, "success": not rows, "failing_rows": len(rows), "first_rows": list(rows), "examples": []}


FINDINGS = [
    finding("date_of_birth.required", "date_of_birth", "blocking", "date_of_birth must have a value",
            "Fill in date_of_birth for every row.", (4, 9)),
    finding("gender.code_list", "gender", "warning", "gender must be one of the standard values",
            "Use one of: Male, Female, Another gender.", (5,)),
    finding("name.any_of", "full_name,family_name,given_names", "blocking",
            "the client's name must be given (full_name or family_name or given_names)", "Give the client's name on every row.", (7,)),
    finding("client_ref.unique", "client_ref", "warning", "each client reference should appear once per quarter",
            "Combine the client's rows, or give different clients different references.", ()),
]


def submission(**overrides: Any) -> dict[str, Any]:
    base = {"provider": "tamaki-whanau-ora", "quarter": "2026Q3", "file_name": "tamaki.xlsx", "sha256": "ab" * 32,
            "submission_id": "tamaki-whanau-ora/2026Q3/ab", "status": "accepted", "reader": "xlsx", "encoding": None,
            "rows_received": 12, "rows_accepted": 9, "rows_quarantined": 3, "rows_with_warnings": 1, "rows_held": 0,
            "rows_rejected": 0, "dropped_columns": ["Favourite colour"], "findings": FINDINGS, "message": None,
            "column_mapping": COLUMN_MAPPING, "quality_page": None}
    return {**base, **overrides}


def feedback_context(agreement: Any, *, logged: bool = True, demo: bool = True, outcomes: int = 5,
                     submissions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    labels = {f"o{i}": f"Outcome {i}" for i in range(outcomes)}
    return build_feedback_context(
        provider="tamaki-whanau-ora", provider_name="Tāmaki Whānau Ora Collective",
        submissions=[submission()] if submissions is None else submissions,
        own_figures={"people": 9, "sessions": 40, "mean_sessions": "4.4"},
        own_outcomes={code: i + 1 for i, code in enumerate(labels)},
        programme_outcomes={code: (None if i == 1 else 30 + i) for i, code in enumerate(labels)}, outcome_labels=labels,
        uses=[{"description": "Protected aggregate table", "audience": "programme-wide", "purpose": "service_delivery",
               "protection": "random rounding to base 3"}],
        agreement=agreement, common=common_context("run1", "2026Q3", "IN-CONFIDENCE", demo, GENERATED),
        logged_uses=[{"recorded_on": "2026-10-20", "used_by": "Evaluation team", "use": "Interim evaluation",
                      "outcome": "Programme extended"}] if logged else [])
