"""The audit log is a hash chain: any edit, removal or reordering is found and named by line."""
from __future__ import annotations

import json

import pytest

from deid.auditlog import append_event, read_events, verify_chain


@pytest.fixture()
def log(tmp_path):
    path = tmp_path / "audit_log.jsonl"
    append_event(path, "run", {"run_id": "r1", "rows": 10}, actor="analyst")
    append_event(path, "release", {"run_id": "r1", "files": 4}, actor="analyst")
    append_event(path, "access-request", {"request_id": "AR-1", "records_found": 2}, actor="steward")
    return path


def _rewrite(path, change):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def test_when_nothing_is_touched_then_the_chain_verifies(log):
    check = verify_chain(log)
    assert check.intact and check.entries == 3 and "intact" in str(check)
    assert [e["event"] for e in read_events(log)] == ["run", "release", "access-request"]
    assert read_events(log)[1]["prev_hash"] == read_events(log)[0]["hash"]


def test_when_an_entry_is_edited_then_verify_names_its_line(log):
    def edit(lines):
        entry = json.loads(lines[1])
        entry["details"]["files"] = 3                   # a quiet edit, leaving the stored hash as it was
        lines[1] = json.dumps(entry, sort_keys=True, separators=(",", ":"))
        return lines

    _rewrite(log, edit)
    check = verify_chain(log)
    assert not check.intact and any("line 2" in p and "edited" in p for p in check.problems)


def test_when_an_edited_entry_is_rehashed_then_the_next_entry_no_longer_links(log):
    from deid.auditlog import entry_hash

    def edit_and_rehash(lines):
        entry = json.loads(lines[0])
        entry["details"]["rows"] = 9
        entry["hash"] = entry_hash(entry)
        lines[0] = json.dumps(entry, sort_keys=True, separators=(",", ":"))
        return lines

    _rewrite(log, edit_and_rehash)
    check = verify_chain(log)
    assert not check.intact and any("line 2" in p and "does not link" in p for p in check.problems)


@pytest.mark.parametrize("change", [lambda lines: [lines[0], lines[2]], lambda lines: [lines[1], lines[0], lines[2]]])
def test_when_an_entry_is_removed_or_moved_then_the_chain_breaks(log, change):
    _rewrite(log, change)
    assert not verify_chain(log).intact


def test_when_entries_are_appended_after_a_check_then_they_chain_on(log):
    append_event(log, "disposal", {"files_deleted": 1})
    assert verify_chain(log).intact and read_events(log, "disposal")[0]["seq"] == 4
