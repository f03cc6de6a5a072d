"""The one place that holds a DuckDB connection and runs SQL.

Every statement is logged at DEBUG with the step it belongs to; a failure is
re-raised as `WarehouseError` naming the step and carrying the SQL.
"""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any, Sequence

import duckdb
import polars as pl

from deid.errors import WarehouseDamagedError, WarehouseError

log = logging.getLogger(__name__)


def quote_identifier(name: str) -> str:
    """Quote a column or table name for DuckDB; provider headers reach SQL only through here."""
    return '"' + str(name).replace('"', '""') + '"'


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
            raise WarehouseDamagedError(f"the warehouse {path} cannot be opened ({str(exc).splitlines()[0]}). If it is damaged, "
                                 "move it aside and restore the last backup; raw submissions in secure/raw/ let a run "
                                 "rebuild every quarter") from None
        except duckdb.Error as exc:
            raise WarehouseDamagedError(f"the warehouse {path} cannot be opened ({str(exc).splitlines()[0]}). If it is damaged, "
                                 "move it aside and restore the last backup; raw submissions in secure/raw/ let a run "
                                 "rebuild every quarter") from None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, step: str, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        """Run one statement and fetch its rows (an unread result would block the connection)."""
        log.debug("step %s: %s", step, sql)
        try:
            return self.con.execute(sql, params or []).fetchall()
        except duckdb.Error as exc:
            raise WarehouseError(f"warehouse step '{step}' failed: {exc}\nSQL: {sql}") from exc

    def frame(self, step: str, sql: str, params: Sequence[Any] | None = None) -> pl.DataFrame:
        """Run a query and return its result as a polars frame."""
        log.debug("step %s: %s", step, sql)
        try:
            return self.con.sql(sql, params=list(params or [])).pl()
        except duckdb.Error as exc:
            raise WarehouseError(f"warehouse step '{step}' failed: {exc}\nSQL: {sql}") from exc

    def append_frame(self, step: str, table: str, frame: pl.DataFrame) -> None:
        """Append rows to `table`, creating it from the frame's schema if needed."""
        name = quote_identifier(table)
        self.con.register("__deid__incoming", frame.to_arrow())
        try:
            exists = self.execute(step, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])[0][0]
            if exists:
                self.execute(step, f"INSERT INTO {name} BY NAME SELECT * FROM __deid__incoming")
            else:
                self.execute(step, f"CREATE TABLE {name} AS SELECT * FROM __deid__incoming")
        finally:
            self.con.unregister("__deid__incoming")

    def replace_frame(self, step: str, table: str, frame: pl.DataFrame) -> None:
        """Create or replace `table` with the frame's rows."""
        self.con.register("__deid__incoming", frame.to_arrow())
        try:
            self.execute(step, f"CREATE OR REPLACE TABLE {quote_identifier(table)} AS SELECT * FROM __deid__incoming")
        finally:
            self.con.unregister("__deid__incoming")

    @contextlib.contextmanager
    def registered(self, view: str, frame: pl.DataFrame):
        """Expose a frame to SQL as `view` for the duration of the block."""
        self.con.register(view, frame.to_arrow())
        try:
            yield view
        finally:
            self.con.unregister(view)

    @contextlib.contextmanager
    def transaction(self, step: str):
        """All statements in the block commit together, or none do."""
        self.execute(step, "BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.execute(step, "COMMIT")

    def has_table(self, table: str) -> bool:
        return bool(self.execute("has_table", "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])[0][0])
