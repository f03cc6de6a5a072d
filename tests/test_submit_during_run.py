"""`deid submit` is all or nothing: refused before landing while a run holds the state folder, and a landing
whose receipt cannot be recorded is undone (never "failed" after it worked, never received without a record)."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from deid.auditlog import read_events
from deid.cli import app
from deid.io import REPLACEMENTS_FILE
from deid.runlock import run_lock
from tests.conftest import SAMPLES

runner = CliRunner()
SOURCE = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"


def _submit(state: Path, *extra: str):
    return runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--state-dir", str(state),
                               *extra, str(SOURCE)])


def _landed(state: Path) -> list[str]:
    folder = state / "landing" / "kainga-support" / "2026Q3"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_when_a_run_holds_the_state_folder_then_a_submission_is_refused_and_nothing_is_landed(tmp_path):
    assert _submit(tmp_path).exit_code == 0
    before = (_landed(tmp_path), (tmp_path / "audit_log.jsonl").read_bytes())
    changed = tmp_path / "changed.csv"
    changed.write_bytes(SOURCE.read_bytes().replace(b"\n", b"\r\n"))
    with run_lock(tmp_path, tmp_path / "releases", "2026Q3-running", "2026Q3", actor="ops"):
        result = runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--replace",
                                     "--state-dir", str(tmp_path), str(changed)])
    shown = result.stdout + result.stderr
    assert result.exit_code == 1
    assert "run 2026Q3-running for 2026Q3" in shown and "started by ops" in shown
    assert "nothing was landed or replaced" in shown and "Send it again when the run has finished" in shown
    assert (_landed(tmp_path), (tmp_path / "audit_log.jsonl").read_bytes()) == before   # no file, no marker, no entry
    again = runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--replace",
                                "--state-dir", str(tmp_path), str(changed)])
    assert again.exit_code == 0     # after the run, the same command lands it and records it
    assert [e["event"] for e in read_events(tmp_path / "audit_log.jsonl")] == ["submission-received"] * 2
    assert REPLACEMENTS_FILE in _landed(tmp_path)


def test_when_the_receipt_cannot_be_recorded_then_the_landing_is_undone(tmp_path, monkeypatch):
    import deid.pipeline
    from deid.errors import WarehouseError

    assert _submit(tmp_path).exit_code == 0
    before = _landed(tmp_path)

    def busy(*args, **kwargs):
        raise WarehouseError("the warehouse is in use by another process; wait for it to finish")

    monkeypatch.setattr(deid.pipeline, "record_received", busy)
    changed = tmp_path / "changed.csv"
    changed.write_bytes(SOURCE.read_bytes().replace(b"\n", b"\r\n"))
    result = runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--replace",
                                 "--state-dir", str(tmp_path), str(changed)])
    shown = result.stdout + result.stderr
    assert result.exit_code == 1 and "changed.csv was not received: nothing was landed or replaced" in shown
    assert _landed(tmp_path) == before and REPLACEMENTS_FILE not in before   # the file and its replacement undone
    assert [e["event"] for e in read_events(tmp_path / "audit_log.jsonl")] == ["submission-received"]


def test_when_a_resubmission_is_undone_then_the_earlier_replacement_record_is_put_back(tmp_path, monkeypatch):
    import deid.pipeline
    from deid.errors import WarehouseError

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(SOURCE.read_bytes().replace(b"\n", b"\r\n"))
    second.write_bytes(SOURCE.read_bytes() + b"\n")
    for path in (SOURCE, first):
        assert runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--replace",
                                   "--state-dir", str(tmp_path), str(path)]).exit_code == 0
    marker = tmp_path / "landing" / "kainga-support" / "2026Q3" / REPLACEMENTS_FILE
    recorded = marker.read_text(encoding="utf-8")

    def busy(*args, **kwargs):
        raise WarehouseError("busy")

    monkeypatch.setattr(deid.pipeline, "record_received", busy)
    result = runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "2026Q3", "--replace",
                                 "--state-dir", str(tmp_path), str(second)])
    assert result.exit_code == 1 and marker.read_text(encoding="utf-8") == recorded
    assert not any(name.endswith("__b.csv") for name in _landed(tmp_path))
