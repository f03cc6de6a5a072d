"""An access request shows only what the asking provider contributed, and says plainly when everything was disposed of."""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from typer.testing import CliRunner

from deid.access import answer_access_request, provider_disposals
from deid.cli import app
from deid.db import Warehouse
from deid.pseudonymise import derive_purpose_key, purpose_prefix, purpose_pseudonyms
from deid.settings import resolve_settings

NOW = dt.datetime(2027, 2, 3, 14, 30, tzinfo=dt.UTC)
ASKING, OTHER = "kainga-support", "coastal-parenting"
runner = CliRunner()


def _purpose_id(key, person_key: str, domain: str) -> str:
    return purpose_pseudonyms(pl.Series([person_key]), derive_purpose_key(key, domain), purpose_prefix(domain))[0]


@pytest.fixture()
def shared_person(tmp_path, test_key, agreement):
    """Mere (person_key pk-mere) sent by the asking provider in 2026Q4 only, and by another provider in 2026Q4 and 2027Q1."""
    settings = resolve_settings("2027Q1", state_dir=tmp_path / "state", now=NOW)
    settings.state_dir.mkdir(parents=True)
    records = pl.DataFrame({
        "run_id": ["q4-run", "q4-run", "q1-run"], "provider": [ASKING, OTHER, OTHER], "quarter": ["2026Q4", "2026Q4", "2027Q1"],
        "source_file": ["ks.csv", "cp.csv", "cp.csv"], "source_row": [5, 9, 4], "client_ref": ["KS-0042", "CP/311", "CP/311"],
        "given_names": ["Mere", "Mere", "Mere"], "person_key": ["pk-mere"] * 3, "identity": ["id-mere"] * 3})
    for name, purpose in agreement.purposes.items():
        mere = _purpose_id(test_key, "pk-mere", purpose.pseudonym_domain)
        folder = name.replace("_", "-")
        q4 = settings.releases_dir / "q4-run" / folder / f"{name}_extract.parquet"
        q1 = settings.releases_dir / "q1-run" / folder / f"{name}_extract.parquet"
        for path in (q4, q1):
            path.parent.mkdir(parents=True)
        pl.DataFrame({"person_id": [mere, mere, "x_someone"], "provider": [ASKING, OTHER, ASKING],
                      "quarter": ["2026Q4"] * 3}).write_parquet(q4)
        pl.DataFrame({"person_id": [mere, "x_someone"], "provider": [OTHER, ASKING], "quarter": ["2027Q1"] * 2}).write_parquet(q1)
    with Warehouse(settings.warehouse_path) as warehouse:
        warehouse.append_frame("t", "secure_records", records)
        warehouse.append_frame("t", "release_register", pl.DataFrame({
            "run_id": ["q4-run", "q4-run", "q1-run", "q1-run"], "quarter": ["2026Q4", "2026Q4", "2027Q1", "2027Q1"],
            "path": ["aggregates/a.csv", f"providers/{ASKING}/feedback_2026Q4.html", "aggregates/a.csv",
                     f"providers/{ASKING}/feedback_2027Q1.html"],
            "audience": ["programme-wide", f"provider:{ASKING}", "programme-wide", f"provider:{ASKING}"],
            "description": ["Table", "Feedback", "Table", "Feedback"], "released_at": [NOW] * 4}))
    return settings


def test_when_another_provider_also_sent_the_person_then_only_the_asking_provider_s_rows_are_counted(shared_person, agreement,
                                                                                                     test_key):
    with Warehouse(shared_person.warehouse_path) as warehouse:
        report = answer_access_request(warehouse, shared_person.releases_dir, agreement, test_key, ASKING, "KS-0042", NOW)
    # one row per extract of the quarter it sent; the other provider's row beside it, and its later quarter, are not seen
    assert {e["release"] for e in report.extract_rows} == {"q4-run"}
    assert [e["rows"] for e in report.extract_rows] == [1] * len(agreement.purposes)
    assert {c["run_id"] for c in report.counted_in} == {"q4-run"}
    assert "q1-run" not in json.dumps([report.readable, report.uses], default=str)


def test_when_an_extract_cannot_tell_providers_apart_then_no_more_rows_are_counted_than_the_provider_sent(
        shared_person, agreement, test_key):
    for extract in shared_person.releases_dir.glob("*/*/*_extract.parquet"):
        pl.read_parquet(extract).drop("provider").write_parquet(extract)
    with Warehouse(shared_person.warehouse_path) as warehouse:
        report = answer_access_request(warehouse, shared_person.releases_dir, agreement, test_key, ASKING, "KS-0042", NOW)
    assert {e["release"] for e in report.extract_rows} == {"q4-run"} and all(e["rows"] == 1 for e in report.extract_rows)


def test_when_disposal_entries_name_the_provider_then_its_quarters_and_the_day_are_reported():
    entries = [{"event": "disposal", "at": "2033-03-02T10:00:00+00:00", "details": {"as_of": "2033-03-01", "items": [
        {"kind": "identifiable records", "provider": ASKING, "quarter": "2026Q4"},
        {"kind": "raw submission", "provider": ASKING, "quarter": "2026Q3"},
        {"kind": "identifiable records", "provider": OTHER, "quarter": "2027Q1"}]}}]
    assert provider_disposals(entries, ASKING) == [{"on": "2033-03-02", "as_of": "2033-03-01", "quarters": ["2026Q4"]}]
    assert provider_disposals(entries, "tamaki-whanau-ora") == []


def test_when_everything_was_disposed_of_then_the_request_says_nothing_identifiable_is_held(shared_person, monkeypatch):
    monkeypatch.setenv("DEID_STATE_DIR", str(shared_person.state_dir))
    assert runner.invoke(app, ["dispose", "--today", "2034-06-30"]).exit_code == 0
    answered = runner.invoke(app, ["access-request", "--provider", ASKING, "--client-ref", "KS-0042", "--demo-key", "--json"])
    assert answered.exit_code == 0, answered.output
    summary = json.loads(answered.stdout)
    assert summary["ok"] is True and summary["records_found"] == 0 and summary["identifiable_held"] is False
    assert [d["quarters"] for d in summary["disposed"]] == [["2026Q4"]] and summary["disposed"][0]["as_of"] == "2034-06-30"
    page = (shared_person.state_dir / "access-requests" / summary["request_id"] / "access_request.html").read_text(encoding="utf-8")
    assert "hold nothing identifiable" in page and "2026Q4 were disposed of on" in page and "Traceback" not in page
    plain = runner.invoke(app, ["access-request", "--provider", ASKING, "--client-ref", "KS-0042", "--demo-key"])
    assert plain.exit_code == 0 and "nothing identifiable is held" in plain.stdout and "2026Q4" in plain.stdout
