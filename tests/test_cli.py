import json

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


def test_when_a_mapping_is_suggested_then_each_header_shows_its_field_and_how():
    from tests.conftest import SAMPLES

    result = runner.invoke(app, ["mapping", "suggest", "--provider", "kainga-support",
                                 str(SAMPLES / "kainga-support" / "2026Q3" / "kainga-support_2026Q3.csv")])
    assert result.exit_code == 0
    rows = {line[:32].strip(): line[32:].split() for line in result.stdout.splitlines()[1:] if line.strip()}
    assert rows["Client Surname"] == ["family_name", "synonym"]
    assert rows["Worker"][0] == "(dropped:" and rows["Worker"][-1] == "unmatched"
    assert rows["Worker notes"] == ["case_notes", "synonym"]
