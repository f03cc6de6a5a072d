import json

import pytest
from typer.testing import CliRunner

from deid.cli import app

runner = CliRunner()


def test_when_scrub_is_given_text_then_it_prints_json_without_the_matched_text():
    result = runner.invoke(app, ["scrub", "Call 021 555 0123 about NHI ZZZ0016"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["text"] == "Call <PHONE> about NHI <NHI>"
    assert {e["entity"] for e in payload["entities"]} == {"PHONE_NUMBER", "NZ_NHI"}


def test_when_samples_are_written_then_each_provider_has_both_quarters(tmp_path):
    result = runner.invoke(app, ["samples", "--out", str(tmp_path)])
    assert result.exit_code == 0
    files = sorted(p.relative_to(tmp_path).parts[:2] for p in tmp_path.rglob("*.*"))
    assert len(files) == 10 and {q for _, q in files} == {"2026Q2", "2026Q3"}


def test_when_samples_are_regenerated_then_they_match_the_committed_ones(tmp_path):
    from tests.conftest import SAMPLES

    runner.invoke(app, ["samples", "--out", str(tmp_path)])
    for committed in SAMPLES.rglob("*.csv"):
        assert (tmp_path / committed.relative_to(SAMPLES)).read_bytes() == committed.read_bytes(), committed


def test_when_large_input_is_asked_for_then_rows_and_providers_are_as_requested(tmp_path):
    import polars as pl

    out = tmp_path / "large.parquet"
    result = runner.invoke(app, ["samples", "--large", "5000", "--providers", "20", "--out", str(out)])
    assert result.exit_code == 0
    frame = pl.read_parquet(out)
    assert frame.height == 5000 and frame.get_column("provider").n_unique() == 20
    assert frame.get_column("client_ref").n_unique() == 5000


def test_when_run_has_no_key_then_the_message_is_clear_and_there_is_no_traceback(prefect_harness, tmp_path):
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", "data-samples", "--state-dir", str(tmp_path)])
    assert result.exit_code == 1
    shown = result.stdout + result.stderr
    assert "no pseudonymisation key" in shown and "Traceback" not in shown
    assert "[1/10] plan ..." in shown and "ingest+validate" not in shown   # progress, stopped at the first stage


def test_when_keygen_runs_then_it_writes_a_private_key_file_and_never_overwrites(tmp_path):
    key = tmp_path / "k" / "deid.key"
    assert runner.invoke(app, ["keygen", "--out", str(key)]).exit_code == 0
    assert len(bytes.fromhex(key.read_text().strip())) == 32 and (key.stat().st_mode & 0o777) == 0o600
    again = runner.invoke(app, ["keygen", "--out", str(key)])
    assert again.exit_code == 1 and "refusing to overwrite" in again.stdout + again.stderr


def test_when_a_file_is_submitted_twice_then_it_is_landed_once(tmp_path):
    from tests.conftest import SAMPLES

    source = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"
    args = ["submit", "--provider", "kainga-support", "--quarter", "2026q3", "--state-dir", str(tmp_path), str(source)]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0 and "received" in first.stdout
    assert second.exit_code == 0 and "not counted twice" in second.stdout
    landed = list((tmp_path / "landing" / "kainga-support" / "2026Q3").iterdir())
    assert len(landed) == 1 and landed[0].name.endswith("__kainga-support_2026Q3.csv")


def test_when_a_stranger_submits_then_the_file_is_refused(tmp_path):
    from tests.conftest import SAMPLES

    source = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"
    result = runner.invoke(app, ["submit", "--provider", "nobody", "--quarter", "2026Q3", "--state-dir", str(tmp_path), str(source)])
    assert result.exit_code == 1 and "not a party" in result.stderr and not (tmp_path / "landing").exists()


def test_when_a_mapping_is_suggested_then_each_column_shows_its_field_confidence_and_candidates():
    from tests.conftest import SAMPLES

    result = runner.invoke(app, ["mapping", "suggest", "--provider", "kainga-support", "--quarter", "2026Q3",
                                 str(SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv")])
    assert result.exit_code == 0, result.output
    rows = {line[6:40].strip(): line[40:].split() for line in result.stdout.splitlines()[2:] if line.startswith("  ") and line[2:5].strip().isdigit()}
    assert rows["Client Surname"][0] == "family_name" and float(rows["Client Surname"][1]) > 0.8
    assert rows["Worker"][0] == "key_worker"
    assert rows["Worker notes"][0] == "case_notes"


def test_when_a_header_is_not_a_field_name_then_the_analyst_sees_its_words_with_identifiers_replaced(tmp_path):
    """A user test could not type `--set 'HEADER=field'` because such headers showed only as "(text, 12 characters)"."""
    source = tmp_path / "export.csv"
    source.write_text("CLT_ID,Client name,Eval consent,Ring Mere on 021 555 0123\n"
                      "A1,Mere Ngata,Yes,x\nA2,Hemi Walker,No,y\n", encoding="utf-8")
    result = runner.invoke(app, ["mapping", "suggest", "--provider", "kainga-support", "--quarter", "2026Q3", "--json",
                                 str(source)])
    assert result.exit_code == 0, result.output
    headers = [c["header"] for c in json.loads(result.stdout)["tables"][0]["columns"]]
    assert "Eval consent" in headers and "CLT_ID" in headers
    assert "Ring Mere on <PHONE>" in headers      # its words, the phone number replaced


def test_when_one_address_is_given_then_its_components_print_as_json():
    result = runner.invoke(app, ["address", "parse", "UNIT B 7 KAURI RD, RD 2, WHANGAREI 0172"])
    parsed = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (parsed["unit_type"], parsed["unit_number"], parsed["street_name"], parsed["street_type"], parsed["rd_number"],
            parsed["town_city"], parsed["postcode"]) == ("Unit", "B", "Kauri", "Road", "2", "Whangārei", "0172")


@pytest.mark.parametrize("out_name", ["out.csv", "out.parquet", "out.jsonl"])
def test_when_a_batch_is_run_then_every_input_column_is_kept_and_results_appended(tmp_path, out_name):
    import polars as pl

    source = tmp_path / "in.csv"
    source.write_text('ref,name,postcode\n0012,"TE KANAWA, Aroha Mere",0110\n0013,mr wiremu parata,\n', encoding="utf-8")
    target = tmp_path / out_name
    result = runner.invoke(app, ["name", "parse", "--in", str(source), "--column", "name", "--out", str(target)])
    assert result.exit_code == 0, result.output
    out = {"out.csv": lambda p: pl.read_csv(p, infer_schema=False), "out.parquet": pl.read_parquet, "out.jsonl": pl.read_ndjson}[out_name](target)
    assert out.columns[:3] == ["ref", "name", "postcode"] and "family_name" in out.columns and "match_key" in out.columns
    assert out.get_column("ref").to_list() == ["0012", "0013"]  # codes read as text keep their zeros
    assert out.get_column("family_name").to_list() == ["Te Kanawa", "Parata"]


def test_when_a_batch_result_column_is_already_an_input_column_then_it_is_renamed_not_overwritten(tmp_path):
    import polars as pl

    source = tmp_path / "in.csv"
    source.write_text("address,postcode\n\"15 Smith St, Mt Eden, Auckland 1024\",as given\n", encoding="utf-8")
    result = runner.invoke(app, ["address", "parse", "--in", str(source), "--column", "address", "--out", str(tmp_path / "o.csv")])
    out = pl.read_csv(tmp_path / "o.csv", infer_schema=False)
    assert result.exit_code == 0 and out.get_column("postcode")[0] == "as given" and out.get_column("postcode_address")[0] == "1024"


def test_when_scrub_runs_as_a_batch_then_notes_are_scrubbed_and_entities_listed(tmp_path):
    import polars as pl

    source = tmp_path / "notes.csv"
    source.write_text('id,note\n1,"Called Aroha on 021 555 0123, NHI ZZZ0016"\n2,Attended 6 of 8 sessions\n', encoding="utf-8")
    result = runner.invoke(app, ["scrub", "--in", str(source), "--column", "note", "--out", str(tmp_path / "o.parquet")])
    out = pl.read_parquet(tmp_path / "o.parquet")
    assert result.exit_code == 0
    assert "021" not in out.get_column("scrubbed")[0] and "ZZZ0016" not in out.get_column("scrubbed")[0]
    assert out.get_column("scrubbed")[1] == "Attended 6 of 8 sessions" and out.get_column("entities")[1] is None


@pytest.mark.parametrize("args, message", [
    (["address", "parse", "--in", "missing.csv", "--column", "a", "--out", "o.csv"], "missing.csv: no such file"),
    (["name", "parse"], "give one TEXT"),
])
def test_when_a_batch_is_misused_then_the_message_says_what_to_do(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.stderr


def test_when_risk_is_asked_for_a_file_then_every_measure_prints_as_json(tmp_path):
    import polars as pl

    from tests.risk.test_risk_cross_check import ANES96

    result = runner.invoke(app, ["risk", "--in", str(ANES96), "--qi", "age,educ,income", "--sensitive", "vote", "--k", "3", "--json"])
    payload = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    assert payload["records"] == pl.read_csv(ANES96).height and payload["k_min"] == 1
    assert {"sample_uniques", "prosecutor_risk_max", "l_diversity", "entropy_l_diversity", "t_closeness"} <= payload.keys()
    assert payload["journalist_risk_max"] is None  # no population table given
    plain = runner.invoke(app, ["risk", "--in", str(ANES96), "--qi", "age,educ,income"])
    line = next(line for line in plain.stdout.splitlines() if line.startswith("person_fingerprints_across_quarters"))
    assert line.split() == ["person_fingerprints_across_quarters", "not", "measured"]   # outsider test 10: ran together


def test_when_a_count_table_is_protected_then_each_cell_has_a_status_and_small_counts_are_hidden(tmp_path, monkeypatch):
    import polars as pl

    from tests.conftest import TEST_KEY_HEX

    source = tmp_path / "counts.csv"
    rows = ["region,gender,n"] + [f"{r},{g},{n}" for r, g, n in
                                  [("01", "1", 40), ("01", "2", 3), ("02", "1", 25), ("02", "2", 30), ("01", "All", 43),
                                   ("02", "All", 55), ("All", "1", 65), ("All", "2", 33), ("All", "All", 98)]]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("DEID_PSEUDONYM_KEY", TEST_KEY_HEX)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n", "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    out = pl.read_csv(tmp_path / "o.csv", infer_schema=False)
    status = dict(zip(zip(out["region"], out["gender"], strict=True), out["status"], strict=True))
    # a released table says only 'suppressed': which hidden cells are small would tell an attacker more
    assert status[("01", "2")] == "suppressed" and set(status.values()) == {"published", "suppressed"}
    assert list(status.values()).count("suppressed") >= 2
    assert all(int(n) % 3 == 0 for n, s in zip(out["n"], out["status"], strict=True) if s == "published")
    assert "audit: passed" in result.stdout
    detailed = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n",
                                   "--out", str(tmp_path / "d.csv"), "--detailed-status", "--json"])
    assert detailed.exit_code == 0, detailed.output
    out = pl.read_csv(tmp_path / "d.csv", infer_schema=False)
    status = dict(zip(zip(out["region"], out["gender"], strict=True), out["status"], strict=True))
    assert status[("01", "2")] == "primary" and list(status.values()).count("secondary") >= 1
    assert '"unprotectable": 0' in detailed.stdout


def test_when_a_margin_is_not_the_sum_of_its_cells_then_protect_names_it_with_its_values(tmp_path, monkeypatch):
    from tests.conftest import TEST_KEY_HEX

    source = tmp_path / "counts.csv"
    rows = ["region,gender,n", "01,1,40", "01,2,3", "02,1,25", "02,2,30", "01,All,50", "02,All,55", "All,1,65",
            "All,2,33", "All,All,98"]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("DEID_PSEUDONYM_KEY", TEST_KEY_HEX)
    result = runner.invoke(app, ["protect", "--in", str(source), "--dims", "region,gender", "--count", "n", "--out", str(tmp_path / "o.csv")])
    assert result.exit_code != 0
    assert "(01, All) is 50, its cells along gender add up to 43" in result.output


# --- one error handler, --json everywhere ---------------------------------------------------------

def test_when_a_command_fails_then_the_one_handler_shows_one_line_or_one_json_object(tmp_path):
    from tests.conftest import SAMPLES

    source = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"
    args = ["submit", "--provider", "nobody", "--quarter", "2026Q3", "--state-dir", str(tmp_path), str(source)]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 1 and plain.stdout == "" and plain.stderr.startswith("Error: provider 'nobody' is not a party")
    as_json = runner.invoke(app, [*args, "--json"])
    assert as_json.exit_code == 1 and as_json.stderr == ""
    assert json.loads(as_json.stdout) == {"ok": False, "error": plain.stderr.removeprefix("Error: ").strip()}
    bad_quarter = runner.invoke(app, ["submit", "--provider", "kainga-support", "--quarter", "Q3", "--state-dir", str(tmp_path),
                                      "--json", str(source)])
    assert bad_quarter.exit_code == 1 and "Q3" in json.loads(bad_quarter.stdout)["error"]
    assert "Traceback" not in plain.output + as_json.output + bad_quarter.output


def test_when_the_cli_source_is_read_then_no_command_catches_deid_errors_itself():
    import inspect

    import deid.cli as cli

    source = inspect.getsource(cli)
    assert source.count("except DeidError") == 2   # the handler, and _map_file naming the file in the message
    assert "2000Q1" not in source and "_state_settings" not in source   # no dummy quarter for state-folder commands


def _json(args, code=0):
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == code, result.output
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    return payload


def test_when_state_commands_are_asked_for_json_then_each_prints_one_object(tmp_path, monkeypatch):
    from tests.conftest import SAMPLES

    monkeypatch.setenv("DEID_STATE_DIR", str(tmp_path))
    source = SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv"
    landed = _json(["submit", "--provider", "kainga-support", "--quarter", "2026Q3", str(source)])
    assert landed["status"] == "received" and landed["quarter"] == "2026Q3" and landed["submission_id"]
    again = _json(["submit", "--provider", "kainga-support", "--quarter", "2026Q3", str(source)])
    assert again["status"] == "duplicate"
    added = _json(["use-log", "add", "--quarter", "2026Q3", "--used-by", "Evaluation team", "--use", "Interim evaluation"])
    assert added["entry"]["used_by"] == "Evaluation team"
    listed = _json(["use-log", "list", "--quarter", "2026Q3"])
    assert [e["use"] for e in listed["entries"]] == ["Interim evaluation"]
    verified = _json(["audit", "verify"])   # the landing, the duplicate and the use are each logged
    assert verified["intact"] is True and verified["entries"] == 3 and verified["problems"] == []
    due = _json(["dispose", "--dry-run", "--today", "2026-12-01"])
    assert due["dry_run"] is True and due["due"] == [] and due["as_of"] == "2026-12-01"
    key = _json(["keygen", "--out", str(tmp_path / "k.key")])
    assert key["key_file"] == str(tmp_path / "k.key")


def test_when_the_audit_log_is_broken_then_verify_json_says_so_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("DEID_STATE_DIR", str(tmp_path))
    _json(["use-log", "add", "--quarter", "2026Q3", "--used-by", "x", "--use", "y"])
    log = tmp_path / "audit_log.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"used_by":"x"', '"used_by":"z"'), encoding="utf-8")
    broken = _json(["audit", "verify"], code=1)
    assert broken["intact"] is False and broken["problems"]


def test_when_mapping_and_batch_commands_are_asked_for_json_then_they_print_their_decisions(tmp_path):
    from tests.conftest import SAMPLES

    suggested = _json(["mapping", "suggest", "--provider", "kainga-support", "--quarter", "2026Q3",
                       str(SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv")])
    columns = {c["header"]: c for c in suggested["tables"][0]["columns"]}
    assert columns["Client Surname"]["field"] == "family_name" and columns["Client Surname"]["confidence"] > 0.8
    source = tmp_path / "in.csv"
    source.write_text('name\n"TE KANAWA, Aroha Mere"\n', encoding="utf-8")
    batch = _json(["name", "parse", "--in", str(source), "--column", "name", "--out", str(tmp_path / "o.csv")])
    assert batch == {"ok": True, "rows": 1, "written": str(tmp_path / "o.csv")}
    samples = _json(["samples", "--out", str(tmp_path / "s")])
    assert len(samples["written"]) == 10


def test_when_keygen_is_given_a_relative_path_then_it_prints_the_absolute_one_to_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["keygen", "--out", "secrets/steward.key"])
    expected = (tmp_path / "secrets" / "steward.key").resolve()
    assert made.exit_code == 0 and f"DEID_PSEUDONYM_KEY_FILE={expected}" in made.stdout and expected.is_file()


def test_when_a_file_is_submitted_then_the_landing_is_in_the_audit_log_with_who_sent_it(tmp_path):
    from deid.auditlog import read_events
    from tests.conftest import SAMPLES

    source = SAMPLES / "te-puna-parenting" / "2026Q3" / "te-puna-parenting_2026Q3.csv"
    args = ["submit", "--provider", "te-puna-parenting", "--quarter", "2026Q3", "--state-dir", str(tmp_path), str(source)]
    assert runner.invoke(app, [*args, "--by", "Ana (intake)"]).exit_code == 0
    assert runner.invoke(app, args).exit_code == 0
    received, duplicate = read_events(tmp_path / "audit_log.jsonl")
    assert (received["event"], received["actor"], received["details"]["file"]) == (
        "submission-received", "Ana (intake)", source.name)
    assert received["details"]["submission_id"] and duplicate["event"] == "submission-duplicate"
    assert duplicate["actor"] not in ("", "unknown")


def test_when_the_gate_blocks_a_quarter_released_before_a_key_rotation_then_the_run_is_logged_with_a_next_step(
        tmp_path, monkeypatch):
    import flows.quarterly
    from deid.auditlog import append_event, read_events
    from deid.errors import PublishError, StageFailed

    log = tmp_path / "audit_log.jsonl"
    (tmp_path / "releases" / "2026Q4-first").mkdir(parents=True)
    append_event(log, "release", {"run_id": "2026Q4-first", "quarter": "2026Q4"})
    append_event(log, "key-rotated", {"rotation_id": "rot-9", "old_fingerprint": "0be1"})

    def blocked(quarter: str, **_: object) -> dict:
        raise StageFailed("publish", quarter, "2026Q4-again", PublishError(
            "extract 'evaluation' has not passed the risk gate: 40 of 50 rows link to fewer than 3 rows"))

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(flows.quarterly, "run_quarter", blocked)
    result = runner.invoke(app, ["run", "--quarter", "2026q4", "--state-dir", str(tmp_path), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert json.loads(result.stdout)["ok"] is False
    assert "Next step" in error and "2026Q4-first" in error and "release stands" in error and str(tmp_path / "releases") in error
    [failed] = read_events(log, "run-failed")
    assert failed["details"]["run_id"] == "2026Q4-again" and failed["details"]["stage"] == "publish"
    assert "risk gate" in failed["details"]["error"]


def test_an_external_dask_cluster_without_a_prefect_server_is_refused_before_anything_runs(monkeypatch, tmp_path):
    """A user test: each worker of an external cluster started a temporary Prefect server that outlived the cluster."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--state-dir", str(tmp_path / "state"), "--demo-key",
                                 "--task-runner", "dask", "--dask-address", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "needs PREFECT_API_URL" in result.output
    assert not (tmp_path / "state" / "releases").exists()


def test_a_run_summary_ends_with_the_steward_sign_off_to_do():
    from deid.cli import _summary_lines

    summary = {"quarter": "2026Q3", "run_id": "2026Q3-1", "demo_key": False, "submissions": [], "risk_gates": {},
               "rows": {"received": 0, "accepted": 0, "quarantined": 0, "held": 0, "rejected": 0, "balanced": True},
               "release_dir": "/s/releases/2026Q3-1", "manifest": "/s/releases/2026Q3-1/manifest.json",
               "warehouse": "/s/warehouse.duckdb", "outputs": {}}
    assert _summary_lines(summary)[-1].endswith('deid approve 2026Q3-1 --by "<steward>"')
    assert not any("deid approve" in line for line in _summary_lines({**summary, "unchanged": True}))
