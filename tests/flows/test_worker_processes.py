"""A run without Prefect maps its per-submission stages over worker processes and makes the same release."""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from tests.conftest import SAMPLES
from tests.flows.test_dask_runner import normalised


def _release(summary: dict) -> dict[str, str]:
    manifest = json.loads(Path(summary["manifest"]).read_text(encoding="utf-8"))
    release = Path(summary["release_dir"])
    return {f["path"]: normalised(release / f["path"], summary["run_id"]) for f in manifest["files"]}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_when_per_submission_stages_run_in_worker_processes_then_the_release_equals_one_process(tmp_path):
    from flows.quarterly import run_quarter

    landing = tmp_path / "landing"
    for provider in sorted(SAMPLES.iterdir()):
        shutil.copytree(provider / "2026Q3", landing / provider.name / "2026Q3")
    from deid.progress import progress

    releases, caught, library = {}, _Records(), logging.getLogger("deid")
    level, propagating = library.level, progress.propagate
    library.addHandler(caught)
    library.setLevel(logging.INFO)
    progress.propagate = True   # a CLI command run earlier in this process (another test) shows progress itself
    try:
        for workers in (1, 2):
            summary = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(tmp_path / f"state-{workers}"),
                                  demo_key=True, workers=workers)
            releases[workers] = _release(summary)
    finally:
        library.removeHandler(caught)
        library.setLevel(level)
        progress.propagate = propagating
    assert "per-submission stages run in 2 worker processes" in [r.getMessage() for r in caught.records]
    # the workers' log lines reach this process's handlers (each file's validation counts, as it is read)
    from_workers = [r.getMessage() for r in caught.records if r.processName != "MainProcess"]
    assert sum(m.startswith("validated ") for m in from_workers) == 5
    assert sorted(releases[2]) == sorted(releases[1]) and len(releases[1]) > 20
    assert [path for path, text in releases[1].items() if releases[2][path] != text] == []


def test_when_no_worker_count_is_given_then_the_run_stays_in_one_process(tmp_path, monkeypatch):
    from deid.settings import resolve_settings
    from flows import quarterly

    monkeypatch.delenv("DEID_WORKERS", raising=False)
    settings = resolve_settings("2026Q3", landing_dir=SAMPLES, state_dir=tmp_path / "state", demo_key=True)
    assert quarterly.local_runner(settings).workers == 1
    monkeypatch.setenv("DEID_WORKERS", "2")
    assert quarterly.local_runner(settings).workers == 2
    assert quarterly.local_runner(settings, workers=3).workers == 3
