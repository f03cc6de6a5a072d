"""Small-cell protection: keyed random rounding, primary and secondary suppression.

Rounding is consistent: each cell's random draw comes from HMAC(secret seed, cell
identity), where the identity is the measure plus its non-margin dimension values. The
same cell in a re-run, or in another table, rounds the same way, so averaging repeated
releases reveals nothing.
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from deid.aggregate.audit import (
    STATED_ATTACKER,
    AuditResult,
    CellInterval,
    audit_large_table,
)
from deid.aggregate.hypercube import hypercube_protect
from deid.aggregate.optimal import (
    TOLERANCE,
    Attacker,
    OptimalPattern,
    OutOfTime,
    TableSystem,
    optimise_suppression,
    propagate,
    protection_window,
    prune_pattern,
    publish_again,
)
from deid.aggregate.rerelease import ReleasedCell
from deid.pseudonymise import PseudonymKey
from deid.standards import MagnitudeRules

MARGIN = "All"
_log = logging.getLogger(__name__)
STATUS_PUBLISHED, STATUS_PRIMARY, STATUS_SECONDARY = "published", "primary", "secondary"
STATUS_SUPPRESSED = "suppressed"   # what a released table says of a hidden cell, primary or secondary alike


def one_status(table: pl.DataFrame) -> pl.DataFrame:
    """The table as released: every hidden cell 'suppressed'. Saying which are secondary would tell an attacker that
    they hold 0 or at least the threshold, which the audit does not assume (found by a user's own attacker: 20 more
    primary cells exposed in a 476-cell table); primary and secondary stay in the steward pack."""
    return table.with_columns(pl.when(pl.col("status").is_in([STATUS_PRIMARY, STATUS_SECONDARY]))
                              .then(pl.lit(STATUS_SUPPRESSED)).otherwise(pl.col("status")).alias("status"))


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
    suppression_method: str = ""   # optimal | best pattern found by the time limit | greedy cuts | hypercube
    suppression_cost: float = 0.0  # the objective reached (cells hidden, or people in them)
    suppression_lower_bound: float = 0.0  # no protecting pattern costs less (equal to the cost when optimal)
    unprotectable: int = 0  # primary cells the attacker pins down even with every cell hidden (windows narrowed)
    repeated: int = 0  # cells showing an earlier release's value again: fewer people than the threshold changed
    new_cells: int = 0  # cells holding people that the earlier release of this table did not list
    # what the secure zone remembers of each cell for later releases (true values: never in a report)
    ledger: tuple[ReleasedCell, ...] = field(default=(), repr=False, compare=False, metadata={"secure_zone": True})

    @property
    def cells_lost(self) -> float:
        """Share of the table's cells hidden."""
        return (self.primary_suppressed + self.secondary_suppressed) / self.cells if self.cells else 0.0

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
    status = [STATUS_SECONDARY if h and s == STATUS_PUBLISHED else s for s, h in zip(status, hidden, strict=True)]
    return frame.with_columns(pl.Series("status", status, dtype=pl.Utf8)), proven.tolist()


def _initial_status(frame: pl.DataFrame, identities: list[str], primary: pl.Expr,
                    hidden_elsewhere: frozenset[str], repeated: Mapping[str, int]) -> pl.DataFrame:
    """Primary where the rule says, secondary where a linked table or an earlier release hid the cell; a cell
    repeating an earlier release's value is published whatever its count (hiding a known value protects nothing)."""
    again = pl.Series([i in repeated for i in identities], dtype=pl.Boolean)
    return frame.with_columns(
        pl.when(again).then(pl.lit(STATUS_PUBLISHED))
        .when((pl.col("count") > 0) & primary).then(pl.lit(STATUS_PRIMARY))
        .when(pl.Series([i in hidden_elsewhere for i in identities], dtype=pl.Boolean)).then(pl.lit(STATUS_SECONDARY))
        .otherwise(pl.lit(STATUS_PUBLISHED)).alias("status"))


def _with_repeated(status: list[str], shown: list[int], identities: list[str],
                   repeated: Mapping[str, int]) -> tuple[list[str], list[int]]:
    """Cells repeating an earlier release's value published with it, whatever the pattern chose (the attacker
    knows it already, and the audit modelled it as known)."""
    if not repeated:
        return status, shown
    status = [STATUS_PUBLISHED if i in repeated else s for s, i in zip(status, identities, strict=True)]
    shown = [repeated.get(i, v) for v, i in zip(shown, identities, strict=True)]
    return status, shown


COST_CELLS, COST_TOTAL = "cells", "total"
SMALL_TABLE_CELLS = 500   # up to this the MIP is quick from nothing; larger tables start from the hypercube's pattern
LARGE_TABLE_CELLS = 20_000
LARGE_AUDIT_SECONDS = 20.0   # a large table's exact audit gets this long before certificates stand in for it
PUBLISH_AGAIN_MAX_CELLS = 1_000   # patterns up to this many hidden cells are then pruned one cell at a time
PRUNE_SECONDS_PER_LIMIT = 2.0   # publishing unneeded cells again gets this many times the search's time limit


def _protect_large(protected: pl.DataFrame, dims: list[str], keys: list[tuple[str, ...]], true_counts: list[int],
                   identities: list[str], hidden: np.ndarray, primary: np.ndarray, secondary: bool, *,
                   seed: PseudonymKey, method: str, table: str, min_count: int, protection_level: int,
                   non_additive: tuple[str, ...], attacker: tuple[TableSystem, np.ndarray, np.ndarray, np.ndarray],
                   repeated: Mapping[str, int],
                   windows: dict[int, tuple[float, float]], weights: np.ndarray,
                   audit_seconds: float) -> tuple[pl.DataFrame, ProtectionResult]:
    """Very large tables: hypercube suppression, then the exact audit if it finishes within `audit_seconds`;
    otherwise certificates and bound propagation (a weaker attacker, and the result says so)."""
    system, values, lower, upper = attacker
    # the hypercube against an attacker who knows only that counts are >= 0: a cube within the stated
    # attacker's prior (a primary cell is 1..threshold-1) costs far more cells at this size
    pattern = hypercube_protect(keys, true_counts, hidden.tolist(), [float(protection_level)] * len(keys))[0] \
        if secondary else hidden.tolist()
    status = _statuses(primary, pattern)
    deadline = time.perf_counter() + audit_seconds
    method_used = "hypercube"
    audit_started = time.perf_counter()
    try:
        audit = audit_pattern(system, values, np.asarray(pattern, dtype=bool), lower, upper, windows, keys,
                              true_counts, primary, protection_level, deadline=deadline)
        audit_time = time.perf_counter() - audit_started
    except OutOfTime:
        pinned: tuple[CellInterval, ...] = ()
        if not non_additive:   # the cubes assumed counts >= 0 only: what subtraction under the stated prior pins is repaired
            unpinned, pinned = repair_pinned_cells(system, values, np.asarray(pattern, dtype=bool), primary, lower, upper,
                                                   windows, keys, true_counts, weights, may_hide=secondary)
            if unpinned.sum() > sum(pattern):
                pattern, method_used = unpinned.tolist(), "hypercube, then cubes within the stated prior where subtraction pinned a cell"
                status = _statuses(primary, pattern)
        # only primary cells need protecting (as in the exact audit): a cell hidden by the repair needs no cube of its own
        audit = audit_large_table(keys, dims, status, list(true_counts), [1] * len(keys), true_counts, protection_level,
                                  non_additive, guarded=None if non_additive else primary.tolist())
        stated = ("" if non_additive else
                  "; bound propagation under the stated attacker's prior (primary cells 1..threshold-1) "
                  + (f"pins {len(pinned)} primary cell(s) inside their window" if pinned else "pins no primary cell"))
        audit = dataclasses.replace(audit, narrow_cells=audit.narrow_cells + pinned,
                                    method=f"{audit.method}{stated}; the exact LP audit against the stated attacker did "
                                           f"not finish in {audit_seconds:g} s")
        audit_time = time.perf_counter() - audit_started
    else:
        if not audit.passed and secondary and audit.error is None:
            # the stated attacker pins a primary cell the cubes left narrow: greedy cuts from the cube's pattern
            try:
                repaired = optimise_suppression(system, values, primary, hidden & ~primary, lower, upper, windows,
                                                weights, exact=False, incumbent=np.asarray(pattern, dtype=bool),
                                                deadline=deadline)
                audit_started = time.perf_counter()
                audit = audit_pattern(system, values, repaired.hidden, lower, upper, repaired.windows, keys,
                                      true_counts, primary, protection_level, deadline=deadline)
                audit_time += time.perf_counter() - audit_started
                pattern, method_used = repaired.hidden.tolist(), "hypercube, then greedy cuts"
                status = _statuses(primary, pattern)
            except OutOfTime:   # the failed exact audit stands: the table is withheld
                audit = dataclasses.replace(audit, error=f"the stated attacker pins {len(audit.narrow_cells)} primary "
                                            f"cell(s) and the repair did not finish in {audit_seconds:g} s")
    rounded = [random_round(count, cell_draw(seed, identity), method)
               for count, identity in zip(true_counts, identities, strict=True)]
    status, rounded = _with_repeated(status, rounded, identities, repeated)
    published, result = _published(protected, status, rounded, true_counts, identities, audit,
                                   table=table, method=method, threshold=min_count)
    _log_audit_time(table, audit_time)
    return published, dataclasses.replace(result, suppression_method=method_used,
                                          suppression_cost=float(weights[np.asarray(pattern, dtype=bool)].sum()))


PIN_REPAIR_ROUNDS = 4


def repair_pinned_cells(system: TableSystem, values: np.ndarray, hidden: np.ndarray, primary: np.ndarray,
                        lower: np.ndarray, upper: np.ndarray, windows: dict[int, tuple[float, float]],
                        keys: list[tuple[str, ...]], true_counts: list[int], weights: np.ndarray, *,
                        may_hide: bool = True) -> tuple[np.ndarray, tuple[CellInterval, ...]]:
    """Hide more where subtraction alone, under the stated attacker's prior, pins a primary cell inside its window.

    For tables too large for the exact audit. Bound propagation (what an attacker with a
    spreadsheet finds by subtracting along lines, knowing a suppressed small cell holds
    1..threshold-1) gives outer limits on every hidden cell; a primary cell whose limits do not
    cover its window is exposed for certain. A window that even hiding every cell could not cover
    (by the same propagation) is first narrowed to what that would give, as the exact search does.
    Exposed cells get cubes within the stated prior (`stated_hypercube`); then every cell sharing a
    line with one still exposed is hidden; a few rounds. Returns the pattern and the primary cells
    still pinned (empty when none is), as intervals against their windows.
    """
    def limits(pattern: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return propagate(system.matrix, system.row_lower, system.row_upper, np.where(pattern, lower, values),
                         np.where(pattern, upper, values))

    widest_low, widest_high = limits(np.ones(values.size, dtype=bool))
    reachable = {i: (max(low, float(widest_low[i])), min(high, float(widest_high[i]))) for i, (low, high) in windows.items()}
    pattern = hidden | primary
    lines = system.matrix.tocsc()
    for round_ in range(PIN_REPAIR_ROUNDS + 1):
        low, high = limits(pattern)
        pinned = {i: w for i, w in reachable.items()
                  if low[i] > w[0] + TOLERANCE or high[i] < w[1] - TOLERANCE}
        if not pinned or not may_hide or round_ == PIN_REPAIR_ROUNDS:
            break
        if round_ == 0:
            pattern = stated_hypercube(keys, true_counts, pattern, lower, upper, pinned, weights)
        else:   # cubes could not do it: hide everything on the lines through each cell still pinned
            cells = np.fromiter(pinned, dtype=np.int64)
            rows = np.flatnonzero(lines[:, cells].getnnz(axis=1))
            pattern = pattern | (system.matrix[rows, :].getnnz(axis=0) > 0)
    intervals = tuple(CellInterval(keys[i], STATUS_PRIMARY, true_counts[i], round(float(low[i]), 6),
                                   round(float(high[i]), 6), *windows[i]) for i in sorted(pinned))
    return pattern, intervals


def _log_audit_time(table: str, seconds: float) -> None:
    """The audit's wall time, logged (not in the result: a release must not depend on how busy the machine was)."""
    _log.debug("table %s: audit %.3f s", table, seconds, extra={"audit_seconds": seconds, "table": table})


def _statuses(primary: np.ndarray, hidden: list[bool]) -> list[str]:
    return [STATUS_PRIMARY if p else (STATUS_SECONDARY if h else STATUS_PUBLISHED) for p, h in zip(primary, hidden, strict=True)]


def stated_hypercube(keys: list[tuple[str, ...]], true_counts: list[int], hidden: np.ndarray, lower: np.ndarray,
                     upper: np.ndarray, windows: dict[int, tuple[float, float]],
                     weights: np.ndarray | None = None) -> np.ndarray:
    """The hypercube method against the stated attacker: each corner moves only within the attacker's prior,
    and each primary cell gets a cube moving it to both ends of its protection window."""
    need_down, need_up = np.zeros(len(keys)), np.zeros(len(keys))
    for i, (low, high) in windows.items():
        need_down[i], need_up[i] = true_counts[i] - low, high - true_counts[i]
    pattern, _ = hypercube_protect(keys, true_counts, hidden.tolist(), [0.0] * len(keys), lower=lower.tolist(),
                                   upper=upper.tolist(), need_down=need_down.tolist(), need_up=need_up.tolist(),
                                   weights=None if weights is None else weights.tolist())
    hidden_after: np.ndarray = np.asarray(pattern, dtype=bool) | hidden
    return hidden_after


def attacker_bounds(values: np.ndarray, primary: np.ndarray, threshold: int) -> tuple[np.ndarray, np.ndarray]:
    """The stated attacker's prior for each cell if hidden: 1..threshold-1 for primary cells, else 0..the largest count."""
    ceiling = float(values.max()) if values.size else 0.0
    return np.where(primary, 1.0, 0.0), np.where(primary, float(threshold - 1), ceiling)


def suppression_weights(values: np.ndarray, cost: str) -> np.ndarray:
    """Information lost by hiding each cell: 1 per cell, or the people it holds."""
    if cost == COST_TOTAL:
        return values.astype(float)
    return np.ones(values.size)


def protect_table(frame: pl.DataFrame, dims: list[str], *, measure: str, table: str, seed: PseudonymKey,
                  method: str = "rr3", min_count: int = 6, secondary: bool = True, protection_level: int = 2,
                  non_additive: tuple[str, ...] = (),
                  exact_max_cells: int = 5_000, hidden_elsewhere: frozenset[str] = frozenset(),
                  cost: str = COST_CELLS, time_limit: float = 3.0,
                  published_elsewhere: frozenset[str] = frozenset(),
                  large_table_cells: int = LARGE_TABLE_CELLS,
                  large_audit_seconds: float = LARGE_AUDIT_SECONDS,
                  repeated: Mapping[str, int] | None = None) -> tuple[pl.DataFrame, ProtectionResult]:
    """Primary suppression, optimal secondary suppression, keyed rounding, then the exact audit.

    Secondary suppression (`deid.aggregate.optimal`) hides the cells that lose least
    information (`cost`: cells, or the people in them) such that every primary cell's interval,
    for the attacker stated in `standards/disclosure.yaml`, covers its protection window
    (`protection_level` wide, inside 1..min_count-1). Tables of up to `exact_max_cells` cells
    are solved by the Fischetti-Salazar model (cut generation over a HiGHS MIP) for up to
    `time_limit` seconds, larger ones by greedy cut generation; either way the loop stops only
    when the attacker's LPs find no primary cell exposed. The audit then gives every hidden cell
    its exact interval. Cells hidden in a linked table or an earlier release stay hidden.

    Args:
        frame: one row per cell: the dimension columns and an unrounded `count`.
        hidden_elsewhere: identities (`cell_identity`) of cells suppressed in a table published
            alongside, or in an earlier release of this table; the same cell is suppressed here
            too, or it would give the other away.
        published_elsewhere: identities of cells an earlier release of the same table published (a
            table with a quarter dimension repeats earlier quarters): the attacker knows them, so
            they are published again and no protection relies on them.
        repeated: identity -> the value an earlier release of this table published, for cells that show it again
            (`deid.aggregate.rerelease`): published with it, known to the attacker, never primary.
        large_table_cells: above this many cells the MIP is too slow: the hypercube method protects the
            table, and the exact audit runs for up to `large_audit_seconds`; when it does not finish,
            certificates with bound propagation audit it instead (non-negativity only: a weaker
            attacker than the stated one, and the result says so).
    Returns:
        The table with `count` replaced by the published (rounded) value or null, and `status`;
        `ProtectionResult.audit.intervals` holds each hidden cell's interval and window.
    """
    identities = [cell_identity(measure, dict(zip(dims, key, strict=True))) for key in frame.select(dims).rows()]
    repeated = repeated or {}
    protected = _initial_status(frame, identities, pl.col("count") < min_count, hidden_elsewhere, repeated)
    keys = protected.select(dims).rows()
    str_keys = [tuple(str(v) for v in key) for key in keys]
    true_counts = [int(c) for c in protected.get_column("count").to_list()]
    values = np.asarray(true_counts, dtype=float)
    status = protected.get_column("status").to_list()
    primary = np.array([s == STATUS_PRIMARY for s in status], dtype=bool)
    forced = np.array([s == STATUS_SECONDARY for s in status], dtype=bool)
    system = TableSystem.build(str_keys, dims, non_additive)
    lower, upper = attacker_bounds(values, primary, min_count)
    known = np.array([i in published_elsewhere or i in repeated for i in identities], dtype=bool) & ~primary & ~forced
    lower[known], upper[known] = values[known], values[known]
    windows = {int(i): protection_window(int(values[i]), min_count, protection_level) for i in np.flatnonzero(primary)}
    pattern: OptimalPattern | None = None
    audit_time = 0.0
    hidden = primary | forced
    broken = system.inconsistent_rows(values)
    if broken:   # no table fits what would be published: withhold it, release the rest
        error = (f"the suppression audit model could not be solved: {broken} margin(s) of table '{table}' are not the "
                 "sum of their cells")
        audit = AuditResult(0, None, (), protection_level, STATED_ATTACKER, error=error)
    else:
        try:
            if len(keys) > large_table_cells:
                return _protect_large(protected, dims, str_keys, true_counts, identities, hidden, primary, secondary,
                                      seed=seed, method=method, table=table, min_count=min_count, repeated=repeated,
                                      protection_level=protection_level, non_additive=non_additive,
                                      attacker=(system, values, lower, upper), windows=windows,
                                      weights=suppression_weights(values, cost),
                                      audit_seconds=large_audit_seconds)
            if secondary and primary.any():
                pattern = secondary_pattern(system, values, primary, forced, lower, upper, windows,
                                            suppression_weights(values, cost), str_keys, true_counts,
                                            time_limit=time_limit, exact_max_cells=exact_max_cells)
                hidden, windows = pattern.hidden, pattern.windows
            audit_started = time.perf_counter()
            audit = audit_pattern(system, values, hidden, lower, upper, windows, str_keys, true_counts, primary,
                                  protection_level)
            audit_time = time.perf_counter() - audit_started
        except RuntimeError as exc:
            audit = AuditResult(0, None, (), protection_level, STATED_ATTACKER, error=str(exc))
    status = [STATUS_PRIMARY if p else (STATUS_SECONDARY if h else STATUS_PUBLISHED) for p, h in zip(primary, hidden, strict=True)]
    rounded = [random_round(count, cell_draw(seed, identity), method) for count, identity in zip(true_counts, identities, strict=True)]
    status, rounded = _with_repeated(status, rounded, identities, repeated)
    published, result = _published(protected, status, rounded, true_counts, identities, audit,
                                   table=table, method=method, threshold=min_count)
    _log_audit_time(table, audit_time)
    if pattern is not None:
        result = dataclasses.replace(result, suppression_method=pattern.method, suppression_cost=pattern.cost,
                                     suppression_lower_bound=pattern.lower_bound, unprotectable=pattern.unprotectable)
    return published, result


def secondary_pattern(system: TableSystem, values: np.ndarray, primary: np.ndarray, forced: np.ndarray,
                      lower: np.ndarray, upper: np.ndarray, windows: dict[int, tuple[float, float]],
                      weights: np.ndarray, keys: list[tuple[str, ...]], true_counts: list[int], *,
                      time_limit: float, exact_max_cells: int) -> OptimalPattern:
    """The cheapest pattern covering every primary cell's window that the time allows, for counts and sums alike.

    Up to `exact_max_cells` cells the Fischetti-Salazar MIP (from the hypercube's pattern within the
    attacker's prior on tables above SMALL_TABLE_CELLS), above it greedy cut generation; a pattern not
    proven optimal is pruned: cells no primary cell's witness table moves are published again.
    """
    exact = len(keys) <= exact_max_cells
    large = exact and len(keys) > SMALL_TABLE_CELLS

    def complete(candidate: np.ndarray, cells: list[int] | None = None) -> np.ndarray:
        """Cubes for `cells` (default: every primary cell), the candidate's hidden cells free."""
        wanted = windows if cells is None else {cell: windows[cell] for cell in cells}
        return stated_hypercube(keys, true_counts, candidate, lower, upper, wanted, weights)

    pattern = optimise_suppression(system, values, primary, forced, lower, upper, windows, weights,
                                   time_limit=time_limit, exact=exact,
                                   incumbent=complete(primary | forced) if large else None,
                                   completer=complete if large else None)
    if pattern.optimal:
        return pattern
    hidden, windows = pattern.hidden, pattern.windows
    must = primary | forced
    budget = PRUNE_SECONDS_PER_LIMIT * max(time_limit, 5.0)
    pruned = prune_pattern(system, values, hidden, must, lower, upper, windows, weights,
                           deadline=time.perf_counter() + budget)
    if pruned.sum() <= PUBLISH_AGAIN_MAX_CELLS:   # then one at a time, where the LPs are quick
        pruned = publish_again(system, values, pruned, must, lower, upper, windows, weights,
                               deadline=time.perf_counter() + budget)
    if pruned.sum() >= hidden.sum():
        return pattern
    return dataclasses.replace(pattern, hidden=pruned, cost=float(weights[pruned].sum()),
                               method=f"{pattern.method}, then cells no witness moves published")


def audit_pattern(system: TableSystem, values: np.ndarray, hidden: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                  windows: dict[int, tuple[float, float]], keys: list[tuple[str, ...]], true_counts: list[int],
                  primary: np.ndarray, protection_level: int, deadline: float | None = None) -> AuditResult:
    """Every hidden cell's exact interval for the stated attacker; a primary cell fails if it misses its window.

    Raises:
        RuntimeError: no table is consistent with what is published.
        OutOfTime: `deadline` (a `time.perf_counter()` value) passed before every interval was settled.
    """
    found, _ = Attacker(system, values, lower, upper).intervals(hidden, deadline=deadline)
    if not found:
        return AuditResult(0, None, (), protection_level, STATED_ATTACKER)
    intervals = tuple(
        CellInterval(keys[i], STATUS_PRIMARY if primary[i] else STATUS_SECONDARY, true_counts[i], low, high,
                     *(windows.get(i) or (None, None)))
        for i, (low, high) in sorted(found.items()))
    narrow = tuple(c for c in intervals if not c.protected)
    guarded = [c.width for c in intervals if c.required_low is not None] or [c.width for c in intervals]
    return AuditResult(len(intervals), min(guarded), narrow, protection_level, STATED_ATTACKER, intervals=intervals)


def magnitude_window(value: float, share: float) -> tuple[float, float]:
    """The interval a hidden sum's attacker interval must cover: `share` of its value, half below and half above.

    >>> magnitude_window(100, 0.2), magnitude_window(0, 0.2)
    ((90.0, 110.0), (0.0, 0.0))
    """
    half = share * value / 2
    return float(max(value - half, 0.0)), float(value + half)


def protect_magnitude_table(frame: pl.DataFrame, dims: list[str], *, measure: str, table: str, rules: MagnitudeRules,
                            secondary: bool = True,
                            hidden_elsewhere: frozenset[str] = frozenset(), cost: str = COST_CELLS,
                            time_limit: float = 3.0, exact_max_cells: int = 5_000,
                            repeated: Mapping[str, int] | None = None) -> tuple[pl.DataFrame, ProtectionResult]:
    """Sums: suppress cells with too few contributors or a dominant one, then the cheapest complements, then audit.

    The same search and audit as count tables (`secondary_pattern`, `audit_pattern`), against an
    attacker who knows every published sum exactly (sums are not rounded), that margins add up,
    and that every sum lies between 0 and the table's largest; a sensitive cell is protected when
    its interval covers `magnitude_window` (`rules.protection_share` of its value, half either side).

    Args:
        frame: one row per cell: the dimensions, `count` (the sum), `contributors` and `top` (the
            sum held by the largest `rules.dominance_top` contributors).
        repeated: as for `protect_table`: cells showing an earlier release's sum again.
    """
    identities = [cell_identity(measure, dict(zip(dims, key, strict=True))) for key in frame.select(dims).rows()]
    small = (pl.col("contributors") < rules.min_contributors) | (pl.col("top") > rules.dominance_share * pl.col("count"))
    repeated = repeated or {}
    protected = _initial_status(frame, identities, small, hidden_elsewhere, repeated)
    keys = [tuple(str(v) for v in key) for key in protected.select(dims).rows()]
    sums = [int(v) for v in protected.get_column("count").to_list()]
    values = np.asarray(sums, dtype=float)
    status = protected.get_column("status").to_list()
    primary = np.array([s == STATUS_PRIMARY for s in status], dtype=bool)
    forced = np.array([s == STATUS_SECONDARY for s in status], dtype=bool)
    lower, upper = np.zeros(values.size), np.full(values.size, float(values.max()) if values.size else 0.0)
    known = np.array([i in repeated for i in identities], dtype=bool) & ~forced
    lower[known], upper[known] = values[known], values[known]
    windows = {int(i): magnitude_window(values[i], rules.protection_share) for i in np.flatnonzero(primary)}
    system = TableSystem.build(keys, dims)
    method = (f"{STATED_ATTACKER.split(' (')[0]}: published sums exact, margins additive, sums >= 0; a hidden sum must "
              f"stay uncertain by {rules.protection_share:.0%} of its value, half either side")
    hidden = primary | forced
    broken = system.inconsistent_rows(values)
    if broken:
        audit = AuditResult(0, None, (), 0, method, error=f"the suppression audit model could not be solved: {broken} "
                            f"margin(s) of table '{table}' are not the sum of their cells")
    else:
        try:
            if secondary and primary.any():
                hidden = secondary_pattern(system, values, primary, forced, lower, upper, windows,
                                           suppression_weights(values, cost), keys, sums, time_limit=time_limit,
                                           exact_max_cells=exact_max_cells).hidden
            audit = dataclasses.replace(audit_pattern(system, values, hidden, lower, upper, windows, keys, sums, primary, 0),
                                        method=method)
        except RuntimeError as exc:
            audit = AuditResult(0, None, (), 0, method, error=str(exc))
    status, shown = _with_repeated(_statuses(primary, hidden.tolist()), sums, identities, repeated)
    return _published(protected.drop("contributors", "top"), status, shown, sums, identities,
                      audit, table=table, method="none (sum)", threshold=rules.min_contributors)


def _published(protected: pl.DataFrame, status: list[str], published_values: list[int], true_values: list[int],
               identities: list[str], audit: AuditResult, *, table: str, method: str,
               threshold: int) -> tuple[pl.DataFrame, ProtectionResult]:
    """The table as released (hidden cells blank) and what was done to it, with the information lost."""
    published = protected.with_columns(
        pl.Series("status", status, dtype=pl.Utf8),
        pl.Series("count", [v if s == STATUS_PUBLISHED else None for v, s in zip(published_values, status, strict=True)], dtype=pl.Int64))
    keys = protected.select([c for c in protected.columns if c not in ("count", "status")]).rows()
    inner = [all(v != MARGIN for v in key) for key in keys]
    total = sum(v for v, is_inner in zip(true_values, inner, strict=True) if is_inner) or 1
    lost = sum(v for v, s, is_inner in zip(true_values, status, inner, strict=True) if is_inner and s != STATUS_PUBLISHED)
    result = ProtectionResult(table, published.height, status.count(STATUS_PRIMARY), status.count(STATUS_SECONDARY),
                              method, threshold, audit, round(lost / total, 4),
                              frozenset(i for i, s in zip(identities, status, strict=True) if s != STATUS_PUBLISHED))
    return published, result
