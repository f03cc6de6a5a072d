"""What left the secure zone: the release register (`release_register`), what each release was made
from (`release_inputs`), the aggregate cells each release hid (`released_hidden_cells`), and every
released cell's truth, shown value and anchor (`released_cell_values`, for `deid.aggregate.rerelease`)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl

from deid.store.warehouse import Warehouse, table_schema

RELEASE_REGISTER = "release_register"
RELEASE_INPUTS = "release_inputs"
RELEASED_HIDDEN_CELLS = "released_hidden_cells"
RELEASED_CELL_VALUES = "released_cell_values"
RETRACTED_RELEASES = "retracted_release_register"   # register rows of releases retracted before they were sent

RELEASE_REGISTER_SCHEMA = table_schema({
    "run_id": pl.Utf8, "quarter": pl.Utf8, "released_at": pl.Datetime("us", "UTC"), "path": pl.Utf8,
    "audience": pl.Utf8, "purpose": pl.Utf8, "description": pl.Utf8, "rows": pl.Int64, "sha256": pl.Utf8,
    "providers": pl.List(pl.Utf8)})
RELEASE_INPUTS_SCHEMA = table_schema({"run_id": pl.Utf8, "quarter": pl.Utf8, "inputs_key": pl.Utf8, "summary": pl.Utf8})
RELEASED_CELLS_SCHEMA = table_schema({"table_name": pl.Utf8, "scope": pl.Utf8, "identity": pl.Utf8, "run_id": pl.Utf8,
                                   "quarter": pl.Utf8})
RELEASED_CELL_VALUES_SCHEMA = table_schema({
    "table_name": pl.Utf8, "scope": pl.Utf8, "identity": pl.Utf8, "cell": pl.Utf8, "value": pl.Int64,
    "contributors": pl.Int64, "published": pl.Int64, "anchor_value": pl.Int64, "anchor_contributors": pl.Int64,
    "run_id": pl.Utf8, "quarter": pl.Utf8, "recorded_at": pl.Datetime("us", "UTC")})

RUN_REGISTERED_SQL = f"SELECT 1 FROM {RELEASE_REGISTER} WHERE run_id = ? LIMIT 1"
REGISTERED_RUNS_SQL = f"SELECT DISTINCT run_id FROM {RELEASE_REGISTER}"
EARLIER_RELEASES_SQL = f"SELECT * FROM {RELEASE_REGISTER} WHERE quarter = ? AND run_id <> ? ORDER BY released_at, path"
RELEASED_SUMMARY_SQL = f"""
    SELECT i.summary FROM {RELEASE_INPUTS} i
    WHERE i.quarter = ? AND i.inputs_key = ?
      AND i.run_id IN (SELECT run_id FROM {RELEASE_REGISTER})
    ORDER BY i.run_id DESC LIMIT 1"""
HIDDEN_CELLS_SQL = f"SELECT DISTINCT identity FROM {RELEASED_HIDDEN_CELLS} WHERE table_name = ? AND scope = ?"
LATEST_CELL_VALUES_SQL = f"""
    SELECT identity, cell, value, contributors, published, anchor_value, anchor_contributors
    FROM {RELEASED_CELL_VALUES} WHERE table_name = ? AND scope = ?
    QUALIFY row_number() OVER (PARTITION BY identity ORDER BY recorded_at DESC, run_id DESC) = 1"""
COUNTING_RELEASES_SQL = (f"SELECT DISTINCT run_id, quarter, path, audience, description FROM {RELEASE_REGISTER} "
                         "WHERE run_id IN (SELECT unnest(?::VARCHAR[])) AND (path LIKE 'aggregates/%' OR audience = ?) "
                         "ORDER BY run_id, path")


def is_registered(warehouse: Warehouse, run_id: str) -> bool:
    """Whether the register lists any file of this run (so its release folder was released)."""
    return warehouse.has_table(RELEASE_REGISTER) and bool(warehouse.execute("release_registered", RUN_REGISTERED_SQL, [run_id]))


def registered_runs(warehouse: Warehouse) -> set[str]:
    """Every run whose release the register lists, or listed until it was retracted (`retract_release`)."""
    runs = {str(row[0]) for row in warehouse.execute("registered_runs", REGISTERED_RUNS_SQL)} \
        if warehouse.has_table(RELEASE_REGISTER) else set()
    return runs | retracted_runs(warehouse)


def retracted_runs(warehouse: Warehouse) -> set[str]:
    """Runs whose release was retracted before it was sent."""
    if not warehouse.has_table(RETRACTED_RELEASES):
        return set()
    return {str(row[0]) for row in warehouse.execute("retracted_runs", f"SELECT DISTINCT run_id FROM {RETRACTED_RELEASES}")}


def retract_release(warehouse: Warehouse, run_id: str) -> int:
    """Take a release that was never sent off the register (its rows kept in `RETRACTED_RELEASES`), with the cells it
    hid and showed: later runs no longer measure against it, keep its hidden cells hidden or tell providers it used
    their data. Returns the number of register rows moved (0: the run's release is not on the register)."""
    if not warehouse.has_table(RELEASE_REGISTER):
        return 0
    rows = warehouse.frame("retracted_rows", f"SELECT * FROM {RELEASE_REGISTER} WHERE run_id = ?", [run_id])
    if rows.is_empty():
        return 0
    with warehouse.transaction("retract_release"):
        warehouse.append_frame("retract_release", RETRACTED_RELEASES, rows)
        warehouse.execute("unregister_release", f"DELETE FROM {RELEASE_REGISTER} WHERE run_id = ?", [run_id])
        for table in (RELEASED_HIDDEN_CELLS, RELEASED_CELL_VALUES):
            if warehouse.has_table(table):
                warehouse.execute("retract_cells", f"DELETE FROM {table} WHERE run_id = ?", [run_id])
    return rows.height


def register_files(warehouse: Warehouse, rows: Sequence[dict[str, Any]]) -> int:
    """Add one register row per released file (columns of `RELEASE_REGISTER_SCHEMA`)."""
    warehouse.append_frame("register_release", RELEASE_REGISTER, pl.DataFrame(list(rows), schema=RELEASE_REGISTER_SCHEMA))
    return len(rows)


def other_runs_releases(warehouse: Warehouse, quarter: str, run_id: str) -> list[dict[str, Any]]:
    """Register rows of every other run's release for the quarter, oldest first."""
    if not warehouse.has_table(RELEASE_REGISTER):
        return []
    return warehouse.frame("earlier_releases", EARLIER_RELEASES_SQL, [quarter, run_id]).to_dicts()


def releases_counting(warehouse: Warehouse, run_ids: Sequence[str], provider: str) -> list[dict[str, Any]]:
    """Files of these runs' releases that counted their records: aggregates, and the provider's own outputs."""
    if not run_ids or not warehouse.has_table(RELEASE_REGISTER):
        return []
    return warehouse.frame("access_counted", COUNTING_RELEASES_SQL, [list(run_ids), f"provider:{provider}"]).to_dicts()


def record_release_inputs(warehouse: Warehouse, run_id: str, quarter: str, inputs_key: str, summary: str) -> None:
    """What a release was made from (a hash) and its run summary as JSON (no record values)."""
    warehouse.append_frame("record_release_inputs", RELEASE_INPUTS, pl.DataFrame(
        [{"run_id": run_id, "quarter": quarter, "inputs_key": inputs_key, "summary": summary}], schema=RELEASE_INPUTS_SCHEMA))


def released_summary(warehouse: Warehouse, quarter: str, inputs_key: str) -> str | None:
    """The run summary (JSON) of the latest registered release of the quarter made from these inputs."""
    if not (warehouse.has_table(RELEASE_INPUTS) and warehouse.has_table(RELEASE_REGISTER)):
        return None
    found = warehouse.execute("unchanged_release", RELEASED_SUMMARY_SQL, [quarter, inputs_key])
    return str(found[0][0]) if found else None


def record_hidden_cells(warehouse: Warehouse, rows: Sequence[dict[str, Any]]) -> int:
    """Remember cells a release hid (columns of `RELEASED_CELLS_SCHEMA`), so later releases keep them hidden."""
    warehouse.append_frame("record_hidden_cells", RELEASED_HIDDEN_CELLS, pl.DataFrame(list(rows), schema=RELEASED_CELLS_SCHEMA))
    return len(rows)


def hidden_cells(warehouse: Warehouse, scopes: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]] | None:
    """Per (table name, scope), the cells any earlier release hid; None when no release hid any yet."""
    if not warehouse.has_table(RELEASED_HIDDEN_CELLS):
        return None
    return {table: frozenset(r[0] for r in warehouse.execute("earlier_hidden_cells", HIDDEN_CELLS_SQL, [table, scope]))
            for table, scope in scopes}



def record_cell_values(warehouse: Warehouse, rows: Sequence[dict[str, Any]]) -> int:
    """Remember every cell a release showed or hid (columns of `RELEASED_CELL_VALUES_SCHEMA`), so a later
    release of the same cells can be compared with it safely."""
    warehouse.append_frame("record_cell_values", RELEASED_CELL_VALUES,
                           pl.DataFrame(list(rows), schema=RELEASED_CELL_VALUES_SCHEMA))
    return len(rows)


def latest_cell_values(warehouse: Warehouse, scopes: Iterable[tuple[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Per (table name, scope), each cell as the latest earlier release left it (empty when none was released)."""
    if not warehouse.has_table(RELEASED_CELL_VALUES):
        return {}
    return {table: warehouse.frame("earlier_cell_values", LATEST_CELL_VALUES_SQL, [table, scope]).to_dicts()
            for table, scope in scopes}


RELEASED_RUNS_SQL = f"SELECT run_id, min(quarter), min(released_at) FROM {RELEASE_REGISTER} GROUP BY run_id ORDER BY run_id"


def released_runs(warehouse: Warehouse, *, retracted: bool = False) -> list[tuple[str, str, Any]]:
    """(run_id, quarter, released_at) of every registered release: when each release left the secure zone; with
    `retracted`, of the releases retracted before they were sent too (their folders are kept until the same date)."""
    runs = [(str(r), str(q), at) for r, q, at in warehouse.execute("released_runs", RELEASED_RUNS_SQL)] \
        if warehouse.has_table(RELEASE_REGISTER) else []
    if retracted and warehouse.has_table(RETRACTED_RELEASES):
        runs += [(str(r), str(q), at) for r, q, at in warehouse.execute(
            "retracted_release_runs", RELEASED_RUNS_SQL.replace(RELEASE_REGISTER, RETRACTED_RELEASES))]
    return runs
