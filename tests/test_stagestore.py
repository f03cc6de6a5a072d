"""Kept stage outputs: read back exactly, keyed by inputs, written atomically, never code."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from deid.publish import SubmissionOutcome
from deid.scrub import ScrubResult
from deid.stagestore import StageOutput, StageOutputError, StageStore, fingerprint, fingerprint_files


def _store(tmp_path: Path) -> StageStore:
    return StageStore.for_quarter(tmp_path, "2026Q3")


def test_when_an_output_is_kept_then_frames_records_and_containers_read_back_equal(tmp_path):
    frame = pl.DataFrame({"client_ref": ["A", None], "n": [1, None], "run_id": ["r1", "r1"],
                          "day": [dt.date(2026, 7, 1), None]})
    outcome = SubmissionOutcome("p", "2026Q3", "f.csv", "ab" * 32, "sub-1", "accepted", rows_received=2,
                                column_mapping=(("Name", "given_name", "header"),), mapping_details=({"column": 1},))
    value = (frame, [outcome], {"eval": frame.head(1)}, ScrubResult(2, 1, {"PERSON": 3}), frozenset({"a|b"}),
             {("x", 1): dt.datetime(2026, 7, 1, 6, tzinfo=dt.UTC)})
    store = _store(tmp_path)
    ref = store.save("scrub", "k1", value)
    back = store.load(ref)
    assert back[0].equals(frame) and back[0].schema == frame.schema
    assert back[1] == [outcome] and back[2]["eval"].equals(frame.head(1)) and back[3] == value[3]
    assert back[4] == value[4] and back[5] == value[5]


def test_when_a_later_run_reuses_an_output_then_its_frames_name_that_run(tmp_path):
    store = _store(tmp_path)
    ref = store.save("split", "k1", {"x": pl.DataFrame({"run_id": ["old"], "v": [1]})})
    assert store.load(ref, run_id="new")["x"]["run_id"].to_list() == ["new"]


def test_when_inputs_differ_then_the_key_differs_and_the_stale_output_is_replaced(tmp_path):
    store = _store(tmp_path)
    first, second = fingerprint("scrub", ["a.csv", "1"]), fingerprint("scrub", ["a.csv", "2"])
    assert first != second
    store.save("scrub", first, 1)
    assert store.lookup("scrub", first) and store.lookup("scrub", second) is None
    store.save("scrub", second, 2)
    assert store.lookup("scrub", first) is None and store.load(store.lookup("scrub", second)) == 2


def test_when_a_file_changes_then_its_fingerprint_changes(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1")
    before = fingerprint_files([tmp_path])
    (tmp_path / "a.yaml").write_text("x: 2")
    assert fingerprint_files([tmp_path]) != before


def test_when_keeping_fails_part_way_then_no_output_is_found_and_the_temporary_folder_is_gone(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(StageOutputError):
        store.save("scrub", "k1", (pl.DataFrame({"a": [1]}), object()))
    assert store.lookup("scrub", "k1") is None and not list(store.root.glob("*/.tmp-*"))


def test_when_a_run_died_while_keeping_then_the_next_run_sweeps_its_temporary_folder(tmp_path):
    store = _store(tmp_path)
    (store.root / "scrub" / ".tmp-deadbeef").mkdir(parents=True)
    assert [p.name for p in store.sweep()] == [".tmp-deadbeef"] and not list(store.root.glob("*/.tmp-*"))


def test_when_a_kept_output_names_a_type_outside_the_library_then_it_is_refused_not_imported(tmp_path):
    store = _store(tmp_path)
    folder = store.root / "scrub" / "k1"
    folder.mkdir(parents=True)
    (folder / "value.json").write_text(json.dumps({"__dataclass__": "os:system", "fields": {}}))
    with pytest.raises(StageOutputError, match="not one of this library's records"):
        store.load(StageOutput("scrub", "k1", str(folder)))


def test_when_an_output_was_removed_then_loading_it_says_to_run_again(tmp_path):
    with pytest.raises(StageOutputError, match="run the quarter again"):
        _store(tmp_path).load(StageOutput("scrub", "k1", str(tmp_path / "gone")))


def test_when_a_release_is_out_then_the_kept_rows_are_removed(tmp_path):
    store = _store(tmp_path)
    store.save("scrub", "k1", pl.DataFrame({"a": [1]}))
    store.clear_outputs()
    assert store.lookup("scrub", "k1") is None and not store.root.exists()


def test_when_many_tasks_ask_for_the_generation_at_once_then_all_get_the_same_whole_token(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    store = _store(tmp_path)
    with ThreadPoolExecutor(8) as pool:
        tokens = set(pool.map(lambda _: StageStore(store.root).generation(), range(64)))
    assert len(tokens) == 1 and all(len(t.split("-")[0]) == 32 for t in tokens)
    assert [p.name for p in store.root.iterdir()] == ["generation"]   # no half-made files left behind


def test_when_two_state_folders_are_new_then_their_generations_differ_even_with_the_same_token(tmp_path):
    # Prefect's cache is shared by every state folder on the machine: a token naming only the outputs
    # would let one folder's cached reference be found by another (seen under load in CI).
    first, second = _store(tmp_path / "a"), _store(tmp_path / "b")
    for store in (first, second):
        store.root.mkdir(parents=True)
        (store.root / "generation").write_text("same" * 8, encoding="utf-8")
    assert first.generation() != second.generation()
