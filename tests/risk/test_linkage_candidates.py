"""Counting the rows each class matches (blanks match anything) by equality joins, checked against
counting them one pair at a time."""
from __future__ import annotations

import random

import polars as pl
import pytest

from deid.risk.linkage import ROW, _candidates, _classes

COLUMNS = ["age", "gender", "region"]
VALUES = {"age": ["20-24", "25-29", "30-34"], "gender": ["1", "2", "3"], "region": ["01", "02"]}


def _frame(rng: random.Random, rows: int, blank_share: float) -> pl.DataFrame:
    data = {c: [None if rng.random() < blank_share else rng.choice(VALUES[c]) for _ in range(rows)] for c in COLUMNS}
    return pl.DataFrame(data, schema={c: pl.Utf8 for c in COLUMNS}).with_row_index(ROW)


def _pairwise(classes: pl.DataFrame, rows: pl.DataFrame) -> dict[int, int]:
    """Per class: the rows that agree with it on every column, a blank on either side agreeing with anything."""
    found = {}
    for cls in classes.iter_rows(named=True):
        found[cls["__deid_id"]] = sum(all(cls[c] is None or row[c] is None or cls[c] == row[c] for c in COLUMNS)
                                      for row in rows.iter_rows(named=True))
    return found


@pytest.mark.parametrize("seed, blank_share", [(1, 0.0), (2, 0.1), (3, 0.4), (4, 0.9)])
def test_when_classes_and_rows_have_blanks_then_each_class_counts_the_rows_an_attacker_would_match(seed, blank_share):
    rng = random.Random(seed)
    left, right = _frame(rng, 60, blank_share), _frame(rng, 80, blank_share)
    classes = _classes(left, COLUMNS, 0)
    rows = right.with_columns(pl.lit(0, pl.Int64).alias("__deid_case"))
    counted = _candidates([classes], [rows], COLUMNS)
    assert counted.height == classes.height                      # every class, those matching nothing too
    assert dict(zip(counted.get_column("id").to_list(), counted.get_column("candidates").to_list(), strict=True)) == \
        _pairwise(classes, right)


def test_when_two_pairs_are_measured_together_then_a_class_only_counts_rows_of_its_own_pair():
    rng = random.Random(7)
    a, b, c, d = (_frame(rng, 30, 0.2) for _ in range(4))
    classes = [_classes(a, COLUMNS, 0), _classes(c, COLUMNS, 1)]
    rows = [b.with_columns(pl.lit(0, pl.Int64).alias("__deid_case")), d.with_columns(pl.lit(1, pl.Int64).alias("__deid_case"))]
    counted = _candidates(classes, rows, COLUMNS)
    for case, (mine, theirs) in enumerate([(classes[0], b), (classes[1], d)]):
        got = counted.filter(pl.col("case_id") == case)
        assert dict(zip(got.get_column("id").to_list(), got.get_column("candidates").to_list(), strict=True)) == _pairwise(mine, theirs)


@pytest.mark.parametrize("seed, blank_share", [(11, 0.1), (12, 0.5)])
def test_when_some_columns_are_blank_nowhere_then_classes_still_count_every_row_they_match(seed, blank_share):
    """A column blank on neither side (provider, say) partitions the matching; the others still match blanks."""
    rng = random.Random(seed)
    left, right = _frame(rng, 80, blank_share), _frame(rng, 120, blank_share)
    left, right = (f.with_columns(pl.Series("provider", [rng.choice(["p1", "p2", "p3"]) for _ in range(f.height)]))
                   for f in (left, right))
    columns = ["provider", *COLUMNS]
    classes = _classes(left, columns, 0)
    counted = _candidates([classes], [right.with_columns(pl.lit(0, pl.Int64).alias("__deid_case"))], columns)
    expected = {}
    for cls in classes.iter_rows(named=True):
        expected[cls["__deid_id"]] = sum(all(cls[c] is None or row[c] is None or cls[c] == row[c] for c in columns)
                                         for row in right.iter_rows(named=True))
    assert dict(zip(counted.get_column("id").to_list(), counted.get_column("candidates").to_list(), strict=True)) == expected
    assert len(set(expected.values())) > 1   # the classes differ in what they match


def test_when_the_columns_fill_more_than_one_packed_word_then_classes_still_count_every_row_they_match():
    """Forty columns (two bits for two values, three for five) need 84 bits, so the values travel in two words."""
    rng = random.Random(21)
    columns = [f"c{i}" for i in range(40)]

    def frame(rows: int) -> pl.DataFrame:
        data = {c: [None if rng.random() < 0.03 else rng.choice("ab" if i < 36 else "abcde") for _ in range(rows)]
                for i, c in enumerate(columns)}
        return pl.DataFrame(data, schema={c: pl.Utf8 for c in columns}).with_row_index(ROW)

    left, right = frame(40), frame(60)
    right = pl.concat([right, left.head(5).with_columns(pl.col(ROW) + 1000)])   # some classes surely match
    classes = _classes(left, columns, 0)
    counted = _candidates([classes], [right.with_columns(pl.lit(0, pl.Int64).alias("__deid_case"))], columns)
    expected = {cls["__deid_id"]: sum(all(cls[c] is None or row[c] is None or cls[c] == row[c] for c in columns)
                                      for row in right.iter_rows(named=True)) for cls in classes.iter_rows(named=True)}
    assert dict(zip(counted.get_column("id").to_list(), counted.get_column("candidates").to_list(), strict=True)) == expected
    assert any(expected.values())


# --- packed rows, grouped once per side (issue 16) ---------------------------------------------------------


def _coded(rng: random.Random, rows: int, spread: list[list[int]], blank_share: float) -> list[pl.Series]:
    return [pl.Series(f"c{i}", [None if rng.random() < blank_share else rng.choice(codes) for _ in range(rows)], pl.UInt32)
            for i, codes in enumerate(spread)]


def _attacker(mine: list[pl.Series], theirs: list[pl.Series]) -> list[int]:
    """Per row of `mine`: the rows of `theirs` agreeing on every column, a blank on either side agreeing with anything."""
    left, right = list(zip(*(s.to_list() for s in mine), strict=True)), list(zip(*(s.to_list() for s in theirs), strict=True))
    return [sum(all(x is None or y is None or x == y for x, y in zip(row, other, strict=True)) for other in right) for row in left]


@pytest.mark.parametrize("seed, blank_share, spread", [
    (31, 0.0, [[0, 1, 2]] * 3),
    (32, 0.3, [[0, 1, 2], [0, 1], [0, 4, 7, 9]]),
    (33, 0.6, [[0, 1]] * 4),
    (34, 0.2, [[0, 1, 5000]] * 5 + [[0, 1]] * 4),   # 5 x 14 bits: the values travel in two words, the blank sets apart
    (35, 0.2, []),                                   # nothing shared: every row matches every row
])
def test_when_rows_are_packed_then_each_class_counts_the_rows_an_attacker_would_match(seed: int, blank_share: float,
                                                                                      spread: list[list[int]]) -> None:
    from deid.risk.linkage import _packed_matches, _packed_rows, _pair_packing

    rng = random.Random(seed)
    mine, theirs = _coded(rng, 70, spread, blank_share), _coded(rng, 90, spread, blank_share)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    assert len(words) == (2 if seed == 34 else 1)
    left = _packed_rows(pl.Series(ROW, range(70), pl.UInt32), mine, words)
    right = _packed_rows(pl.Series(ROW, range(90), pl.UInt32), theirs, words)
    values = [c for c in left.columns if c != ROW]
    found = _packed_matches(left.select(values).unique(), right.group_by(values).agg(pl.len().alias("__deid_n")), words)
    got = left.join(found, on=values, how="left").sort(ROW).get_column("candidates").to_list()
    assert got == (_attacker(mine, theirs) if spread else [90] * 70)


@pytest.mark.parametrize("seed", [41, 42])
def test_when_only_watched_rows_are_measured_then_a_class_holding_an_unwatched_row_is_left_out(seed: int) -> None:
    """Measuring again after a step, a class counts only when every row in it was at risk last time."""
    from deid.risk.linkage import _count_packed, _packed_rows, _pair_packing

    rng = random.Random(seed)
    spread = [[0, 1, 2], [0, 1]]
    mine, theirs = _coded(rng, 60, spread, 0.2), _coded(rng, 40, spread, 0.2)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    left = _packed_rows(pl.Series(ROW, range(60), pl.UInt32), mine, words)
    right = _packed_rows(pl.Series(ROW, range(40), pl.UInt32), theirs, words)
    watched = pl.Series(ROW, [i for i in range(60) if rng.random() < 0.7], pl.UInt32)
    count, linkable, at_risk = _count_packed("a", "b", left, right, words, watched, 3, 0.1)
    matches = _attacker(mine, theirs)
    keys = list(zip(*(s.to_list() for s in mine), strict=True))
    kept = [i for i in range(60) if all(j in set(watched.to_list()) for j in range(60) if keys[j] == keys[i])]
    assert sorted(at_risk.to_list()) == [i for i in kept if matches[i] < 3]
    assert sorted(linkable.to_list()) == [i for i in kept if 1 <= matches[i] < 3]
    assert (count.rows, count.linked_uniquely, count.linkable, count.unmatched) == \
        (60, sum(matches[i] == 1 for i in kept), len(linkable), sum(matches[i] == 0 for i in kept))
    everything, *_ = _count_packed("a", "b", left, right, words, None, 3, 0.1)
    assert everything.linkable == sum(1 <= m < 3 for m in matches) >= count.linkable


def test_when_the_other_side_is_packed_as_before_then_kept_counts_are_reused_and_only_new_classes_are_counted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from deid.risk import linkage
    from deid.risk.linkage import KeptMatches, _known_matches, _packed_matches, _packed_rows, _pair_packing

    rng = random.Random(51)
    spread = [[0, 1, 2], [0, 1, 2, 3]]
    mine, theirs = _coded(rng, 50, spread, 0.0), _coded(rng, 60, spread, 0.2)   # blanks in `mine` are new classes
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    right = _packed_rows(pl.Series(ROW, range(60), pl.UInt32), theirs, words)
    values = [c for c in right.columns if c != ROW]
    counted: list[int] = []

    def counting(classes: pl.DataFrame, rows: pl.DataFrame, packing: list[list[int]]) -> pl.DataFrame:
        counted.append(classes.height)
        return _packed_matches(classes, rows, packing)

    monkeypatch.setattr(linkage, "_packed_matches", counting)

    def fresh(classes: pl.DataFrame, rows: pl.DataFrame) -> dict[tuple[int, ...], int]:
        found = _packed_matches(classes, rows.group_by(values).agg(pl.len().alias("__deid_n")), words)
        return {tuple(r[:-1]): r[-1] for r in found.iter_rows()}

    kept: KeptMatches = {}
    first = _packed_rows(pl.Series(ROW, range(50), pl.UInt32), mine, words).select(values).unique()
    _known_matches(first, right, words, kept, ("a", "b"))
    blanked = [mine[0].scatter([0, 1, 2], None), mine[1]]   # a step blanks a few cells of `mine`
    second = _packed_rows(pl.Series(ROW, range(50), pl.UInt32), blanked, words).select(values).unique()
    found = _known_matches(second, right, words, kept, ("a", "b"))
    new = second.join(first, on=values, how="anti").height
    assert counted == [first.height, new] and 0 < new < second.height
    got = {tuple(r[:-1]): r[-1] for r in second.join(found, on=values, how="left").iter_rows()}
    assert got == fresh(second, right)
    fewer = right.head(40)   # the other side changed: everything is counted again
    assert {tuple(r[:-1]): r[-1] for r in second.join(_known_matches(second, fewer, words, kept, ("a", "b")), on=values,
                                                      how="left").iter_rows()} == fresh(second, fewer)
    assert counted[-1] == second.height


@pytest.mark.parametrize("seed, withheld", [(61, False), (62, True)])
def test_when_the_other_side_changes_in_a_few_rows_then_kept_counts_are_brought_up_to_date_by_counting_the_change(
        monkeypatch: pytest.MonkeyPatch, seed: int, withheld: bool) -> None:
    """A blanking step changes a few rows of one extract: the other's classes count those rows as they went
    and as they came, not every row again, and end with the counts a fresh count gives."""
    from deid.risk import linkage
    from deid.risk.linkage import KeptMatches, _known_matches, _packed_matches, _packed_rows, _pair_packing

    rng = random.Random(seed)
    spread = [[0, 1, 2], [0, 1, 2, 3], [0, 1]]
    mine, theirs = _coded(rng, 80, spread, 0.1), _coded(rng, 90, spread, 0.2)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    ids = pl.Series(ROW, range(90), pl.UInt32)
    before = _packed_rows(ids, theirs, words)
    values = [c for c in before.columns if c != ROW]
    classes = _packed_rows(pl.Series(ROW, range(80), pl.UInt32), mine, words).select(values).unique()
    kept: KeptMatches = {}
    _known_matches(classes, before, words, kept, ("a", "b"))
    after = _packed_rows(ids, [theirs[0].scatter([0, 5, 9], None), theirs[1].scatter([5, 7], None), theirs[2]], words)
    if withheld:
        after = after.filter(~pl.col(ROW).is_in([3, 4]))
    counted: list[int] = []

    def counting(found: pl.DataFrame, rows: pl.DataFrame, packing: list[list[int]]) -> pl.DataFrame:
        counted.append(int(rows.get_column("__deid_n").abs().sum()))
        return _packed_matches(found, rows, packing)

    monkeypatch.setattr(linkage, "_packed_matches", counting)
    found = _known_matches(classes, after, words, kept, ("a", "b"))
    assert counted and counted[0] <= 2 * 4 + 2   # the rows that changed, before and after (and those withheld)
    monkeypatch.undo()
    fresh = _packed_matches(classes, after.group_by(values).agg(pl.len().alias("__deid_n")), words)
    assert classes.join(found, on=values, how="left").sort(values).equals(classes.join(fresh, on=values, how="left").sort(values))


def test_when_classes_and_rows_are_counted_in_chunks_of_their_parts_then_each_class_counts_what_it_counts_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from deid.risk import linkage
    from deid.risk.linkage import _packed_matches, _packed_rows, _pair_packing

    rng = random.Random(71)
    spread = [list(range(12)), [0, 1, 2], [0, 1, 2, 3]]   # the first column is never blank: it parts the matching
    mine, theirs = _coded(rng, 300, spread, 0.2), _coded(rng, 400, spread, 0.2)
    mine[0], theirs[0] = mine[0].fill_null(0), theirs[0].fill_null(1)
    words = _pair_packing(list(zip(mine, theirs, strict=True)))
    left = _packed_rows(pl.Series(ROW, range(300), pl.UInt32), mine, words)
    right = _packed_rows(pl.Series(ROW, range(400), pl.UInt32), theirs, words)
    values = [c for c in left.columns if c != ROW]
    classes, rows = left.select(values).unique(), right.group_by(values).agg(pl.len().alias("__deid_n"))
    whole = _packed_matches(classes, rows, words).sort(values)
    monkeypatch.setattr(linkage, "CHUNK_ROWS", 50)
    chunked = _packed_matches(classes, rows, words).sort(values)
    assert chunked.equals(whole) and whole.get_column("candidates").n_unique() > 1
    got = left.join(chunked, on=values, how="left").sort(ROW).get_column("candidates").to_list()
    assert got == _attacker(mine, theirs)


@pytest.mark.parametrize("seed, blank_share", [(81, 0.0), (82, 0.3)])
def test_when_rows_are_blanked_then_shares_worked_out_from_those_before_equal_the_shares_of_the_blanked_values(
        seed: int, blank_share: float) -> None:
    from deid.risk.linkage import _as_pair_codes, _blanked_shares, _shares

    rng = random.Random(seed)
    mine = pl.Series("age", [None if rng.random() < blank_share else rng.choice(["20-24", "25-29", "30-34", "35-39"])
                             for _ in range(200)], pl.Utf8)
    theirs = pl.Series("age", [None if rng.random() < blank_share else rng.choice(["20-24", "25-29", "40-44"])
                               for _ in range(150)], pl.Utf8)
    rows = pl.Series([rng.random() < 0.2 or value == "35-39" for value in mine.to_list()])  # a value goes entirely
    blanked = pl.select(pl.when(rows).then(None).otherwise(mine)).to_series().rename("age")
    got = _blanked_shares((_shares(mine, theirs), _shares(theirs, mine)), _as_pair_codes(mine, theirs), rows)
    assert got[0].equals(_shares(blanked, theirs).rename(got[0].name))
    assert got[1].equals(_shares(theirs, blanked).rename(got[1].name))
