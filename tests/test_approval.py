"""A steward's sign-off of a release (deid approve): the folder as the run wrote it, open decisions decided."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from deid.approval import (
    APPROVED_EVENT,
    DECIDE,
    RETRACTED_MARKER,
    check_release,
    manifest_problems,
    same_signer,
    signer_key,
)
from deid.auditlog import append_event, read_events
from deid.cli import app

RUN = "2026Q3-20261207T100000-abc123"


def _release(state: Path, gate_message: str = "passed: k=3", earlier_entries: tuple[dict[str, str], ...] = (),
             draft: bool = False, tables_withheld: tuple[dict[str, str], ...] = (), actor: str = "Hemi (analyst)") -> Path:
    """A release folder with one file and its manifest (with `earlier_entries` before the file's), and the audit log's
    release entry, as a run writes them."""
    folder = state / "releases" / RUN
    (folder / "evaluation").mkdir(parents=True)
    extract = folder / "evaluation" / "evaluation_extract.parquet"
    extract.write_bytes(b"PAR1 rows")
    manifest = {"run_id": RUN, "agreement": {"programme": "p", "draft": draft},
                "risk_gates": {"evaluation": {"passed": True, "message": gate_message}},
                "suppression_audit": {"clients_by_provider_gender": {"passed": True, "result": "passed"}},
                "tables_withheld": list(tables_withheld),
                "files": [*earlier_entries, {"path": "evaluation/evaluation_extract.parquet",
                                                "sha256": hashlib.sha256(extract.read_bytes()).hexdigest()}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    append_event(state / "audit_log.jsonl", "release", {
        "run_id": RUN, "quarter": "2026Q3",
        "manifest_sha256": hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()},
        actor=actor)
    return folder


@pytest.fixture()
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEID_STATE_DIR", str(tmp_path))
    return tmp_path


def test_when_the_folder_is_as_written_then_a_named_steward_approves_it_and_the_log_records_the_manifest(state):
    _release(state)
    unnamed = CliRunner().invoke(app, ["approve", RUN])
    assert unnamed.exit_code == 1 and "--by" in unnamed.output
    result = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere (data steward)"])
    assert result.exit_code == 0, result.output
    (entry,) = read_events(state / "audit_log.jsonl", APPROVED_EVENT)
    assert entry["actor"] == "Mere (data steward)" and entry["details"]["run_id"] == RUN
    assert entry["details"]["manifest_sha256"] == check_release(state / "releases", state / "audit_log.jsonl", RUN).manifest_sha256
    listed = CliRunner().invoke(app, ["approve", RUN, "--check"])
    assert "approved by Mere (data steward)" in listed.output


def test_when_the_release_was_made_under_a_draft_agreement_then_approval_is_refused_saying_how_to_sign_it_off(state):
    _release(state, draft=True)
    result = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere (data steward)"])
    assert result.exit_code != 0 and "draft sharing agreement" in result.output and "deid agreement sign-off" in result.output
    assert not read_events(state / "audit_log.jsonl", APPROVED_EVENT)


@pytest.mark.parametrize("change, said", [
    (lambda f: (f / "evaluation" / "evaluation_extract.parquet").write_bytes(b"PAR1 other rows"), "changed since the run wrote it"),
    (lambda f: (f / "evaluation" / "evaluation_extract.parquet").unlink(), "missing from the folder"),
    (lambda f: (f / "evaluation" / "extra.csv").write_text("name\nAroha", encoding="utf-8"), "added after the run"),
    (lambda f: (f / "manifest.json").write_text(json.dumps({"run_id": RUN, "files": []}), encoding="utf-8"),
     "differs from the one the audit log recorded"),
], ids=["file-changed", "file-missing", "file-added", "manifest-rewritten"])
def test_when_the_folder_changed_after_the_run_then_approval_is_refused_naming_what(state, change, said):
    change(_release(state))
    result = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert result.exit_code == 1 and said in result.output
    assert read_events(state / "audit_log.jsonl", APPROVED_EVENT) == []
    assert CliRunner().invoke(app, ["approve", RUN, "--check"]).exit_code == 1   # a finding, as audit verify's are


def test_when_the_run_left_a_decision_to_a_steward_then_approval_needs_a_note_and_records_it(state):
    _release(state, "passed; linkage across quarters: 9 of 138 persons link; 9 still linkable through this release; "
                    f"{DECIDE}")
    refused = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert refused.exit_code == 1 and "left 1 decision(s)" in refused.output and "9 still linkable" in refused.output
    note = "9 persons linkable by which quarters they attend: accepted, recipients bound by the agreement"
    done = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere", "--note", note])
    assert done.exit_code == 0, done.output
    (entry,) = read_events(state / "audit_log.jsonl", APPROVED_EVENT)
    assert entry["details"]["note"] == note and len(entry["details"]["open_decisions"]) == 1


def test_when_governance_kept_a_table_back_then_approval_needs_a_note(state):
    """A user test: a table withheld for Māori data governance was not an open decision, though the README says so."""
    _release(state, tables_withheld=({"table": "clients_by_provider_ethnicity",
                                      "reason": "Māori breakdowns not approved by the agreement's governance"},))
    refused = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert refused.exit_code == 1 and "table clients_by_provider_ethnicity: withheld (Māori breakdowns" in refused.output
    done = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere", "--note", "rōpū asked for approval; table stays back"])
    assert done.exit_code == 0, done.output


def test_a_run_that_released_nothing_cannot_be_approved(state):
    result = CliRunner().invoke(app, ["approve", "2026Q3-nothing", "--by", "Mere"])
    assert result.exit_code == 1 and "no release folder" in result.output


def test_the_person_who_made_a_release_cannot_sign_it_off_nor_anyone_twice(state):
    _release(state)
    own = CliRunner().invoke(app, ["approve", RUN, "--by", "Hemi (analyst)"])
    assert own.exit_code == 1 and "made this release" in own.output
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"]).exit_code == 0
    again = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert again.exit_code == 1 and "approved this release already" in again.output
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Aroha (second steward)"]).exit_code == 0   # a co-signature
    assert [e["actor"] for e in read_events(state / "audit_log.jsonl", APPROVED_EVENT)] == ["Mere", "Aroha (second steward)"]


def test_when_the_run_listed_a_path_twice_then_check_and_approval_fail_naming_it(state):
    """A run once wrote two workbook sheets' reports to one path and listed both: the folder matched each path's last
    entry, so a check by path said every file matched while an entry matched no file. Every entry is checked."""
    path = "evaluation/evaluation_extract.parquet"
    _release(state, earlier_entries=({"path": path, "sha256": hashlib.sha256(b"the overwritten sheet").hexdigest()},))
    checked = CliRunner().invoke(app, ["approve", RUN, "--check"])
    assert checked.exit_code == 1 and "NOT as the run wrote it" in checked.output
    assert (f"{path}: listed 2 times in the manifest (entries 1, 2): the run wrote this path more than once, the last "
            "file replacing the others; entry 1 matches no file in the folder; do not send it: run the quarter again") in checked.output
    refused = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert refused.exit_code == 1 and "listed 2 times" in refused.output
    assert read_events(state / "audit_log.jsonl", APPROVED_EVENT) == []


def test_when_a_manifest_is_checked_then_every_entry_and_every_file_is_accounted_for(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "unlisted.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "manifest.json").write_text("{}", encoding="utf-8")   # only the release's own manifest is exempt
    digest = hashlib.sha256(b"x\n1\n").hexdigest()
    entries = [{"path": "a.csv", "sha256": digest}, {"path": "a.csv", "sha256": digest}, {"path": "gone.csv", "sha256": digest},
               {"sha256": digest}, {"path": "../outside.csv", "sha256": digest}]
    assert manifest_problems(tmp_path, entries) == [
        "manifest entry 4: names no file",
        "a.csv: listed 2 times in the manifest (entries 1, 2): the run wrote this path more than once, the last file "
        "replacing the others; do not send it: run the quarter again for a whole release",
        "gone.csv: listed in the manifest, missing from the folder",
        "../outside.csv: listed in the manifest outside the release folder",
        "sub/manifest.json: not listed in the manifest (added after the run)",
        "unlisted.csv: not listed in the manifest (added after the run)",
    ]
    assert manifest_problems(tmp_path, [{"path": "a.csv", "sha256": digest}, {"path": "unlisted.csv",
                                         "sha256": hashlib.sha256(b"x\n").hexdigest()},
                                        {"path": "sub/manifest.json", "sha256": hashlib.sha256(b"{}").hexdigest()}]) == []
    assert manifest_problems(tmp_path, None) == ["manifest.json has no list of files: the release cannot be checked against it"]


def test_when_a_later_run_released_the_quarter_again_then_the_replaced_release_is_not_approved(state):
    """A user test approved an empty release a later run had replaced."""
    _release(state)
    later = "2026Q3-20261207T110000-def456"
    append_event(state / "audit_log.jsonl", "release", {"run_id": later, "quarter": "2026Q3", "manifest_sha256": "x"},
                 actor="Hemi (analyst)")
    refused = CliRunner().invoke(app, ["approve", RUN, "--by", "Mere"])
    assert refused.exit_code == 1 and f"a later run released 2026Q3 again ({later})" in refused.output


def _registered(state: Path, run_id: str = RUN) -> None:
    """The release register's rows for the release folder, as a run writes them (with a cell it hid)."""
    import datetime as dt

    import polars as pl

    from deid.store import releases
    from deid.store.warehouse import Warehouse

    with Warehouse(state / "warehouse.duckdb") as warehouse:
        releases.register_files(warehouse, [{
            "run_id": run_id, "quarter": "2026Q3", "released_at": dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
            "path": "evaluation/evaluation_extract.parquet", "audience": "research", "purpose": "evaluation",
            "description": "extract", "rows": 3, "sha256": "ab", "providers": ["p"]}])
        warehouse.append_frame("hid", releases.RELEASED_HIDDEN_CELLS, pl.DataFrame(
            [{"table_name": "t", "scope": "2026Q3", "identity": "c1", "run_id": run_id, "quarter": "2026Q3"}],
            schema=releases.RELEASED_CELLS_SCHEMA))


def test_when_a_release_was_never_sent_then_a_steward_retracts_it_and_later_runs_stop_treating_it_as_out(state):
    """An outsider user test: a held file confirmed and the quarter re-run was blocked by linkage with the first,
    never-sent release of the quarter, and nothing said how to take that release back."""
    from deid.approval import RETRACTED_EVENT
    from deid.store import releases
    from deid.store.warehouse import Warehouse

    _release(state)
    _registered(state)
    refused = CliRunner().invoke(app, ["retract", RUN, "--by", "Mere (data steward)"])
    assert refused.exit_code == 1 and "--note" in refused.output
    done = CliRunner().invoke(app, ["retract", RUN, "--by", "Mere (data steward)", "--note", "held file confirmed; never sent"])
    assert done.exit_code == 0, done.output
    (entry,) = read_events(state / "audit_log.jsonl", RETRACTED_EVENT)
    assert entry["actor"] == "Mere (data steward)" and entry["details"]["note"] == "held file confirmed; never sent"
    with Warehouse(state / "warehouse.duckdb") as warehouse:
        assert releases.other_runs_releases(warehouse, "2026Q3", "a-later-run") == []        # not measured against
        assert warehouse.scalar("hidden", f"SELECT count(*) FROM {releases.RELEASED_HIDDEN_CELLS}") == 0
        assert RUN in releases.registered_runs(warehouse)        # the log's release is still known to the warehouse
    check = check_release(state / "releases", state / "audit_log.jsonl", RUN)
    assert any("retracted by Mere (data steward)" in p for p in check.problems)     # approving it is refused
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Tui (data steward)"]).exit_code == 1
    again = CliRunner().invoke(app, ["retract", RUN, "--by", "Mere (data steward)", "--note", "x"])
    assert again.exit_code == 1 and "retracted already" in again.output


def test_an_approved_release_may_have_been_sent_and_cannot_be_retracted(state):
    _release(state)
    _registered(state)
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Mere (data steward)"]).exit_code == 0
    refused = CliRunner().invoke(app, ["retract", RUN, "--by", "Tui (data steward)", "--note", "oops"])
    assert refused.exit_code == 1 and "may have been sent" in refused.output


# --- signer identity: one person, however the name is spelt (outsider test 10, item 6) ---------------------------

@pytest.mark.parametrize("spelling", ["Analyst Sam", "analyst sam", " Analyst  Sam", "ANALYST SAM", "Analyst\tSam\n",
                                      "'Analyst Sam.'", "\"Analyst Sam\"", "Analyst\u00a0Sam", "Analyst\u200b Sam",
                                      "\uff21nalyst Sam", "Analyst Sam!"])
def test_a_signer_is_one_person_however_their_name_is_spelt(spelling):
    assert same_signer(spelling, "Analyst Sam") and signer_key(spelling) == "analyst sam"


def test_accents_case_and_composition_are_one_name_but_different_names_stay_different():
    assert same_signer("M\u0101ori Steward", "MA\u0304ORI STEWARD")        # ā composed, Ā decomposed
    assert same_signer("Stra\u00dfe", "STRASSE")                           # case-folded, not only lower-cased
    assert not same_signer("Mere", "Mara") and not same_signer("Sam", "Analyst Sam")   # "Sam" vs "Analyst Sam" is not solved
    assert not same_signer("Hemi (analyst)", "Hemi (steward)")
    assert not same_signer("", "") and not same_signer(" . ", None) and signer_key(None) == ""


def test_the_maker_of_a_release_cannot_sign_it_under_another_spelling_nor_a_steward_sign_twice(state):
    """An outsider test: a run made `--by "Analyst Sam"` was approved by `--by "analyst sam"`, and `--by " Analyst  Sam"`
    was counted as another signer."""
    _release(state, actor="Analyst Sam")
    for spelling in ("analyst sam", " Analyst  Sam", "ANALYST SAM.", "\uff21nalyst Sam"):
        own = CliRunner().invoke(app, ["approve", RUN, "--by", spelling])
        assert own.exit_code == 1 and "made this release" in own.output and "'Analyst Sam'" in own.output, spelling
    assert read_events(state / "audit_log.jsonl", APPROVED_EVENT) == []
    nameless = CliRunner().invoke(app, ["approve", RUN, "--by", " -- "])
    assert nameless.exit_code == 1 and "--by" in nameless.output
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Mere  Steward"]).exit_code == 0
    for spelling in ("mere steward", " Mere Steward ", "MERE STEWARD", "Mere Steward."):
        again = CliRunner().invoke(app, ["approve", RUN, "--by", spelling])
        assert again.exit_code == 1 and "approved this release already, as 'Mere  Steward'" in again.output, spelling
    assert CliRunner().invoke(app, ["approve", RUN, "--by", "Aroha"]).exit_code == 0   # another person co-signs
    # names are kept as written in the record
    assert [e["actor"] for e in read_events(state / "audit_log.jsonl", APPROVED_EVENT)] == ["Mere  Steward", "Aroha"]


# --- a retracted release says so in its folder (outsider test 10, item 10) ------------------------------------------

def test_when_a_release_is_retracted_then_its_folder_says_so_and_check_and_approval_refuse_it_clearly(state):
    folder = _release(state)
    _registered(state)
    done = CliRunner().invoke(app, ["retract", RUN, "--by", "Mere (data steward)", "--note", "held file confirmed; never sent"])
    assert done.exit_code == 0, done.output
    marker = folder / RETRACTED_MARKER
    assert str(marker) in done.output
    said = marker.read_text(encoding="utf-8")
    (entry,) = read_events(state / "audit_log.jsonl", "release-retracted")
    assert said.startswith("RETRACTED - DO NOT SEND") and entry["at"] in said and "Mere (data steward)" in said
    assert "never approved and never sent, and must not be sent" in said and "held file confirmed; never sent" in said
    checked = CliRunner().invoke(app, ["approve", RUN, "--check"])
    assert checked.exit_code == 1
    first = checked.output.splitlines()[0]
    assert "RETRACTED: never approved, never sent, not to be sent" in first and "NOT as the run wrote it" not in first
    assert "retracted by Mere (data steward)" in checked.output and "never approved or sent" in checked.output
    assert RETRACTED_MARKER not in checked.output.replace(str(marker), "")   # the marker is not reported as an added file
    as_json = CliRunner().invoke(app, ["approve", RUN, "--check", "--json"])
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["retracted"] is True
    for signer in ("Tui (data steward)", None):   # refused for the retraction, before anything else is asked
        refused = CliRunner().invoke(app, ["approve", RUN, *(["--by", signer] if signer else [])])
        assert refused.exit_code == 1 and f"release {RUN} was retracted" in refused.output
    assert read_events(state / "audit_log.jsonl", APPROVED_EVENT) == []
    # the check still finds everything else: a file changed in a retracted folder is named too
    (folder / "evaluation" / "evaluation_extract.parquet").write_bytes(b"PAR1 changed")
    assert any("changed since the run wrote it" in p for p in check_release(state / "releases", state / "audit_log.jsonl",
                                                                            RUN).problems)


def test_a_retracted_marker_in_a_release_that_was_not_retracted_is_a_file_added_after_the_run(state):
    folder = _release(state)
    (folder / RETRACTED_MARKER).write_text("RETRACTED", encoding="utf-8")
    check = check_release(state / "releases", state / "audit_log.jsonl", RUN)
    assert check.retracted is None and check.problems == (f"{RETRACTED_MARKER}: not listed in the manifest (added after the run)",)


def test_when_a_release_was_retracted_before_markers_were_written_then_retract_writes_the_marker_from_the_log(state):
    from deid.approval import RETRACTED_EVENT

    folder = _release(state)
    append_event(state / "audit_log.jsonl", RETRACTED_EVENT, {"run_id": RUN, "note": "never sent"}, actor="Mere")
    check = check_release(state / "releases", state / "audit_log.jsonl", RUN)
    assert check.retracted is not None and any(f"no {RETRACTED_MARKER} in the folder" in p for p in check.problems)
    written = CliRunner().invoke(app, ["retract", RUN, "--by", "Tui", "--note", "marking it"])
    assert written.exit_code == 0, written.output
    assert "retracted already, by Mere" in written.output and "Mere" in (folder / RETRACTED_MARKER).read_text(encoding="utf-8")
    assert len(read_events(state / "audit_log.jsonl", RETRACTED_EVENT)) == 1   # no second retraction logged
    check = check_release(state / "releases", state / "audit_log.jsonl", RUN)
    assert not any(RETRACTED_MARKER in p for p in check.problems)
    again = CliRunner().invoke(app, ["retract", RUN, "--by", "Tui", "--note", "x"])
    assert again.exit_code == 1 and "retracted already" in again.output


def test_an_open_decision_is_quoted_whole_not_cut_at_a_semicolon_inside_brackets() -> None:
    from deid.approval import _what_to_decide

    message = ("passed after local suppression (536 values blanked, 8 records withheld; of them 10 values blanked only for "
               "person-level k): k=3; 44 person(s) below person-level k across quarters (their rows; fewer than k): "
               "reported, not remedied (risk.person_k_across_quarters: report); steward: decide before sending; "
               "cross-purpose linkage: none")
    assert _what_to_decide(message) == ("44 person(s) below person-level k across quarters (their rows; fewer than k): "
                                        "reported, not remedied (risk.person_k_across_quarters: report); steward: decide "
                                        "before sending")
    inline = "linkage across quarters (2026Q2: 3 still linkable; steward: decide before sending); done"
    assert _what_to_decide(inline) == "linkage across quarters (2026Q2: 3 still linkable; steward: decide before sending)"


def test_a_release_whose_extracts_are_all_empty_asks_for_a_decision(state):
    folder = _release(state)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][0]["rows"] = 0    # every file of the quarter rejected (outsider test 10)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    from deid.approval import check_release

    check = check_release(state / "releases", state / "audit_log.jsonl", RUN)
    assert any("every extract is empty" in d for d in check.open_decisions)
