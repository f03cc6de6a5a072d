"""The section lists of the reports, defined once.

The HTML templates walk these lists (heading, anchor, then the block named by the section's
id), and the PDF builder walks the same list (heading, outline entry, then its drawing
function), so a section cannot exist in one and not the other: a section without a template
block fails the render, and one without a PDF drawer fails the import of `reports.pdf`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One section of a report: `id` names its template block and its anchor; `level` 2 is a heading, 3 a sub-heading."""

    id: str
    heading: str
    level: int = 2


FEEDBACK_SECTIONS: tuple[Section, ...] = (
    Section("submission", "Your submission"),
    Section("what_to_fix", "What to fix"),
    Section("figures", "Your service figures"),
    Section("outcomes", "Outcomes: you and the programme", 3),
    Section("uses", "How your data was used"),
    Section("logged_uses", "Reports, decisions and evaluations that drew on your data", 3),
)

STEWARD_SECTIONS: tuple[Section, ...] = (
    Section("at_a_glance", "At a glance"),
    Section("row_accounting", "Row accounting"),
    Section("awaiting_mapping", "Awaiting mapping: a steward's decision needed"),
    Section("quality", "Quality checks (every expectation, every submission)"),
    Section("risk", "Re-identification risk gate"),
    Section("linkage", "Cross-purpose linkage", 3),
    Section("aggregates", "Aggregate tables: small-cell protection"),
    Section("maori", "Māori data governance"),
    Section("purposes", "Purpose split"),
    Section("stages", "Standardisation, pseudonymisation and scrubbing"),
    Section("manifest", "Release manifest"),
    Section("agreement", "Sharing agreement"),
)
