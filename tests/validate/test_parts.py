"""Checks across the parts of one provider's submission: repeated rows and client references are looked for
over every part together, and a part that repeats another's rows does not count them twice."""
from __future__ import annotations

import os

import polars as pl
import pytest

from deid import pipeline
from deid.settings import resolve_settings

PROVIDER = "kainga-support"
HEADER = "Client Ref,Surname,First Name,DOB,Gender,Ethnicity,Date of service,Sessions\n"
FIRST = ("HK-101,Te Whare,Hemi,12/02/1971,M,Māori,03/07/2026,2\n"
         "HK-102,Fonoti,Losa,30/11/1988,F,Samoan,09/07/2026,5\n"
         "HK-103,Barker,Jill,01/06/1993,F,NZ European,21/07/2026,1\n"
         "HK-104,Nguyen,Minh,17/09/2001,M,Vietnamese,04/08/2026,3\n")
# sent later under another name: two rows as they were, one corrected (a new birth date), one new client
SECOND = ("HK-103,Barker,Jill,01/06/1993,F,NZ European,21/07/2026,1\n"
          "HK-104,Nguyen,Minh,17/09/2001,M,Vietnamese,04/08/2026,3\n"
          "HK-102,Fonoti,Losa,30/11/1989,F,Samoan,09/07/2026,5\n"
          "HK-105,Ruru,Ani,05/05/1960,F,Māori,12/09/2026,4\n")


@pytest.fixture()
def settings(tmp_path):
    return resolve_settings("2026Q3", state_dir=tmp_path / "state", landing_dir=tmp_path / "landing", demo_key=True)


def _land(settings, name: str, text: str, mtime: int) -> None:
    folder = settings.landing_dir / PROVIDER / "2026Q3"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


def _receive(settings, standards, agreement):
    with pipeline.open_warehouse(settings) as warehouse:
        received = pipeline.receive_submissions(settings, standards, agreement, warehouse)
        quarantined = warehouse.frame("q", "SELECT * FROM quarantine")
    return received, quarantined


def test_when_a_later_part_repeats_rows_of_an_earlier_part_then_the_repeats_are_set_aside_and_counted_once(
        settings, standards, agreement):
    _land(settings, "homes_sept.csv", HEADER + FIRST, 1_800_000_000)
    _land(settings, "homes_sept_fixed.csv", HEADER + SECOND, 1_800_000_500)
    received, quarantined = _receive(settings, standards, agreement)
    by_file = {o.file_name: o for o in received.outcomes}
    first, second = by_file["homes_sept.csv"], by_file["homes_sept_fixed.csv"]
    assert (first.rows_accepted, first.rows_quarantined) == (4, 0)
    assert (second.rows_received, second.rows_accepted, second.rows_quarantined) == (4, 2, 2)
    assert received.rows_accepted == 6 and received.balanced       # not 8: HK-103 and HK-104 once each
    refs = received.accepted.get_column("client_ref").to_list()
    assert sorted(refs) == ["HK-101", "HK-102", "HK-102", "HK-103", "HK-104", "HK-105"]
    # the repeats are in the quarantine (secure zone) under the duplicate-row rule, with the later file's rows
    set_aside = quarantined.filter(pl.col("submission_id") == second.submission_id)
    assert sorted(set_aside.get_column("source_row").to_list()) == [2, 3]
    assert set(set_aside.get_column("rule")) == {"row.duplicate"}
    # the message names both files and what to do
    assert "homes_sept.csv" in second.message and "--replace" in second.message
    duplicate = {f.rule_id: f for f in second.findings}["row.duplicate"]
    assert not duplicate.success and duplicate.failing_rows == 2 and "homes_sept.csv" in duplicate.fix


def test_when_two_parts_give_one_client_reference_on_different_rows_then_both_parts_are_warned(
        settings, standards, agreement):
    _land(settings, "homes_sept.csv", HEADER + FIRST, 1_800_000_000)
    _land(settings, "homes_sept_fixed.csv", HEADER + SECOND, 1_800_000_500)
    received, _ = _receive(settings, standards, agreement)
    by_file = {o.file_name: o for o in received.outcomes}
    for name, other, row in (("homes_sept.csv", "homes_sept_fixed.csv", 3), ("homes_sept_fixed.csv", "homes_sept.csv", 4)):
        unique = {f.rule_id: f for f in by_file[name].findings}["client_ref.unique"]
        assert not unique.success and row in unique.first_rows and other in unique.fix
        issues = received.row_issues.filter((pl.col("submission_id") == by_file[name].submission_id)
                                            & (pl.col("rule") == "client_ref.unique"))
        assert issues.get_column("source_row").to_list() == [row]
        assert by_file[name].rows_with_warnings >= 1


def test_when_parts_share_no_rows_or_references_then_nothing_changes(settings, standards, agreement):
    _land(settings, "homes_a.csv", HEADER + FIRST, 1_800_000_000)
    _land(settings, "homes_b.csv", HEADER + "HK-105,Ruru,Ani,05/05/1960,F,Māori,12/09/2026,4\n", 1_800_000_500)
    received, _ = _receive(settings, standards, agreement)
    assert received.rows_accepted == 5 and received.balanced
    assert all("--replace" not in (o.message or "") for o in received.outcomes)


def test_when_an_older_file_is_replaced_by_one_of_its_name_then_its_row_count_is_told(settings, standards, agreement):
    _land(settings, "homes.csv", HEADER + FIRST, 1_800_000_000)
    folder = settings.landing_dir / PROVIDER / "2026Q3"
    (folder / "homes.csv").rename(folder / "20260930T080000Z__homes.csv")
    _land(settings, "20261002T080000Z__homes.csv", HEADER + SECOND, 1_800_000_500)
    received, _ = _receive(settings, standards, agreement)
    older = next(o for o in received.outcomes if o.status == "superseded")
    assert older.rows_received == 0 and "its 4 rows were not used" in older.message and received.balanced
