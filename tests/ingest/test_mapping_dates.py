"""Start-date columns headed in a provider's own words or in te reo Māori, and date columns typed in two forms."""
from __future__ import annotations

import polars as pl
import pytest

from deid.ingest import ingest_file, map_columns
from deid.ingest.profile import ContentProfiler, content_fit
from tests.ingest.test_mapping import Q_END, Q_START

FAMILY = ["Leota", "Tafuna", "Vake", "Lin", "Tamihana", "Kereama", "Hughes", "Nair"]
BIRTHS = ["12/03/1984", "02/11/1990", "30/06/1978", "14/02/1995", "01/09/1988", "21/12/1979", "05/05/1992", "17/07/1986"]
# Start dates written as text ('4/8/26', two-digit years) and as spreadsheet day numbers (46245 is 2026-08-11),
# as a register kept partly by hand and partly by an export gives them.
MIXED_STARTS = ["4/8/26", "46245", "19/7/26", "46260", "46223", "2/9/26", "46176", "45991"]


@pytest.fixture(scope="module")
def profiler(standards):
    return ContentProfiler(standards, Q_START, Q_END)


@pytest.mark.parametrize("header", ["Date first seen", "First contact", "First appointment", "Rā whakauru", "RA I TIMATA",
                                    "Service start"])
def test_when_a_start_date_is_headed_in_the_providers_words_then_it_maps_to_the_start_date(standards, profiler, header):
    frame = pl.DataFrame({"Family name": FAMILY, "DOB": BIRTHS, header: MIXED_STARTS})
    mapping = map_columns(frame, standards, None, profiler)
    assert mapping.mapped.get(header) == "start_date"
    assert not next(m for m in mapping.matches if m.header == header).uncertain


def test_when_a_date_column_mixes_written_dates_and_day_numbers_then_both_count_as_dates(profiler):
    # 3 of 8 written dates alone fit a start date at 0.23; with the day numbers read too (weighted, as
    # numbers are weaker evidence than written dates) the column fits as a date column should
    profile = profiler.profile(pl.Series(MIXED_STARTS))
    assert profile.share("_serial_in_quarter") > 0 and content_fit(profile, "start_date") >= 0.55


def test_when_the_start_date_column_mixes_forms_then_the_service_date_comes_from_it(standards):
    text = pl.DataFrame({"Family name": FAMILY, "DOB": BIRTHS, "Date first seen": MIXED_STARTS}).write_csv()
    frame, result = ingest_file(text.encode(), file_name="intake.csv", sha256="ef" * 32, provider="p", quarter="2026Q3",
                                run_id="r", standards=standards, confirmed=None, reference_key=b"k" * 32)[0]
    assert {m.header: m.field for m in result.columns}["Date first seen"] == "start_date"
    services = frame.get_column("service_date").to_list()
    # in-quarter starts (either form) become the service date; earlier starts leave the quarter's end
    assert services[:6] == ["4/8/26", "46245", "19/7/26", "46260", "46223", "2/9/26"]
    assert services[6:] == [Q_END.isoformat()] * 2


def test_when_service_dates_are_written_without_a_year_then_they_are_read_in_the_quarters_year(standards):
    """A user test's workbook wrote visits as 'Thursday 11 October': its rows were set aside as bad dates."""
    visits = ["Thursday 11 October", "3 Nov", "21st of December", "Mon 2 November", "5 October", "17 Nov", "9 Dec",
              "22 October"]
    text = pl.DataFrame({"Family name": FAMILY, "DOB": BIRTHS, "Visit date": visits}).write_csv()
    frame, result = ingest_file(text.encode(), file_name="visits.csv", sha256="fe" * 32, provider="p", quarter="2026Q4",
                                run_id="r", standards=standards, confirmed=None, reference_key=b"k" * 32)[0]
    assert {m.header: m.field for m in result.columns}["Visit date"] == "service_date"
    assert frame.get_column("service_date").to_list()[:3] == ["11 Oct 2026", "3 Nov 2026", "21 Dec 2026"]
    assert "without a year" in next(m.evidence for m in result.columns if m.header == "Visit date")
