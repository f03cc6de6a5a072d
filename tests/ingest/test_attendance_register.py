"""A wide attendance register (one column per session date, marks in the cells) gives the sessions attended and the
service date, rather than being left out (outsider test 10: every session column 'not kept', every row dated the
quarter's last day)."""
from __future__ import annotations

import polars as pl

from deid.ingest import ingest_file

REGISTER = {
    "Ref": ["TH-1", "TH-2", "TH-3", "TH-4"],
    "Name": ["TAUFA, Kiri", "NGATA, Hemi", "SMITH, Jo", "PARATA, Mere"],
    "D.O.B": ["12/3/2004", "1/5/1998", "3/6/2001", "4/7/1999"],
    "07/07/2026": ["A", "✓", "P", "A"],
    "14/07/2026": ["✓", "x", "", "A"],
    "4 Aug": ["✓", "✓", "p", "A"],     # a day and month alone: the quarter's year
    "15/09/2026": ["A", "✓", "", "A"],
}


def _ingest(standards, columns):
    return ingest_file(pl.DataFrame(columns).write_csv().encode(), file_name="register.csv", sha256="ef" * 32,
                       provider="p", quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]


def test_the_sessions_marked_present_are_counted_and_the_last_one_is_the_service_date(standards):
    frame, result = _ingest(standards, REGISTER)
    assert not result.held and not result.dropped_columns
    assert frame.get_column("sessions_attended").to_list() == ["2", "3", "2", "0"]
    # none attended: the quarter's last day, as for a file without service dates
    assert frame.get_column("service_date").to_list() == ["2026-08-04", "2026-09-15", "2026-08-04", "2026-09-30"]
    said = dict(result.derived)
    assert "attendance register" in said["sessions_attended"] and "attendance register" in said["service_date"]
    evidence = next(m.evidence for m in result.columns if m.header == "14/07/2026")
    assert "'x' is not counted" in evidence


def test_date_headed_columns_holding_other_values_are_no_register(standards):
    other = {**REGISTER, "07/07/2026": ["3", "5", "2", "1"], "14/07/2026": ["note", "", "", ""]}
    other.pop("4 Aug"), other.pop("15/09/2026")
    _, result = _ingest(standards, other)
    assert not any("attendance register" in why for _, why in result.derived)
