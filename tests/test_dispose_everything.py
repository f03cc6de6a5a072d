"""Disposal leaves nothing behind: no deleted value in the warehouse's bytes, no stage outputs, access-request
reports or releases past their periods; it acts under the deployment's agreement and says which; every
access request lists the raw files still held (user test 5: items 2, 3, 4 and 13)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from deid.agreement import SharingAgreement
from deid.auditlog import read_events, verify_chain
from deid.cli import app
from deid.db import Warehouse
from deid.retention import ACCESS_REPORT, ACCESS_REPORT_ELSEWHERE, BACKUP, RELEASE, STAGES, due_for_disposal
from deid.settings import DEFAULT_AGREEMENT, RunSettings, resolve_settings
from deid.store.warehouse import rewrite_database

PROVIDER = "tamaki-whanau-ora"
RECEIVED = dt.datetime(2026, 9, 20, 9, 0, tzinfo=dt.UTC)   # raw files are kept a year from here
RELEASED = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
runner = CliRunner()


def _nhi(quarter: str, i: int) -> str:
    return f"Z{'QR'[quarter == '2026Q3']}{chr(65 + i // 100 % 26)}{i % 100:02d}{i % 10}{i % 7}"


def _people(quarter: str, count: int) -> pl.DataFrame:
    """Identifiable rows with values that can be searched for in the file's bytes."""
    return pl.DataFrame({
        "run_id": [f"run-{quarter}"] * count, "provider": [PROVIDER] * count, "quarter": [quarter] * count,
        "submission_id": [f"{PROVIDER}/{quarter}/abc"] * count, "source_file": [f"{quarter}.csv"] * count,
        "source_row": list(range(2, count + 2)), "client_ref": [f"C-{quarter}-{i:04d}" for i in range(count)],
        "nhi": [_nhi(quarter, i) for i in range(count)],
        "email": [f"person{i}.{quarter.lower()}@example.org" for i in range(count)],
        "case_notes": [f"Rang {quarter} whanau {i}, phone 021 {400 + i:03d} {1000 + i:04d}" for i in range(count)],
        "person_key": [f"pk-{quarter}-{i}" for i in range(count)], "identity": [f"nhi:{quarter}-{i}" for i in range(count)]})


@pytest.fixture()
def deployment(tmp_path: Path) -> tuple[RunSettings, Path]:
    """A state folder (2026Q2 due under a one-year agreement, 2026Q3 not) and a config folder with that agreement."""
    config = tmp_path / "config"
    (config / "agreements").mkdir(parents=True)
    text = DEFAULT_AGREEMENT.read_text(encoding="utf-8")
    text = re.sub(r"raw_submissions_years: \d+", "raw_submissions_years: 1", text)
    text = re.sub(r"identifiable_data_years: \d+", "identifiable_data_years: 1", text)
    (config / "agreements" / DEFAULT_AGREEMENT.name).write_text(text, encoding="utf-8")
    settings = resolve_settings("2026Q3", state_dir=tmp_path / "state", config_dir=config)
    settings.state_dir.mkdir(parents=True)
    with Warehouse(settings.warehouse_path) as warehouse:
        warehouse.append_frame("t", "secure_records", pl.concat([_people("2026Q2", 300), _people("2026Q3", 50)]))
        warehouse.append_frame("t", "submissions", pl.DataFrame({
            "submission_id": [f"{PROVIDER}/2026Q2/abc", f"{PROVIDER}/2026Q3/abc"], "provider": [PROVIDER] * 2,
            "quarter": ["2026Q2", "2026Q3"], "file_name": ["2026Q2.csv", "2026Q3.csv"],
            "sha256": ["a" * 64, "b" * 64], "received_at": [RECEIVED, RECEIVED + dt.timedelta(days=92)]}))
        warehouse.append_frame("t", "release_register", pl.DataFrame({
            "run_id": ["run-2026Q2"], "quarter": ["2026Q2"], "released_at": [RELEASED], "path": ["aggregates/t.csv"],
            "audience": ["programme-wide"], "description": ["Protected table"]}))
    for quarter, sha in (("2026Q2", "a"), ("2026Q3", "b")):
        raw = settings.raw_store_dir / PROVIDER / quarter / f"{sha * 16}-{quarter}.csv"
        raw.parent.mkdir(parents=True)
        raw.write_text("client_ref,nhi\nC-1,ZQA0000\n", encoding="utf-8")
    (settings.releases_dir / "run-2026Q2" / "aggregates").mkdir(parents=True)
    (settings.releases_dir / "run-2026Q2" / "aggregates" / "t.csv").write_text("region,clients\nAll,10\n", encoding="utf-8")
    stages = settings.state_dir / "secure" / "stages" / "2026Q2" / "files" / "k"
    stages.mkdir(parents=True)
    (stages / "frame-0.parquet").write_bytes(b"ZQA0000 person0.2026q2@example.org")
    return settings, config


def _report(folder: Path, quarters: list[str]) -> Path:
    folder.mkdir(parents=True)
    (folder / "access_request.json").write_text(json.dumps(
        {"request_id": folder.name, "provider": PROVIDER, "records": [{"quarter": q, "nhi": "ZQA0000"} for q in quarters]}),
        encoding="utf-8")
    (folder / "access_request.html").write_text("<p>ZQA0000</p>", encoding="utf-8")
    return folder


def test_when_records_are_disposed_then_none_of_their_values_is_left_in_the_warehouse_file(deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, config = deployment
    monkeypatch.delenv("DEID_CONFIG_DIR", raising=False)
    gone = [_nhi("2026Q2", i).encode() for i in range(300)] + [f"person{i}.2026q2@example.org".encode() for i in range(300)]
    kept = [_nhi("2026Q3", i).encode() for i in range(50)]
    assert all(v in settings.warehouse_path.read_bytes() for v in gone[:5])
    done = runner.invoke(app, ["dispose", "--today", "2027-08-01", "--state-dir", str(settings.state_dir),
                               "--config-dir", str(config), "--by", "privacy-officer"])
    assert done.exit_code == 0, done.output
    data = settings.warehouse_path.read_bytes()
    assert [v for v in gone if v in data] == []           # what `grep -a` finds: nothing of the disposed quarter
    assert all(v in data for v in kept)
    assert not list(settings.state_dir.glob(".warehouse.duckdb.rewrite-*"))
    with Warehouse(settings.warehouse_path) as warehouse:
        assert warehouse.execute("t", "SELECT quarter, count(*) FROM secure_records GROUP BY ALL") == [("2026Q3", 50)]
        assert warehouse.scalar("t", "SELECT count(*) FROM submissions") == 2   # the registry stays whole
    [event] = read_events(settings.audit_log_path, "disposal")
    assert event["actor"] == "privacy-officer" and event["details"]["warehouse_rewritten"] is True
    assert verify_chain(settings.audit_log_path).intact
    assert "rewrote" in done.stdout and str(config / "agreements") in done.stdout


def test_when_a_database_is_rewritten_then_every_table_and_row_and_the_file_mode_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as warehouse:
        warehouse.append_frame("t", "a", pl.DataFrame({"x": list(range(1000)), "tags": [["p", "q"]] * 1000}))
        warehouse.append_frame("t", "b", pl.DataFrame({"when": [RELEASED]}))
        warehouse.execute("t", "DELETE FROM a WHERE x >= 10")
    path.chmod(0o600)
    sizes = rewrite_database(path)
    assert set(sizes) == {"bytes_before", "bytes_after"} and path.stat().st_mode & 0o777 == 0o600
    with Warehouse(path) as warehouse:
        assert warehouse.scalar("t", "SELECT count(*) FROM a") == 10 and warehouse.scalar("t", "SELECT count(*) FROM b") == 1
        assert warehouse.execute("t", "SELECT tags FROM a LIMIT 1") == [(["p", "q"],)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_when_stage_outputs_reports_and_releases_are_past_retention_then_they_are_listed_removed_and_logged(
        deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, config = deployment
    monkeypatch.setenv("DEID_CONFIG_DIR", str(config))
    inside = _report(settings.state_dir / "access-requests" / "AR-1", ["2026Q2", "2026Q3"])
    recent = _report(settings.state_dir / "access-requests" / "AR-2", ["2026Q3"])
    outside = _report(settings.state_dir.parent / "elsewhere" / "AR-3", ["2026Q2"])
    (outside / "notes.txt").write_text("the officer's own notes", encoding="utf-8")
    from deid.auditlog import append_event

    append_event(settings.audit_log_path, "access-request", {"request_id": "AR-3", "report": str(outside)})
    backup = settings.state_dir.parent / "backups" / "b1"
    backup.mkdir(parents=True)
    (backup / "backup.json").write_text("{}", encoding="utf-8")
    append_event(settings.audit_log_path, "backup", {"folder": str(backup)})   # made before the rows go, so it holds them
    stages = settings.state_dir / "secure" / "stages" / "2026Q2"
    release = settings.releases_dir / "run-2026Q2"
    dry = runner.invoke(app, ["dispose", "--dry-run", "--today", "2036-10-05", "--state-dir", str(settings.state_dir), "--json"])
    assert dry.exit_code == 0, dry.output
    due = {(i["kind"], i["location"]) for i in json.loads(dry.stdout)["due"]}
    assert {(STAGES, str(stages)), (ACCESS_REPORT, str(inside)), (ACCESS_REPORT, str(recent)),
            (ACCESS_REPORT_ELSEWHERE, str(outside)), (RELEASE, str(release)), (BACKUP, str(backup))} <= due
    assert stages.exists() and inside.exists() and release.exists()
    with Warehouse(settings.warehouse_path) as warehouse:   # a release is due ten years after it went out, not before
        agreement = _deployment_agreement(config)
        assert RELEASE not in {i.kind for i in due_for_disposal(warehouse, settings, agreement, dt.date(2036, 10, 4))}
        early = due_for_disposal(warehouse, settings, agreement, dt.date(2027, 7, 1))   # 2026Q2's data, not 2026Q3's
        assert {(i.kind, i.location) for i in early if i.kind in (STAGES, ACCESS_REPORT)} == {
            (STAGES, str(stages)), (ACCESS_REPORT, str(inside))}
    done = runner.invoke(app, ["dispose", "--today", "2036-10-05", "--state-dir", str(settings.state_dir), "--by", "po"])
    assert done.exit_code == 0, done.output
    assert not stages.exists() and not inside.exists() and not recent.exists() and not release.exists()
    assert (outside / "access_request.json").exists() and "not deleted, delete by hand" in done.stdout
    assert (backup / "backup.json").exists() and "run `deid backup` again" in done.stdout
    with Warehouse(settings.warehouse_path) as warehouse:   # the register keeps the history of what went out
        assert warehouse.scalar("t", "SELECT count(*) FROM release_register") == 1
    [event] = read_events(settings.audit_log_path, "disposal")
    kinds = {i["kind"] for i in event["details"]["items"]}
    assert {STAGES, ACCESS_REPORT, RELEASE} <= kinds and event["actor"] == "po"


def _deployment_agreement(config: Path) -> SharingAgreement:
    from deid.agreement import load_agreement
    from deid.standards import DEFAULT_STANDARDS_DIR, load_standards

    return load_agreement(config / "agreements" / DEFAULT_AGREEMENT.name, load_standards(DEFAULT_STANDARDS_DIR))


def test_when_dispose_is_given_the_deployment_s_config_folder_then_its_agreement_is_used_and_named(deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, config = deployment
    monkeypatch.delenv("DEID_CONFIG_DIR", raising=False)
    state = ["--state-dir", str(settings.state_dir)]
    sample = runner.invoke(app, ["dispose", "--dry-run", "--today", "2027-08-01", *state])
    assert sample.exit_code == 0 and "packaged sample's agreement" in sample.stdout and "--config-dir" in sample.stdout
    assert "nothing is past its retention period" in sample.stdout   # the sample keeps identifiable data 7 years
    own = runner.invoke(app, ["dispose", "--dry-run", "--today", "2027-08-01", *state, "--config-dir", str(config), "--json"])
    summary = json.loads(own.stdout)
    assert summary["agreement"] == str(config / "agreements" / DEFAULT_AGREEMENT.name)
    assert summary["agreement_is_packaged_sample"] is False
    assert ("identifiable records", "2026Q2") in {(i["kind"], i["quarter"]) for i in summary["due"]}
    assert "--config-dir" in runner.invoke(app, ["access-request", "--help"]).stdout


def test_when_an_agreement_is_started_with_a_state_folder_then_its_audit_entry_goes_there(tmp_path: Path,
                                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEID_STATE_DIR", raising=False)
    monkeypatch.delenv("DEID_CONFIG_DIR", raising=False)
    state = tmp_path / "deployment-state"
    result = runner.invoke(app, ["agreement", "init", "--programme", "youth-mentoring", "--title", "Youth mentoring",
                                 "--config-dir", str(tmp_path / "config"), "--state-dir", str(state), "--by", "platform-eng"])
    assert result.exit_code == 0, result.output
    [event] = read_events(state / "audit_log.jsonl", "agreement_started")
    assert event["actor"] == "platform-eng"
    assert not (tmp_path / ".deid-state").exists()   # no stray audit log in the working folder


def test_when_a_client_s_records_were_disposed_then_the_access_request_lists_the_raw_files_still_held(
        deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, config = deployment
    monkeypatch.setenv("DEID_CONFIG_DIR", str(config))
    landed = settings.landing_dir / PROVIDER / "2026Q2" / "2026Q2.csv"
    landed.parent.mkdir(parents=True)
    landed.write_text("client_ref\nC-2026Q2-0001\n", encoding="utf-8")
    state = ["--state-dir", str(settings.state_dir)]
    before = runner.invoke(app, ["access-request", "--provider", PROVIDER, "--client-ref", "C-2026Q3-0001", "--demo-key",
                                 *state, "--json"])
    assert before.exit_code == 0, before.output
    files = json.loads(before.stdout)["raw_files"]
    assert [(f["quarter"], f["holds"]) for f in files] == [("2026Q3", "yes")]   # 2026Q2's file is checked: not theirs
    assert files[0]["received_on"] == "2026-12-21" and files[0]["due_on"] == "2027-12-21"
    assert runner.invoke(app, ["dispose", "--today", "2027-08-01", *state]).exit_code == 0   # 2026Q2's records go, not its file
    after = runner.invoke(app, ["access-request", "--provider", PROVIDER, "--client-ref", "C-2026Q2-0001", "--demo-key", *state])
    assert after.exit_code == 0, after.output
    assert "2026Q2 2026Q2.csv (received 2026-09-20, due for disposal 2027-09-20)" in after.stdout
    assert "nothing identifiable is held" not in after.stdout
    summary = json.loads(runner.invoke(app, ["access-request", "--provider", PROVIDER, "--client-ref", "C-2026Q2-0001",
                                             "--demo-key", *state, "--json"]).stdout)
    [entry] = [f for f in summary["raw_files"] if f["quarter"] == "2026Q2"]
    assert entry["holds"] == "possibly" and entry["kept_in"] == ["secure raw store", "landing folder"]
    page = Path(summary["report_html"]).read_text(encoding="utf-8")
    assert "2026Q2.csv" in page and "May hold this person" in page and "hold nothing identifiable" not in page


def test_when_a_run_holds_the_state_folder_then_dispose_deletes_nothing_and_says_who_holds_it(
        deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import socket

    settings, config = deployment
    holder = {"pid": os.getppid(), "host": socket.gethostname(), "run_id": "2026Q3-run", "quarter": "2026Q3",
              "started_at": "2026-12-07T10:00:00+00:00"}
    (settings.state_dir / "run.lock").write_text(json.dumps(holder), encoding="utf-8")
    before = settings.warehouse_path.read_bytes()
    result = runner.invoke(app, ["dispose", "--today", "2027-08-01", "--state-dir", str(settings.state_dir),
                                 "--config-dir", str(config)])
    assert result.exit_code == 1 and "2026Q3-run" in result.output and "Wait for it to finish" in result.output
    assert settings.warehouse_path.read_bytes() == before and read_events(settings.audit_log_path, "disposal") == []


def test_when_the_warehouse_cannot_be_rewritten_then_the_disposal_is_logged_and_the_command_says_to_run_again(
        deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import deid.store.warehouse
    from deid.errors import WarehouseError

    def fails(path: Path) -> dict[str, int]:
        raise WarehouseError(f"the warehouse {path} could not be rewritten (disk full); it was left as it was")

    monkeypatch.setattr(deid.store.warehouse, "rewrite_database", fails)
    settings, config = deployment
    result = runner.invoke(app, ["dispose", "--today", "2027-08-01", "--state-dir", str(settings.state_dir),
                                 "--config-dir", str(config)])
    assert result.exit_code == 1 and "run `deid dispose` again" in result.output and "disk full" in result.output
    [event] = read_events(settings.audit_log_path, "disposal")
    assert event["details"]["warehouse_rewritten"] is False and event["details"]["rows_deleted"] == 300


def test_when_the_runs_used_another_agreement_than_dispose_would_then_dispose_stops_and_says_so(
        deployment: tuple[RunSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A user test (second look): without --config-dir, dispose still went by the packaged sample's terms (exit 0)
    while the deployment's runs went by its own; the runs' audit entries name their agreement."""
    from deid.auditlog import append_event

    settings, config = deployment
    monkeypatch.delenv("DEID_CONFIG_DIR", raising=False)
    append_event(settings.audit_log_path, "run", {"run_id": "2026Q3-r1", "agreement": str(config / "agreements" /
                                                                                         DEFAULT_AGREEMENT.name)})
    state = ["--state-dir", str(settings.state_dir)]
    wrong = runner.invoke(app, ["dispose", "--dry-run", "--today", "2027-08-01", *state])
    assert wrong.exit_code == 1 and "ran under the agreement at" in wrong.output and "--config-dir" in wrong.output
    right = runner.invoke(app, ["dispose", "--dry-run", "--today", "2027-08-01", *state, "--config-dir", str(config)])
    assert right.exit_code == 0, right.output


def test_a_retracted_release_folder_falls_due_like_any_release(tmp_path: Path) -> None:
    # a retracted release left the register, and its folder (pseudonymised extracts) never fell due (approval helper)
    import datetime as _dt

    from deid.retention import _releases
    from deid.store.releases import RELEASE_REGISTER_SCHEMA, register_files, retract_release

    releases = tmp_path / "releases"
    (releases / "run-a").mkdir(parents=True)
    row = {name: None for name in RELEASE_REGISTER_SCHEMA}
    row.update(run_id="run-a", quarter="2026Q3", released_at=_dt.datetime(2026, 10, 1, tzinfo=_dt.UTC),
               path="evaluation/evaluation_extract.parquet")
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        register_files(warehouse, [row])
        assert retract_release(warehouse, "run-a") == 1
        [item] = _releases(warehouse, releases, 10)
    assert item.kind == RELEASE and item.location == str(releases / "run-a") and item.due_on.year == 2036
