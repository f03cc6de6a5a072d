"""The tables of one release attacked together (issue 18).

Tables published together share cells: a provider's total is in every table by provider, the grand
total in every table. Each table's own audit cannot see that another table pins a shared margin: in a
user's test, an outcome table publishing all of a provider's cells fixed that provider's total, and
the gender table's two small cells, each within 1..5 on its own, were then exactly 1. Here every
count table of a release becomes one linear system over the cells' identities (`cell_identity`: the
same cell in two tables is one variable), and the stated attacker's LP looks for primary cells it
pins inside their window. For each, the published cell whose hiding would widen the interval most
(from the LP's dual, `Attacker._cut`) is named, so the linked protection hides it and protects again.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from deid.aggregate.optimal import TOLERANCE, Attacker, TableSystem, protection_window
from deid.aggregate.protect import attacker_bounds


@dataclass(frozen=True)
class LinkedTable:
    """One protected count table as the joint attack needs it: each cell's identity, key, true count and status."""

    name: str
    dims: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]
    identities: tuple[str, ...]
    true_counts: tuple[int, ...]
    primary: tuple[bool, ...]
    hidden: tuple[bool, ...]
    non_additive: tuple[str, ...] = ()


@dataclass(frozen=True)
class JointExposure:
    identity: str                  # the primary cell the tables together pin
    interval: tuple[float, float]  # its interval when every table is read together
    window: tuple[float, float]    # what it must cover
    hide: str | None               # the published cell whose hiding widens it most (None: no published cell helps)


def joint_exposures(tables: Sequence[LinkedTable], threshold: int, level: int) -> list[JointExposure]:
    """Primary cells the stated attacker pins inside their window only by reading the tables together.

    A window no pattern could cover even with every cell of every table hidden is narrowed to what that
    gives (as each table's own protection does), so only exposures hiding can remove are returned. Tables
    that disagree on a shared cell's count (they count different things) are not linked: nothing is returned.
    """
    if len(tables) < 2:
        return []
    index: dict[str, int] = {}
    for table in tables:
        for identity in table.identities:
            index.setdefault(identity, len(index))
    n = len(index)
    values = np.full(n, np.nan)
    primary, hidden = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    blocks, lower_rows, upper_rows = [], [], []
    for table in tables:
        columns = np.array([index[i] for i in table.identities], dtype=np.int64)
        counts = np.asarray(table.true_counts, dtype=float)
        known = ~np.isnan(values[columns])
        if np.any(np.abs(values[columns][known] - counts[known]) > TOLERANCE):
            return []
        values[columns] = counts
        primary[columns] |= np.asarray(table.primary, dtype=bool)
        hidden[columns] |= np.asarray(table.hidden, dtype=bool)
        system = TableSystem.build(list(table.keys), list(table.dims), table.non_additive)
        if system.matrix.shape[0] == 0:
            continue
        coo = system.matrix.tocoo()
        blocks.append(sparse.csr_matrix((coo.data, (coo.row, columns[coo.col])), shape=(system.matrix.shape[0], n)))
        lower_rows.append(system.row_lower)
        upper_rows.append(system.row_upper)
    if not blocks or not (primary & hidden).any():
        return []
    joint = TableSystem(n, sparse.vstack(blocks).tocsr(), np.concatenate(lower_rows), np.concatenate(upper_rows))
    lower, upper = attacker_bounds(values, primary, threshold)
    windows = {int(i): protection_window(int(values[i]), threshold, level) for i in np.flatnonzero(primary & hidden)}
    attacker = Attacker(joint, values, lower, upper)
    targets = np.array(sorted(windows), dtype=np.int64)
    widest, _ = attacker.intervals(np.ones(n, dtype=bool), targets, windows, exact=False)
    windows = {i: (max(low, widest[i][0]), min(high, widest[i][1])) for i, (low, high) in windows.items()}
    found, cuts = attacker.intervals(hidden, targets, windows, exact=False)
    names = {i: identity for identity, i in index.items()}
    exposures: dict[int, JointExposure] = {}
    for cut in cuts:
        helpful = [(gain, int(c)) for c, gain in zip(cut.columns, cut.coefficients, strict=True) if not hidden[c] and gain > TOLERANCE]
        hide = names[max(helpful)[1]] if helpful else None
        if cut.cell not in exposures or (exposures[cut.cell].hide is None and hide is not None):
            exposures[cut.cell] = JointExposure(names[cut.cell], found.get(cut.cell, (float("nan"), float("nan"))),
                                                windows[cut.cell], hide)
    return [exposures[i] for i in sorted(exposures)]
