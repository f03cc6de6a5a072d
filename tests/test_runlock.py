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
    with run_lock(tmp_path, tmp_path / "releases", "run-1", "2026Q3"):
        with pytest.raises(StateLockedError, match="run run-1 for 2026Q3, process"):
            with run_lock(tmp_path, tmp_path / "releases", "run-2", "2026Q3"):
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
