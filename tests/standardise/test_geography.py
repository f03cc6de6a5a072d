"""Building the geography table from an official download (deid standards import-geography)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from deid.cli import app
from deid.standardise import AddressParser
from deid.standardise.geography import (
    GeographyImportError,
    check_columns,
    import_geography,
    load_postcode_areas,
    render_geography_csv,
)
from deid.standards import GeographyStandard, load_csv_with_header_comments

# Hand-written rows in the shape of the LINZ "NZ Suburbs and Localities" CSV export.
LINZ_CSV = """id,name,additional_name,type,major_name,major_name_type,territorial_authority,population_estimate,name_ascii,additional_name_ascii,major_name_ascii,territorial_authority_ascii,WKT
1,Glen Massey,,Locality,Glen Massey,Locality,Waikato District,300,Glen Massey,,Glen Massey,Waikato District,
2,Pāpāmoa Beach,,Suburb,Tauranga,City,Tauranga City,20000,Papamoa Beach,,Tauranga,Tauranga City,
3,Te Atatū South,,Suburb,Auckland,City,Auckland,12000,Te Atatu South,,Auckland,Auckland,
4,Somewhere,,Suburb,Atlantis,City,Atlantis District,10,Somewhere,,Atlantis,Atlantis District,
"""


@pytest.mark.parametrize("header, shape", [
    (["id", "name", "major_name", "territorial_authority", "WKT"], "linz-suburbs-localities"),
    (["postcode", "suburb", "town_city", "ta_code", "ta_name", "region_code", "region_name"], "standard"),
])
def test_when_a_header_is_known_then_its_shape_is_named(header, shape):
    assert check_columns(header) == shape


@pytest.mark.parametrize("header", [["name", "town"], ["suburb", "town_city", "postcode"], []])
def test_when_columns_are_missing_then_the_error_names_them(header):
    with pytest.raises(GeographyImportError, match="missing"):
        check_columns(header)


def test_when_a_linz_file_is_imported_then_places_get_stats_nz_codes_and_unknown_tas_are_counted(standards):
    result = import_geography(LINZ_CSV, standards.geography)
    by_name = {(r["suburb"] or r["town_city"]): r for r in result.rows}
    assert by_name["Glen Massey"]["ta_code"] == "013" and by_name["Glen Massey"]["region_code"] == "03"
    assert by_name["Pāpāmoa Beach"]["town_city"] == "Tauranga" and by_name["Pāpāmoa Beach"]["ta_code"] == "023"
    assert by_name["Te Atatū South"]["region_name"] == "Auckland"
    assert "Somewhere" not in by_name and sum(result.skipped.values()) == 1
    assert result.localities == 3


def test_when_an_imported_table_is_used_then_new_places_are_known_with_official_spelling(standards, tmp_path):
    result = import_geography(LINZ_CSV, standards.geography)
    path = tmp_path / "geography.csv"
    path.write_text(render_geography_csv(result.rows, source="test", version="1", licence="CC BY 4.0"), encoding="utf-8")
    meta, rows = load_csv_with_header_comments(path)
    for row in rows:
        row["suburb"] = row["suburb"] or None
    geography = GeographyStandard.model_validate({**meta, "places": rows})
    parsed = AddressParser(standards.address, geography).parse("5 Rata St, Papamoa Beach, Tauranga")
    assert (parsed.suburb, parsed.ta_code, parsed.parse_status) == ("Pāpāmoa Beach", "023", "parsed")


def test_when_the_command_runs_then_it_reports_coverage_and_writes_the_table(tmp_path):
    source = tmp_path / "nz-suburbs-and-localities.csv"
    source.write_text(LINZ_CSV, encoding="utf-8")
    out = tmp_path / "geography.csv"
    result = CliRunner().invoke(app, ["standards", "import-geography", str(source), "--version", "2026-11-30",
                                      "--out", str(out), "--replace"])
    assert result.exit_code == 0, result.output
    assert "3 localities" in result.output and out.is_file()
    assert "# version: 2026-11-30" in out.read_text(encoding="utf-8")


def test_when_the_file_has_the_wrong_columns_then_the_command_fails_without_writing(tmp_path):
    source = tmp_path / "places.csv"
    source.write_text("name,town\nA,B\n", encoding="utf-8")
    out = tmp_path / "geography.csv"
    result = CliRunner().invoke(app, ["standards", "import-geography", str(source), "--version", "x", "--out", str(out)])
    assert result.exit_code != 0 and "missing" in result.output and not out.exists()


def test_when_dry_run_then_nothing_is_written(tmp_path):
    source = tmp_path / "linz.csv"
    source.write_text(LINZ_CSV, encoding="utf-8")
    out = tmp_path / "geography.csv"
    result = CliRunner().invoke(app, ["standards", "import-geography", str(source), "--version", "x", "--out", str(out), "--dry-run"])
    assert result.exit_code == 0 and not out.exists()


def test_the_packaged_postcode_table_names_its_source_version_and_licence():
    from deid.standards import DEFAULT_STANDARDS_DIR

    meta, rows = load_csv_with_header_comments(DEFAULT_STANDARDS_DIR / "geography_postcodes.csv")
    assert {"source", "version", "licence"} <= set(meta) and len(rows) == len(load_postcode_areas()) > 800
