"""Optimal secondary suppression and the exact attacker, both by linear programming (HiGHS).

The attacker (stated in `standards/disclosure.yaml`) knows:
- every published cell's count (exactly: rounding is extra protection, not relied on);
- that each margin is the sum of the cells it totals, along every dimension (where one person
  may fall in several cells, a total-response dimension, only that the margin is at most the
  sum of its cells and at least each of them);
- that every count is non-negative, and that a primary (suppressed-because-small) cell holds
  between 1 and `threshold - 1` people.

For a hidden cell, the attacker's interval is the smallest and largest value it can take in a
table consistent with all of that: two linear programs. A primary cell with true count `a` is
protected when its interval covers its *protection window*: an interval `protection_level`
wide around `a` inside 1..threshold-1 (tau-Argus's lower and upper protection levels, see
`protection_window`).

Secondary suppression solves the Fischetti-Salazar model: choose hidden cells y (binary) to
minimise the information lost (cells hidden, or the people in them) such that every primary
cell's attacker interval covers its window. It is solved by cut generation: solve the master
problem (a set-covering MIP), run the attacker's LPs on the candidate pattern, and for every
violated window add the cut read off the LP's dual (which cells, if hidden, could widen the
interval, and by how much), until no window is violated. Each master problem is a relaxation,
so its optimum is a lower bound on the true optimum and the gap is reported.

When the time runs out, the last master candidate the attacker broke (the pattern closest to the
lower bound) is completed by witnesses (`witness_repair`): for batches of its uncovered window
ends, an LP finds a table meeting them that moves as little information outside the candidate
as it can, and the cells it moves are hidden; it becomes the incumbent when it is cheaper.

A pattern the search did not prove optimal is then pruned (`prune_pattern`): for batches of
window ends, an LP finds one table the attacker cannot rule out that meets them all while moving
as few new cells as it can (cells an earlier witness moves are nearly free); every hidden cell
that no witness moves is published again at once, since the witnesses never needed it. On
smaller patterns, `publish_again` then tries the remaining hidden cells one at a time, keeping
every window end's witness.

The attacker's LPs are solved per connected component of the hidden cells (published cells
are constants, so the table splits into independent pieces), each component as one HiGHS
model re-solved with only the objective changed (primal simplex from the previous basis,
presolve off). Most ends need no LP of their own: bound propagation over the component's rows
gives an outer bound on every cell (no consistent table goes beyond it), and every LP solution
is a table the attacker cannot rule out, a witness moving every cell of the component; an end a
witness reaches at its outer bound is exact without being solved.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import highspy
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from deid.aggregate.audit import additivity_rows

_log = logging.getLogger(__name__)
INF = highspy.kHighsInf
TOLERANCE = 1e-6
T = TypeVar("T")
COMPLETER_ROUNDS = 4  # a completed candidate the attacker still breaks is completed again, up to this often
REPAIR_EVERY_ROUND_CELLS = 1_000  # up to this, every round also repairs its candidate into a protecting incumbent


class OutOfTime(Exception):
    """The attacker's LPs did not finish by the deadline they were given."""


def protection_window(count: int, threshold: int, level: int) -> tuple[float, float]:
    """The interval a primary cell's attacker interval must cover.

    `level` wide and containing `count`, centred where it can be, inside the attacker's prior
    1..threshold-1 (a level wider than that range asks for the whole range).

    >>> protection_window(2, 6, 2), protection_window(1, 6, 2), protection_window(5, 6, 2)
    ((1.0, 3.0), (1.0, 3.0), (3.0, 5.0))
    """
    top = threshold - 1
    if level >= top - 1:
        return 1.0, float(top)
    low = min(max(count - level // 2, 1), top - level)
    return float(low), float(low + level)


@dataclass
class TableSystem:
    """A table's additivity as sparse rows `row_lower <= A x <= row_upper`, over its cells in row order."""

    cells: int
    matrix: sparse.csr_matrix
    row_lower: np.ndarray
    row_upper: np.ndarray
    exact_lines: list[list[int]] = field(default_factory=list)  # every cell of each exact line, margin included

    @classmethod
    def build(cls, keys: Sequence[tuple[str, ...]], dims: Sequence[str], non_additive: Sequence[str] = ()) -> TableSystem:
        loose = {list(dims).index(d) for d in non_additive if d in dims}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        upper: list[float] = []
        lower: list[float] = []
        exact_lines: list[list[int]] = []

        def add(entries: list[tuple[int, float]], low: float) -> None:
            r = len(lower)
            for c, v in entries:
                rows.append(r)
                cols.append(c)
                vals.append(v)
            lower.append(low)
            upper.append(0.0)

        for margin, children, dim in additivity_rows(list(keys)):
            if dim not in loose:
                add([(margin, 1.0), *((c, -1.0) for c in children)], 0.0)
                exact_lines.append([margin, *children])
                continue
            add([(margin, 1.0), *((c, -1.0) for c in children)], -INF)     # margin <= sum of its cells
            for child in children:                                         # each cell <= margin
                add([(child, 1.0), (margin, -1.0)], -INF)
        matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(lower), len(keys)))
        return cls(len(keys), matrix, np.array(lower), np.array(upper), exact_lines)

    def inconsistent_rows(self, values: np.ndarray) -> int:
        """How many rows the given counts break (margins that are not the sum of their cells)."""
        activity = self.matrix @ values
        return int(np.sum((activity < self.row_lower - TOLERANCE) | (activity > self.row_upper + TOLERANCE)))


def propagate(matrix: sparse.csr_matrix, row_lower: np.ndarray, row_upper: np.ndarray, lower: np.ndarray,
              upper: np.ndarray, max_rounds: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Outer bounds on every variable of `row_lower <= matrix x <= row_upper, lower <= x <= upper`.

    Each row bounds each of its variables by what the row's other variables can and must
    contribute; repeated until nothing changes (or `max_rounds`). Every table consistent with
    the rows lies inside the result, so an LP optimum can only be at or inside it: a witness
    (a consistent table) that reaches a bound proves that end exact.
    """
    lo, hi = lower.astype(float).copy(), upper.astype(float).copy()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols, coef = matrix.indices, matrix.data.astype(float)
    positive = coef > 0
    m = matrix.shape[0]
    for _ in range(max_rounds):
        least = np.where(positive, coef * lo[cols], coef * hi[cols])     # each entry's smallest contribution
        most = np.where(positive, coef * hi[cols], coef * lo[cols])
        open_least, open_most = ~np.isfinite(least), ~np.isfinite(most)
        sum_least = np.bincount(rows, np.where(open_least, 0.0, least), m)
        sum_most = np.bincount(rows, np.where(open_most, 0.0, most), m)
        n_least, n_most = np.bincount(rows, open_least, m), np.bincount(rows, open_most, m)
        others_least = np.where(n_least[rows] - open_least > 0, -np.inf, sum_least[rows] - np.where(open_least, 0.0, least))
        others_most = np.where(n_most[rows] - open_most > 0, np.inf, sum_most[rows] - np.where(open_most, 0.0, most))
        with np.errstate(invalid="ignore", divide="ignore"):
            top, bottom = row_upper[rows] - others_least, row_lower[rows] - others_most    # coef * x within these
            new_hi = np.where(positive, top / coef, bottom / coef)
            new_lo = np.where(positive, bottom / coef, top / coef)
        new_hi, new_lo = np.where(np.isnan(new_hi), np.inf, new_hi), np.where(np.isnan(new_lo), -np.inf, new_lo)
        next_hi, next_lo = hi.copy(), lo.copy()
        np.minimum.at(next_hi, cols, new_hi + TOLERANCE * 1e-3)
        np.maximum.at(next_lo, cols, new_lo - TOLERANCE * 1e-3)
        if np.all(next_hi >= hi - TOLERANCE) and np.all(next_lo <= lo + TOLERANCE):
            break
        lo, hi = next_lo, next_hi
    return lo, hi


@dataclass(frozen=True)
class Cut:
    """`constant + sum(coefficients[j] * y[j]) >= required`: a bound any pattern must meet to protect one cell."""

    cell: int
    columns: np.ndarray
    coefficients: np.ndarray
    constant: float
    required: float


class Attacker:
    """The attacker's intervals for a given suppression pattern, component by component."""

    def __init__(self, system: TableSystem, values: np.ndarray, lower: np.ndarray, upper: np.ndarray):
        """
        Args:
            values: every cell's true count (published cells are known exactly).
            lower, upper: the attacker's prior bounds for each cell if hidden.
        """
        self.system, self.values, self.lower, self.upper = system, values, lower, upper
        self.csc = system.matrix.tocsc()
        self.activity = system.matrix @ values

    def components(self, hidden: np.ndarray) -> list[np.ndarray]:
        """The hidden cells in groups no row connects to each other."""
        cells = np.flatnonzero(hidden)
        if cells.size == 0:
            return []
        sub = self.csc[:, cells]
        touched = np.flatnonzero(sub.getnnz(axis=1))
        incidence = (sub[touched, :] != 0).astype(np.int8)
        graph = sparse.bmat([[None, incidence.T], [incidence, None]], format="csr")
        _, labels = connected_components(graph, directed=False)
        cell_labels = labels[:cells.size]
        order = np.argsort(cell_labels, kind="stable")
        splits = np.flatnonzero(np.diff(cell_labels[order])) + 1
        return np.split(cells[order], splits)

    def intervals(self, hidden: np.ndarray, targets: np.ndarray | None = None,
                  windows: dict[int, tuple[float, float]] | None = None, *,
                  exact: bool = True, deadline: float | None = None) -> tuple[dict[int, tuple[float, float]], list[Cut]]:
        """Each target's (min, max) given the pattern; and a cut for every target whose window is not covered.

        Every LP solution is a table the attacker cannot rule out, so it witnesses how far every
        other cell of its component can move: an end already reached by a witness is not solved
        again when it is the prior's bound (so exact), or, with `exact=False`, when it already
        covers the cell's window (then the interval returned is only known to contain that much).

        Args:
            hidden: the pattern (True = suppressed).
            targets: the hidden cells to solve for (default: all hidden cells).
            windows: the interval each target must cover (targets without one get no cut).
            exact: solve every end that is not already known exactly.
            deadline: a `time.perf_counter()` value; past it, no further LP is started.
        Raises:
            OutOfTime: the deadline passed.
            RuntimeError: no table is consistent with what is published (the counts do not add up).
        """
        targets_mask = hidden.copy() if targets is None else np.zeros(hidden.size, dtype=bool)
        if targets is not None:
            targets_mask[targets] = True
        found: dict[int, tuple[float, float]] = {}
        cuts: list[Cut] = []
        for component in self.components(hidden):
            wanted = component[targets_mask[component]]
            if wanted.size:
                self._solve_component(component, wanted, hidden, windows or {}, found, cuts, exact, deadline)
        return found, cuts

    def _solve_component(self, component: np.ndarray, wanted: np.ndarray, hidden: np.ndarray,
                         windows: dict[int, tuple[float, float]], found: dict[int, tuple[float, float]],
                         cuts: list[Cut], exact: bool, deadline: float | None = None) -> None:
        sub = self.csc[:, component].tocsr()
        rows = np.flatnonzero(sub.getnnz(axis=1))
        sub = sub[rows, :]
        # what the published cells contribute to each row is known: move it to the bounds
        known = self.activity[rows] - sub @ self.values[component]
        lower_rows = self.system.row_lower[rows] - known
        upper_rows = self.system.row_upper[rows] - known
        lows, highs = self.lower[component].astype(float), self.upper[component].astype(float)
        truth = self.values[component].astype(float)
        activity = sub @ truth
        if np.any(activity < lower_rows - TOLERANCE) or np.any(activity > upper_rows + TOLERANCE) \
                or np.any(truth < lows - TOLERANCE) or np.any(truth > highs + TOLERANCE):
            raise RuntimeError("the attacker's model could not be solved (the true table breaks it): "
                               "the published counts do not add up")
        outer_low, outer_high = propagate(sub, lower_rows, upper_rows, lows, highs)
        lp: highspy.Highs | None = None
        seen_low = truth.copy()      # the true table is a table the attacker cannot rule out
        seen_high = seen_low.copy()
        position = {int(c): k for k, c in enumerate(component)}
        for cell in wanted:
            k = position[int(cell)]
            window = windows.get(int(cell))
            ends = []
            for maximise in (False, True):
                seen = seen_high[k] if maximise else seen_low[k]
                bound = outer_high[k] if maximise else outer_low[k]
                covered = window is None or (seen >= window[1] - TOLERANCE if maximise else seen <= window[0] + TOLERANCE)
                if (abs(seen - bound) <= TOLERANCE and covered) or (covered and window is not None and not exact):
                    ends.append(seen)   # reached at its outer bound (exact), or wide enough and only that was asked
                    continue
                if deadline is not None and time.perf_counter() > deadline:
                    raise OutOfTime(f"the attacker's LPs ran past their deadline ({len(found)} hidden cell(s) settled)")
                if lp is None:
                    lp = highspy.Highs()  # type: ignore[no-untyped-call]
                    lp.setOptionValue("output_flag", False)
                    lp.setOptionValue("threads", 1)
                    lp.addVars(component.size, lows, highs)
                    lp.addRows(rows.size, lower_rows, upper_rows, sub.nnz, sub.indptr[:-1].astype(np.int32),
                               sub.indices.astype(np.int32), sub.data.astype(float))
                    self._run(lp, deadline)    # a first basis (dual simplex, presolve): the objective is still 0
                    lp.setOptionValue("simplex_strategy", 4)   # then primal simplex from the last basis ...
                    lp.setOptionValue("presolve", "off")       # ... which presolve would throw away
                lp.changeColCost(k, -1.0 if maximise else 1.0)
                state = self._run(lp, deadline)
                solution = lp.getSolution()
                lp.changeColCost(k, 0.0)
                if state == highspy.HighsModelStatus.kUnbounded:
                    ends.append(INF)
                    continue
                if state != highspy.HighsModelStatus.kOptimal:
                    raise RuntimeError(f"the attacker's model could not be solved ({lp.modelStatusToString(state)}): "
                                       "the published counts do not add up")
                witness = np.asarray(solution.col_value)
                np.minimum(seen_low, witness, out=seen_low)
                np.maximum(seen_high, witness, out=seen_high)
                value = float(witness[k])
                ends.append(value)
                if window is None:
                    continue
                short = value < window[1] - TOLERANCE if maximise else value > window[0] + TOLERANCE
                if short:
                    cuts.append(self._cut(int(cell), maximise, value, window, rows, solution.row_dual, hidden))
            found[int(cell)] = (round(float(ends[0]), 6), round(float(ends[1]), 6))

    @staticmethod
    def _run(lp: highspy.Highs, deadline: float | None) -> highspy.HighsModelStatus:
        if deadline is not None:
            lp.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.01))
        lp.run()
        state = lp.getModelStatus()
        if state == highspy.HighsModelStatus.kTimeLimit:
            raise OutOfTime("the attacker's LPs ran past their deadline")
        return state

    def _cut(self, cell: int, maximise: bool, value: float, window: tuple[float, float], rows: np.ndarray,
             row_dual: Sequence[float], hidden: np.ndarray) -> Cut:
        """The Fischetti-Salazar cut from the LP dual: how far hiding each cell could move `cell`.

        In moves z = x - a from the true table, with any row multipliers pi of the right sign,
        max z_cell <= sum_r pi_r * slack_r + sum_j max(d_j * up_j * y_j, -d_j * down_j * y_j),
        d = e_cell - A^T pi: weak duality, true for every pattern y. The optimal pi makes it
        tight for this pattern; requiring the bound to reach the window gives the cut.
        """
        a = self.values[cell]
        need = (window[1] - a) if maximise else (a - window[0])
        pi = np.asarray(row_dual, dtype=float)
        full = self.system.matrix[rows, :]
        best: Cut | None = None
        for sign in (1.0, -1.0):     # HiGHS's dual sign convention differs by sense: take the one that is tight
            multipliers = sign * pi
            objective_sign = 1.0 if maximise else -1.0
            reduced = -(full.T @ multipliers)
            reduced[cell] += objective_sign
            up = self.upper - self.values
            down = self.values - self.lower
            gain = np.where(reduced > 0, reduced * up, -reduced * down)
            gain = np.where(np.abs(reduced) > TOLERANCE, gain, 0.0)
            slack_low = self.system.row_lower[rows] - self.activity[rows]
            slack_high = self.system.row_upper[rows] - self.activity[rows]
            with np.errstate(invalid="ignore"):
                constant = float(np.sum(np.where(multipliers > TOLERANCE, multipliers * slack_high,
                                                 np.where(multipliers < -TOLERANCE, multipliers * slack_low, 0.0))))
            if not np.isfinite(constant):
                continue
            columns = np.flatnonzero(gain)
            cut = Cut(cell, columns, gain[columns], constant, need)
            moved = (value - a) if maximise else (a - value)
            if constant >= -TOLERANCE and abs(constant + float(gain[hidden].sum()) - moved) <= 1e-4 * max(1.0, abs(moved)):
                return cut
            best = best or cut
        assert best is not None
        return best


@dataclass(frozen=True)
class OptimalPattern:
    hidden: np.ndarray
    cost: float
    lower_bound: float      # no pattern protecting every window costs less (from the master problems; 0 if none solved)
    optimal: bool           # the master problem was solved to optimality, so cost == lower bound
    rounds: int
    cuts: int
    seconds: float
    method: str             # "optimal", "optimisation to the time limit, then greedy cuts", "greedy cuts"
    windows: dict[int, tuple[float, float]]   # as met: a window no pattern can meet is narrowed to what hiding all gives
    unprotectable: int = 0                    # how many windows were narrowed so


def _solution(pattern: np.ndarray) -> highspy.HighsSolution:
    solution = highspy.HighsSolution()
    solution.col_value = pattern.astype(float).tolist()
    solution.value_valid = True
    return solution


def _line_cuts(system: TableSystem, primary: np.ndarray) -> list[np.ndarray]:
    """For every primary cell, each exact line through it needs another hidden cell (or subtraction gives it away)."""
    cuts = []
    for line in system.exact_lines:
        members = np.asarray(line)
        for cell in members[primary[members]]:
            cuts.append(members[members != cell])
    return cuts


def _cover_lines(hidden: np.ndarray, lines: list[np.ndarray], weights: np.ndarray, values: np.ndarray,
                 never: np.ndarray) -> np.ndarray:
    """Hide, on each line cut not yet met, its cheapest cell (smallest count among equals)."""
    hidden = hidden.copy()
    for others in lines:
        if hidden[others].any():
            continue
        free = others[~never[others]]
        if free.size:
            hidden[free[np.lexsort((values[free], weights[free]))[0]]] = True
    return hidden


def _greedy_repair(hidden: np.ndarray, cuts: list[Cut], weights: np.ndarray, never: np.ndarray) -> np.ndarray:
    """Hide cells until every cut is met, each time the cell that closes most of the gap per unit of cost."""
    hidden = hidden.copy()
    for cut in sorted(cuts, key=lambda c: -c.required):
        while True:
            have = cut.constant + float(cut.coefficients[hidden[cut.columns]].sum())
            gap = cut.required - have
            if gap <= TOLERANCE:
                break
            free = ~hidden[cut.columns] & ~never[cut.columns]
            if not free.any():
                break
            columns = cut.columns[free]
            gain = np.minimum(cut.coefficients[free], gap) / np.maximum(weights[columns], 1e-9)
            hidden[columns[int(np.argmax(gain))]] = True
    return hidden


def _one_end_per_cell(batch: list[T], cell_of: Callable[[T], int]) -> tuple[list[T], list[T]]:
    """The batch split so that no cell appears twice in the first part: one table cannot put a cell at
    both ends of its window, so such a batch is solved as two."""
    seen: set[int] = set()
    first: list[T] = []
    rest: list[T] = []
    for end in batch:
        (rest if cell_of(end) in seen else first).append(end)
        seen.add(cell_of(end))
    return first, rest


WITNESS_BATCH = 32   # uncovered window ends one repairing witness must meet at once (halved where no table does)


def _moves_model(attacker: Attacker, cells: np.ndarray, room: np.ndarray) -> highspy.Highs:
    """An LP over moves of `cells` away from the true table that keep every row (the rest stay published).

    Columns are each cell's move up, then each cell's move down, between 0 and `room`; the objective is
    left for the caller. Dual simplex: callers change bounds between solves, which keeps the basis dual
    feasible.
    """
    system = attacker.system
    sub = attacker.csc[:, cells].tocsr()
    rows = np.flatnonzero(sub.getnnz(axis=1))
    sub = sub[rows, :]
    activity = attacker.activity[rows]
    moves = sparse.hstack([sub, -sub]).tocsr()
    m = cells.size
    lp = highspy.Highs()  # type: ignore[no-untyped-call]
    lp.setOptionValue("output_flag", False)
    lp.setOptionValue("threads", 1)
    lp.setOptionValue("simplex_strategy", 1)
    lp.addVars(2 * m, np.zeros(2 * m), room)
    lp.addRows(rows.size, system.row_lower[rows] - activity, system.row_upper[rows] - activity, moves.nnz,
               moves.indptr[:-1].astype(np.int32), moves.indices.astype(np.int32), moves.data.astype(float))
    return lp


def witness_repair(attacker: Attacker, pattern: np.ndarray, primary: np.ndarray, windows: dict[int, tuple[float, float]],
                   weights: np.ndarray, never: np.ndarray, *, rounds: int = 4,
                   deadline: float | None = None) -> tuple[np.ndarray, list[Cut]]:
    """Hide, for the window ends `pattern` leaves uncovered, the cells of a witness table meeting them.

    A witness that moves only hidden cells keeps its ends met, so hiding every cell it moves
    covers them. For batches of uncovered ends, an LP finds the table meeting them all that moves
    the least information outside the pattern (its hidden cells nearly free), over the pattern's
    cells and the cells on their lines through the exposed cells (a witness moves no other cell,
    and, the first time, no cell further than twice the largest move asked for). Repeated while the
    attacker still finds an end uncovered, up to `rounds` times.

    Returns:
        The pattern (a superset of `pattern`) and the attacker's cuts for it (empty when it protects).
    """
    system, values = attacker.system, attacker.values
    n = values.size
    rows_of = system.matrix.tocsr()
    pattern = pattern.copy()
    found, cuts = attacker.intervals(pattern, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
    for attempt in range(rounds):
        if not cuts:
            break
        ends: list[tuple[int, bool, float]] = []
        for cell in sorted({cut.cell for cut in cuts}):
            low, high = found[cell]
            if high < windows[cell][1] - TOLERANCE:
                ends.append((cell, True, float(windows[cell][1] - values[cell])))
            if low > windows[cell][0] + TOLERANCE:
                ends.append((cell, False, float(values[cell] - windows[cell][0])))
        exposed = np.array(sorted({end[0] for end in ends}))
        near = np.zeros(n, dtype=bool)
        near[np.unique(rows_of[np.unique(attacker.csc[:, exposed].indices)].indices)] = True
        cells = np.flatnonzero((pattern | near) & ~never)
        m = cells.size
        cap = 2.0 * max(end[2] for end in ends) if attempt == 0 else INF    # later rounds: any move
        room = np.minimum(np.concatenate([attacker.upper[cells] - values[cells], values[cells] - attacker.lower[cells]]), cap)
        lp = _moves_model(attacker, cells, room)
        position = {int(c): k for k, c in enumerate(cells)}
        columns = np.arange(2 * m, dtype=np.int32)
        queue = [ends[start:start + WITNESS_BATCH] for start in range(0, len(ends), WITNESS_BATCH)][::-1]
        while queue:
            batch = queue.pop()
            first, rest = _one_end_per_cell(batch, lambda end: end[0])
            if rest:
                queue += [rest, first]
                continue
            if deadline is not None and time.perf_counter() > deadline:
                raise OutOfTime("the witness repair ran past its deadline")
            cost = np.where(pattern[cells], PRUNE_USED_WEIGHT, np.maximum(weights[cells].astype(float), 1e-3))
            lp.changeColsCost(2 * m, columns, np.concatenate([cost, cost]))
            for cell, up, need in batch:
                column = position[cell] + (0 if up else m)
                lp.changeColBounds(column, need, float(room[column]))
                lp.changeColBounds((column + m) % (2 * m), 0.0, 0.0)
            state = Attacker._run(lp, deadline)
            witness = np.asarray(lp.getSolution().col_value) if state == highspy.HighsModelStatus.kOptimal else None
            for cell, up, _ in batch:
                column = position[cell] + (0 if up else m)
                for c in (column, (column + m) % (2 * m)):
                    lp.changeColBounds(c, 0.0, float(room[c]))
            if witness is not None:
                pattern[cells[(witness[:m] > TOLERANCE) | (witness[m:] > TOLERANCE)]] = True
            elif len(batch) > 1:
                queue += [batch[len(batch) // 2:], batch[: len(batch) // 2]]
        found, cuts = attacker.intervals(pattern, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
    return pattern, cuts


def optimise_suppression(system: TableSystem, values: np.ndarray, primary: np.ndarray, forced: np.ndarray,
                         lower: np.ndarray, upper: np.ndarray, windows: dict[int, tuple[float, float]],
                         weights: np.ndarray, *, time_limit: float = 60.0, exact: bool = True,
                         max_rounds: int = 500, incumbent: np.ndarray | None = None,
                         deadline: float | None = None,
                         completer: Callable[[np.ndarray, list[int]], np.ndarray] | None = None) -> OptimalPattern:
    """The cheapest pattern (sum of `weights` of hidden cells) covering every window, by cut generation.

    With `exact`, each round solves the master MIP (HiGHS) over every cut found so far; when
    `time_limit` runs out (or without `exact`: tables too large for the MIP) the rounds go on
    greedily instead: from the last candidate (or from a cover of every primary cell's lines),
    hide the cells that close each violated cut most cheaply. Either way the loop ends only when
    the attacker's LPs find no window uncovered, so the pattern returned always protects.

    Args:
        primary, forced: cells that must be hidden (primary ones carry windows).
        lower, upper: the attacker's prior bounds per cell.
        windows: per primary cell, the interval the attacker's interval must cover.
        weights: the information lost by hiding each cell.
        incumbent: a pattern to start from (the hypercube's, say): repaired until it protects, it
            is the master problem's first incumbent, and its cuts are the master's first cuts; without
            `exact`, greedy cut generation starts from it.
        deadline: a `time.perf_counter()` value; past it no further attacker LP starts (raises `OutOfTime`).
        completer: given a master candidate and the primary cells whose windows it leaves uncovered,
            hides more cells so that those are covered too (cubes for just those cells, say, with
            the candidate's hidden cells free); used each round for an incumbent (repeated while the
            attacker still finds a window uncovered, then greedy cuts).
    """
    started = time.perf_counter()
    attacker = Attacker(system, values, lower, upper)
    must = primary | forced
    n = system.cells
    never = (upper <= lower + TOLERANCE) & ~must     # a cell nobody can move (one known exactly) is never worth hiding
    windows = dict(windows)
    widest, impossible = attacker.intervals(~never, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
    narrowed = np.zeros(n, dtype=bool)
    for cut in impossible:      # even hiding every cell leaves it narrower: ask for what hiding everything gives
        low, high = windows[cut.cell]
        windows[cut.cell] = (max(low, widest[cut.cell][0]), min(high, widest[cut.cell][1]))
        narrowed[cut.cell] = True
    lines = [others for others in _line_cuts(system, primary & ~narrowed) if (~never[others]).any()]
    master = highspy.Highs()  # type: ignore[no-untyped-call]
    master.setOptionValue("output_flag", False)
    master.setOptionValue("threads", 1)
    master.setOptionValue("mip_rel_gap", 0.0)
    master.addVars(n, must.astype(float), np.where(never, 0.0, 1.0))
    master.changeColsCost(n, np.arange(n, dtype=np.int32), weights.astype(float))
    master.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger))
    for others in lines:
        free = others[~never[others]]
        master.addRow(1.0, INF, free.size, free.astype(np.int32), np.ones(free.size))
    greedy = not exact
    start = must if incumbent is None else (incumbent & ~never) | must   # a cell known exactly protects nothing
    candidate = _cover_lines(start, lines, weights, values, never) if greedy else must
    best: np.ndarray | None = None
    lower_bound, optimal, cut_count, rounds = 0.0, False, 0, 0

    def add_cuts(pattern: np.ndarray, cuts: list[Cut]) -> None:
        for cut in cuts:
            if cut.constant + float(cut.coefficients[pattern[cut.columns]].sum()) >= cut.required - TOLERANCE:
                # the dual gave no bound that this pattern breaks: some published cell must be hidden
                published = np.flatnonzero(~pattern & ~never)
                master.addRow(1.0, INF, published.size, published.astype(np.int32), np.ones(published.size))
                continue
            free = ~never[cut.columns] & ~must[cut.columns]
            rhs = cut.required - cut.constant - float(cut.coefficients[must[cut.columns]].sum())
            columns, coefficients = cut.columns[free], np.minimum(cut.coefficients[free], rhs)   # y is 0 or 1
            master.addRow(rhs, INF, columns.size, columns.astype(np.int32), coefficients)

    def repair(pattern: np.ndarray, cuts: list[Cut], record: bool) -> np.ndarray:
        """Greedy rounds from `pattern` until the attacker finds nothing (each round hides at least one cell)."""
        nonlocal cut_count
        for _ in range(max_rounds):
            repaired = _greedy_repair(pattern, cuts, weights, never)
            if np.array_equal(repaired, pattern):      # no cut could be met: hide every cell on the cuts instead
                for cut in cuts:
                    repaired[cut.columns[~never[cut.columns]]] = True
                if np.array_equal(repaired, pattern):
                    raise RuntimeError("no suppression pattern protects every primary cell")
            pattern = repaired
            _, cuts = attacker.intervals(pattern, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
            cut_count += len(cuts)
            _log.debug("repair: %d hidden, %d cuts at %.1f s", int(pattern.sum()), len(cuts), time.perf_counter() - started)
            if record:
                add_cuts(pattern, cuts)
            if not cuts:
                return pattern
        raise RuntimeError(f"no protecting suppression pattern after {max_rounds} rounds")

    started_from: np.ndarray | None = None
    exposed_candidate: np.ndarray | None = None
    if incumbent is not None and not greedy:
        _, cuts = attacker.intervals(start, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
        cut_count += len(cuts)
        if cuts:
            add_cuts(start, cuts)
            start = repair(start, cuts, True)
        best = started_from = start
    for rounds in range(1, max_rounds + 1):
        if greedy:
            _, cuts = attacker.intervals(candidate, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
            best = repair(candidate, cuts, False) if cuts else candidate
            break
        master.setOptionValue("time_limit", max(time_limit - (time.perf_counter() - started), 0.01))
        if best is not None:
            master.setSolution(_solution(best))
        master.run()
        state = master.getModelStatus()
        info = master.getInfo()
        if state == highspy.HighsModelStatus.kOptimal:
            lower_bound = max(lower_bound, float(info.objective_function_value))
        elif info.mip_dual_bound > -INF:
            lower_bound = max(lower_bound, float(info.mip_dual_bound))
        if info.primal_solution_status == 2:        # a feasible master solution
            candidate = np.asarray(master.getSolution().col_value) > 0.5
        elif state != highspy.HighsModelStatus.kTimeLimit:
            raise RuntimeError(f"the suppression model could not be solved ({master.modelStatusToString(state)})")
        _log.debug("round %d: master %s at %.1f s, %d hidden, bound %.1f", rounds, master.modelStatusToString(state),
                   time.perf_counter() - started, int(candidate.sum()), lower_bound)
        _, cuts = attacker.intervals(candidate, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
        cut_count += len(cuts)
        if cuts:
            exposed_candidate = candidate
        if not cuts and (best is None or weights[candidate].sum() < weights[best].sum()):
            best = candidate
        elif cuts:
            add_cuts(candidate, cuts)
            out_of_time = state != highspy.HighsModelStatus.kOptimal or time.perf_counter() - started > time_limit
            if completer is not None:     # a quick protecting pattern around the candidate, every round
                repaired, more = candidate, cuts
                for _ in range(COMPLETER_ROUNDS):   # only the cells the candidate leaves exposed get cubes
                    completed = (completer(repaired, sorted({cut.cell for cut in more})) & ~never) | must
                    if np.array_equal(completed, repaired):
                        break
                    repaired = completed
                    _, more = attacker.intervals(repaired, np.flatnonzero(primary), windows, exact=False,
                                                 deadline=deadline)
                    cut_count += len(more)
                    if not more:
                        break
                    add_cuts(repaired, more)
                if more:
                    repaired = repair(repaired, more, True)
                if best is None or weights[repaired].sum() < weights[best].sum():
                    best = repaired
            elif n <= REPAIR_EVERY_ROUND_CELLS or out_of_time:   # an incumbent: cheap on small tables, needed at the end
                repaired = repair(candidate, cuts, True)
                if best is None or weights[repaired].sum() < weights[best].sum():
                    best = repaired
        if best is not None and float(weights[best].sum()) <= np.ceil(lower_bound - 1e-6) + TOLERANCE:
            optimal = True
            break
        if best is not None and state != highspy.HighsModelStatus.kOptimal:   # out of time: keep the best found
            break
    if not greedy and not optimal and exposed_candidate is not None:
        # the last master candidate the attacker broke (the closest to the bound), covered by witness tables
        repaired, cuts = witness_repair(attacker, (exposed_candidate & ~never) | must, primary, windows, weights, never,
                                        deadline=deadline)
        if completer is not None:
            for _ in range(COMPLETER_ROUNDS):   # ends no witness nearby met: cubes
                if not cuts:
                    break
                repaired = (completer(repaired, sorted({cut.cell for cut in cuts})) & ~never) | must
                _, cuts = attacker.intervals(repaired, np.flatnonzero(primary), windows, exact=False, deadline=deadline)
        cut_count += len(cuts)
        if not cuts and (best is None or weights[repaired].sum() < weights[best].sum()):   # else the incumbent stands
            best = repaired
    if best is None:
        raise RuntimeError(f"no protecting suppression pattern after {max_rounds} rounds")
    candidate = best
    cost = float(weights[candidate].sum())
    method = "optimal" if optimal else ("greedy cuts" if not exact else "best pattern found by the time limit")
    if not optimal and started_from is not None and candidate is started_from:
        method = "starting pattern (nothing cheaper found by the time limit)"
    return OptimalPattern(candidate, cost, min(lower_bound, cost), optimal, rounds, cut_count,
                          time.perf_counter() - started, method, windows, len({cut.cell for cut in impossible}))


PRUNE_BATCH = 256        # window ends required of one witness at once (halved where no table meets them all)
PRUNE_USED_WEIGHT = 0.001  # a cell some witness already moves costs this much to move again (it stays hidden anyway)


def prune_pattern(system: TableSystem, values: np.ndarray, hidden: np.ndarray, must: np.ndarray, lower: np.ndarray,
                  upper: np.ndarray, windows: dict[int, tuple[float, float]], weights: np.ndarray, *,
                  passes: int = 2, deadline: float | None = None) -> np.ndarray:
    """Publish again every hidden cell that no primary cell's protection needs.

    A primary cell's window end is met when some table the attacker cannot rule out puts the
    cell there: a *witness*, a move away from the true table that keeps every row. A witness
    that moves only cells of a set S stays a table the attacker cannot rule out when every cell
    outside S is published (published cells keep their true counts, the witness leaves them
    there). So the cells no witness moves can all be published at once, and every window stays
    covered. Each witness is found by linear programming: the move reaching the required ends of
    a batch of primary cells that moves least information (`weights`, with cells an earlier
    witness moves nearly free, so witnesses share their cells); a batch no single table meets is
    split in two. Repeated `passes` times on the smaller pattern.

    Args:
        hidden: a pattern that protects every window (the returned one does too, and is a subset).
        must: cells that stay hidden whatever (primary cells, cells hidden by linked tables).
        windows: per primary cell, the interval its attacker interval must cover (as met: a window
            no pattern can meet already narrowed).
        deadline: a `time.perf_counter()` value; past it the input pattern is returned unchanged.
    """
    pattern: np.ndarray = hidden | must
    attacker = Attacker(system, values, lower, upper)
    cost = np.maximum(weights.astype(float), 1e-3)
    for _ in range(passes):
        try:
            used = must.copy()
            for component in attacker.components(pattern):
                _witness_component(attacker, component, windows, cost, used, deadline)
        except OutOfTime:
            return pattern
        pruned: np.ndarray = pattern & used
        if np.array_equal(pruned, pattern):
            break
        pattern = pruned
    return pattern


def _witness_component(attacker: Attacker, component: np.ndarray, windows: dict[int, tuple[float, float]],
                       cost: np.ndarray, used: np.ndarray, deadline: float | None) -> None:
    """Witnesses for every window end of the component's primary cells; marks the cells they move in `used`."""
    values = attacker.values
    ends: list[tuple[int, int, float]] = []      # (position in component, column, how far the cell must move)
    m = component.size
    for k, cell in enumerate(component):
        window = windows.get(int(cell))
        if window is None:
            continue
        if window[1] - values[cell] > TOLERANCE:
            ends.append((k, k, float(window[1] - values[cell])))
        if values[cell] - window[0] > TOLERANCE:
            ends.append((k, m + k, float(values[cell] - window[0])))
    if not ends:
        return
    room = np.concatenate([attacker.upper[component] - values[component], values[component] - attacker.lower[component]])
    lp = _moves_model(attacker, component, room)
    columns = np.arange(2 * m, dtype=np.int32)
    witnesses: list[np.ndarray] = []

    def reached(end: tuple[int, int, float]) -> bool:
        _, column, need = end
        opposite = (column + m) % (2 * m)
        return any(w[column] - w[opposite] >= need - TOLERANCE for w in witnesses)

    queue: list[list[tuple[int, int, float]]] = []
    # spread over the table (a fixed shuffle, so the same table always gives the same pattern): neighbouring
    # cells compete for the same cells, so a batch of neighbours is more often met by no single table
    pending = [ends[j] for j in np.random.default_rng(0).permutation(len(ends))]
    while pending:        # batches in which each cell appears once (its two ends cannot be met by one table)
        batch: list[tuple[int, int, float]] = []
        rest: list[tuple[int, int, float]] = []
        cells: set[int] = set()
        for end in pending:
            if len(batch) < PRUNE_BATCH and end[0] not in cells:
                batch.append(end)
                cells.add(end[0])
            else:
                rest.append(end)
        queue.append(batch)
        pending = rest
    while queue:
        batch = [end for end in queue.pop() if not reached(end)]
        if not batch:
            continue
        if deadline is not None and time.perf_counter() > deadline:
            raise OutOfTime("the pruning's LPs ran past their deadline")
        weight = np.where(used[component], PRUNE_USED_WEIGHT, cost[component])
        lp.changeColsCost(2 * m, columns, np.concatenate([weight, weight]))
        for _, column, need in batch:
            lp.changeColBounds(column, need, float(room[column]))
            lp.changeColBounds((column + m) % (2 * m), 0.0, 0.0)
        state = Attacker._run(lp, deadline)
        witness = np.asarray(lp.getSolution().col_value) if state == highspy.HighsModelStatus.kOptimal else None
        for _, column, _ in batch:
            opposite = (column + m) % (2 * m)
            lp.changeColBounds(column, 0.0, float(room[column]))
            lp.changeColBounds(opposite, 0.0, float(room[opposite]))
        if witness is not None:
            witnesses.append(witness)
            used[component[(witness[:m] > TOLERANCE) | (witness[m:] > TOLERANCE)]] = True
        elif len(batch) > 1:
            queue += [batch[: len(batch) // 2], batch[len(batch) // 2:]]
        else:   # the pattern does not meet this window: keep every cell of the component
            used[component] = True
            return


PUBLISH_AGAIN_LPS = 1_000   # witness LPs the one-at-a-time pass may solve (a count, not seconds: same table, same pattern)


def publish_again(system: TableSystem, values: np.ndarray, hidden: np.ndarray, must: np.ndarray, lower: np.ndarray,
                  upper: np.ndarray, windows: dict[int, tuple[float, float]], weights: np.ndarray, *,
                  max_lps: int = PUBLISH_AGAIN_LPS, deadline: float | None = None) -> np.ndarray:
    """Publish hidden cells again one at a time, each only while every window end keeps a witness.

    A witness (see `prune_pattern`) that moves only hidden cells keeps its window end met; so a
    cell can be published when every end met only by witnesses that move it finds another
    witness that leaves it (and every cell published before it) where it is. Witnesses are kept
    and shared: most tries need one LP (a table meeting all the broken ends at once, split in
    two where none does), and a try that fails leaves the cell hidden. Cells are tried in a fixed
    order, the costliest among those fewest ends rely on first, for at most `max_lps` LPs.

    Args:
        hidden: a pattern that protects every window (the returned one does too, and is a subset).
        must: cells that stay hidden whatever.
        deadline: a `time.perf_counter()` value; past it the cells published so far stay published
            (each was checked) and the rest stay hidden.
    """
    pattern: np.ndarray = hidden | must
    attacker = Attacker(system, values, lower, upper)
    budget = [max_lps]
    for component in attacker.components(pattern):
        if budget[0] <= 0:
            break
        try:
            _publish_in_component(attacker, component, pattern, must, windows, np.maximum(weights.astype(float), 1e-3),
                                  budget, deadline)
        except OutOfTime:
            break
    return pattern


def _publish_in_component(attacker: Attacker, component: np.ndarray, pattern: np.ndarray, must: np.ndarray,
                          windows: dict[int, tuple[float, float]], cost: np.ndarray, budget: list[int],
                          deadline: float | None) -> None:
    """`publish_again` on one component of the hidden cells: clears `pattern` where a cell is published again."""
    values = attacker.values
    m = component.size
    ends: list[tuple[int, float]] = []      # (column, how far the cell must move): column k up, m + k down
    for k, cell in enumerate(component):
        window = windows.get(int(cell))
        if window is None:
            continue
        if window[1] - values[cell] > TOLERANCE:
            ends.append((k, float(window[1] - values[cell])))
        if values[cell] - window[0] > TOLERANCE:
            ends.append((m + k, float(values[cell] - window[0])))
    candidates = [k for k in range(m) if not must[component[k]]]
    if not ends or not candidates:
        return
    room = np.concatenate([attacker.upper[component] - values[component], values[component] - attacker.lower[component]])
    lp = _moves_model(attacker, component, room)
    columns = np.arange(2 * m, dtype=np.int32)
    weight = cost[component]
    lp.changeColsCost(2 * m, columns, np.concatenate([weight, weight]))
    published = np.zeros(m, dtype=bool)
    witnesses: list[np.ndarray] = []       # each a move of the component's cells, per cell (up minus down)
    valid: list[bool] = []                 # the witness moves no published cell
    cover = np.full(len(ends), -1)         # the witness meeting each end

    def meets(witness: np.ndarray, end: tuple[int, float]) -> bool:
        column, need = end
        move = witness[column % m] if column < m else -witness[column % m]
        return bool(move >= need - TOLERANCE)

    def solve(batch: list[int]) -> np.ndarray | None:
        """A witness meeting every end in `batch` (indices into `ends`) moving no published cell, or None."""
        if deadline is not None and time.perf_counter() > deadline:
            raise OutOfTime("publishing cells again ran past its deadline")
        budget[0] -= 1
        for e in batch:
            column, need = ends[e]
            lp.changeColBounds(column, need, float(room[column]))
            lp.changeColBounds((column + m) % (2 * m), 0.0, 0.0)
        state = Attacker._run(lp, deadline)
        solution = np.asarray(lp.getSolution().col_value) if state == highspy.HighsModelStatus.kOptimal else None
        for e in batch:
            column, _ = ends[e]
            for c in (column, (column + m) % (2 * m)):
                free = 0.0 if published[c % m] else float(room[c])
                lp.changeColBounds(c, 0.0, free)
        if solution is None:
            return None
        witness: np.ndarray = solution[:m] - solution[m:]
        witness[np.abs(witness) <= TOLERANCE] = 0.0
        return witness

    def cover_all(wanted: list[int]) -> bool:
        """Witnesses for every end in `wanted` (recorded in `cover`); False if some end has none."""
        queue = [wanted]
        while queue:
            batch = [e for e in queue.pop() if cover[e] < 0 or not valid[cover[e]]]
            for e in batch:     # a kept witness that moves no published cell may meet it already
                for w in range(len(witnesses) - 1, -1, -1):
                    if valid[w] and meets(witnesses[w], ends[e]):
                        cover[e] = w
                        break
            batch = [e for e in batch if cover[e] < 0 or not valid[cover[e]]]
            if not batch:
                continue
            if budget[0] <= 0:
                return False
            first, rest = _one_end_per_cell(batch, lambda e: ends[e][0] % m)
            if rest:
                queue += [rest, first]
                continue
            witness = solve(batch)
            if witness is None:
                if len(batch) == 1:
                    return False
                queue += [batch[len(batch) // 2:], batch[: len(batch) // 2]]
                continue
            witnesses.append(witness)
            valid.append(True)
            for e in batch:
                cover[e] = len(witnesses) - 1
        return True

    order = np.random.default_rng(0).permutation(len(ends))   # spread over the table, as `prune_pattern`
    everything = [int(e) for e in order]
    for start in range(0, len(everything), PRUNE_BATCH):
        if not cover_all(everything[start:start + PRUNE_BATCH]):
            return      # the pattern does not meet some end (or no LPs are left): publish nothing here
    relied = np.zeros(m)
    for e in range(len(ends)):
        relied += witnesses[cover[e]] != 0
    candidates.sort(key=lambda k: (relied[k], -weight[k], k))
    for k in candidates:
        if budget[0] <= 0:
            return
        broken = [e for e in range(len(ends)) if witnesses[cover[e]][k] != 0]
        published[k] = True
        lp.changeColBounds(k, 0.0, 0.0)
        lp.changeColBounds(m + k, 0.0, 0.0)
        moving = [w for w in range(len(witnesses)) if valid[w] and witnesses[w][k] != 0]
        for w in moving:
            valid[w] = False
        saved = cover.copy()
        if cover_all(broken):
            pattern[component[k]] = False
            continue
        published[k] = False
        for w in moving:
            valid[w] = True
        cover[:] = saved
        lp.changeColBounds(k, 0.0, float(room[k]))
        lp.changeColBounds(m + k, 0.0, float(room[m + k]))
