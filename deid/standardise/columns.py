"""Run a per-value parser over a column once per distinct value (names and addresses repeat).

Large columns with many distinct values are parsed in worker processes, one chunk each,
so a million addresses use both cores of the machine.
"""
from __future__ import annotations

import multiprocessing
import operator
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import polars as pl

PARALLEL_FROM = 100_000  # distinct values; below this, starting workers costs more than it saves
_worker_parse: Callable[[Any], Any] | None = None


def _start_worker(parse: Callable[[Any], Any]) -> None:
    global _worker_parse
    _worker_parse = parse


def _fields(columns: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The named attributes of a parsed value, as a tuple (`attrgetter` of one name gives the bare value)."""
    if len(columns) == 1:
        return lambda parsed: (getattr(parsed, columns[0]),)
    return operator.attrgetter(*columns)


def _parse_chunk(chunk: list[Any], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    assert _worker_parse is not None
    return list(map(_fields(columns), map(_worker_parse, chunk)))


def _parse_all(uniques: list[Any], parse: Callable[[Any], Any], columns: tuple[str, ...], workers: int) -> list[tuple[Any, ...]]:
    if workers <= 1 or len(uniques) < PARALLEL_FROM:
        return list(map(_fields(columns), map(parse, uniques)))
    size = -(-len(uniques) // (workers * 4))
    chunks = [uniques[i:i + size] for i in range(0, len(uniques), size)]
    context = multiprocessing.get_context("spawn")  # never fork a process that holds polars or DuckDB threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(parse,)) as pool:
        results = pool.map(_parse_chunk, chunks, [columns] * len(chunks))
        return [row for part in results for row in part]


def parse_unique(values: pl.Series, parse: Callable[[Any], Any], columns: tuple[str, ...],
                 workers: int | None = None) -> pl.DataFrame:
    """`parse` each distinct value once and join the named attributes back in row order.

    Args:
        workers: processes for many distinct values (default: the machine's cores). `parse`
            must be picklable (a bound method of a parser object is).
    """
    uniques = values.unique().to_list()
    rows = _parse_all(uniques, parse, columns, workers if workers is not None else (os.cpu_count() or 1))
    fields = zip(*rows, strict=True) if rows else ([] for _ in columns)
    table = pl.DataFrame([pl.Series(c, field, dtype=pl.Utf8) for c, field in zip(columns, fields, strict=True)]).with_columns(
        pl.Series("__key", uniques, dtype=values.dtype))
    return pl.DataFrame({"__key": values}).join(table, on="__key", how="left", nulls_equal=True, maintain_order="left").drop("__key")
