"""A column of addresses parsed once per *shape*, not once per value.

Addresses that differ only in their numbers (house, unit, box, RD; not the postcode, which
decides the place) are read the same way, so the column is reduced to its shapes: every
digit run before the postcode becomes a placeholder of the same length that names its
position (`1`, `2`, `3`...: the run's index plus one; where a number's length changes the reading,
as after RD or SH, the placeholder keeps the length: `10`, `200`). Each distinct
shape is parsed once by `AddressParser.parse`; each output field is then a literal with at
most one placeholder, and the row's own digits are put back in polars, vectorised. A parser
keeps the shapes it has read as a table (`_ShapeTable`), so a later column only gathers the rows
of the shapes it shares with earlier ones. A shape
the parser reads in any other way (its postcode not where polars found it, a field with two
numbers, more than nine numbers) is parsed value by value instead, so the result is always
the same as `parse` on every value (tests/standardise/test_address_batch.py checks that).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import re
import threading
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


SHAPES_REMEMBERED = 250_000   # shapes a parser keeps between columns (a 200-provider quarter repeats ~90% of its shapes)


def _table_schema(columns: tuple[str, ...], slots: int) -> dict[str, pl.DataType]:
    """The columns of a shape table: per output column its literal, run index and suffix (`_Piece`), and
    the address key as `slots` runs between literals; `__ok` says whether the shape can be rebuilt."""
    schema: dict[str, pl.DataType] = {"__ok": pl.Boolean()}
    for column in columns:
        if column == _KEY:
            continue
        schema[f"{column}:pre"] = pl.Utf8()
        if column in _NUMBERED:
            schema[f"{column}:idx"] = pl.Int64()
            schema[f"{column}:suf"] = pl.Utf8()
    if _KEY in columns:
        schema["key:has"] = pl.Boolean()
        for j in range(slots):
            schema.update({f"key:lit{j}": pl.Utf8(), f"key:idx{j}": pl.Int64(), f"key:rd{j}": pl.Boolean()})
        schema[f"key:lit{slots}"] = pl.Utf8()
    return schema


def _table_row(spec: _Spec, columns: tuple[str, ...], slots: int, width: int) -> list[object]:
    """A spec as one row of `_table_schema(columns, slots)` (`width` columns; a key's unused slots null, read as empty)."""
    if spec is None:
        return [False, *[None] * (width - 1)]
    pieces, plan = spec
    row: list[object] = [True]
    for column, (pre, index, suffix) in zip(columns, pieces, strict=True):
        if column == _KEY:
            continue
        row.extend((pre, index, suffix) if column in _NUMBERED else (pre,))
    if _KEY in columns:
        row.append(plan is not None)
        literals, runs = plan if plan is not None else ([], [])
        for j in range(slots):
            row.extend((literals[j] if j < len(literals) else None, *(runs[j] if j < len(runs) else (None, None))))
        row.append(literals[slots] if slots < len(literals) else None)
    return row


class _ShapeTable:
    """The specs a parser has worked out for `columns`, one row per shape in a polars table: a run
    standardises each submission's column on its own (mapped tasks, maybe side by side in threads) and
    the same streets recur across providers, so a shape read for one file is neither read nor turned
    into columns again for the next; a column's rows are gathered from the table. A spec depends only
    on the parser, the shape and the columns, so a remembered row is the one the shape would make."""

    def __init__(self, columns: tuple[str, ...]):
        self.columns = columns
        self.lock = threading.Lock()
        self.slots = 0
        self.frame = pl.DataFrame(schema=_table_schema(columns, 0))
        self.position: dict[str, int] = {}

    def rows_for(self, parser: AddressParser, shapes: list[str], workers: int | None) -> tuple[pl.DataFrame, list[int]]:
        """A table holding every one of `shapes` (distinct), and each shape's row in it."""
        with self.lock:
            new = [shape for shape in shapes if shape not in self.position]
            if not new:
                return self.frame, [self.position[shape] for shape in shapes]
            made = _specs_made(parser, new, self.columns, workers)
            slots = max([self.slots, *(len(spec[1][1]) for spec in made if spec is not None and spec[1] is not None)])
            schema = _table_schema(self.columns, slots)
            frame = self.frame
            if slots > self.slots:   # older shapes have fewer runs in their key: the new slots are empty for them
                frame = frame.with_columns(pl.lit(None, dtype).alias(name) for name, dtype in schema.items()
                                           if name not in frame.columns).select(list(schema))
            rows = [_table_row(spec, self.columns, slots, len(schema)) for spec in made]
            added = pl.DataFrame([pl.Series(name, values, dtype=dtype)
                                  for (name, dtype), values in zip(schema.items(), zip(*rows, strict=True), strict=True)])
            frame = pl.concat([frame, added], rechunk=False)
            if frame.n_chunks() > 4:   # gathering from many chunks costs more than joining them now and then
                frame = frame.rechunk()
            found = dict(zip(new, range(self.frame.height, frame.height), strict=True))
            if frame.height <= SHAPES_REMEMBERED:
                self.frame, self.slots = frame, slots
                self.position.update(found)
            return frame, [found[shape] if shape in found else self.position[shape] for shape in shapes]


# per parser (not on it: a parser is pickled for the worker processes, its memory need not be)
_TABLES: weakref.WeakKeyDictionary[AddressParser, dict[tuple[str, ...], _ShapeTable]] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def _shape_table(parser: AddressParser, columns: tuple[str, ...]) -> _ShapeTable:
    """This parser's table for `columns`, made on first use (once, whichever thread asks first)."""
    with _TABLES_LOCK:
        return _TABLES.setdefault(parser, {}).setdefault(columns, _ShapeTable(columns))


def _specs_made(parser: AddressParser, new: list[str], columns: tuple[str, ...], workers: int | None) -> list[_Spec]:
    """Each new shape's spec: in worker processes when there are many (a million varied addresses has ~10^5)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(new) < PARALLEL_SHAPES_FROM:
        return _specs_of(new, columns, parser)
    size = -(-len(new) // (workers * 2))
    chunks = [new[i:i + size] for i in range(0, len(new), size)]
    context = multiprocessing.get_context("spawn")  # never fork a process that holds polars threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(parser,)) as pool:
        return [spec for part in pool.map(_specs_of, chunks, [columns] * len(chunks)) for spec in part]


def _rebuilt_columns(table: pl.DataFrame, columns: tuple[str, ...]) -> tuple[list[str], list[pl.Expr]]:
    """The shape table's columns worth gathering (those with a value for some shape), and each output
    column from them and the row's own digits (`__runs`); a column no shape fills reads as null, a
    run index no shape has as no number (as `_rebuilt` and `_number` read nulls)."""
    live = [name for name, nulls in zip(table.columns, table.null_count().row(0), strict=True)
            if nulls < table.height or name == "__ok"]   # `__ok` always: the gathered rows keep the column's length
    kept = set(live)

    def col(name: str) -> pl.Expr:
        return pl.col(name) if name in kept else pl.lit(None, dtype=table.schema[name]).alias(name)

    exprs: list[pl.Expr] = []
    for column in columns:
        if column == _KEY:
            continue
        if f"{column}:idx" in kept:
            exprs.append(_rebuilt(column, rd=column == "rd_number").alias(column))
        else:
            exprs.append(col(f"{column}:pre").alias(column))
    if _KEY in columns:
        slots = sum(name.startswith("key:idx") for name in table.columns)
        parts: list[pl.Expr] = []
        for j in range(slots):
            parts.append(col(f"key:lit{j}").fill_null(""))
            if f"key:idx{j}" in kept:
                parts.append(_number(pl.col(f"key:idx{j}"), col(f"key:rd{j}")).fill_null(""))
        parts.append(col(f"key:lit{slots}").fill_null(""))
        exprs.append(pl.when(col("key:has")).then(pl.concat_str(parts)).alias(_KEY))
    return live, exprs


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
    table, positions = _shape_table(parser, columns).rows_for(parser, shapes.to_list(), workers)
    rows = frame.select("__shape").join(pl.DataFrame({"__shape": shapes, "__pos": pl.Series(positions, dtype=pl.UInt32)}),
                                        on="__shape", how="left", maintain_order="left").get_column("__pos")
    live, exprs = _rebuilt_columns(table, columns)
    looked = table.select(pl.col(live).gather(rows)).with_columns(frame.get_column("__runs"))
    ok = looked.get_column("__ok").fill_null(False)
    out = looked.select(exprs).select(columns).with_row_index("__row").filter(ok)
    slow_rows = frame.with_row_index("__row").filter(~ok)
    if slow_rows.height:
        parsed = per_value(slow_rows.get_column("__raw")).with_columns(slow_rows.get_column("__row"))
        out = pl.concat([out, parsed.select("__row", *columns)])
    return out.sort("__row").drop("__row")
