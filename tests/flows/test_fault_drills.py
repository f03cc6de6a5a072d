"""Fault drills: a run killed with SIGKILL part way, then run again, leaves a whole release and nothing twice."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO, SAMPLES


def test_when_a_run_is_killed_then_the_next_run_takes_over_and_leaves_no_debris_or_duplicates(prefect_harness, tmp_path):
    from deid import pipeline
    from deid.settings import resolve_settings
    from flows.quarterly import quarterly_reporting

    landing, state = tmp_path / "landing", tmp_path / "state"
    for provider in SAMPLES.iterdir():
        shutil.copytree(provider / "2026Q3", landing / provider.name / "2026Q3")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUTF8": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    victim = subprocess.Popen([sys.executable, "-m", "deid", "run", "--quarter", "2026Q3", "--landing", str(landing),
                               "--state-dir", str(state), "--demo-key"], cwd=REPO, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while not (state / "run.lock").exists() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(4)                                   # somewhere inside the stages
    os.killpg(victim.pid, signal.SIGKILL)           # the run and its Prefect server, as kill -9 or a power cut would
    victim.wait()
    assert (state / "run.lock").exists()            # it died holding the state folder

    summary = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert summary["rows"]["balanced"] and not (state / "run.lock").exists()
    releases = state / "releases"
    assert not list(releases.glob(".staging-*"))
    assert (releases / summary["run_id"] / "manifest.json").is_file()
    settings = resolve_settings("2026Q3", state_dir=state, demo_key=True)
    with pipeline.open_warehouse(settings) as warehouse:
        stored = warehouse.frame("t", "SELECT provider, count(*) AS n, count(DISTINCT client_ref) AS refs, "
                                      "count(DISTINCT run_id) AS runs FROM secure_records GROUP BY provider").rows()
        staged = warehouse.execute("t", "SELECT count(*) FROM staged_records")[0][0]
    assert stored and all(runs == 1 for _, _, _, runs in stored)    # each provider's rows from one run only
    assert sum(n for _, n, _, _ in stored) == summary["rows"]["accepted"] and staged == 0
    assert [p.name for p in releases.iterdir() if p.is_dir()].count(summary["run_id"]) == 1
    assert Path(summary["manifest"]).is_file()


def test_when_two_runs_start_on_one_state_folder_then_the_second_is_refused_naming_the_first(prefect_harness, tmp_path):
    from typer.testing import CliRunner

    from deid.cli import app

    landing, state = tmp_path / "landing", tmp_path / "state"
    shutil.copytree(SAMPLES / "kainga-support" / "2026Q3", landing / "kainga-support" / "2026Q3")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUTF8": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    first = subprocess.Popen([sys.executable, "-m", "deid", "run", "--quarter", "2026Q3", "--landing", str(landing),
                              "--state-dir", str(state), "--demo-key"], cwd=REPO, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not (state / "run.lock").exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (state / "run.lock").exists(), "the first run never took the lock"
        second = CliRunner().invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(landing), "--state-dir", str(state),
                                          "--demo-key", "--json"])
        error = json.loads(second.stdout)["error"]
        assert second.exit_code == 1 and "another run holds the state folder" in error and f"process {first.pid}" in error
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
