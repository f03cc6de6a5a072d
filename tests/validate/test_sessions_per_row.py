"""A file of one row per session (a client on many rows, each with its session date, no sessions count) is not a
file of repeated clients: the provider is not told, row by row, to combine a client's rows."""
from __future__ import annotations

import datetime as dt

import polars as pl

from deid.ingest import ingest_file
from deid.validate import validate_submission
from deid.validate.parts import PartRows, check_across_parts
from deid.validate.rules import prepare_check_columns

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
PER_SESSION = "Client ID;Name;D.O.B;Programme;Session date;Session notes\n"
SESSIONS = ("TAU100;RUATAPU, Priya;04/06/1986;Triple P;23/08/2026;First session.\n"
            "TAU100;RUATAPU, Priya;4 June 1986;Triple P;30/08/2026;Good session.\n"
            "TAU100;RUATAPU, Priya;1986-06-04;Triple P;06/09/2026;\n"
            "TAU101;TIPENE, Mere;12/12/1990;Triple P;23/08/2026;\n"
            "TAU101;TIPENE, Mere;12/12/1990;Triple P;30/08/2026;Met at marae.\n"
            "TAU102;SMITH, Jo;01/01/1980;Triple P;30/08/2026;\n")


def _validated(text: str, standards, name: str = "sessions.csv"):
    frame, _ = ingest_file(text.encode(), file_name=name, sha256=(name.encode().hex() * 64)[:64], provider="p",
                           quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    return frame, validate_submission(frame, standards, Q_START, Q_END)


def _warned(warnings: pl.DataFrame, rule: str = "client_ref.unique") -> list[int]:
    return sorted(warnings.filter(pl.col("rule") == rule).get_column("source_row").to_list())


def test_when_a_file_has_one_row_per_session_then_a_client_on_several_dates_is_not_warned(standards):
    frame, (accepted, _, warnings, result) = _validated(PER_SESSION + SESSIONS, standards)
    assert frame.get_column("client_ref").to_list().count("TAU100") == 3
    assert accepted.height == 6
    assert _warned(warnings) == []
    assert {f.rule_id: f for f in result.findings}["client_ref.unique"].success


def test_when_a_client_is_given_twice_on_one_session_date_then_it_is_still_warned(standards):
    twice = SESSIONS + "TAU102;SMITH, Jo;01/01/1980;Triple P;30/08/2026;Double entry?\n"
    _, (_, _, warnings, _) = _validated(PER_SESSION + twice, standards)
    assert _warned(warnings) == [7, 8]


def test_when_a_file_gives_a_sessions_count_then_a_repeated_client_is_still_warned_with_what_to_do(standards):
    header = "Client ID;Name;D.O.B;Programme;Session date;Sessions attended\n"
    rows = ("C1;NGATA, Aroha;04/03/1990;Triple P;14/08/2026;4\n"
            "C1;NGATA, Aroha;04/03/1990;Triple P;21/08/2026;5\n"
            "C2;PARATA, Wiremu;05/03/1991;Triple P;14/08/2026;2\n")
    _, (_, _, warnings, result) = _validated(header + rows, standards, "counts.csv")
    assert _warned(warnings) == [2, 3]
    finding = {f.rule_id: f for f in result.findings}["client_ref.unique"]
    assert "Combine the client's rows" in finding.fix and "one row per session" in finding.fix


def test_when_the_rules_are_checked_by_the_reference_path_then_one_row_per_session_reads_the_same(standards):
    frame, (_, _, warnings, _) = _validated(PER_SESSION + SESSIONS + "TAU102;SMITH, Jo;01/01/1980;Triple P;30/08/2026;\n"
                                            "TAU102;SMITH, Jo;01/01/1980;Triple P;30/08/2026;again\n", standards)
    checked = prepare_check_columns(frame, standards, standards.fields.names)
    failing = checked.filter(~pl.col("__chk__client_ref.unique")).get_column("source_row").to_list()
    assert sorted(failing) == _warned(warnings) == [7, 8, 9]


def _part(text: str, name: str, standards) -> PartRows:
    _, (accepted, quarantine, warnings, result) = _validated(text, standards, name)
    return PartRows(name, accepted, quarantine, warnings, result.findings)


def test_when_a_provider_sends_its_sessions_in_two_files_then_clients_in_both_are_not_warned(standards):
    august = PER_SESSION + SESSIONS
    september = PER_SESSION + ("TAU100;RUATAPU, Priya;04/06/1986;Triple P;13/09/2026;\n"
                               "TAU100;RUATAPU, Priya;04/06/1986;Triple P;20/09/2026;\n"
                               "TAU101;TIPENE, Mere;12/12/1990;Triple P;13/09/2026;\n")
    checked = check_across_parts([_part(august, "august.csv", standards), _part(september, "september.csv", standards)],
                                 standards)
    assert [c.note for c in checked] == [None, None]
    assert all(_warned(c.part.warnings) == [] for c in checked)


def test_when_two_files_of_counts_give_one_client_then_both_are_still_warned(standards):
    header = "Client ID;Name;D.O.B;Programme;Session date;Sessions attended\n"
    first = header + "C1;NGATA, Aroha;04/03/1990;Triple P;14/08/2026;4\nC2;PARATA, Wiremu;05/03/1991;Triple P;14/08/2026;2\n"
    second = header + "C1;NGATA, Aroha;04/03/1990;Triple P;21/09/2026;6\n"
    checked = check_across_parts([_part(first, "first.csv", standards), _part(second, "second.csv", standards)], standards)
    assert _warned(checked[0].part.warnings) == [2] and _warned(checked[1].part.warnings) == [2]
    assert checked[0].note and "also appears in second.csv" in checked[0].note
