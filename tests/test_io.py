"""Writing outputs: the same payload is the same bytes, whatever the process."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_when_a_payload_holds_a_set_then_it_is_written_sorted_so_two_processes_write_the_same_bytes(tmp_path):
    script = ("import sys; from pathlib import Path; from deid.io import write_json; "
              "write_json(Path(sys.argv[1]), {'hidden': frozenset(f'cell-{i}' for i in range(50))})")
    written = []
    for n, seed in enumerate(("1", "2")):
        path = tmp_path / f"{n}.json"
        subprocess.run([sys.executable, "-c", script, str(path)], cwd=REPO, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
        written.append(path.read_bytes())
    assert written[0] == written[1]
    assert json.loads(written[0])["hidden"] == sorted(f"cell-{i}" for i in range(50))


# --- landing discovery: nothing a provider leaves in its folder is lost silently -------------------------------------

def _landed(landing, *paths: str) -> None:
    for relative in paths:
        path = landing / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"client_ref,sessions\n{relative},1\n".encode())


def _unreadable(inventory) -> dict[str, str]:
    return {f.path.name: reason for f, reason in inventory.unreadable}


@pytest.mark.parametrize("folder", ["2026Q1", "2026q1", "2026 Q1", "2026-Q1", "2026_q1", "Q1 2026", "Q1-2026", "q1_2026"])
def test_when_a_quarter_folder_is_written_in_another_case_or_form_then_its_files_are_read(tmp_path, folder):
    from deid.io import take_inventory

    _landed(tmp_path, f"acme/{folder}/return.csv")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert [(f.provider, f.quarter, f.path.name, f.path.parent.name) for f in inventory.files] == [
        ("acme", "2026Q1", "return.csv", folder)]
    assert inventory.unreadable == []


def test_when_two_folders_read_as_the_run_quarter_then_both_are_read(tmp_path):
    from deid.io import take_inventory

    _landed(tmp_path, "acme/2026Q1/part 1.csv", "acme/2026 q1/part 2.csv")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert sorted(f.path.name for f in inventory.files) == ["part 1.csv", "part 2.csv"]
    assert {f.quarter for f in inventory.files} == {"2026Q1"} and inventory.unreadable == []


@pytest.mark.parametrize(("folder", "its_quarter"), [("2026Q2", "2026Q2"), ("2026 q2", "2026Q2"), ("Q1 2025", "2025Q1"),
                                                    ("2025-Q1", "2025Q1")])
def test_when_a_folder_reads_as_another_quarter_then_it_is_left_for_that_quarter(tmp_path, folder, its_quarter):
    from deid.io import take_inventory

    _landed(tmp_path, f"acme/{folder}/return.csv")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert inventory.files == [] and inventory.unreadable == []
    assert [(f.quarter, f.path.name) for f in take_inventory(tmp_path, its_quarter).files] == [(its_quarter, "return.csv")]


@pytest.mark.parametrize("folder", ["first quarter", "2026", "Q5 2026", "2026Q01", "FY26 Q1", "archive"])
def test_when_a_folder_reads_as_no_quarter_then_it_is_reported_with_where_its_files_must_go(tmp_path, folder):
    from deid.io import take_inventory

    _landed(tmp_path, f"acme/{folder}/return.csv", f"acme/{folder}/older/return.csv", "acme/2026Q1/return.csv")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert [f.path.name for f in inventory.files] == ["return.csv"]
    [(entry, reason)] = inventory.unreadable
    assert (entry.provider, entry.quarter, entry.path, entry.sha256) == ("acme", "2026Q1", tmp_path / "acme" / folder, "")
    assert reason == (f"{folder}/: a folder whose name is not a quarter, so its 2 file(s) were not read; put each quarter's "
                      "files in a folder named for that quarter (for example acme/2026Q1/) so a run can tell which "
                      "quarter they report")


def test_when_a_folder_that_reads_as_no_quarter_holds_no_files_then_nothing_is_reported(tmp_path):
    from deid.io import take_inventory

    (tmp_path / "acme" / "empty" / "inside").mkdir(parents=True)
    (tmp_path / "acme" / "finder").mkdir()
    (tmp_path / "acme" / "finder" / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "acme" / ".hidden").mkdir()
    (tmp_path / "acme" / ".hidden" / "x.csv").write_bytes(b"a\n1\n")
    _landed(tmp_path, "acme/2026Q1/return.csv")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert [f.path.name for f in inventory.files] == ["return.csv"] and inventory.unreadable == []


LOCK_REASON = ": an Office lock file, left while the workbook was open; it holds no data and is ignored - send the workbook itself"


def test_when_office_lock_files_are_left_in_a_quarter_folder_then_they_are_not_read_but_reported(tmp_path):
    from deid.io import discover_submissions, take_inventory

    _landed(tmp_path, "acme/2026Q1/Q4 return.xlsx", "acme/2026Q1/~$Q4 return.xlsx", "acme/2026Q1/.~lock.Q4 return.xlsx#",
            "acme/2026 q1/~$other.xlsx")
    inventory = take_inventory(tmp_path, "2026Q1")
    assert [f.path.name for f in inventory.files] == ["Q4 return.xlsx"]
    assert [f.path.name for f in discover_submissions(tmp_path, "2026Q1")] == ["Q4 return.xlsx"]
    assert _unreadable(inventory) == {name: name + LOCK_REASON
                                      for name in ("~$Q4 return.xlsx", ".~lock.Q4 return.xlsx#", "~$other.xlsx")}
    # not hashed, so never copied to the raw store: it holds only who had the workbook open, and goes when it is closed
    assert {(f.sha256, f.size, f.quarter) for f, _ in inventory.unreadable} == {("", 0, "2026Q1")}


def test_when_a_lock_file_is_left_loose_in_a_provider_folder_then_it_is_reported_as_a_lock_file(tmp_path):
    from deid.io import take_inventory

    _landed(tmp_path, "acme/~$return.xlsx", "acme/.~lock.return.xlsx#", "acme/stray.csv", "acme/.DS_Store")
    reasons = _unreadable(take_inventory(tmp_path, "2026Q1"))
    assert reasons.keys() == {"~$return.xlsx", ".~lock.return.xlsx#", "stray.csv"}
    assert reasons["~$return.xlsx"] == "~$return.xlsx" + LOCK_REASON
    assert reasons["stray.csv"].startswith("stray.csv: not in a quarter folder; put it in acme/<quarter>/")


def test_when_a_folder_sits_inside_a_hand_named_quarter_folder_then_the_message_names_that_folder(tmp_path):
    from deid.io import take_inventory

    _landed(tmp_path, "acme/2026 q1/extra/return.csv")
    [(_, reason)] = take_inventory(tmp_path, "2026Q1").unreadable
    assert reason == "extra/: a folder inside the quarter folder; put its files directly in acme/2026 q1/"


def test_when_a_hand_named_quarter_folder_records_replacements_then_they_are_kept(tmp_path):
    import datetime as dt

    from deid.io import record_replacement, take_inventory

    _landed(tmp_path, "acme/Q1-2026/old.csv", "acme/Q1-2026/new.csv")
    record_replacement(tmp_path / "acme" / "Q1-2026", ["old.csv"], "new.csv", dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    assert take_inventory(tmp_path, "2026Q1").replaced == {("acme", "old.csv"): "new.csv"}


@pytest.mark.parametrize(("name", "quarter"), [("2026Q1", "2026Q1"), ("2026 q4", "2026Q4"), ("Q3-2025", "2025Q3"),
                                               ("q2.2024", "2024Q2"), ("2026", None), ("Q5 2026", None),
                                               ("2026Q1 old", None), ("copy of 2026Q1", None), ("", None)])
def test_a_folder_name_reads_as_one_quarter_or_none(name, quarter):
    from deid.io import quarter_read_from

    assert quarter_read_from(name) == quarter
