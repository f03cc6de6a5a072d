"""Access requests answer for one provider's client only; disposal removes what is past retention and logs it."""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from typer.testing import CliRunner

from deid.access import answer_access_request
from deid.auditlog import read_events, verify_chain
from deid.cli import app
from deid.db import Warehouse
from deid.pseudonymise import derive_purpose_key, purpose_prefix, purpose_pseudonyms
from deid.retention import dispose, due_for_disposal
from deid.settings import resolve_settings

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
runner = CliRunner()


def _records() -> pl.DataFrame:
    # the same person (person_key k1) at two providers, and another client at the first
    return pl.DataFrame({
        "run_id": ["run-a", "run-a", "run-b"], "provider": ["tamaki-whanau-ora", "tamaki-whanau-ora", "te-puna-parenting"],
        "quarter": ["2026Q3", "2026Q3", "2026Q3"], "submission_id": ["s1", "s1", "s2"], "source_file": ["t.csv", "t.csv", "p.csv"],
        "source_row": [2, 3, 7], "client_ref": ["C1", "C2", "P-77"], "given_names": ["Aroha", "Ben", "Aroha"],
        "family_name": ["Ngata", "Lee", "Ngata"], "programme": ["Mana Whānau", "Mana Whānau", "Secret Te Puna Programme"],
        "person_key": ["k1", "k2", "k1"], "identity": ["i1", "i2", "i1"]})


@pytest.fixture()
def secure_zone(tmp_path, test_key, agreement):
    settings = resolve_settings("2026Q3", state_dir=tmp_path / "state", now=NOW)
    settings.state_dir.mkdir(parents=True)
    evaluation = agreement.purposes["evaluation"].pseudonym_domain
    released_id = purpose_pseudonyms(pl.Series(["k1"]), derive_purpose_key(test_key, evaluation), purpose_prefix(evaluation))[0]
    extract = settings.releases_dir / "run-a" / "evaluation" / "evaluation_extract.parquet"
    extract.parent.mkdir(parents=True)
    pl.DataFrame({"person_id": [released_id, "e_other"]}).write_parquet(extract)
    with Warehouse(settings.warehouse_path) as warehouse:
        warehouse.append_frame("t", "secure_records", _records())
        warehouse.append_frame("t", "release_register", pl.DataFrame({
            "run_id": ["run-a", "run-a", "run-a", "run-b"], "quarter": ["2026Q3"] * 4,
            "path": ["aggregates/t.csv", "providers/tamaki-whanau-ora/feedback_2026Q3.html",
                     "providers/te-puna-parenting/feedback_2026Q3.html", "aggregates/t.csv"],
            "audience": ["programme-wide", "provider:tamaki-whanau-ora", "provider:te-puna-parenting", "programme-wide"],
            "description": ["Protected table", "Feedback report", "Feedback report", "Protected table"],
            "released_at": [NOW] * 4}))
    return settings


def test_when_a_provider_asks_for_a_client_then_only_its_own_records_and_their_uses_come_back(secure_zone, agreement, test_key):
    with Warehouse(secure_zone.warehouse_path) as warehouse:
        report = answer_access_request(warehouse, secure_zone.releases_dir, agreement, test_key, "tamaki-whanau-ora", "C1", NOW)
    assert [r["client_ref"] for r in report.records] == ["C1"] and report.records[0]["given_names"] == "Aroha"
    assert "person_key" not in report.records[0] and "identity" not in report.records[0]
    assert report.extract_rows == [{"release": "run-a", "file": "evaluation/evaluation_extract.parquet", "rows": 1}]
    assert {c["path"] for c in report.counted_in} == {"aggregates/t.csv", "providers/tamaki-whanau-ora/feedback_2026Q3.html"}
    text = json.dumps([report.records, report.counted_in], ensure_ascii=False)
    assert "te-puna" not in text and "Secret Te Puna Programme" not in text and "P-77" not in text


def test_when_access_is_requested_on_the_command_line_then_a_report_is_written_and_logged(secure_zone, monkeypatch):
    monkeypatch.setenv("DEID_STATE_DIR", str(secure_zone.state_dir))
    result = runner.invoke(app, ["access-request", "--provider", "tamaki-whanau-ora", "--client-ref", "C1", "--demo-key"])
    assert result.exit_code == 0, result.output
    assert "1 record(s) held" in result.stdout
    [event] = read_events(secure_zone.audit_log_path, "access-request")
    assert event["details"]["records_found"] == 1 and "C1" not in json.dumps(event)   # the log holds no client reference
    page = next((secure_zone.state_dir / "access-requests").glob("AR-*/access_request.html")).read_text(encoding="utf-8")
    assert "Aroha" in page and "privacy officer" in page and "Secret Te Puna Programme" not in page
    unknown = runner.invoke(app, ["access-request", "--provider", "nobody", "--client-ref", "C1", "--demo-key"])
    assert unknown.exit_code == 1 and "not a party" in unknown.output


def test_when_a_release_was_retracted_then_an_access_request_says_it_was_never_sent(secure_zone, monkeypatch):
    """An outsider test (10, item 10): after `deid retract`, the access request still listed the retracted release's
    extract files as places the client's data went, with no word of the retraction."""
    from tests.conftest import TEST_KEY_HEX

    monkeypatch.setenv("DEID_STATE_DIR", str(secure_zone.state_dir))
    monkeypatch.setenv("DEID_PSEUDONYM_KEY", TEST_KEY_HEX)   # the key the fixture's extract was made under
    before = json.loads(runner.invoke(app, ["access-request", "--provider", "tamaki-whanau-ora", "--client-ref", "C1",
                                            "--json"]).stdout)
    assert before["extract_files"] == 1 and before["releases_counted_in"] == 1 and before["retracted_releases"] == 0
    retracted = runner.invoke(app, ["retract", "run-a", "--by", "Mere (data steward)", "--note", "held file; never sent"])
    assert retracted.exit_code == 0, retracted.output
    assert (secure_zone.releases_dir / "run-a" / "RETRACTED.txt").is_file()
    [entry] = read_events(secure_zone.audit_log_path, "release-retracted")
    answered = runner.invoke(app, ["access-request", "--provider", "tamaki-whanau-ora", "--client-ref", "C1", "--json"])
    assert answered.exit_code == 0, answered.output
    summary = json.loads(answered.stdout)
    assert summary["extract_files"] == 0 and summary["releases_counted_in"] == 0   # nothing of it went out
    assert summary["retracted_releases"] == 1 and summary["retracted_extract_files"] == 1
    assert summary["retracted"] == [{"release": "run-a", "retracted_on": entry["at"][:10], "rows": 1,
                                     "files": [{"file": "evaluation/evaluation_extract.parquet", "rows": 1}]}]
    folder = secure_zone.state_dir / "access-requests" / summary["request_id"]
    page = (folder / "access_request.html").read_text(encoding="utf-8")
    assert "taken back before it was sent" in page and "Shared with the" not in page
    assert "Releases taken back before they were sent" in page and "taken back (retracted)" in page
    saved = json.loads((folder / "access_request.json").read_text(encoding="utf-8"))
    assert saved["extract_rows"] == [] and saved["retracted"][0]["release"] == "run-a"
    assert "taken back (retracted)" in saved["readable"]["retracted"][0]["said"]
    plain = runner.invoke(app, ["access-request", "--provider", "tamaki-whanau-ora", "--client-ref", "C1"])
    assert plain.exit_code == 0, plain.output
    assert "in 0 released extract file(s)" in plain.stdout
    assert (f"release run-a was retracted on {entry['at'][:10]} and never sent (its 1 extract file(s) with 1 row(s) about "
            "the client went nowhere)") in plain.stdout


def test_when_a_release_folder_holds_a_retraction_marker_then_its_rows_are_not_reported_as_sent(secure_zone, agreement,
                                                                                                 test_key):
    (secure_zone.releases_dir / "run-a" / "RETRACTED.txt").write_text("RETRACTED", encoding="utf-8")
    with Warehouse(secure_zone.warehouse_path) as warehouse:
        report = answer_access_request(warehouse, secure_zone.releases_dir, agreement, test_key, "tamaki-whanau-ora", "C1", NOW)
    assert report.extract_rows == [] and [r["release"] for r in report.retracted] == ["run-a"]
    assert report.retracted[0]["retracted_on"] == "a day not recorded"


def test_when_retention_has_passed_then_dispose_lists_deletes_and_logs_only_what_is_due(secure_zone, agreement, monkeypatch):
    raw = secure_zone.raw_store_dir / "tamaki-whanau-ora" / "2026Q3" / "abcdef0123456789-t.csv"
    raw.parent.mkdir(parents=True)
    raw.write_text("client_ref\nC1\n", encoding="utf-8")
    with Warehouse(secure_zone.warehouse_path) as warehouse:
        warehouse.append_frame("t", "submissions", pl.DataFrame({
            "submission_id": ["s1"], "provider": ["tamaki-whanau-ora"], "quarter": ["2026Q3"], "file_name": ["t.csv"],
            "sha256": ["abcdef0123456789" + "0" * 48], "received_at": [NOW]}))
        assert due_for_disposal(warehouse, secure_zone, agreement, dt.date(2028, 11, 20)) == []
        due = due_for_disposal(warehouse, secure_zone, agreement, dt.date(2028, 11, 21))    # raw: 2 years after receipt
        assert [(i.kind, i.location) for i in due] == [("raw submission", str(raw))]
        later = due_for_disposal(warehouse, secure_zone, agreement, dt.date(2033, 9, 30))   # records: 7 years after quarter end
        assert {(i.kind, i.provider, i.rows) for i in later} >= {("identifiable records", "tamaki-whanau-ora", 2),
                                                                 ("identifiable records", "te-puna-parenting", 1)}
    monkeypatch.setenv("DEID_STATE_DIR", str(secure_zone.state_dir))
    dry = runner.invoke(app, ["dispose", "--dry-run", "--today", "2033-10-01"])
    assert dry.exit_code == 0 and "would delete raw submission" in dry.stdout and raw.exists()
    done = runner.invoke(app, ["dispose", "--today", "2033-10-01"])
    assert done.exit_code == 0, done.output
    assert not raw.exists()
    with Warehouse(secure_zone.warehouse_path) as warehouse:
        assert warehouse.execute("t", "SELECT count(*) FROM secure_records")[0][0] == 0
    [event] = read_events(secure_zone.audit_log_path, "disposal")
    assert event["details"]["files_deleted"] == 1 and event["details"]["rows_deleted"] == 3
    assert verify_chain(secure_zone.audit_log_path).intact
    assert "nothing is past its retention period" in runner.invoke(app, ["dispose", "--today", "2033-10-01"]).stdout


def test_when_a_use_is_logged_then_it_is_listed_and_audited_and_strangers_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DEID_STATE_DIR", str(tmp_path))
    added = runner.invoke(app, ["use-log", "add", "--quarter", "2026q3", "--used-by", "Evaluation team",
                                "--use", "Interim evaluation", "--outcome", "Programme extended"])
    assert added.exit_code == 0, added.output
    listed = [json.loads(line) for line in runner.invoke(app, ["use-log", "list", "--quarter", "2026Q3"]).stdout.splitlines()]
    assert listed[0]["providers"] == ["all"] and listed[0]["quarter"] == "2026Q3"
    assert read_events(tmp_path / "audit_log.jsonl", "use-logged")
    stranger = runner.invoke(app, ["use-log", "add", "--quarter", "2026Q3", "--used-by", "x", "--use", "y", "--providers", "nobody"])
    assert stranger.exit_code == 1 and "not a party" in stranger.output
    bad_quarter = runner.invoke(app, ["use-log", "add", "--quarter", "Q3", "--used-by", "x", "--use", "y"])
    assert bad_quarter.exit_code == 1 and "quarter" in bad_quarter.output
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    log = tmp_path / "audit_log.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace("Interim evaluation", "Something else"), encoding="utf-8")
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and "line 1" in broken.stdout


# --- history that survives key rotation ---------------------------------------------------------

from deid.pseudonymise import LINKAGE_DOMAIN, check_linkage_key, hmac_pseudonyms, make_key, rotate_linkage_key  # noqa: E402
from deid.uselog import UseEntry  # noqa: E402

K0, K1, K2 = (make_key(bytes(range(start, start + 32))) for start in (0, 50, 100))


def _purpose_id(key, person_key: str, domain: str) -> str:
    return purpose_pseudonyms(pl.Series([person_key]), derive_purpose_key(key, domain), purpose_prefix(domain))[0]


def _release(settings, run_id: str, key, agreement, people: list[str]) -> int:
    """Each purpose's extract of `run_id`, holding these people's rows under `key` (and someone else's)."""
    with Warehouse(settings.warehouse_path) as warehouse:
        keys = dict(warehouse.execute("t", "SELECT identity, person_key FROM secure_records"))
    for name, purpose in agreement.purposes.items():
        extract = settings.releases_dir / run_id / name.replace("_", "-") / f"{name}_extract.parquet"
        extract.parent.mkdir(parents=True)
        ids = [_purpose_id(key, keys[p], purpose.pseudonym_domain) for p in people]
        pl.DataFrame({"person_id": [*ids, "x_someone_else"]}).write_parquet(extract)
    return len(agreement.purposes)


@pytest.fixture()
def rotated_twice(tmp_path, agreement):
    """Aroha (C1, 2026Q3 only) and Ben (C2, 2026Q3 and 2033Q1): extracts released under K0, then K1; keys rotated to K2."""
    settings = resolve_settings("2026Q3", state_dir=tmp_path / "state", now=NOW)
    linkage = derive_purpose_key(K0, LINKAGE_DOMAIN)
    identities = ["nhi:ZZZ0016", "nhi:ZAC5361", "nhi:ZAC5361"]
    records = pl.DataFrame({
        "run_id": ["run-a", "run-a", "run-c"], "provider": ["tamaki-whanau-ora"] * 3, "quarter": ["2026Q3", "2026Q3", "2033Q1"],
        "source_file": ["t.csv"] * 3, "source_row": [2, 3, 2], "client_ref": ["C1", "C2", "C2"],
        "identity": identities, "person_key": hmac_pseudonyms(identities, linkage, prefix="pk_")})
    domains = sorted({p.pseudonym_domain for p in agreement.purposes.values()})
    with Warehouse(settings.warehouse_path) as warehouse:
        check_linkage_key(warehouse, K0, NOW)
        warehouse.append_frame("t", "secure_records", records)
    released = _release(settings, "run-a", K0, agreement, ["nhi:ZZZ0016"])
    with Warehouse(settings.warehouse_path) as warehouse:
        rotate_linkage_key(warehouse, K0, K1, domains, NOW)
    released += _release(settings, "run-b", K1, agreement, ["nhi:ZZZ0016"])
    with Warehouse(settings.warehouse_path) as warehouse:
        rotate_linkage_key(warehouse, K1, K2, domains, NOW + dt.timedelta(days=1))
    return settings, released


def test_when_keys_rotate_twice_then_an_access_request_still_finds_every_extract_released_before(rotated_twice, agreement):
    settings, released = rotated_twice
    uses = [UseEntry(recorded_on=NOW.date(), quarter="2026Q3", providers=("tamaki-whanau-ora",), used_by="Evaluation team",
                     use="Interim evaluation", release="run-a"),
            UseEntry(recorded_on=NOW.date(), quarter="2026Q3", providers=("te-puna-parenting",), used_by="Contracts",
                     use="Other provider's review", release="run-a"),
            UseEntry(recorded_on=NOW.date(), quarter="2025Q1", providers=("all",), used_by="Board", use="Old briefing")]
    with Warehouse(settings.warehouse_path) as warehouse:
        report = answer_access_request(warehouse, settings.releases_dir, agreement, K2, "tamaki-whanau-ora", "C1", NOW, uses)
    found = {(e["release"], e["file"]) for e in report.extract_rows}
    assert len(found) == released == 4 and {r for r, _ in found} == {"run-a", "run-b"}, found
    assert all(e["rows"] == 1 for e in report.extract_rows)
    for name, purpose in agreement.purposes.items():   # the pseudonyms under all three keys are listed
        person_key = hmac_pseudonyms(["nhi:ZZZ0016"], derive_purpose_key(K2, LINKAGE_DOMAIN), prefix="pk_")[0]
        assert _purpose_id(K2, person_key, purpose.pseudonym_domain) in report.pseudonyms[name]
        assert len(report.pseudonyms[name]) == 3
    assert [u["use"] for u in report.uses] == ["Interim evaluation"]   # the use log is followed to the old release


def test_when_records_are_disposed_after_two_rotations_then_the_person_s_crosswalk_history_goes_too(rotated_twice, agreement):
    settings, _ = rotated_twice
    with Warehouse(settings.warehouse_path) as warehouse:
        due = due_for_disposal(warehouse, settings, agreement, dt.date(2033, 10, 1))
        [history] = [i for i in due if i.kind == "pseudonym history"]
        # Aroha's two linkage rows and one row per purpose per rotation; Ben still has a 2033Q1 record, so his stay
        assert (history.provider, history.quarter, history.rows) == ("tamaki-whanau-ora", "2026Q3", 2 + 2 * len(agreement.purposes))
        assert "pk_" not in repr(history)
        before = warehouse.execute("t", "SELECT count(*) FROM linkage_crosswalk")[0][0]
        counts = dispose(warehouse, due)
        assert counts["history_rows"] == history.rows
        assert warehouse.execute("t", "SELECT count(*) FROM linkage_crosswalk")[0][0] == before - 2
        assert warehouse.execute("t", "SELECT count(*) FROM purpose_crosswalk")[0][0] == 2 * len(agreement.purposes)
        report = answer_access_request(warehouse, settings.releases_dir, agreement, K2, "tamaki-whanau-ora", "C2", NOW)
    assert len(report.extract_rows) == 0 and len(report.pseudonyms["evaluation"]) == 3   # Ben's history is intact
