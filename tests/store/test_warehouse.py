"""The connection: step-named failures carrying the SQL, appends that create, transactions that roll back."""
import polars as pl
import pytest

from deid.errors import WarehouseError
from deid.store.warehouse import Warehouse, quote_identifier


@pytest.mark.parametrize(("name", "quoted"), [
    ("plain", '"plain"'),
    ('He said "hi"', '"He said ""hi"""'),
    ("drop table x; --", '"drop table x; --"'),
])
def test_when_a_name_is_quoted_then_embedded_quotes_are_doubled(name, quoted):
    assert quote_identifier(name) == quoted


def test_when_a_statement_fails_then_the_error_names_the_step_and_carries_the_sql():
    with Warehouse() as warehouse, pytest.raises(WarehouseError) as caught:
        warehouse.execute("count_missing", "SELECT count(*) FROM no_such_table")
    assert "warehouse step 'count_missing' failed" in str(caught.value)
    assert "SQL: SELECT count(*) FROM no_such_table" in str(caught.value)


def test_when_a_frame_is_appended_twice_then_the_table_is_created_once_and_rows_added_by_name():
    with Warehouse() as warehouse:
        warehouse.append_frame("t", "things", pl.DataFrame({"a": [1], "b": ["x"]}))
        warehouse.append_frame("t", "things", pl.DataFrame({"b": ["y"], "a": [2]}))
        assert warehouse.has_table("things") and warehouse.has_column("things", "b")
        assert not warehouse.has_column("things", "c")
        assert warehouse.frame("t", "SELECT a, b FROM things ORDER BY a").rows() == [(1, "x"), (2, "y")]


def test_when_a_transaction_fails_then_nothing_in_it_is_kept():
    with Warehouse() as warehouse:
        warehouse.append_frame("t", "things", pl.DataFrame({"a": [1]}))
        with pytest.raises(RuntimeError), warehouse.transaction("t"):
            warehouse.append_frame("t", "things", pl.DataFrame({"a": [2]}))
            raise RuntimeError("stop")
        assert warehouse.scalar("t", "SELECT count(*) FROM things") == 1
