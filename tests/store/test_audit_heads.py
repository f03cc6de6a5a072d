"""Recorded audit-log heads: appended, read back in entry order."""
import datetime as dt

from deid.store.audit_heads import append_head, read_heads
from deid.store.warehouse import Warehouse


def test_when_heads_are_recorded_then_they_read_back_by_entry_count():
    first, second = dt.datetime(2026, 10, 1, tzinfo=dt.UTC), dt.datetime(2026, 10, 2, tzinfo=dt.UTC)
    with Warehouse() as warehouse:
        assert read_heads(warehouse) == []
        append_head(warehouse, second, 7, "b" * 64, "k1", "m2", "release")
        append_head(warehouse, first, 3, "a" * 64, None, None, None)
        assert read_heads(warehouse) == [(first, 3, "a" * 64, None, None), (second, 7, "b" * 64, "k1", "m2")]
