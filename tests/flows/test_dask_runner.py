"""The flow on a local Dask cluster (2 worker processes) makes the same release as the default runner."""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import polars as pl

from tests.conftest import SAMPLES

TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?|\d{1,2} \w+ \d{4},? \d{1,2}:\d{2}")
HASH = re.compile(r"\b[0-9a-f]{16,64}\b")   # file hashes, and audit-log chain heads (each state folder has its own log)
SIZE = re.compile(r'"bytes": \d+')


def normalised(path: Path, run_id: str) -> str:
    """A file's content with what differs between any two runs (run id, times, hashes of files holding them) masked."""
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
        text = frame.write_csv() + json.dumps(frame.schema.to_python() and [str(t) for t in frame.dtypes])
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    else:
        text = path.read_text(encoding="utf-8")
    text = re.sub(re.escape(run_id), "<run>", text, flags=re.IGNORECASE)
    return SIZE.sub('"bytes": N', HASH.sub("<hash>", TIME.sub("<time>", text)))


def test_when_the_flow_runs_on_dask_then_its_release_equals_the_default_runners(prefect_harness, tmp_path):
    from flows.quarterly import flow_with_task_runner

    landing = tmp_path / "landing"
    for provider in ("kainga-support", "coastal-parenting"):
        shutil.copytree(SAMPLES / provider / "2026Q3", landing / provider / "2026Q3")
    releases = {}
    for runner in ("default", "dask"):
        summary = flow_with_task_runner(runner)(quarter="2026Q3", landing_dir=str(landing),
                                                state_dir=str(tmp_path / runner), demo_key=True)
        manifest = json.loads(Path(summary["manifest"]).read_text(encoding="utf-8"))
        release = Path(summary["release_dir"])
        releases[runner] = {f["path"]: normalised(release / f["path"], summary["run_id"]) for f in manifest["files"]}
    assert sorted(releases["dask"]) == sorted(releases["default"]) and len(releases["default"]) > 20
    differing = [path for path, text in releases["default"].items() if releases["dask"][path] != text]
    assert differing == []
