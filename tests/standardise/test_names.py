import pytest

from deid.standardise import NameParser


@pytest.mark.parametrize("raw, given, family, key", [
    ("TE KANAWA, Aroha Mere", "Aroha Mere", "Te Kanawa", "tekanawa|arohamere"),
    ("aroha te kanawa", "Aroha", "Te Kanawa", "tekanawa|aroha"),
    ("Mr Wiremu Parata", "Wiremu", "Parata", "parata|wiremu"),
    ("SEAN MCDONALD", "Sean", "McDonald", "mcdonald|sean"),
    ("mary o'brien", "Mary", "O'Brien", "obrien|mary"),
    ("Ngāire  van der  Berg", "Ngāire", "van der Berg", "vanderberg|ngaire"),
    ("Hēmi Tūhoe-Smith", "Hēmi", "Tūhoe-Smith", "tuhoesmith|hemi"),
    ("Hemi Tuhoe-Smith", "Hemi", "Tuhoe-Smith", "tuhoesmith|hemi"),
    ("PARATA, Mere", "Mere", "Parata", "parata|mere"),
    # Issue 19: particles after a title, and Pacific, Filipino, Portuguese and Arabic particles (hand-written here).
    ("Mr. De Leon", None, "De Leon", "deleon|"),
    ("Dr. Te Huia", None, "Te Huia", "tehuia|"),
    ("Dr Aroha Te Huia", "Aroha", "Te Huia", "tehuia|aroha"),
    ("Fa'amoe Ah Kuoi", "Fa'amoe", "Ah Kuoi", "ahkuoi|faamoe"),
    ("Losa Ah Chong", "Losa", "Ah Chong", "ahchong|losa"),
    ("Maria Cristina Dela Cruz", "Maria Cristina", "Dela Cruz", "delacruz|mariacristina"),
    ("Jose De los Reyes", "Jose", "De los Reyes", "delosreyes|jose"),
    ("Mrs Abu Bakr", None, "Abu Bakr", "abubakr|"),
    ("Ana Dos Santos", "Ana", "Dos Santos", "dossantos|ana"),
    ("Mr Wiremu", None, "Wiremu", "wiremu|"),
])
def test_when_parsing_names_then_parts_case_and_key_are_standard(standards, raw, given, family, key):
    parsed = NameParser(standards.names).parse(raw)
    assert (parsed.given_names, parsed.family_name, parsed.match_key) == (given, family, key)


def test_when_macrons_differ_then_match_keys_agree_and_display_keeps_them(standards):
    parser = NameParser(standards.names)
    with_macrons, without = parser.parse("Tūī Pōmare"), parser.parse("TUI POMARE")
    assert with_macrons.match_key == without.match_key
    assert with_macrons.display_name == "Tūī Pōmare"


def _random_name_rows(rng):
    """Rows of (whole name, given, family) as providers write them: parts or a whole name, cased any way,
    with titles, preferred names, commas, particles, macrons, blanks and nulls."""
    given = ["Aroha Mere", "WIREMU", "mary", "Hēmi", "Fa'amoe", "Tama (Tom)", 'Margaret "Peggy"', "Dr Aroha", "Mr.",
             "Sean-Paul", "  ngaire  ", "PARATA, Mere", "(Bill)", "", " ", ",", "Mere,", "o'neil", "Ana Maria"]
    family = ["Te Kanawa", "MCDONALD", "van der berg", "Tūhoe-Smith", "O'BRIEN", "ah kuoi", "", " ", "De Leon", "Smith,",
              "macdonald", "Dela Cruz", "Ngata"]
    full = ["TE KANAWA, Aroha Mere", "aroha te kanawa", "Mr Wiremu Parata", "Tama (Tom) Ngata", "Mr. De Leon", "",
            "Wiremu \"Bill\" Parata", "Mr", "PARATA,", "Hēmi Tūhoe-Smith"]
    rows = []
    for _ in range(3000):
        pick = rng.random()
        f = rng.choice([*full, None]) if pick < 0.4 else rng.choice([None, None, "", *full])
        g = rng.choice([*given, None]) if pick > 0.2 else None
        s = rng.choice([*family, None]) if pick > 0.3 else None
        rows.append((f, g, s))
    return rows


def test_when_name_columns_are_parsed_at_once_then_each_row_is_what_parsing_it_gives(standards):
    """Rows with both parts are read part by part; the rest whole; every row as `parse` reads it."""
    import random

    import polars as pl

    from deid.standardise.names import PART_COLUMNS

    parser = NameParser(standards.names)
    rows = _random_name_rows(random.Random(3))
    got = parser.parse_columns(*(pl.Series(c, [r[i] for r in rows], dtype=pl.Utf8) for i, c in enumerate("fgs")))
    assert got.columns == list(PART_COLUMNS) and got.height == len(rows)
    fresh = NameParser(standards.names)   # nothing remembered from the column
    for (f, g, s), row in zip(rows, got.iter_rows(named=True), strict=True):
        f, g, s = f or None, g or None, s or None
        parsed = fresh.parse(f, given=g, family=s) if (g or s) else fresh.parse(f)
        assert row == {c: getattr(parsed, c) for c in PART_COLUMNS}, (f, g, s)


def test_when_no_row_has_both_parts_or_every_row_has_then_the_columns_still_come_back_in_row_order(standards):
    import polars as pl

    parser = NameParser(standards.names)
    empty = pl.Series([], dtype=pl.Utf8)
    assert parser.parse_columns(empty, empty, empty).height == 0
    whole = parser.parse_columns(pl.Series(["PARATA, Mere", None]), pl.Series([None, None], dtype=pl.Utf8),
                                 pl.Series([None, None], dtype=pl.Utf8))
    assert whole.rows() == [("Mere", "Parata", "Mere Parata", "parata|mere"), (None, None, None, None)]
    parts = parser.parse_columns(pl.Series([None, None], dtype=pl.Utf8), pl.Series(["mere", "Dr."]), pl.Series(["PARATA", "."]))
    assert parts.rows() == [("Mere", "Parata", "Mere Parata", "parata|mere"), ("Dr", None, "Dr", "|dr")]
