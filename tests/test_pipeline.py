"""The receive stage's submission registry: received, accepted, superseded, duplicates counted once."""
from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from deid import pipeline
from deid.io import submission_file
from deid.settings import resolve_settings
from tests.conftest import SAMPLES

PROVIDER = "kainga-support"
SAMPLE = SAMPLES / PROVIDER / "2026Q3" / f"{PROVIDER}_2026Q3.csv"


@pytest.fixture()
def settings(tmp_path):
    return resolve_settings("2026Q3", state_dir=tmp_path / "state", landing_dir=tmp_path / "landing", demo_key=True)


def _land(settings, name: str, data: bytes, mtime: int):
    folder = settings.landing_dir / PROVIDER / "2026Q3"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))
    return path


def _registry(settings):
    with pipeline.open_warehouse(settings) as warehouse:
        return {r["file_name"]: r for r in warehouse.frame("read_registry", "SELECT * FROM submissions").to_dicts()}


def _receive(settings, standards, agreement):
    with pipeline.open_warehouse(settings) as warehouse:
        return pipeline.receive_submissions(settings, standards, agreement, warehouse)


def test_when_a_corrected_file_arrives_then_it_supersedes_the_first_and_both_stay_in_the_registry(settings, standards, agreement):
    original = SAMPLE.read_bytes()
    corrected = b"".join(original.splitlines(keepends=True)[:-3])  # the provider removed three rows
    _land(settings, "first.csv", original, 1_800_000_000)
    _receive(settings, standards, agreement)
    _land(settings, "corrected.csv", corrected, 1_800_600_000)
    result = _receive(settings, standards, agreement)

    registry = _registry(settings)
    assert registry["first.csv"]["status"] == "superseded"
    assert registry["first.csv"]["superseded_by"] == registry["corrected.csv"]["submission_id"]
    assert registry["corrected.csv"]["status"] == "accepted" and registry["corrected.csv"]["superseded_by"] is None
    assert set(result.accepted.get_column("source_file").unique()) == {"corrected.csv"}  # only the latest is used
    assert result.rows_received == registry["corrected.csv"]["rows_received"] == registry["first.csv"]["rows_received"] - 3


def test_when_the_same_bytes_arrive_twice_then_they_are_counted_once(settings, standards, agreement):
    data = SAMPLE.read_bytes()
    _land(settings, "a.csv", data, 1_800_000_000)
    _land(settings, "a again.csv", data, 1_800_000_100)
    result = _receive(settings, standards, agreement)
    assert list(_registry(settings)) == ["a.csv"]
    assert len(result.outcomes) == 1 and result.rows_received == result.outcomes[0].rows_received


def test_when_a_file_is_submitted_then_it_is_received_until_a_run_reads_it(settings, standards, agreement):
    path = _land(settings, "landed.csv", SAMPLE.read_bytes(), 1_800_000_000)
    submitted_at = dt.datetime(2026, 10, 3, 9, 30, tzinfo=dt.timezone.utc)
    with pipeline.open_warehouse(settings) as warehouse:
        sid = pipeline.record_received(warehouse, PROVIDER, "2026Q3", submission_file(path, PROVIDER, "2026Q3"), submitted_at)
    before = _registry(settings)["landed.csv"]
    assert before["status"] == "received" and before["submission_id"] == sid and before["rows_received"] == 0
    _receive(settings, standards, agreement)
    after = _registry(settings)["landed.csv"]
    assert after["status"] == "accepted" and after["rows_received"] > 0
    assert after["received_at"] == before["received_at"]  # the time it arrived, not the time it was read


def test_when_every_row_is_read_then_accepted_and_quarantined_add_up_to_received(settings, standards, agreement):
    shutil.copytree(SAMPLES, settings.landing_dir, ignore=shutil.ignore_patterns("2026Q2"))
    result = _receive(settings, standards, agreement)
    for outcome in result.outcomes:
        assert outcome.rows_received == outcome.rows_accepted + outcome.rows_quarantined
        issues = result.row_issues.filter(result.row_issues["submission_id"] == outcome.submission_id)
        assert issues.filter(issues["severity"] == "blocking").get_column("source_row").n_unique() == outcome.rows_quarantined
    assert result.accepted.height == result.rows_accepted and result.rows_quarantined > 0


def test_when_a_quarter_is_stored_again_then_each_provider_record_is_held_once(settings):
    import polars as pl

    def records(provider: str, quarter: str, refs: list[str]) -> pl.DataFrame:
        return pl.DataFrame({"run_id": ["r"] * len(refs), "provider": [provider] * len(refs), "quarter": [quarter] * len(refs),
                             "client_ref": refs, "person_key": [f"k{r}" for r in refs]})

    with pipeline.open_warehouse(settings) as warehouse:
        pipeline.store_secure_records(settings, warehouse, records(PROVIDER, "2026Q2", ["A1", "A2"]))
        pipeline.store_secure_records(settings, warehouse, pl.concat([records(PROVIDER, "2026Q3", ["A1", "A2"]),
                                                                      records("coastal-parenting", "2026Q3", ["C1"])]))
        pipeline.store_secure_records(settings, warehouse, records(PROVIDER, "2026Q3", ["A1", "A2", "A3"]))   # the re-run
        held = warehouse.frame("t", "SELECT provider, quarter, count(*) AS n FROM secure_records GROUP BY ALL ORDER BY ALL")
    assert held.rows() == [("coastal-parenting", "2026Q3", 1), (PROVIDER, "2026Q2", 2), (PROVIDER, "2026Q3", 3)]
