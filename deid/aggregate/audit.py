"""The suppression audit: how narrowly can an attacker pin down each hidden cell?

Everything published with a table is written as a linear system: every cell's true count is
a non-negative variable; each margin equals the sum of the cells it totals, along every
dimension; a published cell lies within the rounding range of its published value (base
minus one either side, so a 9 under RR3 is 7 to 11); a hidden cell is only known to be
non-negative, as in the standard audit (what the suppression rule itself tells an attacker,
that a primary cell is small, is the same whatever else is published). For
each hidden cell, linear programming (HiGHS) finds the smallest and largest value it can
take. A cell whose feasible interval is narrower than the protection level is disclosed.

One model is built per table and re-solved for each cell and direction with only the
objective changed, so HiGHS warm-starts from the previous basis.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import polars as pl

from deid.aggregate.hypercube import hypercube_protect

MARGIN = "All"


@dataclass(frozen=True)
class CellInterval:
    key: tuple[str, ...]
    status: str
    true_count: int
    low: float
    high: float
    required_low: float | None = None    # the protection window the interval must cover (primary cells)
    required_high: float | None = None

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def protected(self) -> bool:
        """The interval covers the protection window (always true for a cell without one)."""
        if self.required_low is None or self.required_high is None:
            return True
        return self.low <= self.required_low + 1e-6 and self.high >= self.required_high - 1e-6


LINEAR_PROGRAMMING = "linear programming"
STATED_ATTACKER = ("exact LP per hidden cell against the stated attacker (published counts exact, margins additive, "
                   "counts >= 0, primary cells 1..threshold-1)")
PROPAGATION = "bound propagation"
CERTIFICATES = "hypercube certificates (feasible tables), checked by bound propagation"


@dataclass(frozen=True)
class AuditResult:
    cells_audited: int
    narrowest_width: float | None
    narrow_cells: tuple[CellInterval, ...]   # intervals narrower than the protection level
    protection_level: int
    method: str = LINEAR_PROGRAMMING
    error: str | None = None                 # the model could not be solved: the table is not released
    intervals: tuple[CellInterval, ...] = ()  # every hidden cell's exact interval (and primary cells' windows)

    @property
    def passed(self) -> bool:
        return not self.narrow_cells and self.error is None

    def __str__(self) -> str:
        if self.error:
            return f"FAILED: {self.error}"
        if not self.cells_audited:
            return "no hidden cells to audit"
        verdict = "passed" if self.passed else f"FAILED for {len(self.narrow_cells)} cell(s)"
        return (f"{verdict}: {self.cells_audited} hidden cell(s), narrowest interval width {self.narrowest_width:g} "
                f"(protection level {self.protection_level}; {self.method})")


def additivity_rows(keys: list[tuple[str, ...]]) -> list[tuple[int, list[int], int]]:
    """(margin cell, the cells it totals, the dimension) for every margin along every dimension, in one pass."""
    lines: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    margins: dict[tuple[int, tuple[str, ...]], int] = {}
    for i, key in enumerate(keys):
        for d, value in enumerate(key):
            line = (d, key[:d] + key[d + 1:])
            if value == MARGIN:
                margins[line] = i
            else:
                lines.setdefault(line, []).append(i)
    return [(margins[line], children, line[0]) for line, children in lines.items() if line in margins]


class AuditModel:
    """The linear system of one protected table in HiGHS, kept so cells can be hidden and re-checked cheaply."""

    def __init__(self, keys: list[tuple[str, ...]], dims: list[str], status: list[str], published: Sequence[int | None],
                 bases: list[int], min_count: int, non_additive: tuple[str, ...] = ()):
        self.keys, self.status = keys, list(status)
        self.published, self.bases, self.min_count = published, bases, min_count
        self.inf = highspy.kHighsInf
        self.h = highspy.Highs()  # type: ignore[no-untyped-call]
        self.h.setOptionValue("output_flag", False)
        lower, upper = zip(*(self._bounds(i) for i in range(len(keys))), strict=True) if keys else ((), ())
        self.h.addVars(len(keys), np.array(lower, dtype=float), np.array(upper, dtype=float))
        loose = {dims.index(d) for d in non_additive if d in dims}
        for margin, children, dim in additivity_rows(keys):
            columns = np.array([margin, *children], dtype=np.int32)
            values = np.array([1.0] + [-1.0] * len(children))
            if dim not in loose:
                self.h.addRow(0.0, 0.0, len(columns), columns, values)
                continue
            self.h.addRow(-self.inf, 0.0, len(columns), columns, values)    # margin <= sum of its cells
            for child in children:                                          # each cell <= margin
                self.h.addRow(-self.inf, 0.0, 2, np.array([child, margin], dtype=np.int32), np.array([1.0, -1.0]))

    def _bounds(self, i: int) -> tuple[float, float]:
        value = self.published[i]
        if self.status[i] == "published" and value is not None:
            slack = self.bases[i] - 1
            return max(0, value - slack), value + slack
        return 0, self.inf

    def hide(self, i: int) -> None:
        """Treat cell i as suppressed (secondary)."""
        self.status[i] = "secondary"
        self.h.changeColBounds(i, *self._bounds(i))

    def publish(self, i: int) -> None:
        self.status[i] = "published"
        self.h.changeColBounds(i, *self._bounds(i))

    def interval(self, i: int) -> tuple[float, float]:
        """The smallest and largest value cell i can take given everything published."""
        bounds = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            self.h.changeObjectiveSense(sense)
            self.h.changeColCost(i, 1.0)
            self.h.run()
            state = self.h.getModelStatus()
            if state == highspy.HighsModelStatus.kOptimal:
                bounds.append(round(self.h.getInfo().objective_function_value, 6))
            elif state == highspy.HighsModelStatus.kUnbounded:
                bounds.append(self.inf)
            else:
                raise RuntimeError(f"the suppression audit model could not be solved ({self.h.modelStatusToString(state)})")
            self.h.changeColCost(i, 0.0)
        return bounds[0], bounds[1]

    def hidden(self) -> list[int]:
        return [i for i, s in enumerate(self.status) if s != "published"]

    def audit(self, true_counts: list[int], protection_level: int, relative: float | None = None,
              method: str = LINEAR_PROGRAMMING) -> AuditResult:
        """Every hidden cell's interval; too narrow is below `protection_level`, or, when `relative` is
        given (sums), below that share of the cell's true value."""
        intervals = [CellInterval(self.keys[i], self.status[i], true_counts[i], *self.interval(i)) for i in self.hidden()]
        if not intervals:
            return AuditResult(0, None, (), protection_level, method)
        required = (lambda c: relative * c.true_count) if relative is not None else (lambda c: protection_level)
        narrow = tuple(c for c in intervals if c.width < required(c))
        return AuditResult(len(intervals), min(c.width for c in intervals), narrow, protection_level, method)


def audit_table(frame: pl.DataFrame, dims: list[str], *, true_counts: list[int], bases: list[int], min_count: int,
                protection_level: int, non_additive: tuple[str, ...] = ()) -> AuditResult:
    """Feasible interval of every hidden cell of a protected table, by LP against all it is published with.

    Args:
        frame: the protected table: `dims`, `status` (published, primary, secondary) and the published `count`.
        true_counts: each cell's unrounded count, in row order (for the report only; the model never sees them).
        bases: each published cell's rounding base, in row order.
        non_additive: dimensions whose margin counts people once however many groups they are in
            (total-response ethnicity): there the margin is at most the sum of its cells and at
            least each of them, not equal to the sum.
    """
    keys = [tuple(str(v) for v in row) for row in frame.select(dims).rows()]
    model = AuditModel(keys, dims, frame.get_column("status").to_list(), frame.get_column("count").to_list(), bases,
                       min_count, non_additive)
    return model.audit(true_counts, protection_level)


def propagate_bounds(keys: list[tuple[str, ...]], dims: list[str], status: list[str], published: list[int | None],
                     bases: list[int], non_additive: tuple[str, ...] = (), max_rounds: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's range after repeatedly subtracting along every line, as an attacker with a spreadsheet would.

    This is an outer bound of the LP's feasible interval (the LP can only be narrower): a cell it
    pins down is certainly disclosed. It runs in seconds on tables far too large for one LP per cell.
    """
    n = len(keys)
    lo, hi = np.zeros(n), np.full(n, np.inf)
    for i, s in enumerate(status):
        value = published[i]
        if s == "published" and value is not None:
            lo[i], hi[i] = max(0, value - (bases[i] - 1)), value + (bases[i] - 1)
    rows = additivity_rows(keys)
    loose_dims = {dims.index(d) for d in non_additive if d in dims}
    margin = np.array([m for m, _, _ in rows], dtype=np.int64)
    exact = np.array([d not in loose_dims for _, _, d in rows])
    line = np.concatenate([np.full(len(c), k, dtype=np.int64) for k, (_, c, _) in enumerate(rows)]) if rows else np.zeros(0, np.int64)
    cell = np.concatenate([np.array(c, dtype=np.int64) for _, c, _ in rows]) if rows else np.zeros(0, np.int64)
    lines = len(rows)
    for _ in range(max_rounds):
        before_lo, before_hi = lo.copy(), hi.copy()
        lo_c, hi_c = lo[cell], hi[cell]
        finite = np.isfinite(hi_c)
        sum_lo = np.bincount(line, lo_c, lines)
        sum_hi = np.bincount(line, np.where(finite, hi_c, 0.0), lines)
        n_inf = np.bincount(line, ~finite, lines)
        # a margin is at most the sum of its cells; an exact margin is at least that sum too
        np.minimum.at(hi, margin, np.where(n_inf == 0, sum_hi, np.inf))
        np.maximum.at(lo, margin, np.where(exact, sum_lo, 0.0))
        # a cell of an exact line: the margin less what the others can and must hold
        others_hi = np.where(n_inf[line] - (~finite) > 0, np.inf, sum_hi[line] - np.where(finite, hi_c, 0.0))
        others_lo = sum_lo[line] - lo_c
        on_exact = exact[line]
        np.maximum.at(lo, cell[on_exact], (lo[margin][line] - others_hi)[on_exact])
        np.minimum.at(hi, cell[on_exact], (hi[margin][line] - others_lo)[on_exact])
        # a cell of a total-response line is at most its margin, and the margin at least each cell
        np.minimum.at(hi, cell[~on_exact], hi[margin][line][~on_exact])
        np.maximum.at(lo, margin[line][~on_exact], lo_c[~on_exact])
        lo = np.maximum(lo, 0.0)
        if np.array_equal(lo, before_lo) and np.array_equal(hi, before_hi):
            break
    return lo, hi


def audit_large_table(keys: list[tuple[str, ...]], dims: list[str], status: list[str], published: list[int | None],
                      bases: list[int], true_counts: list[int], protection_level: int,
                      non_additive: tuple[str, ...] = (), guarded: Sequence[bool] | None = None) -> AuditResult:
    """The audit for tables too large for one LP per hidden cell.

    Every hidden cell must have a hypercube certificate: a table consistent with everything
    published (so a feasible point of the audit LP) in which the cell is at least
    `protection_level` away from where it is in another. That proves its LP interval is at
    least that wide without solving the LP. Bound propagation (`propagate_bounds`, an outer
    bound) runs as well and would catch any disclosure by subtraction the certificates missed.
    Certificates need margins that are exact sums, so a table with a total-response dimension
    is judged by propagation alone, and the result says so.

    `guarded` names the cells that must be protected (default: every hidden cell); the narrowest
    width and the narrow cells are over those alone.
    """
    lo, hi = propagate_bounds(keys, dims, status, published, bases, non_additive)
    hidden = [i for i, s in enumerate(status) if s != "published"]
    method = PROPAGATION if non_additive else CERTIFICATES
    if not hidden:
        return AuditResult(0, None, (), protection_level, method)
    if non_additive:
        proven = hi - lo
    else:
        _, proven = hypercube_protect(keys, true_counts, [s != "published" for s in status],
                                      [float(protection_level)] * len(keys), may_hide=False)
        proven = np.minimum(proven, hi - lo)
    intervals = [CellInterval(keys[i], status[i], true_counts[i], float(lo[i]), float(hi[i])) for i in hidden]
    checked = [k for k, i in enumerate(hidden) if guarded is None or guarded[i]]
    narrow = tuple(intervals[k] for k in checked if proven[hidden[k]] < protection_level)
    narrowest = float(min(proven[hidden[k]] for k in checked)) if checked else None
    return AuditResult(len(intervals), narrowest, narrow, protection_level, method)
