import pytest

from deid.standardise import is_valid_ird, is_valid_nhi, nhi_check_character


@pytest.mark.parametrize("nhi, valid", [
    ("ZZZ0016", True), ("ZAC5361", True), ("ABC12DS", True), ("ZSC21TN", True),
    ("zzz0016", True), ("ZZZ 0016", True), ("zsc 21tn", True),
    ("ZZZ0044", False), ("ABC12DV", False), ("ZZZ0017", False),
    ("IZZ0016", False), ("OZZ0016", False), ("ZZ0016", False), ("", False), (None, False),
])
def test_nhi_check_characters(standards, nhi, valid):
    assert is_valid_nhi(nhi, standards.identifiers) is valid


@pytest.mark.parametrize("ird, valid", [
    ("49091850", True), ("136410132", True), ("49-091-850", True), ("136 410 132", True),
    ("136410133", False), ("9125568", False), ("abcdefgh", False), (None, False),
])
def test_ird_check_digits(standards, ird, valid):
    assert is_valid_ird(ird, standards.identifiers) is valid


def test_when_completing_a_prefix_then_the_check_character_validates(standards):
    assert nhi_check_character("ZZZ001", standards.identifiers) == "6"
    assert nhi_check_character("ABC12D", standards.identifiers) == "S"
    assert nhi_check_character("ZZZ004", standards.identifiers) is None  # sum divisible by 11: no valid NHI


def _random_identifiers(rng, letters):
    import string

    values = []
    for _ in range(20_000):
        kind = rng.random()
        if kind < 0.3:
            value = "".join(rng.choice(letters) for _ in range(3)) + "".join(rng.choice(string.digits) for _ in range(4))
        elif kind < 0.6:
            value = ("".join(rng.choice(letters) for _ in range(3)) + "".join(rng.choice(string.digits) for _ in range(2))
                     + "".join(rng.choice(letters) for _ in range(2)))
        elif kind < 0.85:
            value = str(rng.randint(1_000_000, 160_000_000))
            if len(value) == 9 and rng.random() < 0.5:
                value = f"{value[:3]}-{value[3:6]} {value[6:]}"
        else:
            value = "".join(rng.choice(string.ascii_letters + string.digits + " -") for _ in range(rng.randint(0, 10)))
        values.append(value.lower() if rng.random() < 0.2 else value)
    return [*values, None]


def test_when_a_whole_column_is_checked_then_each_value_gets_the_scalar_answer(standards):
    import random

    import polars as pl

    from deid.standardise.identifiers import ird_valid_series, nhi_valid_series

    ids = standards.identifiers
    values = _random_identifiers(random.Random(11), ids.nhi.letters)
    column = pl.Series(values)
    assert nhi_valid_series(column, ids).to_list() == [None if v is None else is_valid_nhi(v, ids) for v in values]
    assert ird_valid_series(column, ids).to_list() == [None if v is None else is_valid_ird(v, ids) for v in values]
    assert sum(nhi_valid_series(column, ids).fill_null(False)) > 300 and sum(ird_valid_series(column, ids).fill_null(False)) > 300


def test_when_a_column_is_normalised_and_checked_at_once_then_each_value_gets_the_scalar_answers(standards):
    """Printable ASCII goes through polars; anything else (other scripts, whitespace only Python counts) value by value."""
    import random

    import polars as pl

    from deid.standardise.identifiers import (
        normalise_ird,
        normalise_nhi,
        normalised_ird_series,
        normalised_nhi_series,
    )

    ids = standards.identifiers
    rng = random.Random(23)
    odd = ["\x1c", "\u00a0", "\u2003", "\t", "\n", "ß", "ｊ", "１", "٣", "é", "İ"]
    values = _random_identifiers(rng, ids.nhi.letters)
    values += [v[:i] + rng.choice(odd) + v[i:] for v in values[:3000] if v for i in [rng.randint(0, len(v))]]
    values += ["", " ", "-", " - ", "ABC1235\n", "１２３４５６７８"]
    column = pl.Series("nhi", values, dtype=pl.Utf8)
    nhi, nhi_ok = normalised_nhi_series(column, ids)
    assert nhi.to_list() == [normalise_nhi(v) for v in values]
    assert nhi_ok.to_list() == [v is not None and is_valid_nhi(normalise_nhi(v), ids) for v in values]
    ird, ird_ok = normalised_ird_series(column, ids)
    assert ird.to_list() == [normalise_ird(v) for v in values]
    assert ird_ok.to_list() == [v is not None and is_valid_ird(normalise_ird(v), ids) for v in values]
    assert sum(nhi_ok) > 300 and sum(ird_ok) > 300 and nhi.name == "nhi"
