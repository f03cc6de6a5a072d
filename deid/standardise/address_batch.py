"""A column of addresses parsed once per *shape*, not once per value.

Addresses that differ only in their numbers (house, unit, box, RD; not the postcode, which
decides the place) are read the same way, so the column is reduced to its shapes: every
digit run before the postcode becomes a placeholder of the same length that names its
position (`1`, `2`, `3`...: the run's index plus one; where a number's length changes the reading,
as after RD or SH, the placeholder keeps the length: `10`, `200`). Each distinct
shape is parsed once by `AddressParser.parse`; each output field is then a literal with at
most one placeholder, and the row's own digits are put back in polars, vectorised. A shape
the parser reads in any other way (its postcode not where polars found it, a field with two
numbers, more than nine numbers) is parsed value by value instead, so the result is always
the same as `parse` on every value (tests/standardise/test_address_batch.py checks that).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import re
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import polars as pl

from deid.standardise.address import ADDRESS_COMPONENTS
from deid.standardise.columns import parse_unique
from deid.standards import fold

if TYPE_CHECKING:
    from deid.standardise.address import AddressParser

# The trailing postcode, as AddressParser._postcode_re finds it; kept as written because it places the address.
_POSTCODE_TAIL = r"\b[0-9]{4}[\s,]*$"
_RUN = re.compile(r"[0-9]+")
# Where a number's length changes the reading (RD 1-2 digits, State Highway 1-3): such shapes keep each run's length;
# elsewhere every run is one placeholder digit, so "7 Rata St" and "2907 Rata St" are one shape.
_LENGTH_MATTERS = r"(?i)r\.?\s?d\.?\s*[0-9]|(?:highway|sh)\s*[0-9]"
_MAX_RUNS = 9
PARALLEL_SHAPES_FROM = 30_000  # below this, starting worker processes costs more than it saves
_KEY = "address_key"
_SEP = "\x1f"        # between a shape and its postcode; neither holds it
# The components read from the writer's text, where the writer's numbers may appear (never the postcode, kept as written).
_COMPONENTS = ADDRESS_COMPONENTS
_NUMBERED = frozenset(_COMPONENTS) - {"postcode"}


def _canonical(shape: str) -> tuple[str, list[int]] | None:
    """The shape with its i-th run of zeros replaced by str(i + 1) and zeros; None past nine runs."""
    lengths: list[int] = []

    def name(match: re.Match[str]) -> str:
        lengths.append(len(match.group()))
        return f"{len(lengths)}{'0' * (len(match.group()) - 1)}"

    text = _RUN.sub(name, shape)
    return (text, lengths) if len(lengths) <= _MAX_RUNS else None


def _split_field(value: str, lengths: list[int]) -> tuple[str, int, str] | None:
    """(prefix, run index, suffix) of a value holding exactly one placeholder, or None when it holds another number."""
    runs = list(_RUN.finditer(value))
    if len(runs) != 1:
        return None
    run = runs[0].group()
    index = int(run[0]) - 1
    if run[0] == "0" or index >= len(lengths) or run != f"{index + 1}{'0' * (lengths[index] - 1)}":
        return None
    return value[: runs[0].start()], index, value[runs[0].end():]


_Piece = tuple[str | None, int | None, str | None]   # (prefix, run index, suffix); a literal when the index is None
# The address key as literals between the row's numbers: (literals, [(run index, is RD)]), or None for no key.
_KeyPlan = tuple[list[str], list[tuple[int, bool]]] | None


def _shape_spec(parser: AddressParser, shape: str, tail: str,
                columns: tuple[str, ...]) -> tuple[list[_Piece], _KeyPlan] | None:
    """How to rebuild each column and the address key from the row's digits; None when the shape must be
    parsed value by value."""
    canonical = _canonical(shape)
    if canonical is None:
        return None
    text, lengths = canonical
    written = text + tail
    found = parser._postcode_re.search(" ".join(written.split()))
    if (found.group("pc") if found else "") != "".join(tail.split()).strip(","):
        return None
    parsed = parser.parse(written)
    pieces: list[_Piece] = []
    for column in columns:
        value = getattr(parsed, column)
        if column not in _NUMBERED or not value or not _RUN.search(value):
            pieces.append((value, None, None))
            continue
        split = _split_field(value, lengths)
        if split is None:
            return None
        pieces.append(split)
    if parsed.address_key is None:
        return pieces, None
    literals, runs, current = [], [], ""
    for position, column in enumerate(_COMPONENTS):
        value = getattr(parsed, column)
        folded = fold(value) if value else ""
        current += "|" if position else ""
        if column not in _NUMBERED or not _RUN.search(folded):
            current += folded
            continue
        split = _split_field(folded, lengths)
        if split is None:
            return None
        literals.append(current + str(split[0]))
        runs.append((int(split[1] or 0), column == "rd_number"))
        current = str(split[2])
    literals.append(current)
    return pieces, (literals, runs)


def _number(index: pl.Expr, rd: pl.Expr | bool) -> pl.Expr:
    """The row's run at `index`; an RD number read as a number ("RD 02" is RD 2)."""
    run = pl.col("__runs").list.get(index, null_on_oob=True)
    stripped = run.str.strip_chars_start("0")
    as_number = pl.when(stripped == "").then(pl.lit("0")).otherwise(stripped)
    if isinstance(rd, bool):
        return as_number if rd else run
    return pl.when(rd).then(as_number).otherwise(run)


def _rebuilt(column: str, rd: bool) -> pl.Expr:
    return (pl.when(pl.col(f"{column}:idx").is_null()).then(pl.col(f"{column}:pre"))
            .otherwise(pl.concat_str([pl.col(f"{column}:pre"), _number(pl.col(f"{column}:idx"), rd),
                                      pl.col(f"{column}:suf")])))


_Spec = tuple[list[_Piece], _KeyPlan] | None
_worker_parser: AddressParser | None = None


def _start_worker(parser: AddressParser) -> None:
    global _worker_parser
    _worker_parser = parser


def _specs_of(keys: list[str], columns: tuple[str, ...], parser: AddressParser | None = None) -> list[_Spec]:
    parser = parser or _worker_parser
    assert parser is not None
    out: list[_Spec] = []
    collecting = gc.isenabled()
    gc.disable()  # many small tuples and nothing cyclic: the collector would only rescan them
    try:
        for key in keys:
            shape, _, tail = key.rpartition(_SEP)
            out.append(_shape_spec(parser, shape, tail, columns))
    finally:
        if collecting:
            gc.enable()
    return out


SHAPES_REMEMBERED = 250_000   # specs a parser keeps between columns (a 200-provider quarter repeats ~90% of its shapes)
# per parser (not on it: a parser is pickled for the worker processes, its memory need not be)
_SPECS: weakref.WeakKeyDictionary[AddressParser, dict[tuple[str, ...], dict[str, _Spec]]] = weakref.WeakKeyDictionary()


def _remembered(parser: AddressParser, columns: tuple[str, ...]) -> dict[str, _Spec]:
    """The specs this parser has worked out for `columns`, kept on the parser: a run standardises each
    submission's column on its own (mapped tasks), and the same streets recur across providers, so a
    shape read for one file is not read again for the next. A spec depends only on the parser, the
    shape and the columns, so a remembered one is the one `_shape_spec` would make."""
    return _SPECS.setdefault(parser, {}).setdefault(columns, {})


def _specs_for(parser: AddressParser, keys: list[str], columns: tuple[str, ...], workers: int | None) -> list[_Spec]:
    """Each shape's spec, remembered from earlier columns where it can be, else worked out: in worker
    processes when there are many new shapes (a million varied addresses has ~10^5)."""
    known = _remembered(parser, columns)
    new = [key for key in keys if key not in known]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(new) < PARALLEL_SHAPES_FROM:
        made = _specs_of(new, columns, parser)
    else:
        size = -(-len(new) // (workers * 2))
        chunks = [new[i:i + size] for i in range(0, len(new), size)]
        context = multiprocessing.get_context("spawn")  # never fork a process that holds polars threads
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(parser,)) as pool:
            made = [spec for part in pool.map(_specs_of, chunks, [columns] * len(chunks)) for spec in part]
    found = dict(zip(new, made, strict=True))
    if len(known) + len(found) <= SHAPES_REMEMBERED:
        known.update(found)
    return [found[key] if key in found else known[key] for key in keys]


def parse_address_column(parser: AddressParser, values: pl.Series, columns: tuple[str, ...],
                         parse_values: Callable[[pl.Series], pl.DataFrame] | None = None,
                         workers: int | None = None) -> pl.DataFrame:
    """Parse a column of addresses once per shape into `columns` (row order kept).

    Args:
        parser: the address parser; its `parse` reads each shape.
        values: the addresses (strings; nulls allowed).
        columns: the output columns, `ParsedAddress` attribute names.
        parse_values: parses a column value by value (default `parse_unique` with `parser.parse`), for
            the shapes that cannot be rebuilt from their digits.
        workers: processes for many shapes (default: the machine's cores).

    Returns:
        One row per value, with `columns`.
    """
    per_value = parse_values or (lambda column: parse_unique(column, parser.parse, columns))
    frame = pl.DataFrame({"__raw": values.cast(pl.Utf8)}).with_columns(
        pl.col("__raw").str.extract(f"({_POSTCODE_TAIL})").fill_null("").alias("__tail"))
    head = pl.col("__raw").str.slice(0, pl.col("__raw").str.len_chars() - pl.col("__tail").str.len_chars())
    frame = frame.with_columns(head.alias("__head")).with_columns(
        pl.col("__head").str.extract_all("[0-9]+").alias("__runs"),
        pl.concat_str([pl.when(pl.col("__head").str.contains(_LENGTH_MATTERS))
                       .then(pl.col("__head").str.replace_all("[0-9]", "0"))
                       .otherwise(pl.col("__head").str.replace_all("[0-9]+", "0")), pl.lit(_SEP), pl.col("__tail")])
        .alias("__shape"))
    shapes = frame.get_column("__shape").drop_nulls().unique()
    built = _specs_for(parser, shapes.to_list(), columns, workers)
    ids = frame.select("__shape").join(pl.DataFrame({"__shape": shapes, "__id": range(len(shapes))}),
                                       on="__shape", how="left", maintain_order="left").get_column("__id")
    ok = pl.Series([spec is not None for spec in built], dtype=pl.Boolean).gather(ids).fill_null(False)
    table: dict[str, pl.Series] = {"__runs": frame.get_column("__runs")}
    exprs: list[pl.Expr] = []
    for position, column in enumerate(columns):
        if column == _KEY:
            continue
        pieces = [spec[0][position] if spec is not None else (None, None, None) for spec in built]
        table[f"{column}:pre"] = pl.Series([p[0] for p in pieces], dtype=pl.Utf8).gather(ids)
        if all(p[1] is None for p in pieces):  # never a number here: the literal alone
            exprs.append(pl.col(f"{column}:pre").alias(column))
            continue
        table[f"{column}:idx"] = pl.Series([p[1] for p in pieces], dtype=pl.Int64).gather(ids)
        table[f"{column}:suf"] = pl.Series([p[2] for p in pieces], dtype=pl.Utf8).gather(ids)
        exprs.append(_rebuilt(column, rd=column == "rd_number").alias(column))
    if _KEY in columns:
        plans = [spec[1] if spec is not None else None for spec in built]
        slots = max((len(plan[1]) for plan in plans if plan is not None), default=0)
        parts: list[pl.Expr] = []
        for j in range(slots + 1):
            table[f"key:lit{j}"] = pl.Series([(plan[0][j] if j < len(plan[0]) else "") if plan is not None else None
                                              for plan in plans], dtype=pl.Utf8).gather(ids)
            parts.append(pl.col(f"key:lit{j}"))
            if j == slots:
                break
            table[f"key:idx{j}"] = pl.Series([plan[1][j][0] if plan is not None and j < len(plan[1]) else None
                                              for plan in plans], dtype=pl.Int64).gather(ids)
            table[f"key:rd{j}"] = pl.Series([plan is not None and j < len(plan[1]) and plan[1][j][1] for plan in plans],
                                            dtype=pl.Boolean).gather(ids)
            parts.append(_number(pl.col(f"key:idx{j}"), pl.col(f"key:rd{j}")).fill_null(""))
        exprs.append(pl.concat_str(parts).alias(_KEY))
    rebuilt = pl.DataFrame(table).select(exprs)
    out = rebuilt.select(columns).with_row_index("__row").filter(ok)
    slow_rows = frame.with_row_index("__row").filter(~ok)
    if slow_rows.height:
        parsed = per_value(slow_rows.get_column("__raw")).with_columns(slow_rows.get_column("__row"))
        out = pl.concat([out, parsed.select("__row", *columns)])
    return out.sort("__row").drop("__row")
