"""Everything the secure zone writes is the owner's alone (folders 0700, files 0600), whatever the umask a
command starts with; a state folder others can read is warned about, naming the fix."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from deid.settings import prepare_state_folder, restrict_new_files
from tests.conftest import REPO, SAMPLES


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _open_to_others(root: Path) -> list[str]:
    return [f"{p.relative_to(root)} {_mode(p):o}" for p in [root, *root.rglob("*")] if _mode(p) & 0o077]


def _deid(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command line as an operator runs it: a new process started with the common umask 022."""
    return subprocess.run([sys.executable, "-m", "deid", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600, preexec_fn=lambda: os.umask(0o022))


def test_when_the_umask_is_permissive_then_new_files_are_still_owner_only(tmp_path):
    previous = os.umask(0o022)
    try:
        restrict_new_files()
        (tmp_path / "folder").mkdir()
        (tmp_path / "folder" / "file").write_text("x")
        assert (_mode(tmp_path / "folder"), _mode(tmp_path / "folder" / "file")) == (0o700, 0o600)
        os.umask(0o277)
        restrict_new_files()
        assert os.umask(0o077) == 0o277     # a stricter umask is kept
    finally:
        os.umask(previous)


def test_when_the_state_folder_is_new_then_it_is_made_owner_only_and_when_others_can_read_it_then_a_warning_names_the_fix(
        tmp_path):
    new = tmp_path / "state"
    assert prepare_state_folder(new) is None and _mode(new) == 0o700
    new.chmod(0o755)
    warning = prepare_state_folder(new)
    assert warning is not None and str(new) in warning and f"chmod -R go-rwx {new}" in warning and "755" in warning
    assert _mode(new) == 0o755     # left as the deployment set it: warned, not changed


def test_when_an_operator_with_umask_022_submits_runs_and_answers_a_request_then_nothing_is_open_to_others(tmp_path):
    state, landing = tmp_path / "state", tmp_path / "inputs"
    shutil.copytree(SAMPLES / "kainga-support" / "2026Q3", landing)
    source = next(landing.glob("*.csv"))
    source.chmod(0o644)                               # a provider's file readable by anyone where it came from
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEID_", "PREFECT_API_URL"))}
    submitted = _deid("submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--state-dir", str(state),
                      str(source), env=env)
    assert submitted.returncode == 0, submitted.stderr
    ran = _deid("run", "--quarter", "2026Q3", "--state-dir", str(state), "--demo-key", "--by", "Mere (platform)",
                env={**env, "DEID_WORKERS": "1"})
    assert ran.returncode == 0, ran.stderr[-3000:]
    asked = _deid("access-request", "--provider", "kainga-support", "--client-ref", "C300141", "--state-dir", str(state),
                  "--demo-key", env=env)
    assert asked.returncode == 0, asked.stderr[-3000:]
    for made in ("warehouse.duckdb", "audit_log.jsonl", "secure/raw", "landing", "releases", "access-requests"):
        assert (state / made).exists(), made
    assert _open_to_others(state) == []
    from deid.auditlog import read_events

    by_event = {e["event"]: e["actor"] for e in read_events(state / "audit_log.jsonl")}
    assert by_event["run"] == by_event["release"] == "Mere (platform)"     # deid run --by names the run's entries
    assert by_event["submission-received"] not in ("", "Mere (platform)")


def test_when_the_state_folder_is_open_to_others_then_a_submission_warns_with_the_fix(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    state.chmod(0o755)
    source = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEID_")}
    result = _deid("submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--state-dir", str(state), str(source),
                   env=env)
    assert result.returncode == 0, result.stderr
    assert f"WARNING: other accounts on this host can read {state} (mode 755)" in result.stderr
    assert f"chmod -R go-rwx {state}" in result.stderr
    assert _open_to_others(state) == [". 755"]          # only the folder the operator made; everything new is owner-only



def test_when_an_older_warehouse_is_open_to_others_then_the_warning_names_it(tmp_path):
    """A second look by a user test: the state folder was owner-only after a chmod, the warehouse made before still 644."""
    from deid.settings import prepare_state_folder

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    state.chmod(0o700)
    from deid.db import Warehouse

    Warehouse(state / "warehouse.duckdb").close()
    (state / "warehouse.duckdb").chmod(0o644)
    warning = prepare_state_folder(state)
    assert warning is not None and f"{state / 'warehouse.duckdb'} (mode 644)" in warning and "chmod -R go-rwx" in warning
    from typer.testing import CliRunner

    from deid.cli import app

    verified = CliRunner().invoke(app, ["audit", "verify", "--state-dir", str(state)])
    assert "WARNING: other accounts on this host can read" in verified.stdout   # said where the log is checked too
    (state / "warehouse.duckdb").chmod(0o600)
    assert prepare_state_folder(state) is None
