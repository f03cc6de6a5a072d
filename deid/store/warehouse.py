"""The one place that holds a DuckDB connection and runs SQL.

Every statement is logged at DEBUG with the step it belongs to; a failure is
re-raised as `WarehouseError` naming the step and carrying the SQL. The store's
table modules (`deid.store.*`) hold the named queries; stages call those.
"""
from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import duckdb
import polars as pl

from deid.errors import WarehouseDamagedError, WarehouseError

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

log = logging.getLogger(__name__)

Row = tuple[Any, ...]

TABLE_EXISTS_SQL = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
COLUMN_EXISTS_SQL = "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?"
INCOMING = "__deid__incoming"


def table_schema(columns: Mapping[str, PolarsDataType]) -> pl.Schema:
    """A table's column types, in order (a typed `pl.Schema` for the store's tables)."""
    return pl.Schema(columns)


def quote_identifier(name: str) -> str:
    """Quote a column or table name for DuckDB; provider headers reach SQL only through here."""
    return '"' + str(name).replace('"', '""') + '"'


def _damaged(path: Path | str, exc: Exception) -> WarehouseDamagedError:
    return WarehouseDamagedError(
        f"the warehouse {path} cannot be opened ({str(exc).splitlines()[0]}). If it is damaged, "
        "move it aside and restore the last backup; raw submissions in secure/raw/ let a run "
        "rebuild every quarter")


class Warehouse:
    """A DuckDB database (file or in-memory) with logged, step-named execution."""

    def __init__(self, path: Path | str = ":memory:", *, threads: int = 2, memory_limit: str = "4GB"):
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        try:
            self.con = duckdb.connect(str(path), config={"threads": threads, "memory_limit": memory_limit})
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise WarehouseError(f"the warehouse {path} is in use by another process; wait for it to finish") from None
            raise _damaged(path, exc) from None
        except duckdb.Error as exc:
            raise _damaged(path, exc) from None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, step: str, sql: str, params: Sequence[Any] | None = None) -> list[Row]:
        """Run one statement and fetch its rows (an unread result would block the connection)."""
        log.debug("step %s: %s", step, sql)
        try:
            return self.con.execute(sql, params or []).fetchall()
        except duckdb.Error as exc:
            raise WarehouseError(f"warehouse step '{step}' failed: {exc}\nSQL: {sql}") from exc

    def scalar(self, step: str, sql: str, params: Sequence[Any] | None = None) -> Any:
        """Run a query that returns one value (a count) and return it."""
        return self.execute(step, sql, params)[0][0]

    def frame(self, step: str, sql: str, params: Sequence[Any] | None = None) -> pl.DataFrame:
        """Run a query and return its result as a polars frame."""
        log.debug("step %s: %s", step, sql)
        try:
            result: pl.DataFrame = self.con.sql(sql, params=list(params or [])).pl()
        except duckdb.Error as exc:
            raise WarehouseError(f"warehouse step '{step}' failed: {exc}\nSQL: {sql}") from exc
        return result

    def append_frame(self, step: str, table: str, frame: pl.DataFrame) -> None:
        """Append rows to `table`, creating it from the frame's schema if needed."""
        name = quote_identifier(table)
        self.con.register(INCOMING, frame.to_arrow())
        try:
            if self.scalar(step, TABLE_EXISTS_SQL, [table]):
                self.execute(step, f"INSERT INTO {name} BY NAME SELECT * FROM {INCOMING}")
            else:
                self.execute(step, f"CREATE TABLE {name} AS SELECT * FROM {INCOMING}")
        finally:
            self.con.unregister(INCOMING)

    def replace_frame(self, step: str, table: str, frame: pl.DataFrame) -> None:
        """Create or replace `table` with the frame's rows."""
        self.con.register(INCOMING, frame.to_arrow())
        try:
            self.execute(step, f"CREATE OR REPLACE TABLE {quote_identifier(table)} AS SELECT * FROM {INCOMING}")
        finally:
            self.con.unregister(INCOMING)

    @contextlib.contextmanager
    def registered(self, view: str, frame: pl.DataFrame) -> Iterator[str]:
        """Expose a frame to SQL as `view` for the duration of the block."""
        self.con.register(view, frame.to_arrow())
        try:
            yield view
        finally:
            self.con.unregister(view)

    @contextlib.contextmanager
    def transaction(self, step: str) -> Iterator[None]:
        """All statements in the block commit together, or none do."""
        self.execute(step, "BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.execute(step, "COMMIT")

    def has_table(self, table: str) -> bool:
        return bool(self.scalar("has_table", TABLE_EXISTS_SQL, [table]))

    def has_column(self, table: str, column: str) -> bool:
        return bool(self.scalar("has_column", COLUMN_EXISTS_SQL, [table, column]))


def _sql_text(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _fsync(path: Path, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _table_counts(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, int]:
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY ALL",
                         [catalog]).fetchall()
    return {f"{schema}.{table}": int(con.execute(
        f"SELECT count(*) FROM {catalog}.{quote_identifier(schema)}.{quote_identifier(table)}").fetchone()[0])  # type: ignore[index]
        for schema, table in tables}


def rewrite_database(path: Path) -> dict[str, int]:
    """Copy a closed database's live rows into a fresh file that takes its place; returns its sizes before and after.

    DuckDB deletes a row by marking it: its values stay in the file's blocks until they happen to be
    reused, so a deleted NHI can still be read from the file's bytes. A fresh copy holds only live
    rows. The copy is checked table by table (same tables, same row counts), synced to disk, and
    renamed over the old file, which stays open read-only (so no other process can write to it)
    until the rename is done; its blocks are then overwritten with zeros before the file system
    frees them (copy-on-write file systems and SSDs may still keep old blocks on the device).
    The caller holds the state folder's run lock.

    Raises:
        WarehouseError: the copy could not be made or does not match (the old file is left as it was).
    """
    path = Path(path)
    fresh = path.with_name(f".{path.name}.rewrite-{uuid.uuid4().hex[:12]}")
    leftovers = (path.with_name(path.name + ".wal"), fresh.with_name(fresh.name + ".wal"))
    before = path.stat().st_size
    mode = path.stat().st_mode & 0o777
    try:
        duckdb.connect(str(path)).close()   # anything still in the write-ahead log goes into the file first
        con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "4GB"})   # as the warehouse's own
        try:
            con.execute("SET enable_progress_bar = false")   # a long copy must not draw on stdout (it may be --json)
            con.execute(f"ATTACH {_sql_text(path)} AS old_db (READ_ONLY)")
            con.execute(f"ATTACH {_sql_text(fresh)} AS fresh_db")
            con.execute("COPY FROM DATABASE old_db TO fresh_db")
            con.execute("CHECKPOINT fresh_db")
            old_counts, new_counts = _table_counts(con, "old_db"), _table_counts(con, "fresh_db")
            con.execute("DETACH fresh_db")
            if old_counts != new_counts:
                raise WarehouseError(f"the rewritten copy of {path} does not hold the same rows "
                                     f"({old_counts} against {new_counts}); the warehouse was left as it was")
            if any(wal.exists() for wal in leftovers):
                raise WarehouseError(f"a write-ahead log beside {path} is still there; the warehouse was left as it was. "
                                     "Make sure no other process has it open and dispose again")
            _fsync(fresh)
            os.chmod(fresh, mode)
            with path.open("r+b") as old_file:
                os.replace(fresh, path)
                _fsync(path.parent, directory=True)
                con.execute("DETACH old_db")
                overwrite_with_zeros(old_file, before)
        finally:
            con.close()
    except duckdb.Error as exc:
        raise WarehouseError(f"the warehouse {path} could not be rewritten ({str(exc).splitlines()[0]}); "
                             "it was left as it was") from exc
    finally:
        for leftover in (fresh, leftovers[1]):
            leftover.unlink(missing_ok=True)
    return {"bytes_before": before, "bytes_after": path.stat().st_size}


def overwrite_with_zeros(handle: BinaryIO, size: int) -> None:
    """Write zeros over an open file's first `size` bytes and sync them (before its blocks are freed)."""
    block = bytes(1 << 20)
    handle.seek(0)
    for start in range(0, size, len(block)):
        handle.write(block[:min(len(block), size - start)])
    handle.flush()
    os.fsync(handle.fileno())
