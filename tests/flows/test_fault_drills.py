"""Fault drills: a run killed with SIGKILL part way, then run again, leaves a whole release and nothing twice."""
from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES


def _start_run_holding_the_lock(landing: Path, state: Path) -> subprocess.Popen[bytes]:
    """`deid run` in its own process group (so it can be killed whole), returned once it holds the state folder."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUTF8": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    run = subprocess.Popen([sys.executable, "-m", "deid", "run", "--quarter", "2026Q3", "--landing", str(landing),
                            "--state-dir", str(state), "--demo-key"], cwd=REPO, env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while not (state / "run.lock").exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return run


def test_when_a_run_is_killed_then_the_next_run_takes_over_and_leaves_no_debris_or_duplicates(prefect_harness, tmp_path):
    from deid import pipeline
    from deid.settings import resolve_settings
    from flows.quarterly import quarterly_reporting

    landing, state = tmp_path / "landing", tmp_path / "state"
    for provider in SAMPLES.iterdir():
        shutil.copytree(provider / "2026Q3", landing / provider.name / "2026Q3")
    victim = _start_run_holding_the_lock(landing, state)
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
    first = _start_run_holding_the_lock(landing, state)
    try:
        assert (state / "run.lock").exists(), "the first run never took the lock"
        second = CliRunner().invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(landing), "--state-dir", str(state),
                                          "--demo-key", "--json"])
        error = json.loads(second.stdout)["error"]
        assert second.exit_code == 1 and "another run holds the state folder" in error and f"process {first.pid}" in error
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()


# Where each drill kills the run: the stage runner it dies in (module deid.pipeline), and the kept
# stages that finished before it, which the next run must reuse rather than redo.
KILL_POINTS = {
    "receive_submissions": (),
    "standardise_accepted": ("ingest+validate",),
    "pseudonymise_people": ("ingest+validate", "standardise"),
    "scrub_case_notes": ("ingest+validate", "standardise", "pseudonymise"),
    "store_secure_records": ("ingest+validate", "standardise", "pseudonymise", "scrub"),
    "split_purposes": ("ingest+validate", "standardise", "pseudonymise", "scrub"),
    "gate_extracts": ("ingest+validate", "standardise", "pseudonymise", "scrub", "split"),
    "protect_aggregates": ("ingest+validate", "standardise", "pseudonymise", "scrub", "split", "risk"),
    "publish_release": ("ingest+validate", "standardise", "pseudonymise", "scrub", "split", "risk", "aggregate"),
    "register_release": ("ingest+validate", "standardise", "pseudonymise", "scrub", "split", "risk", "aggregate"),
}
DIE_AT = """
import os, signal, sys
from deid import pipeline
name = sys.argv[1]
real = getattr(pipeline, name)
def die(*args, **kwargs):
    if name == "register_release":      # the release folder is in place; the register's transaction is open
        real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(pipeline, name, die)
from flows.quarterly import run_quarter
run_quarter("2026Q3", landing_dir=sys.argv[2], state_dir=sys.argv[3], demo_key=True)
"""


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _progress_records() -> _Messages:
    """Progress lines, caught on their own logger (the CLI stops them propagating to the root, where caplog listens)."""
    handler, progress = _Messages(), logging.getLogger("deid.progress")
    progress.setLevel(logging.INFO)
    progress.addHandler(handler)
    return handler


@pytest.mark.parametrize("kill_point", list(KILL_POINTS))
def test_when_a_run_is_killed_at_a_stage_then_the_next_run_skips_the_finished_stages_and_completes(
        kill_point, tmp_path):
    from deid import pipeline
    from deid.settings import resolve_settings
    from deid.stagestore import code_fingerprint
    from flows.quarterly import run_quarter

    landing, state = tmp_path / "landing", tmp_path / "state"
    shutil.copytree(SAMPLES / "kainga-support" / "2026Q3", landing / "kainga-support" / "2026Q3")
    shutil.copytree(SAMPLES / "coastal-parenting" / "2026Q3", landing / "coastal-parenting" / "2026Q3")
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("PREFECT_API_URL", None)
    victim = subprocess.run([sys.executable, "-c", DIE_AT, kill_point, str(landing), str(state)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert victim.returncode == -signal.SIGKILL, victim.stderr[-2000:]
    assert (state / "run.lock").exists()

    code_fingerprint.cache_clear()   # this test process may have read the code before the victim did
    records = _progress_records()
    try:
        summary = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    finally:
        logging.getLogger("deid.progress").removeHandler(records)
    reused = {m.split("] ", 1)[1].split(":", 1)[0] for m in records.messages if "reused the output" in m}
    assert reused == set(KILL_POINTS[kill_point])

    releases = state / "releases"
    assert [p.name for p in releases.iterdir()] == [summary["run_id"]]      # no staging, no unregistered folder
    assert (releases / summary["run_id"] / "manifest.json").is_file() and summary["rows"]["balanced"]
    assert not (state / "run.lock").exists() and not (state / "secure" / "stages" / "2026Q3").exists()
    settings = resolve_settings("2026Q3", state_dir=state, demo_key=True)
    with pipeline.open_warehouse(settings) as warehouse:
        stored = warehouse.execute("t", "SELECT count(*), count(DISTINCT run_id) FROM secure_records")[0]
        quarantined = warehouse.execute("t", "SELECT count(DISTINCT (submission_id, source_row)) , count(*) FROM quarantine")[0]
        registered = warehouse.execute("t", "SELECT DISTINCT run_id FROM release_register")
    assert stored == (summary["rows"]["accepted"], 1)
    assert quarantined[0] == summary["rows"]["quarantined"]
    assert registered == [(summary["run_id"],)]


KILL_UNDER_PREFECT = """
import json, os, signal, sys
from deid import pipeline
from deid.reaper import server_children
def die(*args, **kwargs):
    with open(sys.argv[3], "w") as out:
        json.dump(server_children(), out)
    os.kill(os.getpid(), signal.SIGKILL)
pipeline.scrub_case_notes = die
from flows.quarterly import quarterly_reporting
quarterly_reporting(quarter="2026Q3", landing_dir=sys.argv[1], state_dir=sys.argv[2], demo_key=True)
"""


def test_when_a_flow_run_with_a_temporary_prefect_server_is_killed_then_the_server_is_stopped_too(tmp_path):
    from deid.reaper import process_alive

    landing, state, servers = tmp_path / "landing", tmp_path / "state", tmp_path / "servers.json"
    shutil.copytree(SAMPLES / "kainga-support" / "2026Q3", landing / "kainga-support" / "2026Q3")
    env = {**os.environ, "PYTHONUTF8": "1", "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    env.pop("PREFECT_API_URL", None)
    victim = subprocess.run([sys.executable, "-c", KILL_UNDER_PREFECT, str(landing), str(state), str(servers)], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=300)
    assert victim.returncode == -signal.SIGKILL, victim.stderr[-2000:]
    orphans = json.loads(servers.read_text())
    assert orphans, "the run started a temporary Prefect server"
    deadline = time.monotonic() + 20
    while any(process_alive(pid) for pid in orphans) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(process_alive(pid) for pid in orphans)


DIE_ON_SECOND_FILE = """
import os, signal, sys
from deid import pipeline
real, calls = pipeline.read_submission_file, []
def second_dies(*args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
pipeline.read_submission_file = second_dies
from flows.quarterly import run_quarter
run_quarter("2026Q3", landing_dir=sys.argv[1], state_dir=sys.argv[2], demo_key=True)
"""


def test_when_a_run_is_killed_between_two_files_then_the_next_run_reads_only_the_second(tmp_path, monkeypatch):
    from deid import pipeline
    from deid.stagestore import code_fingerprint
    from flows.quarterly import run_quarter

    landing, state = tmp_path / "landing", tmp_path / "state"
    for provider in ("kainga-support", "coastal-parenting"):
        shutil.copytree(SAMPLES / provider / "2026Q3", landing / provider / "2026Q3")
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("PREFECT_API_URL", None)
    victim = subprocess.run([sys.executable, "-c", DIE_ON_SECOND_FILE, str(landing), str(state)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert victim.returncode == -signal.SIGKILL, victim.stderr[-2000:]
    read = []
    real = pipeline.read_submission_file
    monkeypatch.setattr(pipeline, "read_submission_file", lambda f, *a, **k: read.append(f.provider) or real(f, *a, **k))
    code_fingerprint.cache_clear()
    summary = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert len(read) == 1 and summary["rows"]["balanced"]
    assert {s["provider"] for s in summary["submissions"] if s["status"] == "accepted"} == {"kainga-support",
                                                                                               "coastal-parenting"}


def test_when_the_same_families_are_reported_by_two_providers_then_the_run_completes(tmp_path):
    from flows.quarterly import run_quarter

    landing = tmp_path / "landing"
    source = next((SAMPLES / "kainga-support" / "2026Q3").iterdir())
    for provider in ("kainga-support", "coastal-parenting"):        # families moved: both report them
        (landing / provider / "2026Q3").mkdir(parents=True)
        shutil.copy(source, landing / provider / "2026Q3" / f"{provider}_2026Q3.csv")
    summary = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(tmp_path / "state"), demo_key=True)
    assert summary["rows"]["balanced"] and Path(summary["manifest"]).is_file()
    assert summary["tables"] and all(t["released"] or t["reason"] for t in summary["tables"])
