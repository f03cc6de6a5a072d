"""Issue 16: the linkage control's counts kept per row and brought up to date after each remedy (only what changed is
counted again), both ways of a pair counted in one pass, and folded columns' blankings weighed without the blanked copy.
Each is checked against counting everything again (or making the blanked side), which is what the control did before."""
from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from deid.agreement import SharingAgreement
from deid.db import Warehouse
from deid.pseudonymise.keys import PseudonymKey
from deid.risk import linkage_policy
from deid.risk.linkage import ROW
from deid.standards import Standards
from tests.risk.test_linkage import split
from tests.risk.test_linkage_candidates import _attacker, _coded


def _packed(values: list[pl.Series], words: list[list[int]]) -> pl.DataFrame:
    from deid.risk.linkage import _packed_rows

    return _packed_rows(pl.Series(ROW, range(values[0].len() if values else 0), pl.UInt32), values, words)


@pytest.mark.parametrize("seed, blank_share, spread", [
    (51, 0.0, [[0, 1, 2]] * 3),
    (52, 0.3, [[0, 1, 2], [0, 1], [0, 4, 7, 9]]),
    (53, 0.2, [[0, 1, 5000]] * 5 + [[0, 1]] * 4),   # two words
])
def test_when_both_ways_are_counted_at_once_then_each_side_counts_what_an_attacker_would_match(
        seed: int, blank_share: float, spread: list[list[int]], monkeypatch: pytest.MonkeyPatch) -> None:
    from deid.risk import linkage
    from deid.risk.linkage import _grouped, _mutual_matches, _pair_packing

    rng = random.Random(seed)
    mine, theirs = _coded(rng, 70, spread, blank_share), _coded(rng, 90, spread, blank_share)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    left, right = _packed(mine, words), _packed(theirs, words)
    values = [c for c in left.columns if c != ROW]
    for chunk_rows in (linkage.CHUNK_ROWS, 40):   # in one piece, and in chunks of their parts
        monkeypatch.setattr(linkage, "CHUNK_ROWS", chunk_rows)
        grouped_left, grouped_right = _grouped(left, values), _grouped(right, values)
        to_right, to_left = _mutual_matches(grouped_left, grouped_right, words)
        per_left = grouped_left.with_columns(pl.Series("n", to_right))
        per_right = grouped_right.with_columns(pl.Series("n", to_left))
        assert left.join(per_left, on=values, how="left").sort(ROW).get_column("n").to_list() == _attacker(mine, theirs)
        assert right.join(per_right, on=values, how="left").sort(ROW).get_column("n").to_list() == _attacker(theirs, mine)


def _blank(rng: random.Random, values: list[pl.Series], share: float) -> list[pl.Series]:
    """A blanking: one column blanked in some rows."""
    column = rng.randrange(len(values))
    rows = pl.Series([rng.random() < share for _ in range(values[column].len())])
    return [v.set(rows, None) if i == column else v for i, v in enumerate(values)]


def _coarsen(rng: random.Random, values: list[pl.Series], share: float) -> list[pl.Series]:
    """A coarsening: a column's codes merged in pairs (0 and 1 one code, 2 and 3 another, ...)."""
    column = rng.randrange(len(values))
    return [(v // 2).cast(pl.UInt32) if i == column else v for i, v in enumerate(values)]


def _drop(rng: random.Random, values: list[pl.Series], share: float) -> list[pl.Series]:
    """A dropped column: blank in every row (it then matches anything, as a column no longer shared)."""
    column = rng.randrange(len(values))
    return [v.set(pl.Series([True] * v.len()), None) if i == column else v for i, v in enumerate(values)]


@pytest.mark.parametrize("remedy", [_blank, _coarsen, _drop])
@pytest.mark.parametrize("seed", [61, 62])
def test_when_counts_are_brought_up_to_date_after_a_remedy_then_they_equal_counting_everything_again(
        remedy: Callable[[random.Random, list[pl.Series], float], list[pl.Series]], seed: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps alternate between the two sides; after each, the counts kept per row and updated with the rows that changed
    equal an attacker's count, for every row measured (all, or only the watched rows no unwatched row shares a value with)."""
    from deid.risk import linkage
    from deid.risk.linkage import KeptRows, _count_pair_rows, _count_rows, _pair_packing, _wanted

    monkeypatch.setattr(linkage, "REUSE_CHANGED", 1.0)   # never counted afresh for having changed much: the update is tested
    updated = linkage._updated_counts
    updates: list[int] = []

    def counting(*args: object) -> object:
        updates.append(1)
        return updated(*args)   # type: ignore[arg-type]

    monkeypatch.setattr(linkage, "_updated_counts", counting)
    rng = random.Random(seed)
    spread = [[0, 1, 2, 3], [0, 1], [0, 1, 2, 3, 4, 5], [0, 1, 2]]
    sides = [_coded(rng, 80, spread, 0.1), _coded(rng, 60, spread, 0.1)]
    words = _pair_packing(list(zip(*sides, strict=True)))
    kept: KeptRows = {}
    watched: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
    for step in range(6):
        if step:
            which = step % 2
            sides[which] = remedy(rng, sides[which], 0.3)
            watched = tuple(np.array([rng.random() < 0.7 for _ in range(s[0].len())]) for s in sides)   # type: ignore[assignment]
        packed = [_packed(s, words) for s in sides]
        _count_pair_rows("a", "b", packed[0], packed[1], words, kept, watched)
        for name, other, mine, theirs, seen in (("a", "b", 0, 1, watched[0]), ("b", "a", 1, 0, watched[1])):
            counted = kept[(name, other)]
            truth = np.array(_attacker(sides[mine], sides[theirs]))
            measured = _wanted(counted.index, counted.classes.height, seen)[counted.index]
            assert (counted.counts[counted.index][measured] == truth[measured]).all()
            count, linkable, at_risk = _count_rows(name, other, packed[mine], seen, 3, 0.1, counted)
            assert sorted(linkable.to_list()) == [i for i in range(len(truth)) if measured[i] and 1 <= truth[i] < 3]
            assert sorted(at_risk.to_list()) == [i for i in range(len(truth)) if measured[i] and truth[i] < 3]
            assert count.unmatched == int((measured & (truth == 0)).sum())
    assert len(updates) == 2 * 5   # both ways, every step after the first


def test_when_rows_are_withheld_then_the_counts_are_made_again() -> None:
    from deid.risk.linkage import KeptRows, _count_pair_rows, _pair_packing

    rng = random.Random(71)
    spread = [[0, 1, 2], [0, 1, 2, 3]]
    mine, theirs = _coded(rng, 50, spread, 0.1), _coded(rng, 40, spread, 0.1)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    kept: KeptRows = {}
    _count_pair_rows("a", "b", _packed(mine, words), _packed(theirs, words), words, kept, (None, None))
    fewer = _packed(mine, words).filter(pl.col(ROW) % 3 != 0)
    _count_pair_rows("a", "b", fewer, _packed(theirs, words), words, kept, (None, None))
    counted = kept[("a", "b")]
    kept_rows = [i for i in range(50) if i % 3]
    assert counted.counts[counted.index].tolist() == [_attacker(mine, theirs)[i] for i in kept_rows]


def test_when_a_folded_column_is_blanked_then_it_is_weighed_as_the_blanked_side_would_be_without_making_it(
        standards: Standards, agreement: SharingAgreement, test_key: PseudonymKey) -> None:
    """A folded column's values on the other side depend on what the blanked side still holds (a value it no longer
    holds folds into the catch-all label): the shares worked out from the codes must be those of the blanked side."""
    from deid.risk.linkage import _propose, _side, _State

    extracts = split(standards, agreement, test_key, people=300, providers=4, seed=9)
    policy = linkage_policy(standards.disclosure.risk, agreement)
    folded = {c for fields, _ in policy.folds.values() for c in fields}
    assert folded

    with Warehouse() as wh:
        weighed, made = (_State(wh, {n: _side(n, n, f, policy, True) for n, f in extracts.items()}, [], policy) for _ in range(2))
        measured = weighed.measure_all()
        blankings = [c for n in sorted(weighed.sides) for c in _propose(weighed, weighed.sides[n], measured)
                     if c.action == "suppress" and c.column in folded]
        assert len(blankings) > 1
        for cand in blankings:
            quick = weighed.evidence({**weighed.sides, cand.extract: weighed.scoring_side(cand)}, cand.column, cand.extract,
                                     measured)
            assert "side" not in cand.__dict__   # not made
            assert quick == made.evidence({**made.sides, cand.extract: cand.side}, cand.column, cand.extract, measured)


def test_when_a_fold_loses_a_value_then_the_other_side_folds_it_into_the_label() -> None:
    """The codes after the blanking agree where the folded texts would."""
    from deid.risk.linkage import _as_pair_codes, _blanked_fold_codes, _fold, _shares

    mine = pl.Series("c", ["a", "b", "b", "c", None, "Other"])
    theirs = pl.Series("c", ["a", "b", "c", "d", None, "Other"])
    rows = pl.Series([False, True, True, False, False, False])   # every 'b' of mine blanked
    for label_held in (True, False):
        m, t = (mine, theirs) if label_held else (mine.set(pl.Series([False] * 5 + [True]), "a"),
                                                   theirs.set(pl.Series([False] * 3 + [True, False, True]), "c"))
        before = (_fold(m, t, "Other"), _fold(t, m, "Other"))
        codes = _as_pair_codes(*before)
        label = next((int(c) for c, v in zip(pl.concat(codes), pl.concat(before), strict=True) if v == "Other"), None)
        got = _blanked_fold_codes(codes, rows, label)
        blanked = m.set(rows, None)
        want = (_fold(blanked, t, "Other"), _fold(t, blanked, "Other"))
        assert (_shares(got[0], got[1]).to_list(), _shares(got[1], got[0]).to_list()) == \
            (_shares(*want).to_list(), _shares(want[1], want[0]).to_list())
