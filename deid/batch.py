"""The batch convention shared by `deid` commands: --in FILE --column NAME --out FILE.

Input is CSV (read as text, so codes and leading zeros survive) or Parquet. The output
keeps every input column in order and appends the result columns; its format follows
the --out extension (.csv, .parquet or .jsonl). Text written to CSV is neutralised against
formula injection (`deid.safe_text`); Parquet and JSON lines keep values as they are.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from deid.errors import DeidError
from deid.safe_text import neutralise_frame

OUTPUT_FORMATS = (".csv", ".parquet", ".jsonl")


class BatchError(DeidError):
    """A batch input or output that cannot be used, named by file and column."""


def read_batch_input(path: Path, column: str) -> pl.DataFrame:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise BatchError(f"{path}: no such file")
    try:
        if suffix == ".parquet":
            frame = pl.read_parquet(path)
        elif suffix in {".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods"}:
            # as the pipeline reads providers' files: any encoding and delimiter, a title row above the header
            from deid.ingest.readers import SOURCE_ROW, SOURCE_SHAPE, read_tables

            frame = read_tables(path.read_bytes(), path.name)[0].frame
            frame = frame.drop([c for c in (SOURCE_ROW, SOURCE_SHAPE) if c in frame.columns])
        else:
            raise BatchError(f"{path}: input must be .csv, .txt, .tsv, .xlsx, .xls, .ods or .parquet")
    except pl.exceptions.PolarsError as exc:
        raise BatchError(f"{path}: not readable as {suffix.lstrip('.')} ({type(exc).__name__})") from None
    except DeidError as exc:
        raise BatchError(f"{path}: {exc}") from None
    if column not in frame.columns:
        raise BatchError(f"{path}: no column '{column}'; the columns are {', '.join(frame.columns)}")
    return frame


def write_batch_output(frame: pl.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise BatchError(f"{path}: output must end in {', '.join(OUTPUT_FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        neutralise_frame(frame).write_csv(path)   # safe to open in a spreadsheet (`deid.safe_text`)
    elif suffix == ".parquet":
        frame.write_parquet(path)
    else:
        frame.write_ndjson(path)


def run_batch(source: Path, column: str, target: Path, standardise: Callable[[pl.Series], pl.DataFrame]) -> int:
    """Append `standardise(frame[column])`'s columns to the input and write it; returns the row count.

    A result column whose name is already an input column is written as `<name>_<column>`.
    """
    frame = read_batch_input(source, column)
    values = frame.get_column(column)
    result = standardise(values.cast(pl.Utf8) if values.dtype != pl.Utf8 else values)
    result = result.rename({c: f"{c}_{column}" for c in result.columns if c in frame.columns})
    write_batch_output(pl.concat([frame, result], how="horizontal"), target)
    return frame.height
