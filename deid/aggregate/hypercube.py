"""Secondary suppression by the hypercube method, with a certificate for every hidden cell.

In a table with margins along every dimension, a *hypercube* around a cell c picks, for each
dimension, a second value b: another category (a "swap": the cube's corners at b move the
opposite way to those at c, so the margin of that line is unchanged) or, when c holds a
category, the margin itself (the margin moves with the cell). Adding +s to the corners with
an even number of swaps and -s to the others keeps every published margin and every other
cell exactly as it was, so it is a feasible table for anyone who sees only the published
cells. If every corner is hidden, each corner can be moved up by the smallest true count
among the odd corners and down by the smallest among the even ones: that sum is a proven
lower bound on the width of every corner's feasible interval (the LP interval can only be
wider). This is the method of Repsilber (GHMITER, used by tau-ARGUS), which Statistics
agencies use for large tables.

For each hidden cell not yet shown safe, the cheapest cube (by the people in the cells it
newly hides) whose width reaches the protection level is hidden. Hiding more cells never
narrows anyone's interval, so every certificate holds to the end, and the resulting pattern
carries a proof for every hidden cell, primary or secondary. With `may_hide=False` the same
search only accepts cubes that are already hidden: an audit of a given pattern.

With `lower` and `upper` (the attacker's prior: a primary cell holds 1..threshold-1) a corner
moves only within its prior, so a cube moves the cell down by the least any corner can go its
way and up likewise; and with `need_down`/`need_up` a cell asks for exactly that (its protection
window) rather than a total width.

The certificates assume every margin is the exact sum of its cells; a total-response margin
(a person in two ethnic groups counted once) is not, and is left to the LP audit.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product

import numpy as np

MARGIN = "All"
CANDIDATES_PER_DIMENSION = 4  # second values tried per dimension first; all of them when no cube that small will do


@dataclass
class Grid:
    """The table as dense arrays over every combination of dimension values, margins last."""

    values: list[list[str]]          # per dimension: categories, then the margin
    index: tuple[np.ndarray, ...]    # each cell's position along each dimension, in row order
    present: np.ndarray              # a row exists for this position (absent positions are known zeros)
    true: np.ndarray                 # true counts (0 where absent)
    hidden: np.ndarray
    room_down: np.ndarray = field(default_factory=lambda: np.zeros(0))   # how far each cell can fall within its prior
    room_up: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def build(cls, keys: list[tuple[str, ...]], true_counts: list[int], hidden: list[bool]) -> Grid:
        dims = len(keys[0]) if keys else 0
        values = []
        for d in range(dims):
            categories = sorted({key[d] for key in keys if key[d] != MARGIN})
            values.append([*categories, MARGIN])
        positions = [{v: i for i, v in enumerate(vals)} for vals in values]
        index = tuple(np.array([positions[d][key[d]] for key in keys], dtype=np.int64) for d in range(dims))
        shape = tuple(len(v) for v in values)
        present = np.zeros(shape, dtype=bool)
        true = np.zeros(shape)
        hide = np.zeros(shape, dtype=bool)
        present[index], true[index], hide[index] = True, np.asarray(true_counts, dtype=float), np.asarray(hidden, dtype=bool)
        return cls(values, index, present, true, hide, true.copy(), np.full(shape, np.inf))

    def set_prior(self, lower: list[float], upper: list[float]) -> None:
        self.room_down[self.index] = self.true[self.index] - np.asarray(lower, dtype=float)
        self.room_up[self.index] = np.asarray(upper, dtype=float) - self.true[self.index]

    def margin_position(self, d: int) -> int:
        return len(self.values[d]) - 1


@dataclass(frozen=True)
class Cube:
    second: tuple[int, ...]   # per dimension, the second value's position
    width: float              # proven lower bound on every corner's interval width
    cost: float               # people in the corners it newly hides
    down: float = 0.0         # how far the cell itself can be moved down (the opposite corners: up) ...
    up: float = 0.0           # ... and up


def _cheapest_cube(grid: Grid, cell: tuple[int, ...], required: float, cost: np.ndarray,
                   candidates: int | None, need: tuple[float, float] = (0.0, 0.0)) -> Cube | None:
    """The cheapest cube around `cell` whose width is at least `required` and that moves the cell down by
    `need[0]` and up by `need[1]`, among the best `candidates` per dimension."""
    options: list[np.ndarray] = []
    swaps: list[np.ndarray] = []
    for d, position in enumerate(cell):
        margin = grid.margin_position(d)
        choices = np.array([b for b in range(margin) if b != position] + ([margin] if position != margin else []),
                           dtype=np.int64)
        if choices.size == 0:
            return None
        if candidates is not None and choices.size > candidates:
            neighbour = list(cell)
            line_cost = []
            for b in choices:
                neighbour[d] = b
                line_cost.append((cost[tuple(neighbour)], -grid.true[tuple(neighbour)]))
            order = sorted(range(choices.size), key=lambda k: line_cost[k])
            choices = choices[sorted(order[:candidates])]
        options.append(choices)
        swaps.append((choices != margin) & (position != margin))
    axes = [np.concatenate([[position], choices]) for position, choices in zip(cell, options, strict=True)]
    sub = np.ix_(*axes)
    unbounded = np.full(cost[sub].shape, np.inf)
    # per parity (same as the cell, opposite), the least room down and up among the corners
    total, even_down, even_up, odd_down, odd_up = cost[sub], grid.room_down[sub], grid.room_up[sub], unbounded, unbounded
    for d, swap in enumerate(swaps):
        # collapse dimension d: a corner either keeps the cell's value (index 0) or takes a second value
        shape = [1] * total.ndim
        shape[d] = swap.size
        swap = swap.reshape(shape)
        arrays = (total, even_down, even_up, odd_down, odd_up)
        at_cell = [np.take(a, [0], axis=d) for a in arrays]
        at_second = [np.take(a, np.arange(1, a.shape[d]), axis=d) for a in arrays]
        total = at_cell[0] + at_second[0]
        even_down, even_up, odd_down, odd_up = (
            np.minimum(at_cell[1], np.where(swap, at_second[3], at_second[1])),
            np.minimum(at_cell[2], np.where(swap, at_second[4], at_second[2])),
            np.minimum(at_cell[3], np.where(swap, at_second[1], at_second[3])),
            np.minimum(at_cell[4], np.where(swap, at_second[2], at_second[4])))
    down, up = np.minimum(even_down, odd_up), np.minimum(even_up, odd_down)   # the cell falls as opposite corners rise
    width = down + up
    feasible = np.isfinite(total) & (width >= required) & (down >= need[0]) & (up >= need[1])
    if not feasible.any():
        return None
    ranked = np.where(feasible, total, np.inf)
    best = np.flatnonzero(ranked == ranked.min())
    pick = int(best[np.argmax(width.ravel()[best])])
    where = np.unravel_index(pick, width.shape)
    return Cube(tuple(int(options[d][where[d]]) for d in range(len(cell))), float(width.ravel()[pick]),
                float(total.ravel()[pick]), float(down.ravel()[pick]), float(up.ravel()[pick]))


def _corners(cell: tuple[int, ...], cube: Cube) -> Iterator[tuple[int, ...]]:
    return product(*[(c, b) for c, b in zip(cell, cube.second, strict=True)])


def hypercube_protect(keys: list[tuple[str, ...]], true_counts: list[int], hidden: list[bool],
                      required: list[float], *, may_hide: bool = True, lower: list[float] | None = None,
                      upper: list[float] | None = None, need_down: list[float] | None = None,
                      need_up: list[float] | None = None, weights: list[float] | None = None) -> tuple[list[bool], np.ndarray]:
    """Hide complementary cells until every hidden cell has a cube proving its interval is wide enough.

    Args:
        keys: each cell's dimension values, margins as "All".
        hidden: cells hidden so far (primary suppressions and cells hidden in linked tables).
        required: the width each cell's interval must have if it is hidden.
        may_hide: False to only certify the given pattern (an audit), hiding nothing.
        lower, upper: the attacker's prior on each cell (default: at least 0, no upper bound).
        need_down, need_up: how far each cell must be shown to move down and up (its protection
            window around the true count), on top of `required`.
        weights: the cost of hiding each cell (default: 1 + log(1 + count), as tau-ARGUS).
    Returns:
        The hidden flags after protection, and each cell's proven width (0 where none was found;
        for published cells, meaningless).
    """
    if not keys:
        return list(hidden), np.zeros(0)
    grid = Grid.build(keys, true_counts, hidden)
    if lower is not None and upper is not None:
        grid.set_prior(lower, upper)
    need = np.zeros(grid.true.shape)
    need[grid.index] = np.asarray(required, dtype=float)
    need_move = np.zeros((2, *grid.true.shape))
    for k, given in enumerate((need_down, need_up)):
        if given is not None:
            need_move[k][grid.index] = np.asarray(given, dtype=float)
    proven = np.zeros(grid.true.shape)
    moved = np.zeros((2, *grid.true.shape))     # proven room down and up
    weight = np.where(grid.present, 1.0 + np.log1p(grid.true), np.inf)  # log cost, as tau-ARGUS; an absent cell is a known zero: never hidden
    if weights is not None:
        weight[grid.index] = np.asarray(weights, dtype=float) + 1e-3 * np.log1p(grid.true[grid.index])  # ties: smaller
    cost = np.where(grid.hidden, 0.0, weight if may_hide else np.inf)
    queue = sorted(zip(*np.nonzero(grid.hidden), strict=True), key=lambda c: -grid.true[c])
    while queue:
        cell = tuple(int(v) for v in queue.pop())
        # each direction not yet shown: one cube must move the cell that far (moves do not add up across cubes)
        wanted = tuple(float(need_move[k][cell]) if moved[k][cell] < need_move[k][cell] else 0.0 for k in (0, 1))
        if proven[cell] >= need[cell] and wanted == (0.0, 0.0):
            continue
        cube = (_cheapest_cube(grid, cell, need[cell], cost, CANDIDATES_PER_DIMENSION, (wanted[0], wanted[1]))
                or _cheapest_cube(grid, cell, need[cell], cost, None, (wanted[0], wanted[1])))
        if cube is None:
            continue
        swapped = [b != c and c != grid.margin_position(d) and b != grid.margin_position(d)
                   for d, (c, b) in enumerate(zip(cell, cube.second, strict=True))]
        for corner in _corners(cell, cube):
            if not grid.hidden[corner]:
                grid.hidden[corner], cost[corner] = True, 0.0
                queue.append(corner)   # its own requirement may exceed this cube's width (sums)
            proven[corner] = max(proven[corner], cube.width)
            odd = sum(s and x != c for s, x, c in zip(swapped, corner, cell, strict=True)) % 2
            down, up = (cube.up, cube.down) if odd else (cube.down, cube.up)
            moved[0][corner], moved[1][corner] = max(moved[0][corner], down), max(moved[1][corner], up)
    return grid.hidden[grid.index].tolist(), proven[grid.index]
