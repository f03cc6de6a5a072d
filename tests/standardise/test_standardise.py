import datetime as dt

import polars as pl

from deid.standardise import standardise_records


def _frame(**columns):
    base = {"client_ref": ["C1"], "date_of_birth": ["15/08/1990"], "ethnicity": ["NZ European; Māori"], "gender": ["F"]}
    base.update(columns)
    return pl.DataFrame(base)


def test_when_standardising_then_age_is_completed_years_at_quarter_end(standards):
    frame = pl.DataFrame({"client_ref": ["a", "b"], "date_of_birth": ["30/09/1990", "01/10/1990"]})
    out, _ = standardise_records(frame, standards, dt.date(2026, 9, 30))
    assert out.get_column("age_years").to_list() == [36, 35]
    assert out.get_column("age_band_five_year").to_list() == ["35-39", "35-39"]
    assert out.get_column("age_band_life_cycle").to_list() == ["25-39", "25-39"]


def test_when_several_ethnicities_then_total_response_flags_and_maori_prioritised(standards):
    out, result = standardise_records(_frame(), standards, dt.date(2026, 9, 30))
    row = out.row(0, named=True)
    assert row["eth_european"] and row["eth_maori"] and not row["eth_pacific"]
    assert row["ethnicity_prioritised"] == "2"
    assert row["ethnicity_codes"] == "11;21"
    assert row["is_maori_data"] and result.maori_data_rows == 1


def test_when_gender_is_legacy_or_unknown_then_2021_codes(standards):
    frame = pl.DataFrame({"client_ref": list("abcd"), "gender": ["M", "female", None, "9"]})
    out, result = standardise_records(frame, standards, dt.date(2026, 9, 30))
    assert out.get_column("gender_code").to_list() == ["1", "2", "99", "97"]
    assert result.gender_unmapped == 1


def test_when_iwi_recorded_then_row_is_maori_data(standards):
    out, _ = standardise_records(_frame(ethnicity=["Samoan"], iwi=["Ngāpuhi"]), standards, dt.date(2026, 9, 30))
    assert out.get_column("is_maori_data").to_list() == [True]


def test_when_many_distinct_values_are_parsed_in_workers_then_results_match_one_process(standards, monkeypatch):
    import polars as pl

    from deid.standardise import AddressParser, columns
    from deid.standardise.address import ADDRESS_COLUMNS

    parser = AddressParser(standards.address, standards.geography)
    values = pl.Series([f"{n} Queen Street, Auckland Central, Auckland 1010" for n in range(1, 400)] + [None, "see notes"] * 3)
    monkeypatch.setattr(columns, "PARALLEL_FROM", 50)
    in_workers = columns.parse_unique(values, parser.parse, ADDRESS_COLUMNS, workers=2)
    in_one = columns.parse_unique(values, parser.parse, ADDRESS_COLUMNS, workers=1)
    assert in_workers.equals(in_one) and in_one.height == values.len()
    assert in_one.get_column("street_number").to_list()[:3] == ["1", "2", "3"]


def test_when_a_whole_number_is_outside_its_standard_range_then_it_is_not_used(standards):
    """The validation tells the provider such a value "was not used" (a wellbeing 15 on a 1-10 scale, 500 sessions):
    no output may count it."""
    frame = pl.DataFrame({"client_ref": ["a", "b", "c"], "wellbeing_start": ["15", "7", "0"], "wellbeing_end": ["10", "1", "-2"],
                          "sessions_attended": ["500", "12", "0"]})
    out, _ = standardise_records(frame, standards, dt.date(2026, 9, 30))
    limits = {f.name: (f.minimum, f.maximum) for f in standards.fields.fields}
    assert limits["wellbeing_start"] == (1, 10) and limits["sessions_attended"] == (0, 200)
    assert out.get_column("wellbeing_start").to_list() == [None, 7, None]
    assert out.get_column("wellbeing_end").to_list() == [10, 1, None]
    assert out.get_column("sessions_attended").to_list() == [None, 12, 0]
