"""The audit log is a hash chain: any edit, removal or reordering is found and named by line."""
from __future__ import annotations

import json
import os

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


# --- the chain head: truncation, emptying and deletion are caught ------------------------------

from pathlib import Path  # noqa: E402

from typer.testing import CliRunner  # noqa: E402

from deid.auditlog import (  # noqa: E402
    ChainHead,
    current_head,
    head_mac,
    manifest_heads,
    recorded_heads,
    verify_log,
)
from deid.cli import app  # noqa: E402
from deid.db import Warehouse  # noqa: E402
from deid.pseudonymise import make_key  # noqa: E402
from deid.store.audit_heads import HEADS_TABLE  # noqa: E402
from tests.conftest import TEST_KEY_HEX  # noqa: E402

KEY = make_key(bytes.fromhex(TEST_KEY_HEX))


@pytest.fixture()
def state(tmp_path, monkeypatch):
    """A state folder with a warehouse beside the log, five keyed entries, and a release manifest made after the third."""
    Warehouse(tmp_path / "warehouse.duckdb").close()
    log = tmp_path / "audit_log.jsonl"
    for n in range(1, 4):
        append_event(log, "run", {"run_id": f"r{n}"}, key=KEY)
    release = tmp_path / "releases" / "2026Q3-run3"
    release.mkdir(parents=True)
    (release / "manifest.json").write_text(json.dumps({"run_id": "r3", "audit_log_head": current_head(log, KEY).as_dict()}))
    append_event(log, "release", {"run_id": "r3"}, key=KEY)
    _register(tmp_path, "r3")
    append_event(log, "access-request", {"request_id": "AR-1"}, key=KEY)
    monkeypatch.setenv("DEID_PSEUDONYM_KEY", TEST_KEY_HEX)
    monkeypatch.setenv("DEID_STATE_DIR", str(tmp_path))
    return tmp_path


def _register(state: Path, run_id: str) -> None:
    """The release register's row for a run, as publishing writes it beside the log's release entry."""
    import datetime as dt

    from deid.store import releases

    with Warehouse(state / "warehouse.duckdb") as warehouse:
        releases.register_files(warehouse, [{"run_id": run_id, "quarter": "2026Q3", "released_at": dt.datetime.now(dt.UTC),
                                             "path": "manifest.json", "audience": "data-stewards", "purpose": None,
                                             "description": "manifest", "rows": None, "sha256": "0" * 64, "providers": []}])


def test_when_the_warehouse_was_replaced_then_verify_says_its_history_is_incomplete_and_fails(state):
    """A user test: a damaged warehouse moved aside, the next run made an empty one, and `audit verify` still said
    intact (it checked 2 heads instead of 22). The log records releases the new warehouse never registered."""
    (state / "warehouse.duckdb").unlink()
    Warehouse(state / "warehouse.duckdb").close()
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "release register lacks 1 of the 1 release(s) the audit log records (r3)" in result.stdout
    assert "Restore the latest backup (`deid backup`)" in result.stdout


def test_a_backup_restores_the_history_verify_checks(state, tmp_path_factory):
    from deid.backup import check_backup

    backups = tmp_path_factory.mktemp("backups")
    made = CliRunner().invoke(app, ["backup", "--to", str(backups), "--by", "steward-1"])
    assert made.exit_code == 0, made.output
    (folder,) = backups.iterdir()
    assert {p.name for p in folder.iterdir()} == {"warehouse.duckdb", "audit_log.jsonl", "backup.json"}
    assert oct(folder.stat().st_mode & 0o777) == "0o700" and all(oct(p.stat().st_mode & 0o777) == "0o600" for p in folder.iterdir())
    assert read_events(state / "audit_log.jsonl", "backup")[-1]["actor"] == "steward-1"
    (state / "warehouse.duckdb").unlink()                       # damaged and moved aside ...
    Warehouse(state / "warehouse.duckdb").close()
    assert CliRunner().invoke(app, ["audit", "verify"]).exit_code == 1
    (state / "warehouse.duckdb").write_bytes((folder / "warehouse.duckdb").read_bytes())   # ... and restored
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert check_backup(folder) == [] and CliRunner().invoke(app, ["backup", "--to", str(folder), "--check"]).exit_code == 0
    (folder / "audit_log.jsonl").write_text("changed", encoding="utf-8")
    checked = CliRunner().invoke(app, ["backup", "--to", str(folder), "--check"])
    assert checked.exit_code == 1 and "changed since the backup was made" in checked.stdout


def test_a_backup_is_refused_while_a_run_holds_the_state_folder(state, tmp_path_factory):
    import socket

    (state / "run.lock").write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "run_id": "r9",
                                                "quarter": "2026Q4"}), encoding="utf-8")
    result = CliRunner().invoke(app, ["backup", "--to", str(tmp_path_factory.mktemp("b"))])
    assert result.exit_code == 1 and "a run holds" in result.output and "r9" in result.output


def _verify(state: Path):
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        heads = recorded_heads(warehouse)
    return verify_log(state / "audit_log.jsonl", heads, manifest_heads(state / "releases"), KEY)


def test_when_entries_are_appended_then_each_head_is_recorded_keyed_in_the_warehouse(state):
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        heads = [h for _, h in recorded_heads(warehouse)]
    assert [h.entries for h in heads] == [1, 2, 3, 4, 5]
    assert heads[-1].last_hash == read_events(state / "audit_log.jsonl")[-1]["hash"]
    assert all(h.key_fingerprint == KEY.fingerprint and h.mac == head_mac(KEY, h.entries, h.last_hash) for h in heads)
    assert KEY.secret.hex() not in json.dumps([h.as_dict() for h in heads])
    check = _verify(state)
    assert check.intact, check
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact: 5 entries" in result.stdout and "5 head(s) recorded in the warehouse" in result.stdout
    assert "1 release manifest(s)" in result.stdout


@pytest.mark.parametrize("cut, missing", [
    (lambda log: log.write_text("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8"),
     "entry 5 missing"),
    (lambda log: log.write_text("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8"),
     "entries 3-5 missing"),
    (lambda log: log.write_text("", encoding="utf-8"), "entries 1-5 missing"),
    (lambda log: log.unlink(), "entries 1-5 missing"),
], ids=["last-line", "last-three-lines", "emptied", "deleted"])
def test_when_the_log_is_cut_short_emptied_or_deleted_then_verify_names_what_is_missing_and_fails(state, cut, missing):
    cut(state / "audit_log.jsonl")
    assert verify_chain(state / "audit_log.jsonl").intact          # the chain alone cannot see it (the old check)
    check = _verify(state)
    assert not check.intact and any(missing in p and "warehouse" in p for p in check.problems), check
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 1 and missing in result.stdout and "cut short, emptied or deleted" in result.stdout


def test_when_the_warehouse_heads_are_removed_too_then_the_release_manifest_still_shows_the_cut(state):
    log = state / "audit_log.jsonl"
    log.write_text("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[:1]), encoding="utf-8")
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        warehouse.execute("t", f"DROP TABLE {HEADS_TABLE}")
    check = _verify(state)
    assert not check.intact and any("entries 2-3 missing" in p and "release 2026Q3-run3's manifest.json" in p
                                     for p in check.problems), check


def test_when_a_head_is_rewritten_to_match_a_shortened_log_without_the_key_then_its_mac_gives_it_away(state):
    log = state / "audit_log.jsonl"
    log.write_text("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    shortened = current_head(log, None)
    with Warehouse(state / "warehouse.duckdb") as warehouse:   # the forger keeps only heads up to 4 and rewrites the 4th
        warehouse.execute("t", f"DELETE FROM {HEADS_TABLE} WHERE entries >= 4")
        forged = ChainHead(4, shortened.last_hash, KEY.fingerprint, "0" * 64)
        warehouse.execute("t", f"INSERT INTO {HEADS_TABLE} (entries, last_hash, key_fingerprint, mac) VALUES (?, ?, ?, ?)",
                          [forged.entries, forged.last_hash, forged.key_fingerprint, forged.mac])
    check = _verify(state)
    assert not check.intact and any("does not carry a valid MAC" in p for p in check.problems), check


def test_when_the_log_is_rewritten_and_appended_to_then_the_recorded_head_shows_where(state):
    log = state / "audit_log.jsonl"
    log.write_text("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    for n in range(3):                                          # new entries chain on, hiding the cut from the chain
        append_event(log, "run", {"run_id": f"x{n}"}, key=KEY)
    assert verify_chain(log).intact
    check = _verify(state)
    assert not check.intact and any("line 5 differs" in p or "line 3 differs" in p for p in check.problems), check


def test_when_heads_were_made_under_a_key_no_longer_set_then_they_are_noted_not_failed(state):
    other = make_key(bytes(range(32)))
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        heads = recorded_heads(warehouse)
    check = verify_log(state / "audit_log.jsonl", heads, [], other)
    assert check.intact and any("MACs were not checked" in n for n in check.notes), check


def test_when_no_actor_is_given_and_no_user_variable_is_set_then_the_os_account_is_recorded(tmp_path, monkeypatch):
    import pwd

    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "audit_log.jsonl"
    append_event(path, "use-logged", {"quarter": "2027Q1"})
    append_event(path, "key-rotated", {"rotation_id": "r"}, actor="Hemi (data steward)")
    assert [e["actor"] for e in read_events(path)] == [pwd.getpwuid(os.getuid()).pw_name, "Hemi (data steward)"]


def test_when_a_quarter_was_released_before_the_last_rotation_then_its_runs_are_named():
    from deid.auditlog import released_before_rotation

    def event(name: str, at: str, **details: str) -> dict:
        return {"event": name, "at": f"2027-04-{at}T08:00:00+00:00", "details": details}

    events = [event("release", "01", run_id="2027Q1-a", quarter="2027Q1"), event("release", "02", run_id="2026Q4-z", quarter="2026Q4"),
              event("key-rotated", "03", rotation_id="rot-1", old_fingerprint="aa11"),
              event("release", "04", run_id="2027Q1-b", quarter="2027Q1")]
    found = released_before_rotation(events, "2027Q1")
    assert found is not None and found.run_ids == ("2027Q1-a",) and (found.rotation_id, found.old_fingerprint) == ("rot-1", "aa11")
    assert released_before_rotation(events, "2027Q2") is None
    assert released_before_rotation([e for e in events if e["event"] == "release"], "2027Q1") is None   # never rotated


def test_when_the_warehouse_was_moved_aside_then_run_submit_and_access_requests_refuse_to_go_on(state, tmp_path_factory):
    """A user test: with the warehouse moved aside, `run` re-released a quarter with no earlier release to compare
    with (19 cells changed) and an access request answered "we hold no records"; both now stop, naming the gap."""
    from tests.conftest import SAMPLES

    (state / "warehouse.duckdb").rename(state / "warehouse.duckdb.damaged")
    ran = CliRunner().invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(SAMPLES)])
    assert ran.exit_code == 1 and "release register lacks 1 of the 1 release(s)" in ran.output
    assert not (state / "warehouse.duckdb").exists()            # refused at plan: nothing read, nothing made
    sample = next((SAMPLES / "kainga-support" / "2026Q3").iterdir())
    landed = CliRunner().invoke(app, ["submit", str(sample), "--provider", "kainga-support", "--quarter", "2026Q3"])
    assert landed.exit_code == 1 and "Restore the latest backup" in landed.output
    asked = CliRunner().invoke(app, ["access-request", "--provider", "kainga-support", "--client-ref", "C300001"])
    assert asked.exit_code == 1 and "release register lacks" in asked.output
    assert not (state / "warehouse.duckdb").exists()


def test_a_warehouse_restored_from_before_a_disposal_is_named_and_runs_stop_until_disposal_runs_again(state, tmp_path_factory):
    """A user test: restoring the latest backup after a disposal brought the 280 disposed rows back, and verify said
    intact. The warehouse's recorded heads show it never saw the disposal entry."""
    backups = tmp_path_factory.mktemp("backups")
    assert CliRunner().invoke(app, ["backup", "--to", str(backups)]).exit_code == 0
    (folder,) = backups.iterdir()
    append_event(state / "audit_log.jsonl", "disposal", {"as_of": "2027-08-01", "warehouse_rewritten": True})
    assert CliRunner().invoke(app, ["audit", "verify"]).exit_code == 0
    (state / "warehouse.duckdb").write_bytes((folder / "warehouse.duckdb").read_bytes())   # restored from before it
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1 and "predates the disposal(s) at audit log entry" in verified.output
    asked = CliRunner().invoke(app, ["access-request", "--provider", "kainga-support", "--client-ref", "C300001"])
    assert asked.exit_code == 1 and "Run `deid dispose` again" in asked.output


def test_a_backup_inside_the_state_folder_is_refused(state):
    result = CliRunner().invoke(app, ["backup", "--to", str(state / "backups")])
    assert result.exit_code == 1 and "inside the state folder" in result.output and not (state / "backups").exists()
