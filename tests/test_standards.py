import datetime as dt
import shutil

import pytest
import yaml

from deid.errors import StandardsError
from deid.standards import DEFAULT_STANDARDS_DIR, fold, load_standards, quarter_bounds


def test_when_standards_load_then_every_file_has_source_version_and_licence(standards):
    for name in ("fields", "code_lists", "ethnicity", "gender", "age", "dates", "identifiers", "address", "names",
                 "geography", "disclosure", "recognizers"):
        part = getattr(standards, name)
        assert part.source and part.version and part.licence, name


def test_when_a_field_has_a_bad_value_then_the_error_names_file_field_and_value(tmp_path):
    copy = tmp_path / "standards"
    shutil.copytree(DEFAULT_STANDARDS_DIR, copy)
    data = yaml.safe_load((copy / "fields.yaml").read_text(encoding="utf-8"))
    data["fields"][3]["type"] = "telephone"
    (copy / "fields.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(StandardsError) as err:
        load_standards(copy)
    message = str(err.value)
    assert "fields.yaml" in message and "fields.3.type" in message and "'telephone'" in message


def test_when_a_derivation_names_an_unknown_field_then_the_error_names_file_and_field(tmp_path):
    copy = tmp_path / "standards"
    shutil.copytree(DEFAULT_STANDARDS_DIR, copy)
    data = yaml.safe_load((copy / "fields.yaml").read_text(encoding="utf-8"))
    data["fields"][0]["derive"]["sources"] = [["nhi"], ["passport_number"]]
    (copy / "fields.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(StandardsError, match=r"fields\.yaml: field 'fields\.0\.derive\.sources' names 'passport_number'"):
        load_standards(copy)


def test_when_a_standards_file_is_missing_then_the_error_names_it(tmp_path):
    copy = tmp_path / "standards"
    shutil.copytree(DEFAULT_STANDARDS_DIR, copy)
    (copy / "gender.yaml").unlink()
    with pytest.raises(StandardsError, match=r"gender\.yaml: file not found"):
        load_standards(copy)


@pytest.mark.parametrize("quarter, start, end", [
    ("2026Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2026Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ("2026q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
])
def test_when_quarter_is_valid_then_bounds_are_its_first_and_last_day(quarter, start, end):
    assert quarter_bounds(quarter) == (start, end)


@pytest.mark.parametrize("quarter", ["2026Q5", "2026-3", "Q3", ""])
def test_when_quarter_is_malformed_then_error_says_the_form(quarter):
    with pytest.raises(StandardsError, match="YYYYQn"):
        quarter_bounds(quarter)


def test_when_folding_then_case_macrons_and_punctuation_are_ignored():
    assert fold("Whānau  Name") == fold("WHANAU_NAME") == "whanau name"


def test_when_a_config_file_is_edited_then_the_next_load_in_the_same_process_sees_the_edit(tmp_path):
    """A served flow runs every quarter in one process: a steward's edit to the config folder must reach the
    next run (the parsed standards were cached by folder alone, so an edited disclosure.yaml was ignored)."""
    disclosure = yaml.safe_load((DEFAULT_STANDARDS_DIR / "disclosure.yaml").read_text(encoding="utf-8"))
    for share in (0.1, 0.25):
        disclosure["risk"]["linkage"]["max_withheld_share"] = share
        (tmp_path / "disclosure.yaml").write_text(yaml.safe_dump(disclosure, allow_unicode=True), encoding="utf-8")
        assert load_standards(DEFAULT_STANDARDS_DIR, tmp_path).disclosure.risk.linkage.max_withheld_share == share
    assert load_standards(DEFAULT_STANDARDS_DIR, tmp_path) is load_standards(DEFAULT_STANDARDS_DIR, tmp_path)   # parsed once
    (tmp_path / "disclosure.yaml").unlink()
    assert load_standards(DEFAULT_STANDARDS_DIR, tmp_path).disclosure.risk.linkage.max_withheld_share == 0.05
