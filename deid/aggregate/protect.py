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

from deid.aggregate.audit import LINEAR_PROGRAMMING, AuditModel, AuditResult, audit_large_table
from deid.aggregate.hypercube import hypercube_protect
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


def suppress_secondary(frame: pl.DataFrame, dims: list[str], required: list[float]) -> tuple[pl.DataFrame, list[float]]:
    """Hide complementary cells by the hypercube method (see `deid.aggregate.hypercube`).

    Returns the table with its new `status` and each cell's proven interval width.
    """
    keys = [tuple(str(v) for v in key) for key in frame.select(dims).rows()]
    status = frame.get_column("status").to_list()
    hidden, proven = hypercube_protect(keys, [int(c) for c in frame.get_column("count").to_list()],
                                       [s != STATUS_PUBLISHED for s in status], required)
    status = [STATUS_SECONDARY if h and s == STATUS_PUBLISHED else s for s, h in zip(status, hidden)]
    return frame.with_columns(pl.Series("status", status, dtype=pl.Utf8)), proven.tolist()


def _initial_status(frame: pl.DataFrame, identities: list[str], primary: pl.Expr,
                    hidden_elsewhere: frozenset[str]) -> pl.DataFrame:
    return frame.with_columns(
        pl.when((pl.col("count") > 0) & primary).then(pl.lit(STATUS_PRIMARY))
        .when(pl.Series([i in hidden_elsewhere for i in identities], dtype=pl.Boolean)).then(pl.lit(STATUS_SECONDARY))
        .otherwise(pl.lit(STATUS_PUBLISHED)).alias("status"))


def protect_table(frame: pl.DataFrame, dims: list[str], *, measure: str, table: str, seed: PseudonymKey,
                  method: str = "rr3", min_count: int = 6, secondary: bool = True, protection_level: int = 2,
                  repair_rounds: int = 5, non_additive: tuple[str, ...] = (),
                  exact_max_cells: int = 5_000, hidden_elsewhere: frozenset[str] = frozenset()
                  ) -> tuple[pl.DataFrame, ProtectionResult]:
    """Primary suppression, hypercube secondary suppression, keyed rounding, then the audit.

    Tables of up to `exact_max_cells` cells are audited by LP, one solve per hidden cell and
    direction, against the published values with their rounding ranges. Where a hidden cell
    is pinned down more narrowly than `protection_level` (possible with a total-response
    dimension, whose margins are not sums), the published cell sharing a line with it whose
    suppression widens it most is suppressed too and the audit is run again, up to
    `repair_rounds` times. Larger tables are audited by hypercube certificates (a feasible
    table moving each hidden cell by at least the protection level, so its LP interval is at
    least that wide), with bound propagation as a second check. `ProtectionResult.releasable`
    says whether the table may be published.

    Args:
        frame: one row per cell: the dimension columns and an unrounded `count`.
        hidden_elsewhere: identities (`cell_identity`) of cells suppressed in a table published
            alongside, or in an earlier release of this table; the same cell is suppressed here
            too, or it would give the other away.
    Returns:
        The table with `count` replaced by the published (rounded) value or null, and `status`.
    """
    identities = [cell_identity(measure, dict(zip(dims, key))) for key in frame.select(dims).rows()]
    protected = _initial_status(frame, identities, pl.col("count") < min_count, hidden_elsewhere)
    if secondary:
        protected, _ = suppress_secondary(protected, dims, [float(protection_level)] * protected.height)
    keys = protected.select(dims).rows()
    true_counts = [int(c) for c in protected.get_column("count").to_list()]
    rounded = [random_round(count, cell_draw(seed, cell_identity(measure, dict(zip(dims, key)))), method)
               for key, count in zip(keys, true_counts)]
    bases = [rounding_base(value, method) for value in rounded]  # as an attacker sees them: by the published value
    str_keys = [tuple(str(v) for v in key) for key in keys]
    status = protected.get_column("status").to_list()
    if len(keys) <= exact_max_cells:
        try:
            audit, status = _audit_exactly(str_keys, dims, status, rounded, bases, min_count, non_additive, true_counts,
                                           protection_level, repair_rounds, identities, hidden_elsewhere)
        except RuntimeError as exc:   # no table fits what would be published: withhold it, release the rest
            audit = AuditResult(0, None, (), protection_level, error=str(exc))
    else:
        audit = audit_large_table(str_keys, dims, status, rounded, bases, true_counts, protection_level, non_additive)
    return _published(protected, status, rounded, true_counts, identities, audit,
                      table=table, method=method, threshold=min_count)


def _audit_exactly(keys: list[tuple[str, ...]], dims: list[str], status: list[str], rounded: list[int | None],
                   bases: list[int], min_count: int, non_additive: tuple[str, ...], true_counts: list[int],
                   protection_level: int, repair_rounds: int, identities: list[str],
                   hidden_elsewhere: frozenset[str]) -> tuple[AuditResult, list[str]]:
    """The LP audit with targeted repair, then secondary cells that are not needed published again.

    Raises:
        RuntimeError: the audit model has no solution (nothing consistent with what would be published).
    """
    model = AuditModel(keys, dims, status, rounded, bases, min_count, non_additive)
    audit = model.audit(true_counts, protection_level)
    position = {key: i for i, key in enumerate(keys)}
    for _ in range(repair_rounds):
        if audit.passed:
            break
        for cell in audit.narrow_cells:
            _widen(model, position[cell.key], protection_level, true_counts)
        audit = model.audit(true_counts, protection_level)
    if audit.passed:
        # judged against exact published values, so no cell relies on rounding noise alone for its protection
        exact = AuditModel(keys, dims, model.status, true_counts, [1] * len(keys), min_count, non_additive)
        forced = {i for i, identity in enumerate(identities) if identity in hidden_elsewhere}
        released = _publish_unneeded(exact, true_counts, forced, lambda c: protection_level)
        for cell in released:
            model.publish(cell)
        if released:
            audit = model.audit(true_counts, protection_level)
    return audit, model.status


def _publish_unneeded(model: AuditModel, counts: list[int], forced: set[int], required) -> list[int]:
    """Publish again any secondary cell the audit shows is not needed, largest first; returns those cells.

    The hypercube method protects each cell on its own and may hide more than the cells need
    together. Each secondary cell (not one hidden because a linked table hides it) is tried
    published; it stays published only if every hidden cell's exact interval is still wide enough.
    """
    released = []
    candidates = sorted((i for i in model.hidden() if model.status[i] == STATUS_SECONDARY and i not in forced),
                        key=lambda i: (-counts[i], model.keys[i]))
    for cell in candidates:
        model.publish(cell)
        try:
            still_safe = all(high - low >= required(i) for i in model.hidden() for low, high in [model.interval(i)])
        except RuntimeError:   # the exact values do not add up (a person counted under two providers): keep all hidden
            model.hide(cell)
            return released
        if still_safe:
            released.append(cell)
        else:
            model.hide(cell)
    return released


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
    protected = _initial_status(frame, identities, small, hidden_elsewhere)
    if secondary:
        required = [max(1.0, rules.protection_share * float(v)) for v in protected.get_column("count").to_list()]
        protected, _ = suppress_secondary(protected, dims, required)
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
    if audit.passed:
        forced = {i for i, identity in enumerate(identities) if identity in hidden_elsewhere}
        if _publish_unneeded(model, values, forced, lambda c: rules.protection_share * values[c]):   # sums: already exact
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
