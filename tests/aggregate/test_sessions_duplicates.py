"""Sessions are counted once per person: rows taken as one person repeat a count rather than add to it, a file of one
row per session counts its rows, and the provider is told which rows were read so."""
from __future__ import annotations

import datetime as dt

import polars as pl

from deid.aggregate import build_protected_tables, provider_own_figures
from deid.aggregate.aggregate import counted_sessions, sessions_notes
from deid.publish.publish import own_figures

END = dt.date(2026, 9, 30)


def _row(provider: str, file: str, row: int, person: str, sessions: int | None, *, programme: str | None = None,
         day: dt.date = END, outcome: str = "ongoing") -> dict:
    return {"provider": provider, "submission_id": f"{provider}/2026Q3/{file}", "source_file": file, "source_row": row,
            "person_key": person, "programme": programme, "service_date": day, "sessions_attended": sessions,
            "outcome_status": outcome}


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides={"sessions_attended": pl.Int32, "programme": pl.Utf8})


def _sessions(rows: list[dict]) -> dict[str, int]:
    counted = counted_sessions(_frame(rows))
    return {p: int(s) for p, s in counted.group_by("provider").agg(pl.col("sessions_attended").sum()).iter_rows()}


def test_when_two_rows_are_one_person_then_their_sessions_are_counted_once_not_added():
    rows = [_row("rongomai", "return.xlsx", 9, "whina", 6), _row("rongomai", "return.xlsx", 10, "hemi", 4),
            _row("rongomai", "return.xlsx", 48, "whina", 6)]
    assert _sessions(rows) == {"rongomai": 10}          # not 16


def test_when_the_rows_of_one_person_give_different_counts_then_the_largest_is_counted():
    rows = [_row("koha", "clients.csv", 11, "kingi", 7), _row("koha", "clients.csv", 34, "kingi", 2, outcome="achieved")]
    counted = counted_sessions(_frame(rows))
    assert counted.get_column("sessions_attended").to_list() == [7, 0]   # the other row recorded, counted in the first
    assert _sessions(rows) == {"koha": 7}


def test_when_one_person_is_in_two_programmes_then_each_programme_s_sessions_are_added():
    rows = [_row("p", "f.csv", 2, "ana", 3, programme="Triple P"), _row("p", "f.csv", 3, "ana", 2, programme="Budgeting")]
    assert _sessions(rows) == {"p": 5}
    assert "sessions in different programmes are added" in sessions_notes(counted_sessions(_frame(rows)))["p"]


def test_when_a_file_has_one_row_per_session_and_no_count_then_each_row_is_a_session():
    days = [dt.date(2026, 8, d) for d in (2, 9, 16)]
    rows = [*(_row("tautoko", "sessions.csv", 2 + i, "priya", None, day=d) for i, d in enumerate(days)),
            _row("tautoko", "sessions.csv", 5, "mere", None, day=days[0])]
    assert _sessions(rows) == {"tautoko": 4}
    note = sessions_notes(counted_sessions(_frame(rows)))["tautoko"]
    assert "sessions.csv has one row per session" in note and "4 rows counted as sessions for 2 people" in note


def test_when_a_file_has_no_count_and_no_client_on_two_dates_then_sessions_stay_not_recorded():
    rows = [_row("p", "list.csv", 2, "ana", None), _row("p", "list.csv", 3, "ana", None), _row("p", "list.csv", 4, "bo", None)]
    counted = counted_sessions(_frame(rows))
    assert counted.get_column("sessions_attended").null_count() == 3
    note = sessions_notes(counted)["p"]
    assert "one row per session" not in note and "rows 2 and 3" in note and "Each person is counted once." in note


def test_when_sessions_come_in_two_files_of_one_row_each_then_they_are_added_and_a_count_file_does_not_add_to_them():
    rows = [_row("t", "july.csv", 2, "priya", None, day=dt.date(2026, 7, 1)), _row("t", "july.csv", 3, "priya", None,
                                                                                    day=dt.date(2026, 7, 8)),
            _row("t", "sept.csv", 2, "priya", None, day=dt.date(2026, 9, 1)), _row("t", "sept.csv", 3, "priya", None,
                                                                                   day=dt.date(2026, 9, 8)),
            _row("t", "summary.csv", 2, "priya", 3)]
    assert _sessions(rows) == {"t": 4}     # four sessions; the summary's 3 is a claim of the same sessions


def test_when_rows_are_taken_as_one_person_then_the_provider_is_told_which_rows():
    rows = [_row("koha", "koha hub clients.csv", 9, "huhana", 9), _row("koha", "koha hub clients.csv", 33, "huhana", 9),
            _row("koha", "koha hub clients.csv", 11, "kingi", 7), _row("koha", "koha hub clients.csv", 34, "kingi", 7),
            _row("koha", "koha hub clients.csv", 12, "ana", 2), _row("other", "o.csv", 2, "huhana", 1)]
    notes = sessions_notes(counted_sessions(_frame(rows)))
    assert "rows 9 and 33; rows 11 and 34" in notes["koha"] and "largest count" in notes["koha"] and "programmes" not in notes["koha"]
    assert "other" not in notes     # the same person at another provider is not a repeat, nor named to either
    figures = provider_own_figures(_frame(rows))
    koha = own_figures(figures.filter(pl.col("provider") == "koha"))
    assert koha["sessions"] == 18 and koha["people"] == 3 and koha["sessions_note"] == notes["koha"]
    assert "sessions_note" not in own_figures(figures.filter(pl.col("provider") == "other"))


def test_when_tables_are_built_then_the_sessions_table_counts_a_person_s_sessions_once(standards, agreement, test_key):
    flags = {f"eth_{item.key}": item.key == "european" for item in standards.ethnicity.level1}
    rows = []
    for i in range(40):
        rows.append(_row("p-one", "a.csv", 2 + i, f"a{i}", 5) | {"region_name": "Northland", "gender_label": "Female", "age_band_life_cycle": "25-39"})
    rows.append(_row("p-one", "a.csv", 90, "a0", 5) | {"region_name": "Northland", "gender_label": "Female", "age_band_life_cycle": "25-39"})   # a0 again
    records = pl.DataFrame([r | flags for r in rows], schema_overrides={"sessions_attended": pl.Int32, "programme": pl.Utf8})
    tables, _, _ = build_protected_tables(records, standards, agreement, test_key, "run-1", "2026Q3")
    table = tables["sessions_by_provider_outcome"]
    total = table.filter((pl.col("provider") == "p-one") & (pl.col("outcome_status") == "All"))
    assert total.get_column("count").to_list() == [200]      # 40 people x 5, not 205
