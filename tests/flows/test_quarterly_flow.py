"""End to end: the Prefect flow over the committed samples, under Prefect's test harness."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from deid.errors import StageFailed
from tests.conftest import SAMPLES
from tests.identifier_scan import collect_identifiers, find_leaks, release_texts

QUARTERS = ["2026Q2", "2026Q3"]


@pytest.fixture(scope="module")
def runs(prefect_harness, tmp_path_factory):
    from flows.quarterly import quarterly_reporting

    state = tmp_path_factory.mktemp("state")
    return {q: quarterly_reporting(quarter=q, landing_dir=str(SAMPLES), state_dir=str(state), demo_key=True) for q in QUARTERS}


def test_when_the_flow_runs_then_every_input_row_is_accounted_for(runs):
    for summary in runs.values():
        assert summary["rows"]["balanced"]
        assert summary["rows"]["received"] > 200 and summary["rows"]["quarantined"] > 0
        for s in summary["submissions"]:
            assert s["status"] == "accepted" and s["received"] == s["accepted"] + s["quarantined"]


def test_when_the_flow_runs_then_the_manifest_lists_every_released_file_with_its_hash(runs):
    for summary in runs.values():
        release = Path(summary["release_dir"])
        manifest = json.loads(Path(summary["manifest"]).read_text(encoding="utf-8"))
        listed = {f["path"]: f for f in manifest["files"]}
        on_disk = {str(p.relative_to(release)) for p in release.rglob("*") if p.is_file()} - {"manifest.json"}
        assert set(listed) == on_disk
        for path, entry in listed.items():
            assert hashlib.sha256((release / path).read_bytes()).hexdigest() == entry["sha256"]
        audiences = {f["audience"] for f in manifest["files"]}
        assert {"researchers", "service-delivery-team", "data-stewards", "provider:tamaki-whanau-ora"} <= audiences
        assert manifest["demo_key"] is True and manifest["risk_gates"]["evaluation"]["passed"]


def test_when_released_then_no_file_contains_any_input_identifier(runs, standards):
    identifiers = collect_identifiers(SAMPLES, QUARTERS, standards)
    assert sum(len(v) for v in identifiers.values()) > 1000
    for summary in runs.values():
        leaks = find_leaks(identifiers, release_texts(Path(summary["release_dir"])))
        assert leaks == [], leaks[:10]


def test_when_a_provider_report_is_written_then_it_names_no_other_provider(runs, agreement):
    providers = agreement.parties.provider_ids
    names = agreement.parties.provider_names
    release = Path(runs["2026Q3"]["release_dir"])
    texts = release_texts(release)
    for provider in providers:
        own = [path for path in texts if path.startswith(f"providers/{provider}/")]
        assert any(path.endswith(".pdf") for path in own) and any(path.endswith(".html") for path in own)
        for path in own:
            text = texts[path].replace("\n", " ")
            assert not [p for p in providers if p != provider and (p in text or names[p] in text)], path


def test_when_files_are_unreadable_repeated_or_from_strangers_then_each_is_reported_and_the_rest_processed(prefect_harness, tmp_path):
    import os

    from flows.quarterly import quarterly_reporting

    landing = tmp_path / "landing"
    for provider_dir in SAMPLES.iterdir():
        if (provider_dir / "2026Q3").is_dir():
            shutil.copytree(provider_dir / "2026Q3", landing / provider_dir.name / "2026Q3")
    good = next((landing / "kainga-support" / "2026Q3").iterdir())
    shutil.copy(good, good.with_name("copy of " + good.name))                  # byte-identical repeat
    broken = landing / "coastal-parenting" / "2026Q3" / "resubmission.xlsx"   # newer, but unreadable
    broken.write_text("this is not a spreadsheet", encoding="utf-8")
    os.utime(broken, (2_000_000_000, 2_000_000_000))
    stranger = landing / "unknown-trust" / "2026Q3"
    stranger.mkdir(parents=True)
    shutil.copy(good, stranger / "clients.csv")
    (landing / "te-puna-parenting" / "2026Q3" / "late additions.csv").write_text(   # a second part, with two 'Name' columns
        "Surname,DOB,Session date,Name,Name\n" + "".join(
            f"{f},0{i + 1}/02/1990,1{i}/08/2026,{g} {f},{g2} Smith\n"
            for i, (f, g, g2) in enumerate(zip(["Ngata", "Parata", "Tupou"], ["Aroha", "Wiremu", "Mele"], ["Jo", "Sam", "Ana"], strict=True))),
        encoding="utf-8")
    summary = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(tmp_path / "state"), demo_key=True)
    by_file = {(s["provider"], s["file"]): s for s in summary["submissions"]}
    rejected = by_file[("coastal-parenting", "resubmission.xlsx")]
    assert rejected["status"] == "rejected" and "resubmission.xlsx" in rejected["message"] and "not a spreadsheet" in rejected["message"]
    assert by_file[("coastal-parenting", "coastal-parenting_2026Q3.csv")]["status"] == "accepted"  # not superseded by a broken file
    copies = [s for k, s in by_file.items() if k[0] == "kainga-support"]                          # the copy is counted once
    assert sorted(s["status"] for s in copies) == ["accepted", "duplicate"] and sum(s["received"] for s in copies) == copies[0]["received"] + copies[1]["received"]
    assert by_file[("kainga-support", "copy of " + good.name)]["received"] == 0
    assert by_file[("unknown-trust", "clients.csv")]["status"] == "rejected"
    assert "not a party to the sharing agreement" in by_file[("unknown-trust", "clients.csv")]["message"]
    held = by_file[("te-puna-parenting", "late additions.csv")]
    assert held["status"] == "held" and held["held"] == held["received"] == 3
    assert by_file[("te-puna-parenting", "te-puna-parenting_2026Q3.csv")]["status"] == "accepted"   # parts, not superseded
    release = Path(summary["release_dir"])
    feedback = (release / "providers" / "te-puna-parenting" / "feedback_2026Q3.html").read_text(encoding="utf-8")
    assert "Rows held for a steward" in feedback and "deid mapping confirm" not in feedback
    assert "Awaiting mapping" in (release / "stewards" / "steward_summary.html").read_text(encoding="utf-8")
    assert summary["rows"]["balanced"] and len([s for s in summary["submissions"] if s["status"] == "accepted"]) == 5


def test_when_no_key_is_configured_then_the_run_refuses_with_a_clear_message(prefect_harness, tmp_path):
    from flows.quarterly import quarterly_reporting

    with pytest.raises(StageFailed, match="no pseudonymisation key"):
        quarterly_reporting(quarter="2026Q3", landing_dir=str(SAMPLES), state_dir=str(tmp_path), demo_key=False)
    assert not (tmp_path / "releases").exists() or not any((tmp_path / "releases").iterdir())


def test_when_every_file_is_rejected_then_the_run_still_reports_back_and_releases_nothing_identifying(prefect_harness, tmp_path):
    from flows.quarterly import quarterly_reporting

    landing = tmp_path / "landing" / "kainga-support" / "2026Q3"
    landing.mkdir(parents=True)
    (landing / "empty.csv").write_bytes(b"")
    summary = quarterly_reporting(quarter="2026Q3", landing_dir=str(tmp_path / "landing"), state_dir=str(tmp_path / "state"), demo_key=True)
    assert summary["rows"] == {"received": 0, "accepted": 0, "quarantined": 0, "held": 0, "rejected": 0, "balanced": True}
    assert summary["submissions"][0]["status"] == "rejected" and "empty" in summary["submissions"][0]["message"]
    feedback = Path(summary["release_dir"]) / "providers" / "kainga-support" / "feedback_2026Q3.html"
    assert "empty.csv" in feedback.read_text(encoding="utf-8")


def test_when_a_real_key_is_set_then_no_output_contains_key_material(prefect_harness, tmp_path, monkeypatch):
    import base64

    from flows.quarterly import quarterly_reporting
    from tests.conftest import TEST_KEY_HEX

    monkeypatch.setenv("DEID_PSEUDONYM_KEY", TEST_KEY_HEX)
    summary = quarterly_reporting(quarter="2026Q3", landing_dir=str(SAMPLES), state_dir=str(tmp_path), demo_key=False)
    manifest = json.loads(Path(summary["manifest"]).read_text(encoding="utf-8"))
    assert manifest["demo_key"] is False
    secret = bytes.fromhex(TEST_KEY_HEX)
    forms = [TEST_KEY_HEX, TEST_KEY_HEX.upper(), base64.b64encode(secret).decode()]
    for name, text in release_texts(Path(summary["release_dir"])).items():
        assert not any(form in text for form in forms), name
    assert "DEMONSTRATION RUN" not in (Path(summary["release_dir"]) / "stewards" / "steward_summary.html").read_text(encoding="utf-8")


def test_when_reports_are_written_then_they_are_self_contained_and_show_every_check(runs, standards):
    import re

    from deid.standards import quarter_bounds
    from deid.validate import build_rules

    release = Path(runs["2026Q3"]["release_dir"])
    steward = (release / "stewards" / "steward_summary.html").read_text(encoding="utf-8")
    pages = [p.read_text(encoding="utf-8") for p in release.rglob("*.html")]
    assert len(pages) >= 1 + 5 + 5 + 5  # summary, per-provider feedback, two quality reports per submission
    for page in pages:  # nothing fetched from the network: no external scripts, styles, images or fonts
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
        assert "<script" not in page and "@import" not in page
    rules = build_rules(standards, *quarter_bounds("2026Q3"))
    for rule in rules:
        assert steward.count(rule.description.replace("'", "&#39;")) >= 5, rule.rule_id  # once per submission


def test_when_a_submission_is_read_then_stewards_and_its_provider_each_get_a_quality_report(runs, standards):
    import csv

    from deid.standards import quarter_bounds
    from deid.validate import build_rules

    release = Path(runs["2026Q3"]["release_dir"])
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    audiences = {f["path"]: f["audience"] for f in manifest["files"]}
    rules = build_rules(standards, *quarter_bounds("2026Q3"))
    for submission in runs["2026Q3"]["submissions"]:
        provider, file_name = submission["provider"], submission["file"]
        steward_json = next((release / "stewards" / "quality" / provider).glob("*.json"))
        steward = json.loads(steward_json.read_text(encoding="utf-8"))
        assert steward["submission"]["file_name"] == file_name and steward["balanced"]
        assert {f["rule_id"] for f in steward["findings"]} == {r.rule_id for r in rules}  # every expectation
        assert all(f["rows_checked"] == submission["received"] for f in steward["findings"])
        own = release / "providers" / provider
        report = json.loads(next(own.glob("data_quality_*.json")).read_text(encoding="utf-8"))
        assert report["file_name"] == file_name and report["counts"]["rows_quarantined"] == submission["quarantined"]
        assert report["problems"] and all(p["fix"] and p["row_numbers"] for p in report["problems"])
        with next(own.glob("rows_to_fix_*.csv")).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        failing = sorted(f["failing_rows"] for f in steward["findings"] if not f["success"])
        assert sorted(p["rows"] for p in report["problems"]) == failing   # the provider hears of every failed check
        for problem in report["problems"]:  # every failing row is listed, in the provider's words, with how to fix it
            assert len({r["row"] for r in rows if r["problem"] == problem["description"]}) == problem["rows"]
        assert all(r["how_to_fix"] for r in rows)
        for path in own.iterdir():
            assert audiences[str(path.relative_to(release))] == f"provider:{provider}"


def test_when_tables_share_a_cell_then_it_is_hidden_in_all_or_published_alike_in_all(runs, standards):
    import polars as pl

    from deid.aggregate.protect import cell_identity

    release = Path(runs["2026Q3"]["release_dir"])
    seen: dict[str, tuple[str, str | None, str]] = {}
    for spec in standards.disclosure.tables:
        path = release / "aggregates" / f"{spec.name}.csv"
        if not path.exists():
            continue
        table = pl.read_csv(path, infer_schema=False)
        for row in table.iter_rows(named=True):
            identity = cell_identity(spec.measure, {d: row[d] for d in spec.dimensions})
            hidden = row["status"] != "published"
            if identity in seen:
                other_table, other_count, other_status = seen[identity]
                assert hidden == (other_status != "published"), (identity, spec.name, other_table)
                assert hidden or row["count"] == other_count, (identity, spec.name, other_table)
            else:
                seen[identity] = (spec.name, row["count"], row["status"])
    shared = [i for i in seen if i.count("=") == 1 and i.split("|")[1].startswith("provider=")]
    assert shared  # provider totals appear in several tables


def test_when_runs_complete_then_each_run_and_release_is_in_the_audit_chain_and_the_register(runs):
    from deid.auditlog import read_events, verify_chain
    from deid.db import Warehouse

    state = Path(runs["2026Q3"]["warehouse"]).parent
    log = state / "audit_log.jsonl"
    assert verify_chain(log).intact
    assert [e["details"]["run_id"] for e in read_events(log, "run")] == [runs[q]["run_id"] for q in QUARTERS]
    releases = read_events(log, "release")
    assert [e["details"]["run_id"] for e in releases] == [runs[q]["run_id"] for q in QUARTERS]
    manifest = Path(runs["2026Q3"]["manifest"])
    assert releases[-1]["details"]["manifest_sha256"] == hashlib.sha256(manifest.read_bytes()).hexdigest()
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        registered = warehouse.frame("t", "SELECT run_id, count(*) AS files FROM release_register GROUP BY run_id ORDER BY run_id")
        hidden = warehouse.execute("t", "SELECT count(*) FROM released_hidden_cells")[0][0]
    listed = {q: len(json.loads(Path(runs[q]["manifest"]).read_text(encoding="utf-8"))["files"]) for q in QUARTERS}
    assert dict(registered.rows()) == {runs[q]["run_id"]: listed[q] for q in QUARTERS} and hidden > 0


def test_when_a_demo_key_run_releases_then_every_file_it_writes_is_marked_and_no_csv_cell_can_run(runs):
    import polars as pl

    from deid.safe_text import is_formula_shaped
    from tests.publish.helpers import unmarked_demo_files

    for summary in runs.values():
        release = Path(summary["release_dir"])
        assert len(list(release.rglob("*"))) > 50
        assert unmarked_demo_files(release) == []
        for csv in release.rglob("*.csv"):
            frame = pl.read_csv(csv, infer_schema=False)
            cells = [v for c in frame.columns for v in frame.get_column(c).drop_nulls().to_list()] + frame.columns
            assert not [v for v in cells if is_formula_shaped(v)], csv


def test_when_runs_complete_then_the_audit_log_is_anchored_in_the_warehouse_and_every_manifest(runs, tmp_path):
    from typer.testing import CliRunner

    from deid.auditlog import manifest_heads, recorded_heads, verify_log
    from deid.cli import app
    from deid.db import Warehouse
    from deid.pseudonymise import demo_key

    state = Path(runs["2026Q3"]["warehouse"]).parent
    heads = manifest_heads(state / "releases")
    assert {r for r, _ in heads} == {Path(runs[q]["release_dir"]).name for q in QUARTERS}
    assert all(h.key_fingerprint == demo_key().fingerprint and h.mac for _, h in heads)
    verified = CliRunner().invoke(app, ["audit", "verify", "--state-dir", str(state)])
    assert verified.exit_code == 0 and "intact" in verified.stdout, verified.output
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        recorded = recorded_heads(warehouse)
    cut = tmp_path / "audit_log.jsonl"    # a copy cut short by its last entry: the shared log stays whole
    cut.write_text("".join((state / "audit_log.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:-1]),
                   encoding="utf-8")
    check = verify_log(cut, recorded, heads, demo_key())
    assert not check.intact and any("missing" in p for p in check.problems), check


def test_when_the_samples_are_released_then_no_evaluation_row_joins_to_fewer_than_k_service_delivery_rows(runs, standards,
                                                                                                       agreement):
    """Issue 14: joined on the columns both extracts carry, 102 of 192 evaluation rows of 2026Q3 linked to
    exactly one service-delivery row; now no row of either links to fewer than k rows of the other."""
    import polars as pl

    from deid.risk import linkage_policy
    from tests.risk.linkage_oracle import attacker_join

    policy = linkage_policy(standards.disclosure.risk, agreement)
    for quarter in QUARTERS:
        release = Path(runs[quarter]["release_dir"])
        joined = attacker_join(pl.read_parquet(release / "evaluation/evaluation_extract.parquet"),
                               pl.read_parquet(release / "service-delivery/service_delivery_extract.parquet"),
                               policy.scales, {"programme": "Other", "referral_source": "Other"})
        assert joined.linkable(policy.k) == (0, 0) and joined.unique() == (0, 0), quarter
        pack = json.loads((release / "stewards/steward_summary.json").read_text(encoding="utf-8"))
        gates = {g["extract"]: g for g in pack["gates"]}
        assert gates["evaluation"]["linkage"][0]["before"][0]["linked_uniquely"] > 0
        assert all(g["passed"] and g["linkage_information_lost"] >= 0 for g in gates.values())
