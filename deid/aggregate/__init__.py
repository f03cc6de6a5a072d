"""Aggregate stage: count tables with margins, random rounding and suppression."""
from deid.aggregate.aggregate import (
    TableDecision,
    build_protected_tables,
    count_with_margins,
    governance_decision,
    provider_own_figures,
)
from deid.aggregate.protect import MARGIN, ProtectionResult, cell_draw, protect_table, random_round, suppress_secondary

__all__ = ["MARGIN", "ProtectionResult", "TableDecision", "build_protected_tables", "cell_draw", "count_with_margins",
           "governance_decision", "protect_table", "provider_own_figures", "random_round", "suppress_secondary"]
