"""Resume and re-run: kept stage outputs reused, a quarter with nothing new not published twice,
and Prefect's result storage holding references only, never rows."""
from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

from tests.conftest import SAMPLES

PROVIDER = "kainga-support"


def _landing(tmp_path: Path, provider: str = PROVIDER) -> Path:
    landing = tmp_path / "landing"
    shutil.copytree(SAMPLES / provider / "2026Q3", landing / provider / "2026Q3")
    return landing


def _drop_last_row(landing: Path, provider: str) -> None:
    target = next((landing / provider / "2026Q3").iterdir())
    target.write_bytes(target.read_bytes().rstrip(b"\r\n").rsplit(b"\n", 1)[0] + b"\n")


def _audit_kinds(state: Path) -> list[str]:
    lines = (state / "audit_log.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line).get("event") or json.loads(line).get("kind") for line in lines if line.strip()]


def test_when_a_finished_quarter_is_run_again_with_nothing_new_then_its_release_stands_and_nothing_is_published(tmp_path):
    from flows.quarterly import run_quarter

    landing, state = _landing(tmp_path), tmp_path / "state"
    first = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    again = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert again["unchanged"] and again["run_id"] == first["run_id"] and again["rows"] == first["rows"]
    assert [p.name for p in (state / "releases").iterdir()] == [first["run_id"]]
    assert "run-unchanged" in (state / "audit_log.jsonl").read_text(encoding="utf-8")


def test_when_a_file_changes_or_republish_is_asked_then_the_quarter_is_published_again(tmp_path):
    from flows.quarterly import run_quarter

    provider = "tamaki-whanau-ora"   # 81 rows: room under the withheld cap for the re-release (see the next test)
    landing, state = _landing(tmp_path, provider), tmp_path / "state"
    first = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    forced = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True, republish=True)
    assert not forced.get("unchanged") and forced["run_id"] != first["run_id"]
    # the re-release says what it replaces: in the steward pack, and in each extract's provenance
    for run, replaced in ((first, []), (forced, [first["run_id"]])):
        folder = Path(run["release_dir"])
        provenance = json.loads((folder / "evaluation" / "provenance.json").read_text(encoding="utf-8"))
        assert [r["run_id"] for r in provenance["replaces"]] == replaced
        said = (folder / "stewards" / "steward_summary.html").read_text(encoding="utf-8")
        assert ("This quarter was released before" in said) == bool(replaced) and all(r in said for r in replaced)
        assert ("Replaces" in (folder / "evaluation" / "PROVENANCE.md").read_text(encoding="utf-8")) == bool(replaced)
    _drop_last_row(landing, provider)   # one row fewer
    changed = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert not changed.get("unchanged") and changed["rows"]["received"] == first["rows"]["received"] - 1


def test_when_a_small_providers_re_release_cannot_be_unlinked_then_it_is_blocked_saying_how_a_steward_can_go_on(tmp_path):
    """Two releases of 30 rows, then the file loses a row: two rows of the earlier service-delivery releases now
    match fewer than 3 evaluation rows and only withholding is left, capped at 5% (1.5 rows). The run is blocked,
    the earlier release stands, and the message says which setting a steward can change; with it changed in the
    config folder the quarter is published."""
    import pytest
    import yaml

    from deid.errors import StageFailed
    from flows.quarterly import run_quarter

    landing, state = _landing(tmp_path), tmp_path / "state"
    first = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True, republish=True)
    _drop_last_row(landing, PROVIDER)
    with pytest.raises(StageFailed) as blocked:
        run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    said = str(blocked.value)
    assert "released by run " + first["run_id"] in said and "risk.linkage.max_withheld_share" in said
    assert "earlier release of the quarter stands" in said
    assert "Rows: 45 received = 43 accepted + 2 quarantined + 0 held + 0 rejected; nothing of this run was published" in said
    assert len(list((state / "releases").iterdir())) == 2
    disclosure = yaml.safe_load((SAMPLES.parent / "standards" / "disclosure.yaml").read_text(encoding="utf-8"))
    disclosure["risk"]["linkage"]["max_withheld_share"] = 0.3   # a steward's decision for this quarter
    (state / "config").mkdir(parents=True, exist_ok=True)
    (state / "config" / "disclosure.yaml").write_text(yaml.safe_dump(disclosure, allow_unicode=True), encoding="utf-8")
    published = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert Path(published["manifest"]).is_file() and published["rows"]["received"] == first["rows"]["received"] - 1


def test_when_the_release_folder_was_removed_then_the_quarter_is_published_again(tmp_path):
    from flows.quarterly import run_quarter

    landing, state = _landing(tmp_path), tmp_path / "state"
    first = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    shutil.rmtree(first["release_dir"])
    again = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert not again.get("unchanged") and Path(again["manifest"]).is_file()


def test_when_the_flow_runs_under_prefect_then_its_result_storage_holds_no_record_values(prefect_harness, tmp_path):
    import os

    import polars as pl

    from flows.quarterly import quarterly_reporting

    landing, state = _landing(tmp_path), tmp_path / "state"
    storage = Path(os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"])
    before = set(storage.rglob("*")) if storage.exists() else set()
    summary = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert Path(summary["manifest"]).is_file()
    written = [p for p in storage.rglob("*") if p.is_file() and p not in before]
    assert written, "kept stages persist their references for Prefect's cache"
    source = pl.read_csv(next((landing / PROVIDER / "2026Q3").iterdir()), encoding="utf8-lossy", infer_schema=False)
    identifying = {v for c in ("Client Surname", "NHI No", "E-mail", "Contact number") for v in source[c].drop_nulls()
                   if len(v) > 4}
    for path in written:
        data = path.read_bytes()
        assert not [v for v in identifying if v.encode() in data], path


def test_when_kept_outputs_are_cleared_then_prefects_cache_keys_change(tmp_path):
    from deid.settings import resolve_settings
    from deid.stagestore import StageOutputError, StageStore
    from flows.quarterly import kept_output_key

    settings = resolve_settings("2026Q3", state_dir=tmp_path, demo_key=True)
    params = {"settings": settings, "stage": "scrub", "key": "k1"}
    store = StageStore.for_quarter(tmp_path, "2026Q3")
    first = kept_output_key(None, params)
    ref = store.save("scrub", "k1", 1)
    assert kept_output_key(None, params) == first
    store.clear_outputs()                               # a release went out
    assert kept_output_key(None, params) != first
    second = kept_output_key(None, params)
    ref = store.save("scrub", "k1", 1)
    import shutil as shell
    shell.rmtree(ref.path)                              # removed by hand
    with contextlib.suppress(StageOutputError):
        store.load(ref)
    assert kept_output_key(None, params) != second
