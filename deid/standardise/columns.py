"""Run a per-value parser over a column once per distinct value (names and addresses repeat)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl


def parse_unique(values: pl.Series, parse: Callable[[Any], Any], columns: tuple[str, ...]) -> pl.DataFrame:
    """`parse` each distinct value once and join the named attributes back in row order."""
    uniques = values.unique()
    rows = [{"__key": value, **{c: getattr(parsed, c) for c in columns}} for value in uniques for parsed in (parse(value),)]
    table = pl.DataFrame(rows, schema={"__key": values.dtype, **{c: pl.Utf8 for c in columns}})
    return pl.DataFrame({"__key": values}).join(table, on="__key", how="left", nulls_equal=True, maintain_order="left").drop("__key")
