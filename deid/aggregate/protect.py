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

from deid.pseudonymise import PseudonymKey

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
                  method: str = "rr3", min_count: int = 6, secondary: bool = True) -> tuple[pl.DataFrame, ProtectionResult]:
    """Apply primary suppression, secondary suppression and keyed rounding to a long count table.

    Args:
        frame: one row per cell: the dimension columns and an unrounded `count`.
    Returns:
        The table with `count` replaced by the published (rounded) value or null, and `status`.
    """
    protected = frame.with_columns(
        pl.when((pl.col("count") > 0) & (pl.col("count") < min_count)).then(pl.lit(STATUS_PRIMARY))
        .otherwise(pl.lit(STATUS_PUBLISHED)).alias("status")
    )
    if secondary:
        protected = suppress_secondary(protected, dims)
    rounded = [
        random_round(int(count), cell_draw(seed, cell_identity(measure, dict(zip(dims, key)))), method)
        for key, count in zip(protected.select(dims).rows(), protected.get_column("count").to_list())
    ]
    published = protected.with_columns(pl.Series("__rounded", rounded, dtype=pl.Int64)).with_columns(
        pl.when(pl.col("status") == STATUS_PUBLISHED).then(pl.col("__rounded")).otherwise(None).alias("count")
    ).drop("__rounded")
    status = published.get_column("status")
    result = ProtectionResult(table, published.height, int((status == STATUS_PRIMARY).sum()),
                              int((status == STATUS_SECONDARY).sum()), method, min_count)
    return published, result
