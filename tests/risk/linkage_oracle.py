"""An attacker's join, written plainly (numpy, row by row of a comparison matrix) to check the linkage
measure and control against: for every row of one extract, how many rows of the other agree with it
on every shared column, a blank agreeing with anything. Columns are first brought to the coarser of
the two extracts' levels (by the configured scales) and, for folded columns, a value the other
extract does not hold counts as its catch-all label."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.risk.linkage import ColumnScale

IGNORE = {"run_id", "person_id"}


@dataclass(frozen=True)
class Join:
    shared: tuple[str, ...]
    matches_a: np.ndarray   # per row of a: rows of b it matches
    matches_b: np.ndarray   # per row of b: rows of a it matches

    def linkable(self, k: int) -> tuple[int, int]:
        return (int(((self.matches_a >= 1) & (self.matches_a < k)).sum()),
                int(((self.matches_b >= 1) & (self.matches_b < k)).sum()))

    def unique(self) -> tuple[int, int]:
        return int((self.matches_a == 1).sum()), int((self.matches_b == 1).sum())


def attacker_join(a: pl.DataFrame, b: pl.DataFrame, scales: dict[str, ColumnScale] | None = None,
                  folded: dict[str, str] | None = None, chunk: int = 256) -> Join:
    scales, folded = scales or {}, folded or {}
    shared = [c for c in a.columns if c in b.columns and c not in IGNORE]
    codes_a, codes_b = np.empty((a.height, len(shared)), np.int64), np.empty((b.height, len(shared)), np.int64)
    for j, c in enumerate(shared):
        scale = scales.get(c, ColumnScale(c))
        la, lb = scale.level_of(a[c]), scale.level_of(b[c])
        va = scale.lift(a[c], la, max(la, lb)).to_list()
        vb = scale.lift(b[c], lb, max(la, lb)).to_list()
        if c in folded:
            label = folded[c]
            sa, sb = set(va) - {None}, set(vb) - {None}
            va = [None if v is None else (v if v in sb and v != label else label) for v in va]
            vb = [None if v is None else (v if v in sa and v != label else label) for v in vb]
        vocabulary = {v: i for i, v in enumerate(sorted({*va, *vb} - {None}))}
        codes_a[:, j] = [-1 if v is None else vocabulary[v] for v in va]
        codes_b[:, j] = [-1 if v is None else vocabulary[v] for v in vb]
    matches_a = np.zeros(a.height, np.int64)
    matches_b = np.zeros(b.height, np.int64)
    for start in range(0, a.height, chunk):
        block = codes_a[start:start + chunk, None, :]
        agree = ((block == codes_b[None, :, :]) | (block < 0) | (codes_b[None, :, :] < 0)).all(axis=2)
        matches_a[start:start + chunk] = agree.sum(axis=1)
        matches_b += agree.sum(axis=0)
    return Join(tuple(shared), matches_a, matches_b)
