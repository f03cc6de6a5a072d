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
