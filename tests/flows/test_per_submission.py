"""Standardising, pseudonymising and scrubbing per submission makes the same release as doing each over the whole run."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl

from tests.conftest import SAMPLES
from tests.flows.test_dask_runner import normalised


def _release(summary: dict) -> dict[str, str]:
    manifest = json.loads(Path(summary["manifest"]).read_text(encoding="utf-8"))
    release = Path(summary["release_dir"])
    return {f["path"]: normalised(release / f["path"], summary["run_id"]) for f in manifest["files"]}


def _secure_records(state: Path) -> pl.DataFrame:
    from deid import pipeline
    from deid.settings import resolve_settings

    with pipeline.open_warehouse(resolve_settings("2026Q3", state_dir=state, demo_key=True)) as warehouse:
        rows = warehouse.frame("t", "SELECT * FROM secure_records")
    return rows.drop("run_id").sort("submission_id", "source_row")


def test_when_stages_run_per_submission_then_release_and_secure_zone_equal_a_whole_run_at_once(tmp_path, monkeypatch):
    from deid import pipeline
    from flows.quarterly import run_quarter

    landing = tmp_path / "landing"
    for provider in sorted(SAMPLES.iterdir()):
        shutil.copytree(provider / "2026Q3", landing / provider.name / "2026Q3")
    calls: list[int] = []
    real_standardise = pipeline.standardise_accepted
    monkeypatch.setattr(pipeline, "standardise_accepted",
                        lambda settings, standards, rows: calls.append(rows.height) or real_standardise(settings, standards, rows))

    per_submission = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(tmp_path / "parts"), demo_key=True)
    parts = list(calls)
    accepted = [s for s in per_submission["submissions"] if s["status"] == "accepted"]
    assert len(parts) == len(accepted) >= 5 and sum(parts) == per_submission["rows"]["accepted"]

    calls.clear()   # the same stages over every submission's rows at once, as they ran before they were mapped
    monkeypatch.setattr(pipeline, "accepted_by_submission", lambda received: [("whole-run", received.accepted)])
    whole = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(tmp_path / "whole"), demo_key=True)
    assert calls == [per_submission["rows"]["accepted"]]

    assert per_submission["rows"] == whole["rows"]
    assert _secure_records(tmp_path / "parts").equals(_secure_records(tmp_path / "whole"))
    released, expected = _release(per_submission), _release(whole)
    assert sorted(released) == sorted(expected) and len(expected) > 20
    assert [path for path, text in expected.items() if released[path] != text] == []


def test_when_a_provider_omits_an_nhi_another_provider_gave_then_the_person_keeps_one_pseudonym(tmp_path):
    """The identity bridge is taken over every submission, not within each: the person a second provider
    reports by name and date of birth only is linked to the NHI the first provider gave."""
    from deid.pseudonymise import demo_key, derive_purpose_key
    from deid.pseudonymise.pseudonymise import identity_bridge, pseudonymise_records

    person = {"nhi_valid": True, "nhi": "ZZZ0016", "name_match_key": "tekanawa|aroha", "date_of_birth": "1990-03-04"}
    first = pl.DataFrame([person, {**person, "nhi": "ZZZ0024", "name_match_key": "smith|jo"}])
    second = pl.DataFrame([{**person, "nhi_valid": False, "nhi": None}])
    key = derive_purpose_key(demo_key(), "linkage")
    bridge = identity_bridge(pl.concat([first, second]))
    keys = [pseudonymise_records(frame, key, bridge)[0].get_column("person_key").to_list() for frame in (first, second)]
    alone = pseudonymise_records(second, key)[0].get_column("person_key").to_list()
    assert keys[1] == [keys[0][0]] and alone != keys[1]
