"""The receive stage's submission registry: received, accepted, superseded, duplicates counted once."""
from __future__ import annotations

import datetime as dt
import os
import shutil

import polars as pl
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


def test_when_a_file_is_sent_again_under_its_name_then_it_supersedes_the_first_and_both_stay_in_the_registry(settings, standards, agreement):
    original = SAMPLE.read_bytes()
    corrected = b"".join(original.splitlines(keepends=True)[:-3])  # the provider removed three rows
    _land(settings, "20261001T090000Z__return.csv", original, 1_800_000_000)
    _receive(settings, standards, agreement)
    _land(settings, "20261008T090000Z__return.csv", corrected, 1_800_600_000)
    result = _receive(settings, standards, agreement)

    registry = _registry(settings)
    first, second = registry["20261001T090000Z__return.csv"], registry["20261008T090000Z__return.csv"]
    assert first["status"] == "superseded" and first["superseded_by"] == second["submission_id"]
    assert second["status"] == "accepted" and second["superseded_by"] is None
    assert set(result.accepted.get_column("source_file").unique()) == {"20261008T090000Z__return.csv"}  # only the latest is used
    assert result.rows_received == second["rows_received"] == first["rows_received"] - 3


def test_when_a_provider_sends_its_return_in_two_parts_then_both_are_read_with_their_own_row_numbers(settings, standards, agreement):
    lines = SAMPLE.read_bytes().splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    _land(settings, "return part 1.csv", header + b"".join(body[:40]), 1_800_000_000)
    _land(settings, "return part 2.csv", header + b"".join(body[40:]), 1_800_000_100)
    result = _receive(settings, standards, agreement)
    assert [o.status for o in result.outcomes] == ["accepted", "accepted"]
    assert result.rows_received == len(body) and result.balanced
    rows = {name: result.accepted.filter(pl.col("source_file") == name).get_column("source_row").to_list()
            for name in ("return part 1.csv", "return part 2.csv")}
    # each part numbers its rows from its own header (row 1): part 2 does not carry on from part 1
    assert all(rows.values()) and min(rows["return part 2.csv"]) < 40
    assert max(rows["return part 1.csv"]) <= 41 and max(rows["return part 2.csv"]) <= len(body) - 40 + 1


def test_when_a_resubmission_is_marked_replace_then_earlier_parts_are_superseded(settings, standards, agreement, tmp_path):
    from deid.io import land_submission

    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    lines = SAMPLE.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.csv"
    part.write_bytes(lines[0] + b"".join(lines[1:30]))
    land_submission(settings.landing_dir, PROVIDER, "2026Q3", part, now)
    land_submission(settings.landing_dir, PROVIDER, "2026Q3", SAMPLE, now + dt.timedelta(days=1), replace=True)
    result = _receive(settings, standards, agreement)
    status = {o.file_name.split("__", 1)[1]: o.status for o in result.outcomes}
    assert status == {"part.csv": "superseded", SAMPLE.name: "accepted"}
    assert result.rows_received == len(lines) - 1


def test_when_the_same_bytes_arrive_twice_then_they_are_counted_once(settings, standards, agreement):
    data = SAMPLE.read_bytes()
    _land(settings, "a.csv", data, 1_800_000_000)
    _land(settings, "a again.csv", data, 1_800_000_100)
    result = _receive(settings, standards, agreement)
    assert list(_registry(settings)) == ["a.csv"]
    assert [o.status for o in result.outcomes] == ["duplicate", "accepted"]
    assert result.rows_received == result.outcomes[1].rows_received and result.outcomes[0].rows_received == 0


def test_when_files_cannot_be_read_then_each_is_reported_with_its_reason_and_nothing_is_lost(settings, standards, agreement):
    _land(settings, "notes.pdf", b"%PDF-1.4 not data", 1_800_000_000)
    _land(settings, "broken.xlsx", b"PK\x03\x04 broken", 1_800_000_100)
    _land(settings, "return.csv", SAMPLE.read_bytes(), 1_800_000_200)
    loose = settings.landing_dir / PROVIDER / "stray.csv"
    loose.write_bytes(SAMPLE.read_bytes())
    result = _receive(settings, standards, agreement)
    by_file = {o.file_name: o for o in result.outcomes}
    assert by_file["notes.pdf"].status == "unreadable" and "not a data file" in by_file["notes.pdf"].message
    assert by_file["stray.csv"].status == "unreadable" and "not in a quarter folder" in by_file["stray.csv"].message
    assert by_file["broken.xlsx"].status == "rejected" and "not a readable" in by_file["broken.xlsx"].message
    assert by_file["return.csv"].status == "accepted" and result.balanced


@pytest.mark.parametrize("compress", ["gzip", "tsv", "json"])
def test_when_a_file_is_gzipped_tab_separated_or_json_then_it_is_read(settings, standards, agreement, compress):
    import gzip
    import json as jsonlib

    from deid.ingest import read_table

    frame = read_table(SAMPLE.read_bytes(), SAMPLE.name).frame.drop("source_row", "source_shape")
    if compress == "gzip":
        _land(settings, "return.csv.gz", gzip.compress(SAMPLE.read_bytes()), 1_800_000_000)
    elif compress == "tsv":
        _land(settings, "return.tsv", frame.write_csv(separator="\t").encode(), 1_800_000_000)
    else:
        _land(settings, "return.json", jsonlib.dumps(frame.to_dicts()).encode(), 1_800_000_000)
    result = _receive(settings, standards, agreement)
    assert result.outcomes[0].status == "accepted" and result.rows_received == frame.height and result.balanced


def test_when_the_landing_folder_is_missing_or_empty_then_the_run_stops_and_says_so(settings, standards, agreement):
    from deid.errors import IngestError

    with pytest.raises(IngestError, match="does not exist"):
        _receive(settings, standards, agreement)
    (settings.landing_dir / PROVIDER / "2026Q2").mkdir(parents=True)
    with pytest.raises(IngestError, match="no files for 2026Q3"):
        _receive(settings, standards, agreement)


def test_when_a_file_is_submitted_then_it_is_received_until_a_run_reads_it(settings, standards, agreement):
    path = _land(settings, "landed.csv", SAMPLE.read_bytes(), 1_800_000_000)
    submitted_at = dt.datetime(2026, 10, 3, 9, 30, tzinfo=dt.UTC)
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

    def store_and_publish(frame: pl.DataFrame) -> None:
        pipeline.store_secure_records(settings, warehouse, frame)
        with warehouse.transaction("publish"):
            pipeline.promote_staged_records(warehouse, "r")

    with pipeline.open_warehouse(settings) as warehouse:
        store_and_publish(records(PROVIDER, "2026Q2", ["A1", "A2"]))
        store_and_publish(pl.concat([records(PROVIDER, "2026Q3", ["A1", "A2"]), records("coastal-parenting", "2026Q3", ["C1"])]))
        store_and_publish(records(PROVIDER, "2026Q3", ["A1", "A2", "A3"]))   # the re-run
        held = warehouse.frame("t", "SELECT provider, quarter, count(*) AS n FROM secure_records GROUP BY ALL ORDER BY ALL")
        pipeline.store_secure_records(settings, warehouse, records(PROVIDER, "2026Q3", ["A9"]))   # a run that never publishes
        unchanged = warehouse.frame("t", "SELECT provider, quarter, count(*) AS n FROM secure_records GROUP BY ALL ORDER BY ALL")
    assert held.rows() == [("coastal-parenting", "2026Q3", 1), (PROVIDER, "2026Q2", 2), (PROVIDER, "2026Q3", 3)]
    assert unchanged.rows() == held.rows()


def test_when_publishing_fails_then_the_secure_zone_and_the_register_are_unchanged_and_no_release_is_left(
        prefect_harness, tmp_path, monkeypatch):
    import shutil as shell

    import deid.pipeline as pipeline_module
    from flows.quarterly import quarterly_reporting
    from tests.conftest import SAMPLES

    landing = tmp_path / "landing"
    shell.copytree(SAMPLES / PROVIDER / "2026Q3", landing / PROVIDER / "2026Q3")
    state = tmp_path / "state"
    first = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    settings = resolve_settings("2026Q3", state_dir=state, demo_key=True)

    def snapshot():
        with pipeline.open_warehouse(settings) as warehouse:
            return (warehouse.frame("t", "SELECT * FROM secure_records ORDER BY ALL").rows(),
                    warehouse.frame("t", "SELECT run_id, path FROM release_register ORDER BY ALL").rows())

    before = snapshot()
    (landing / PROVIDER / "2026Q3" / "extra.csv").write_bytes((SAMPLES / "coastal-parenting" / "2026Q3" /
                                                              "coastal-parenting_2026Q3.csv").read_bytes())

    def broken_register(*args, **kwargs):
        raise OSError("disk full while registering the release")

    monkeypatch.setattr(pipeline_module, "register_release", broken_register)
    with pytest.raises(Exception, match="disk full"):
        quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert snapshot() == before
    releases = sorted(p.name for p in (state / "releases").iterdir())
    assert releases == [first["run_id"]]     # the failed run left no release and no staging folder


def test_entries_with_no_content_hash_each_get_their_own_submission_id(settings, standards, agreement):
    _land(settings, "return.csv", SAMPLE.read_bytes(), 1_800_000_000)
    _land(settings, "~$return.xlsx", b"lock", 1_800_000_000)                 # Excel's lock file: no data
    old = settings.landing_dir / PROVIDER / "old stuff"                      # a folder named for no quarter
    old.mkdir()
    (old / "q2.csv").write_text("Client ID\nC1\n", encoding="utf-8")
    _receive(settings, standards, agreement)
    registry = _registry(settings)
    unreadable = [r for r in registry.values() if r["status"] == "unreadable"]
    assert len(unreadable) == 2 and len({r["submission_id"] for r in registry.values()}) == len(registry)


def test_a_file_read_from_a_hand_named_quarter_folder_is_listed_for_disposal_where_it_lies(settings, standards, agreement):
    from deid.retention import raw_files_held

    folder = settings.landing_dir / PROVIDER / "2026 q3"   # the quarter's folder as a provider named it
    folder.mkdir(parents=True)
    (folder / "return.csv").write_bytes(SAMPLE.read_bytes())
    _receive(settings, standards, agreement)
    with pipeline.open_warehouse(settings) as warehouse:
        held = raw_files_held(warehouse, settings.raw_store_dir, settings.landing_dir, 7)
    assert {(h.where, h.path) for h in held if h.where == "landing folder"} == {("landing folder", folder / "return.csv")}
