"""A column of addresses parsed once per shape gives exactly what parsing each value gives (hand-written cases)."""
from __future__ import annotations

import random

import polars as pl
import pytest

from deid.standardise import AddressParser
from deid.standardise.address import ADDRESS_COLUMNS

# Hand-written here; each shape with its numbers varied below.
SHAPES = [
    "12 Queen St, Petone 5012", "12 Queen St Petone5012", "Flat 3, 15A Smith St, Mt Eden, Auckland 1024",
    "2/15a smith street mt eden auckland", "13 Omahu Road, Unit 6B, Hastings 4120", "40 Tawa St Flat 2 Gisborne 4010",
    "PO Box 1234, Wellington 6140", "Priv. Bag 2023, Hamilton 3240", "P/Bag 12 Rotorua", "PO Box 77",
    "9 Hill Rd, RD 3, Ohaupo 3882", "9 Hill Rd RD 02 Ohaupo", "R.D. 12, Te Puke 3182", "RD2 Kaikohe 0472",
    "1040 State Highway 2, RD 1, Te Puke 3182", "55 SH 1, Taupō 3330", "5 Rata St, Glen Massey, Ngaruawahia 3793",
    "22 Beach Rd Papamoa Beach 3118", "3 Main Rd, Yaldhurst, Christchurch 8042", "12 Queen St 5012 5012",
    "1/2/3/4/5/6/7/8/9/10 Queen St", "Level 3, 100 Willis Street, Wellington 6011", "see notes", "", "   ",
    "14 Smith Street mystery gully somewhere", "12-14 Queen St, Petone 5012", "Unit 3 12 Queen St , Petone 5012 ,",
    "007 Main Rd, Kaikohe 0405", "12 QUEEN ST, PETONE, LOWER HUTT 5012",
]


def _varied(rng: random.Random, text: str) -> str:
    import re

    head, tail = (text[:-4], text[-4:]) if re.search(r"\b[0-9]{4}$", text) else (text, "")
    return re.sub(r"[0-9]+", lambda m: str(rng.randint(0, 10 ** rng.randint(1, 4))).zfill(rng.choice([1, len(m.group())])), head) + tail


def _counting_parser(standards) -> tuple[AddressParser, list[str | None]]:
    """A parser that lists every value it parses on its own."""
    calls: list[str | None] = []

    class Counting(AddressParser):
        def parse(self, raw):  # type: ignore[no-untyped-def]
            calls.append(raw)
            return super().parse(raw)

    return Counting(standards.address, standards.geography), calls


@pytest.fixture(scope="module")
def parser(standards):
    return AddressParser(standards.address, standards.geography)


def test_when_a_column_is_parsed_by_shape_then_every_row_equals_parsing_the_value(parser):
    rng = random.Random(19)
    values = [*SHAPES, None, *(_varied(rng, rng.choice(SHAPES)) for _ in range(600))]
    got = parser.parse_series(pl.Series("address", values, dtype=pl.Utf8))
    assert got.columns == list(ADDRESS_COLUMNS) and got.height == len(values)
    for value, row in zip(values, got.iter_rows(named=True), strict=True):
        assert row == parser.parse(value).as_dict(), value


def test_when_addresses_differ_only_in_their_numbers_then_the_shape_is_parsed_once(standards):
    parser, calls = _counting_parser(standards)
    values = pl.Series("address", [f"{n} Queen St, Petone 5012" for n in range(1, 2000)] + ["7 Queen St, Petone 5011"])
    got = parser.parse_series(values)
    assert len(calls) == 2
    assert got["street_number"].to_list()[:3] == ["1", "2", "3"] and got["postcode"][-1] == "5011"
    assert got["address_key"][0] == "||1||queen|street||petone|lower hutt|5012||||"



def test_when_a_later_column_repeats_shapes_then_they_are_not_parsed_again_and_every_row_is_the_same(standards):
    """A run standardises each provider's file on its own; a shape read for one is remembered for the next."""
    parser, calls = _counting_parser(standards)
    rng = random.Random(7)
    first = [_varied(rng, text) for text in SHAPES]
    second = [_varied(rng, text) for text in SHAPES] + ["3 Kowhai Tce, Petone 5012"]
    parser.parse_series(pl.Series("address", first, dtype=pl.Utf8))
    before = len(calls)
    got = parser.parse_series(pl.Series("address", second, dtype=pl.Utf8))
    shaped = [raw for raw in calls[before:] if raw is not None and "Kowhai" in raw]
    assert shaped and len(calls) - before < len(second) // 2   # the new shape, and only the values parsed one by one
    fresh = AddressParser(standards.address, standards.geography)
    for value, row in zip(second, got.iter_rows(named=True), strict=True):
        assert row == fresh.parse(value).as_dict(), value

def test_when_an_rd_number_has_a_leading_zero_then_it_is_read_as_a_number(parser):
    got = parser.parse_series(pl.Series("address", ["9 Hill Rd RD 02 Ohaupo", "9 Hill Rd RD 2 Ohaupo"]))
    assert got["rd_number"].to_list() == ["2", "2"]


def test_when_the_previous_implementation_runs_then_its_output_is_the_same(parser):
    rng = random.Random(7)
    values = pl.Series("address", [_varied(rng, rng.choice(SHAPES)) for _ in range(300)])
    assert parser.parse_series(values).equals(parser.parse_series_by_value(values))


def test_when_later_columns_bring_keys_with_more_numbers_then_earlier_shapes_still_read_the_same(standards):
    """The remembered table widens for keys with more numbers; shapes remembered before read as they did."""
    parser = AddressParser(standards.address, standards.geography)
    few = ["12 Queen St, Petone 5012", "PO Box 77", "see notes", None]
    many = ["Flat 3, 15A Smith St, Mt Eden, Auckland 1024", "9 Hill Rd, RD 3, Ohaupo 3882", "1040 State Highway 2, RD 1, Te Puke 3182"]
    fresh = AddressParser(standards.address, standards.geography)
    for column in (few, many, [*few, *many], ["7 Queen St, Petone 5012", "Flat 9, 2B Smith St, Mt Eden, Auckland 1024"]):
        got = parser.parse_series(pl.Series("address", column, dtype=pl.Utf8))
        for value, row in zip(column, got.iter_rows(named=True), strict=True):
            assert row == fresh.parse(value).as_dict(), value


def test_when_columns_are_parsed_side_by_side_in_threads_then_each_is_what_it_is_alone(standards):
    """Mapped tasks may standardise submissions in threads that share one parser."""
    from concurrent.futures import ThreadPoolExecutor

    parser = AddressParser(standards.address, standards.geography)
    rng = random.Random(11)
    columns = [pl.Series("address", [_varied(rng, rng.choice(SHAPES)) for _ in range(400)]) for _ in range(6)]
    with ThreadPoolExecutor(3) as pool:
        got = list(pool.map(parser.parse_series, columns))
    alone = AddressParser(standards.address, standards.geography)
    for column, frame in zip(columns, got, strict=True):
        assert frame.equals(alone.parse_series_by_value(column))


@pytest.mark.parametrize("values", [[], [None, None], ["", "  "], ["see notes", None]])
def test_when_a_column_has_no_readable_shape_then_each_row_is_still_what_parsing_it_gives(standards, values):
    parser = AddressParser(standards.address, standards.geography)
    column = pl.Series("address", values, dtype=pl.Utf8)
    assert parser.parse_series(column).equals(parser.parse_series_by_value(column))
