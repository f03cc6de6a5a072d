"""The submission registry's upsert: first received time kept, status updated, unread files keep their counts."""
import datetime as dt

from deid.store.registry import read_registry, submissions_by_receipt, upsert_submissions
from deid.store.warehouse import Warehouse

FIRST = dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 7, 8, 9, tzinfo=dt.UTC)


def _row(sid: str, status: str, reader: str | None, rows: int | None, run_id: str = "r1") -> dict[str, object]:
    return {"submission_id": sid, "provider": "p1", "quarter": "2026Q3", "file_name": f"{sid}.csv", "sha256": "ab" * 32,
            "reader": reader, "encoding": "utf-8" if reader else None, "rows_received": rows, "rows_accepted": rows,
            "rows_quarantined": 0 if rows is not None else None, "status": status, "superseded_by": None,
            "last_run_id": run_id, "message": None}


def test_when_an_empty_warehouse_is_read_then_the_registry_is_empty():
    with Warehouse() as warehouse:
        assert read_registry(warehouse).is_empty()
        assert submissions_by_receipt(warehouse) == []


def test_when_a_file_is_registered_again_then_its_first_received_time_is_kept_and_its_status_updated():
    with Warehouse() as warehouse:
        upsert_submissions(warehouse, [_row("s1", "received", None, None, run_id="")], FIRST)
        upsert_submissions(warehouse, [_row("s1", "accepted", "csv", 12)], LATER)
        (row,) = read_registry(warehouse).to_dicts()
    assert (row["status"], row["received_at"], row["reader"], row["rows_received"]) == ("accepted", FIRST, "csv", 12)


def test_when_a_file_is_not_read_this_time_then_it_keeps_the_reader_and_counts_from_when_it_was():
    with Warehouse() as warehouse:
        upsert_submissions(warehouse, [_row("s1", "accepted", "csv", 12)], FIRST)
        upsert_submissions(warehouse, [{**_row("s1", "superseded", None, None, run_id="r2"), "superseded_by": "s2"}], LATER)
        (row,) = read_registry(warehouse).to_dicts()
    assert (row["status"], row["superseded_by"], row["last_run_id"]) == ("superseded", "s2", "r2")
    assert (row["reader"], row["encoding"], row["rows_received"], row["rows_accepted"]) == ("csv", "utf-8", 12, 12)


def test_when_files_are_listed_for_retention_then_they_come_oldest_first():
    with Warehouse() as warehouse:
        upsert_submissions(warehouse, [_row("late", "accepted", "csv", 1)], LATER)
        upsert_submissions(warehouse, [_row("early", "accepted", "csv", 1)], FIRST)
        assert [(r[0], r[5]) for r in submissions_by_receipt(warehouse)] == [("early", FIRST), ("late", LATER)]
