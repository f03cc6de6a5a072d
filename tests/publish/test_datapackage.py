"""Data packages that tools can check: every package a release writes validates with frictionless."""
import hashlib
import json

import pandas as pd
import polars as pl
import pytest
from frictionless import Package, validate

from deid.publish.datapackage import value_domains
from tests.publish.helpers import publish


def errors_of(report) -> list[str]:
    """Every error of a frictionless report, with the resource, row, field and rule it names."""
    return [f"{task.name}: row {getattr(e, 'row_number', '-')}, field {getattr(e, 'field_name', '-')}: {e.type}: {e.note}"
            for task in report.tasks for e in task.errors] + [f"package: {e.type}: {e.note}" for e in report.errors]


def packages_of(release_dir) -> list:
    return sorted(release_dir.rglob("datapackage.json"))


# Nullable integers, scores and codes as the split stage releases them, a blank (suppressed) cell in each kind of column.
EXTRACT = pl.DataFrame({
    "run_id": ["run1"] * 3, "person_id": ["e_1", "e_2", "e_3"], "provider": ["tamaki-whanau-ora", "kainga-support", "kainga-support"],
    "quarter": ["2026Q3"] * 3, "outcome_status": ["achieved", None, "not_recorded"],
    "wellbeing_start": [3, None, 10], "wellbeing_end": [None, 7, 1], "sessions_attended": [0, 12, None],
    "age_band_five_year": ["25-29", "85+", None], "gender_code": ["2", "99", None], "ethnicity_prioritised": ["2", None, "1"],
    "eth_maori": [True, None, False], "region_code": ["02", None, "13"], "service_quarter": ["2026Q3", None, "2026Q3"],
}, schema_overrides={"wellbeing_start": pl.Int32, "wellbeing_end": pl.Int32, "sessions_attended": pl.Int64})


@pytest.mark.parametrize("demo", [True, False])
def test_when_an_extract_with_blank_integers_is_released_then_its_package_is_valid(tmp_path, standards, agreement, demo):
    result = publish(tmp_path, standards, agreement, demo=demo, extracts={"evaluation": EXTRACT})
    [package] = packages_of(result.release_dir)
    report = validate(str(package))
    assert report.valid, errors_of(report)
    assert [t.name for t in report.tasks] == ["evaluation-extract", "data-dictionary"]
    assert report.tasks[0].stats["rows"] == 3


def test_when_the_extract_is_read_through_pandas_then_blank_integers_stay_nullable_integers(tmp_path, standards, agreement):
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": EXTRACT})
    frame = pd.read_parquet(result.release_dir / "evaluation/evaluation_extract.parquet")
    assert str(frame["wellbeing_start"].dtype) == "Int32" and str(frame["sessions_attended"].dtype) == "Int64"
    assert frame["wellbeing_start"].isna().tolist() == [False, True, False] and frame["wellbeing_start"][2] == 10
    assert str(frame["eth_maori"].dtype) == "boolean"
    rows = Package(str(result.release_dir / "evaluation/datapackage.json")).get_resource("evaluation-extract").read_rows()
    assert [r["wellbeing_end"] for r in rows] == [None, 7, 1]     # no "nan"
    assert pl.read_parquet(result.release_dir / "evaluation/evaluation_extract.parquet").equals(EXTRACT)   # polars reads it as written


def test_when_a_package_is_built_then_constraints_come_from_the_standards(tmp_path, standards, agreement):
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": EXTRACT})
    descriptor = json.loads((result.release_dir / "evaluation/datapackage.json").read_text(encoding="utf-8"))
    extract, dictionary = descriptor["resources"]
    fields = {f["name"]: f for f in extract["schema"]["fields"]}
    outcome_codes = [c.code for c in standards.code_lists.code_lists["outcome_status"].codes]
    assert set(outcome_codes) | {"not_recorded"} <= set(fields["outcome_status"]["constraints"]["enum"])
    assert fields["wellbeing_start"]["type"] == "integer"
    assert fields["wellbeing_start"]["constraints"] == {"minimum": 1, "maximum": 10}
    assert fields["sessions_attended"]["constraints"] == {"minimum": 0, "maximum": 200}
    assert fields["gender_code"]["constraints"]["enum"] == [c.code for c in standards.gender.codes]
    assert fields["provider"]["constraints"] == {"required": True, "enum": list(agreement.parties.provider_ids)}
    assert fields["eth_maori"]["type"] == "boolean" and fields["service_quarter"]["constraints"] == {"pattern": "[0-9]{4}Q[1-4]"}
    assert extract["schema"]["missingValues"] == [""] and extract["schema"]["primaryKey"] == ["person_id"]
    assert dictionary["schema"]["primaryKey"] == ["field"]
    assert descriptor["licenses"][0]["path"] == "PROVENANCE.md" and "sharing agreement" in descriptor["licenses"][0]["title"]
    assert descriptor["licenses"][0]["name"] == "LicenseRef-parenting-programme-agreement-1.0"
    listed = {f.path: f for f in result.files}
    parquet = result.release_dir / "evaluation/evaluation_extract.parquet"
    assert extract["hash"] == f"sha256:{hashlib.sha256(parquet.read_bytes()).hexdigest()}" == f"sha256:{listed['evaluation/evaluation_extract.parquet'].sha256}"
    csv = result.release_dir / "evaluation/data_dictionary.csv"
    assert dictionary["bytes"] == csv.stat().st_size and dictionary["hash"] == f"sha256:{hashlib.sha256(csv.read_bytes()).hexdigest()}"


def test_when_a_value_is_outside_its_code_list_then_frictionless_names_the_row_field_and_rule(tmp_path, standards, agreement):
    bad = EXTRACT.with_columns(pl.Series("outcome_status", ["achieved", "cured", None]), pl.Series("wellbeing_start", [3, 11, 10], pl.Int32))
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": bad})
    report = validate(str(result.release_dir / "evaluation/datapackage.json"))
    assert not report.valid
    found = {(e.row_number, e.field_name, e.type) for e in report.tasks[0].errors}
    assert found == {(3, "outcome_status", "constraint-error"), (3, "wellbeing_start", "constraint-error")}


def test_when_the_gate_coarsened_a_column_then_its_bands_are_in_its_enum(standards, agreement):
    domains = value_domains(standards, agreement)
    assert {"6+", "0", "1-5", "6-9", "10+"} <= set(domains["sessions_attended"])
    assert {"15-24", "25-39", "0-4", "85+"} <= set(domains["age_band_five_year"])
    assert {"achieved_or_partly", "ongoing"} <= set(domains["outcome_status"])
    assert "Other" in domains["referral_source"]


def test_when_a_person_appears_twice_then_no_false_primary_key_is_declared(tmp_path, standards, agreement):
    twice = EXTRACT.with_columns(pl.Series("person_id", ["e_1", "e_1", "e_3"]))
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": twice})
    descriptor = json.loads((result.release_dir / "evaluation/datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["resources"][0]["schema"]["primaryKey"] == ["person_id", "provider"]
    assert validate(str(result.release_dir / "evaluation/datapackage.json")).valid


@pytest.fixture(scope="module")
def sample_release(tmp_path_factory):
    """The quarterly run on the samples in data-samples/ (2026Q3, demo key), in process."""
    from flows.quarterly import run_quarter
    from tests.conftest import SAMPLES

    state = tmp_path_factory.mktemp("state")
    summary = run_quarter("2026Q3", landing_dir=str(SAMPLES), state_dir=str(state), demo_key=True)
    from pathlib import Path

    return Path(summary["release_dir"])


def test_when_the_samples_are_released_then_every_package_validates_with_frictionless(sample_release):
    packages = packages_of(sample_release)
    assert {p.parent.name for p in packages} == {"evaluation", "service-delivery"}
    for package in packages:
        report = validate(str(package))
        assert report.valid, (package, errors_of(report)[:10])
        assert {t.name.split("-")[-1] for t in report.tasks} == {"extract", "dictionary"}
        assert all(t.stats["rows"] > 0 for t in report.tasks)


# Codes and bands as a research extract may hold them once the risk gate coarsened counts and scores.
CODED = pl.DataFrame({
    "run_id": ["run1"] * 4, "person_id": ["e_7", "e_8", "e_9", "e_10"], "provider": ["kainga-support"] * 4,
    "quarter": ["2026Q3"] * 4, "gender_code": ["1", "3", None, "2"], "ethnicity_prioritised": ["4", "2", "9", None],
    "outcome_status": ["partly_achieved", "ongoing", None, "achieved"], "sessions_attended": ["10+", "1-2", "3-5", None],
    "wellbeing_end": [4, 9, None, 6],
}, schema_overrides={"wellbeing_end": pl.Int32})


def test_when_an_extract_has_coded_and_banded_columns_then_the_package_gives_their_labels_and_bands(tmp_path, standards, agreement):
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": CODED})
    [package] = packages_of(result.release_dir)
    report = validate(str(package))
    assert report.valid, errors_of(report)
    fields = {f["name"]: f for f in json.loads(package.read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]}
    gender = {c["value"]: c["label"] for c in fields["gender_code"]["categories"]}
    assert gender["3"] == "Another gender" and gender["2"] == "Female"
    ethnicity = {c["value"]: c["label"] for c in fields["ethnicity_prioritised"]["categories"]}
    assert ethnicity["4"] == "Asian" and ethnicity["9"] == "Residual Categories"
    assert {c["value"]: c["label"] for c in fields["outcome_status"]["categories"]}["partly_achieved"] == "Partly achieved"
    assert [c["value"] for c in fields["sessions_attended"]["categories"]] == ["1-2", "3-5", "10+"]   # in order, not as text
    assert "bands" in fields["sessions_attended"]["description"]
    assert "categories" not in fields["wellbeing_end"]          # released as a number: its range says what it holds
    assert "every quarter" in fields["person_id"]["description"] and "provider" in fields["person_id"]["description"]
