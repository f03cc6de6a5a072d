"""A file whose service dates lie outside the quarter is held for a steward, not read with every row put on the
quarter's last day (outsider test 10: a July-September return left in the January-March folder)."""
from __future__ import annotations

import polars as pl

from deid.ingest import ingest_file
from deid.ingest.config import ProviderMapping

N = 8
RETURN = {
    "Client ID": [f"HW{100 + i}" for i in range(N)],
    "First name": ["Mere", "Sione", "Grace", "Hemi", "Aroha", "Wiremu", "Mele", "Tama"],
    "Surname": ["Parata", "Tupou", "Chen", "Walker", "Ngata", "Hohaia", "Faleolo", "Kingi"],
    "DOB": [f"{1 + i}/{1 + i}/{1980 + i}" for i in range(N)],
    "Date seen": [f"{3 + i}/{7 + i % 3}/2026" for i in range(N)],   # July to September 2026
    "Sessions": [str(1 + i % 5) for i in range(N)],
}


def _ingest(standards, quarter: str, confirmed: ProviderMapping | None = None):
    text = pl.DataFrame(RETURN).write_csv()
    return ingest_file(text.encode(), file_name="Q3 return.csv", sha256="ab" * 32, provider="te-ara-oranga", quarter=quarter,
                       run_id="run-1", standards=standards, confirmed=confirmed)


def test_a_file_of_another_quarters_dates_is_held_with_the_dates_named(standards):
    frame, result = _ingest(standards, "2026Q1")[0]
    assert result.held and frame.height == N   # every row kept, none lost
    [reason] = [r for r in result.held_reasons if "another quarter" in r]
    assert "'Date seen'" in reason and "8 of its 8 dates (2026-07-03 to 2026-09-08) are outside 2026Q1" in reason


def test_the_same_file_in_its_own_quarter_is_not_held_for_its_dates(standards):
    _, result = _ingest(standards, "2026Q3")[0]
    assert not any("another quarter" in r for r in result.held_reasons)


def test_a_steward_who_confirmed_the_column_settles_it(standards):
    confirmed = ProviderMapping(provider="te-ara-oranga", columns={"Client ID": "client_ref", "First name": "given_names",
                                                                   "Surname": "family_name", "DOB": "date_of_birth",
                                                                   "Date seen": "service_date", "Sessions": "sessions_attended"})
    _, result = _ingest(standards, "2026Q1", confirmed)[0]
    assert not any("another quarter" in r for r in result.held_reasons)
