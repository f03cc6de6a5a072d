"""What a run settles at 'plan', before it reads any landed file: the key is the secure zone's, the state folder
is held (a killed run's lock taken over and logged), and every entry of the run names who ran it (--by)."""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys

from typer.testing import CliRunner

from deid.auditlog import read_events
from deid.cli import app
from deid.runlock import LOCK_FILE
from tests.conftest import SAMPLES

runner = CliRunner()


def test_when_the_key_is_not_the_secure_zones_then_the_run_is_refused_at_plan_before_reading_any_file(tmp_path):
    from deid.store.keys import record_active_key
    from deid.store.warehouse import Warehouse

    with Warehouse(tmp_path / "warehouse.duckdb") as warehouse:    # a zone re-keyed to a key this run does not have
        record_active_key(warehouse, "0f1e2d3c", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(SAMPLES), "--state-dir", str(tmp_path),
                                 "--demo-key"])
    shown = result.stdout + result.stderr
    assert result.exit_code == 1
    assert "stage 'plan'" in shown and "is not the key the secure zone was built with (fingerprint 0f1e2d3c)" in shown
    assert "re-key the secure zone first with `deid keys rotate`" in shown
    assert "ingest+validate" not in shown and not (tmp_path / "secure").exists()   # nothing read, kept or stored
    (failed,) = read_events(tmp_path / "audit_log.jsonl", "run-failed")
    assert failed["details"]["stage"] == "plan"


def test_when_a_run_is_given_by_then_its_entries_name_that_actor_and_the_setting_does_not_outlive_it(tmp_path):
    (tmp_path / "landing").mkdir()
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": dead, "host": socket.gethostname(), "run_id": "2026Q3-killed",
                                                  "quarter": "2026Q3", "started_at": "2026-12-07T09:00:00+00:00"}))
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(tmp_path / "landing"), "--state-dir",
                                 str(tmp_path), "--demo-key", "--by", "Mere (platform)"])
    assert result.exit_code == 1 and "no files for 2026Q3" in result.stdout + result.stderr
    interrupted, failed = read_events(tmp_path / "audit_log.jsonl")
    assert (interrupted["event"], interrupted["actor"], interrupted["details"]["run_id"]) == (
        "run-interrupted", "Mere (platform)", "2026Q3-killed")
    assert (failed["event"], failed["actor"]) == ("run-failed", "Mere (platform)")
    assert interrupted["details"]["taken_over_by"]["run_id"] == failed["details"]["run_id"]
    assert "DEID_ACTOR" not in os.environ
