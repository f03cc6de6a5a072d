"""Figures the linkage control keeps or works out cheaply between steps (codes of a blanked column, packed sides,
counts of a few classes or rows) must be exactly those it would work out afresh."""
from __future__ import annotations

import random

import polars as pl
import pytest

from deid.risk import linkage
from deid.risk.linkage import _as_pair_codes, _blanked_codes, _packed_matches, _packed_rows, _pair_packing


def _texts(rng: random.Random, values: list[str], rows: int, blank_share: float) -> pl.Series:
    return pl.Series("age", [None if rng.random() < blank_share else rng.choice(values) for _ in range(rows)], pl.Utf8)


@pytest.mark.parametrize("seed, blank_share, first", [(1, 0.0, True), (2, 0.3, True), (3, 0.3, False), (4, 0.9, True)])
def test_when_rows_are_blanked_then_codes_worked_out_from_those_before_equal_the_codes_of_the_blanked_texts(
        seed: int, blank_share: float, first: bool) -> None:
    """Codes are the texts' ranks over both sides: they stay while every text is held and close up over one no
    row holds any more ('35-39', held only by the blanked side, goes entirely in some rows' blanking)."""
    rng = random.Random(seed)
    mine = _texts(rng, ["20-24", "25-29", "30-34", "35-39"], 200, blank_share)
    theirs = _texts(rng, ["20-24", "25-29", "40-44"], 150, blank_share)
    rows = pl.Series([rng.random() < 0.2 or (first and value == "35-39") for value in mine.to_list()])
    blanked = pl.select(pl.when(rows).then(None).otherwise(mine)).to_series().rename("age")
    got = _blanked_codes(_as_pair_codes(mine, theirs), rows)
    expected = _as_pair_codes(blanked, theirs)
    assert got[0].equals(expected[0]) and got[1].equals(expected[1])
    assert got[0].name == expected[0].name and got[1].name == expected[1].name


def _packed(rng: random.Random, rows: int, columns: int, blank_share: float) -> list[pl.Series]:
    return [pl.Series(f"c{i}", [None if rng.random() < blank_share else rng.randrange(3 if i % 3 else 8) for _ in range(rows)],
                      pl.UInt32) for i in range(columns)]


@pytest.mark.parametrize("seed, columns, blank_share, few, many", [
    (11, 4, 0.0, 3, 400), (12, 4, 0.3, 400, 5), (13, 30, 0.2, 1, 300), (14, 30, 0.5, 300, 2), (15, 6, 0.95, 7, 250)])
def test_when_a_side_has_few_members_then_comparing_each_with_every_other_counts_what_the_joins_count(
        monkeypatch: pytest.MonkeyPatch, seed: int, columns: int, blank_share: float, few: int, many: int) -> None:
    """Thirty columns need more than one packed word; rows carry weights, negative for rows that went (`_row_changes`)."""
    rng = random.Random(seed)
    left, right = _packed(rng, few, columns, blank_share), _packed(rng, many, columns, blank_share)
    words = _pair_packing(list(zip(left, right, strict=True)))
    assert (len(words) > 1) == (columns > 20)
    classes = _packed_rows(pl.Series("r", range(few), pl.UInt32), left, words).drop(linkage.ROW).unique()
    rows = (_packed_rows(pl.Series("r", range(many), pl.UInt32), right, words).drop(linkage.ROW)
            .with_columns(pl.Series("__deid_n", [rng.choice([-1, 1, 2]) for _ in range(many)], pl.Int64)))
    values = list(classes.columns)
    quick = _packed_matches(classes, rows, words).sort(values)
    monkeypatch.setattr(linkage, "FEW", 0)
    joined = _packed_matches(classes, rows, words).sort(values)
    assert quick.equals(joined)
    assert (joined.get_column("candidates") != 0).any() or columns > 20   # thirty columns rarely all agree
