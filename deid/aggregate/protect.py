"""Small-cell protection: keyed random rounding, primary and secondary suppression.

Rounding is consistent: each cell's random draw comes from HMAC(secret seed, cell
identity), where the identity is the measure plus its non-margin dimension values. The
same cell in a re-run, or in another table, rounds the same way, so averaging repeated
releases reveals nothing.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import polars as pl

from deid.aggregate.audit import LINEAR_PROGRAMMING, AuditModel, AuditResult, audit_by_propagation
from deid.pseudonymise import PseudonymKey
from deid.standards import MagnitudeRules

MARGIN = "All"
STATUS_PUBLISHED, STATUS_PRIMARY, STATUS_SECONDARY = "published", "primary", "secondary"


def cell_identity(measure: str, cells: dict[str, str | None]) -> str:
    parts = [f"{dim}={value}" for dim, value in sorted(cells.items()) if value != MARGIN]
    return "|".join([measure, *parts])


def cell_draw(seed: PseudonymKey, identity: str) -> float:
    """A uniform number in [0, 1) fixed by the seed and the cell's identity."""
    digest = hmac.new(seed.secret, identity.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def rounding_base(count: int, method: str) -> int:
    if method == "rr3":
        return 3
    # Graduated random rounding (Stats NZ): base 3 to 18, 2 at 19 (to 18 or 20), 5 to 99, 10 to 999, then 100.
    if count <= 18:
        return 3
    if count == 19:
        return 2
    if count <= 99:
        return 5
    if count <= 999:
        return 10
    return 100


def random_round(count: int, draw: float, method: str = "rr3") -> int:
    """Round to a neighbouring multiple of the base, up with probability remainder/base (unbiased)."""
    base = rounding_base(count, method)
    remainder = count % base
    if remainder == 0:
        return count
    down = count - remainder
    return down + base if draw < remainder / base else down


@dataclass(frozen=True)
class ProtectionResult:
    table: str
    cells: int
    primary_suppressed: int
    secondary_suppressed: int
    rounding: str
    min_count: int
    audit: AuditResult | None = None
    information_loss: float = 0.0  # share of the table's people in suppressed inner cells
    hidden_identities: frozenset[str] = frozenset()  # cell identities suppressed, for linked tables

    @property
    def releasable(self) -> bool:
        return self.audit is None or self.audit.passed


def suppress_secondary(frame: pl.DataFrame, dims: list[str]) -> pl.DataFrame:
    """Suppress complementary cells so no line (a margin and the cells it sums) has a lone hidden cell.

    Each line holds cells that agree on every dimension but one; if exactly one of them is
    suppressed it could be recovered by subtraction, so the smallest other non-zero cell is
    suppressed too. Repeats until no line has a lone suppressed cell.
    """
    status = frame.get_column("status").to_list()
    counts = frame.get_column("count").to_list()
    keys = frame.select(dims).rows()
    for _ in range(100):
        changed = False
        for d_index, _dim in enumerate(dims):
            lines: dict[tuple, list[int]] = {}
            for i, key in enumerate(keys):
                line_key = key[:d_index] + key[d_index + 1:]
                lines.setdefault(line_key, []).append(i)
            for members in lines.values():
                hidden = [i for i in members if status[i] != STATUS_PUBLISHED]
                if len(hidden) != 1:
                    continue
                candidates = [i for i in members if status[i] == STATUS_PUBLISHED and counts[i] > 0 and keys[i][d_index] != MARGIN]
                if not candidates:
                    candidates = [i for i in members if status[i] == STATUS_PUBLISHED and counts[i] > 0]
                if candidates:
                    pick = min(candidates, key=lambda i: (counts[i], str(keys[i])))
                    status[pick] = STATUS_SECONDARY
                    changed = True
        if not changed:
            break
    return frame.with_columns(pl.Series("status", status, dtype=pl.Utf8))


def protect_table(frame: pl.DataFrame, dims: list[str], *, measure: str, table: str, seed: PseudonymKey,
                  method: str = "rr3", min_count: int = 6, secondary: bool = True, protection_level: int = 2,
                  repair_rounds: int = 5, non_additive: tuple[str, ...] = (),
                  exact_max_cells: int = 5_000, hidden_elsewhere: frozenset[str] = frozenset()
                  ) -> tuple[pl.DataFrame, ProtectionResult]:
    """Primary suppression, secondary suppression, keyed rounding, then the LP audit.

    Where the audit finds a hidden cell pinned down more narrowly than `protection_level`,
    the published cell sharing a line with it whose suppression widens it most is suppressed
    too and the audit is run again, up to `repair_rounds` times; `ProtectionResult.releasable`
    says whether the table may be published. Tables of up to `exact_max_cells` cells are
    audited exactly, one LP per hidden cell and direction; larger ones by bound propagation,
    which finds every disclosure by subtraction along lines but not every LP one (the
    audit result names the method).

    Args:
        frame: one row per cell: the dimension columns and an unrounded `count`.
        hidden_elsewhere: identities (`cell_identity`) of cells suppressed in a table published
            alongside; the same cell is suppressed here too, or it would give the other away.
    Returns:
        The table with `count` replaced by the published (rounded) value or null, and `status`.
    """
    identities = [cell_identity(measure, dict(zip(dims, key))) for key in frame.select(dims).rows()]
    protected = frame.with_columns(
        pl.when((pl.col("count") > 0) & (pl.col("count") < min_count)).then(pl.lit(STATUS_PRIMARY))
        .when(pl.Series([i in hidden_elsewhere for i in identities], dtype=pl.Boolean)).then(pl.lit(STATUS_SECONDARY))
        .otherwise(pl.lit(STATUS_PUBLISHED)).alias("status")
    )
    if secondary:
        protected = suppress_secondary(protected, dims)
    keys = protected.select(dims).rows()
    true_counts = [int(c) for c in protected.get_column("count").to_list()]
    rounded = [random_round(count, cell_draw(seed, cell_identity(measure, dict(zip(dims, key)))), method)
               for key, count in zip(keys, true_counts)]
    bases = [rounding_base(value, method) for value in rounded]  # as an attacker sees them: by the published value
    str_keys = [tuple(str(v) for v in key) for key in keys]
    status = protected.get_column("status").to_list()
    if len(keys) <= exact_max_cells:
        model = AuditModel(str_keys, dims, status, rounded, bases, min_count, non_additive)
        audit = model.audit(true_counts, protection_level)
        position = {key: i for i, key in enumerate(str_keys)}
        for _ in range(repair_rounds):
            if audit.passed:
                break
            for cell in audit.narrow_cells:
                _widen(model, position[cell.key], protection_level, true_counts)
            audit = model.audit(true_counts, protection_level)
        status = model.status
    else:
        audit = audit_by_propagation(str_keys, dims, status, rounded, bases, true_counts, protection_level, non_additive)
        for _ in range(repair_rounds):
            if audit.passed:
                break
            status = _hide_next_to(audit, str_keys, status, true_counts)
            audit = audit_by_propagation(str_keys, dims, status, rounded, bases, true_counts, protection_level, non_additive)
    return _published(protected, status, rounded, true_counts, identities, audit,
                      table=table, method=method, threshold=min_count)


def _widen(model: AuditModel, cell: int, protection_level: int, counts: list[int], tries: int = 8) -> None:
    """Hide the published cell on one of `cell`'s lines whose suppression widens it most (smallest counts tried first)."""
    low, high = model.interval(cell)
    if high - low >= protection_level:
        return
    key = model.keys[cell]
    candidates = sorted((j for j, other in enumerate(model.keys) if model.status[j] == STATUS_PUBLISHED and counts[j] > 0
                         and sum(a != b for a, b in zip(other, key)) == 1), key=lambda j: (counts[j], model.keys[j]))
    best, best_width = None, high - low
    for j in candidates[:tries]:
        model.hide(j)
        low, high = model.interval(cell)
        model.publish(j)
        if high - low > best_width:
            best, best_width = j, high - low
            if best_width >= protection_level:
                break
    if best is None and candidates:
        best = candidates[0]
    if best is not None:
        model.hide(best)


def _hide_next_to(audit: AuditResult, keys: list[tuple[str, ...]], status: list[str], counts: list[int]) -> list[str]:
    """For each cell found too exposed, hide the smallest published cell on one of its lines."""
    status = list(status)
    by_line: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    for i, key in enumerate(keys):
        for d in range(len(key)):
            by_line.setdefault((d, key[:d] + key[d + 1:]), []).append(i)
    for cell in audit.narrow_cells:
        candidates = {j for d in range(len(cell.key)) for j in by_line.get((d, cell.key[:d] + cell.key[d + 1:]), [])
                      if status[j] == STATUS_PUBLISHED and counts[j] > 0}
        if candidates:
            status[min(candidates, key=lambda j: (counts[j], keys[j]))] = STATUS_SECONDARY
    return status


def protect_magnitude_table(frame: pl.DataFrame, dims: list[str], *, measure: str, table: str, rules: MagnitudeRules,
                            secondary: bool = True, repair_rounds: int = 5,
                            hidden_elsewhere: frozenset[str] = frozenset()) -> tuple[pl.DataFrame, ProtectionResult]:
    """Sums: suppress cells with too few contributors or a dominant one, then complements, then audit.

    Sums are published exactly (not rounded), so the audit treats published cells as exact and
    requires each hidden sum's feasible interval to span `rules.protection_share` of its value.

    Args:
        frame: one row per cell: the dimensions, `count` (the sum), `contributors` and `top` (the
            sum held by the largest `rules.dominance_top` contributors).
    """
    identities = [cell_identity(measure, dict(zip(dims, key))) for key in frame.select(dims).rows()]
    small = (pl.col("contributors") < rules.min_contributors) | (pl.col("top") > rules.dominance_share * pl.col("count"))
    protected = frame.with_columns(
        pl.when((pl.col("count") > 0) & small).then(pl.lit(STATUS_PRIMARY))
        .when(pl.Series([i in hidden_elsewhere for i in identities], dtype=pl.Boolean)).then(pl.lit(STATUS_SECONDARY))
        .otherwise(pl.lit(STATUS_PUBLISHED)).alias("status"))
    if secondary:
        protected = suppress_secondary(protected, dims)
    keys = [tuple(str(v) for v in key) for key in protected.select(dims).rows()]
    values = [int(v) for v in protected.get_column("count").to_list()]
    model = AuditModel(keys, dims, protected.get_column("status").to_list(), values, [1] * len(keys), 1)
    method = f"{LINEAR_PROGRAMMING}; a hidden sum must stay uncertain by {rules.protection_share:.0%} of its value"
    audit = model.audit(values, 0, relative=rules.protection_share, method=method)
    position = {key: i for i, key in enumerate(keys)}
    for _ in range(repair_rounds):
        if audit.passed:
            break
        for cell in audit.narrow_cells:
            _widen(model, position[cell.key], max(1, int(rules.protection_share * cell.true_count)), values)
        audit = model.audit(values, 0, relative=rules.protection_share, method=method)
    status = model.status
    return _published(protected.drop("contributors", "top"), status, values, values, identities, audit,
                      table=table, method="none (sum)", threshold=rules.min_contributors)


def _published(protected: pl.DataFrame, status: list[str], published_values: list[int], true_values: list[int],
               identities: list[str], audit: AuditResult, *, table: str, method: str,
               threshold: int) -> tuple[pl.DataFrame, ProtectionResult]:
    """The table as released (hidden cells blank) and what was done to it, with the information lost."""
    published = protected.with_columns(
        pl.Series("status", status, dtype=pl.Utf8),
        pl.Series("count", [v if s == STATUS_PUBLISHED else None for v, s in zip(published_values, status)], dtype=pl.Int64))
    keys = protected.select([c for c in protected.columns if c not in ("count", "status")]).rows()
    inner = [all(v != MARGIN for v in key) for key in keys]
    total = sum(v for v, is_inner in zip(true_values, inner) if is_inner) or 1
    lost = sum(v for v, s, is_inner in zip(true_values, status, inner) if is_inner and s != STATUS_PUBLISHED)
    result = ProtectionResult(table, published.height, status.count(STATUS_PRIMARY), status.count(STATUS_SECONDARY),
                              method, threshold, audit, round(lost / total, 4),
                              frozenset(i for i, s in zip(identities, status) if s != STATUS_PUBLISHED))
    return published, result
