"""One run per state folder; a dead run's lock and staging folders are cleared by the next."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from deid.cli import app
from deid.runlock import LOCK_FILE, StateLockedError, run_lock

runner = CliRunner()


def test_when_a_live_run_holds_the_state_then_a_second_is_refused_with_the_holder_named(tmp_path):
    with run_lock(tmp_path, tmp_path / "releases", "run-1", "2026Q3"), \
            pytest.raises(StateLockedError, match="run run-1 for 2026Q3, process"), \
            run_lock(tmp_path, tmp_path / "releases", "run-2", "2026Q3"):
        pass
    assert not (tmp_path / LOCK_FILE).exists()   # released when the run ends


def test_when_the_holder_died_then_the_lock_is_taken_over_and_its_staging_swept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname(),
                                                  "run_id": "killed", "quarter": "2026Q3"}))
    staging = tmp_path / "releases" / ".staging-killed"
    (staging / "evaluation").mkdir(parents=True)
    (tmp_path / "releases" / "2026Q2-finished").mkdir()
    with run_lock(tmp_path, tmp_path / "releases", "run-3", "2026Q3") as holder:
        assert holder["run_id"] == "run-3" and not staging.exists()
        assert (tmp_path / "releases" / "2026Q2-finished").exists()   # real releases are never touched


def test_when_run_fails_with_json_then_a_json_error_is_printed(prefect_harness, tmp_path):
    (tmp_path / "landing").mkdir()
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(tmp_path / "landing"), "--state-dir",
                                 str(tmp_path / "s"), "--demo-key", "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and "no files for 2026Q3" in payload["error"]


def test_when_asked_then_version_is_printed():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("deid ")


def test_when_the_deployment_is_scheduled_then_its_cron_runs_in_new_zealand_time():
    from flows.deployments import quarterly_schedule

    assert quarterly_schedule().timezone == "Pacific/Auckland"


def test_when_the_warehouse_is_damaged_then_the_message_says_what_to_do_and_no_retry_is_made(tmp_path):
    from deid.db import Warehouse
    from deid.errors import WarehouseDamagedError
    from flows.quarterly import retry_if_retryable

    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WarehouseDamagedError, match=r"cannot be opened.*restore the last backup") as caught:
        Warehouse(damaged)
    assert not caught.value.retryable

    class Failed:
        def __init__(self, exc):
            self.exc = exc

        def result(self):
            raise self.exc

    from deid.errors import StageFailed, WarehouseError

    assert not retry_if_retryable(None, None, Failed(StageFailed("store", "2026Q3", "r", caught.value)))
    assert retry_if_retryable(None, None, Failed(StageFailed("store", "2026Q3", "r", WarehouseError("busy"))))


def test_when_a_run_finishes_then_its_artifacts_hold_accounting_and_outputs_but_no_values():
    from flows.quarterly import run_accounting_rows, run_summary_markdown

    summary = {"run_id": "r1", "quarter": "2026Q3", "rows": {"received": 10, "accepted": 7, "quarantined": 1, "held": 2,
                                                             "rejected": 0, "balanced": True},
               "submissions": [{"provider": "p", "file": "a.csv", "status": "accepted", "received": 8, "accepted": 7,
                                "quarantined": 1, "held": 0, "rejected": 0, "message": "x"},
                               {"provider": "p", "file": "b.csv", "status": "held", "received": 2, "accepted": 0,
                                "quarantined": 0, "held": 2, "rejected": 0, "message": None}],
               "risk_gates": {"evaluation": "passed"}, "release_dir": "/r", "outputs": {"researchers": ["a", "b"]},
               "tables": [{"table": "t1", "released": True, "reason": "", "cells": 40, "primary_suppressed": 3,
                           "secondary_suppressed": 5, "information_loss": 0.12, "audit": "passed"},
                          {"table": "t2", "released": False, "reason": "iwi breakdowns not approved", "cells": 0,
                           "primary_suppressed": 0, "secondary_suppressed": 0, "information_loss": 1.0, "audit": "not built"}]}
    assert [r["status"] for r in run_accounting_rows(summary)] == ["accepted", "held"]
    text = run_summary_markdown(summary)
    assert "10 received = 7 accepted + 1 quarantined + 2 held" in text and "researchers: 2 file(s)" in text
    assert "t1: 3 primary and 5 secondary suppressions of 40 cells, 12.0% of people" in text
    assert "t2: withheld: iwi breakdowns not approved" in text and "steward_summary.html](file:///r/stewards/" in text


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout)


def test_when_a_killed_runs_lock_is_taken_over_then_the_audit_log_records_the_interrupted_run(tmp_path):
    import socket

    from deid.auditlog import read_events, verify_chain

    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname(), "run_id": "2026Q2-killed",
                                                  "quarter": "2026Q2", "started_at": "2026-12-07T10:00:00+00:00",
                                                  "actor": "ops"}))
    with run_lock(tmp_path, tmp_path / "releases", "2026Q2-next", "2026Q2", actor="Mere (platform)"):
        pass
    (entry,) = read_events(tmp_path / "audit_log.jsonl")
    details = entry["details"]
    assert (entry["event"], entry["actor"]) == ("run-interrupted", "Mere (platform)")
    assert (details["run_id"], details["quarter"], details["started_at"], details["started_by"], details["interrupted"]) == (
        "2026Q2-killed", "2026Q2", "2026-12-07T10:00:00+00:00", "ops", True)
    assert details["host"] == socket.gethostname() and "process is gone" in details["how"]
    assert details["taken_over_by"]["run_id"] == "2026Q2-next"
    assert verify_chain(tmp_path / "audit_log.jsonl").intact


def test_when_a_lock_is_taken_normally_then_nothing_is_logged_and_the_lock_names_who_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("DEID_ACTOR", "scheduler")
    with run_lock(tmp_path, tmp_path / "releases", "run-1", "2026Q3"):
        assert json.loads((tmp_path / LOCK_FILE).read_text())["actor"] == "scheduler"
    assert not (tmp_path / "audit_log.jsonl").exists()


def test_when_a_release_is_being_written_then_its_staging_folder_is_beside_the_releases_folder(tmp_path):
    from deid.io import publish_atomically, staging_dir_for

    releases = tmp_path / "releases"
    staging = staging_dir_for(releases, "2026Q3-r1")
    (staging / "evaluation").mkdir(parents=True)
    (staging / "evaluation" / "extract.parquet").write_bytes(b"PAR1")
    assert not releases.exists() or not any(releases.iterdir())   # a sync of releases/ sees nothing yet
    publish_atomically(staging, releases / "2026Q3-r1")
    assert [p.name for p in releases.iterdir()] == ["2026Q3-r1"] and not staging.parent.exists()


def test_when_a_killed_run_left_a_staging_folder_beside_the_releases_then_the_next_run_removes_it(tmp_path):
    import socket

    from deid.io import staging_dir_for

    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname(), "run_id": "killed",
                                                  "quarter": "2026Q3"}))
    staging = staging_dir_for(tmp_path / "releases", "killed")
    (staging / "evaluation").mkdir(parents=True)
    with run_lock(tmp_path, tmp_path / "releases", "run-4", "2026Q3"):
        assert not staging.exists()


def test_when_releases_are_on_another_file_system_then_the_release_is_still_moved_in_whole(tmp_path, monkeypatch):
    import errno
    import os

    from deid import io

    staging = io.staging_dir_for(tmp_path / "releases", "r1")
    (staging / "evaluation").mkdir(parents=True)
    (staging / "evaluation" / "extract.parquet").write_bytes(b"PAR1")
    real_replace = os.replace

    def cross_device(src, dst):
        if str(src) == str(staging):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_replace(src, dst)

    monkeypatch.setattr(io.os, "replace", cross_device)
    final = io.publish_atomically(staging, tmp_path / "releases" / "r1")
    assert (final / "evaluation" / "extract.parquet").read_bytes() == b"PAR1"
    assert [p.name for p in (tmp_path / "releases").iterdir()] == ["r1"] and not staging.exists()
