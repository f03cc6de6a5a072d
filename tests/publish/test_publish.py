import json

import polars as pl
import pytest

from deid.errors import PublishError
from tests.publish.helpers import HYPERLINK, formula_release, gate, publish


def test_when_everything_passes_then_the_release_and_manifest_appear(tmp_path, standards, agreement):
    result = publish(tmp_path, standards, agreement)
    assert result.release_dir == tmp_path / "run1" and result.manifest_path.is_file()
    assert {f.path for f in result.files} >= {"evaluation/evaluation_extract.parquet", "stewards/steward_summary.html"}
    assert not list(tmp_path.glob(".staging-*"))


def test_when_an_extract_has_not_passed_the_gate_then_nothing_is_released(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="has not passed the risk gate"):
        publish(tmp_path, standards, agreement, gates={"evaluation": gate(False)})
    assert not any(tmp_path.iterdir())  # no partial release, no staging left behind


def test_when_an_extract_purpose_is_not_in_the_agreement_then_it_is_refused(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="not covered by the sharing agreement"):
        publish(tmp_path, standards, agreement, extracts={"marketing": pl.DataFrame({"x": [1]})},
                 gates={"marketing": gate(True)})
    assert not any(tmp_path.iterdir())


def test_when_a_table_was_not_protected_then_it_is_refused(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="small-cell protection"):
        publish(tmp_path, standards, agreement, tables={"raw_counts": pl.DataFrame({"count": [1]})})


# --- outputs that are safe to open ---------------------------------------------------------------

def test_when_released_text_is_formula_shaped_then_csv_html_and_markdown_escape_it_and_parquet_keeps_it(
        tmp_path, standards, agreement):
    from deid.safe_text import is_formula_shaped
    from reports.builders import render

    result = formula_release(tmp_path, standards, agreement)
    release = result.release_dir
    fix = pl.read_csv(release / "providers/tamaki-whanau-ora/rows_to_fix_SUM-1-1_aaaaaaaa.csv")
    assert fix.get_column("column").to_list() == [f"'{HYPERLINK} (nhi)"]
    table = pl.read_csv(release / "aggregates/by_region.csv")
    assert table.get_column("region").to_list() == ["'=cmd|' /C calc'!A0", "All"]
    assert table.get_column("change").dtype == pl.Int64 and table.get_column("change").to_list() == [-3, 0]  # numbers untouched
    for csv in release.rglob("*.csv"):   # no cell of any released CSV can run
        frame = pl.read_csv(csv, infer_schema=False)
        cells = [v for c in frame.columns for v in frame.get_column(c).drop_nulls().to_list()] + frame.columns
        assert not [v for v in cells if is_formula_shaped(v)], csv
    page = (release / "providers/tamaki-whanau-ora/data_quality_SUM-1-1_aaaaaaaa.html").read_text(encoding="utf-8")
    steward = (release / "stewards/quality/tamaki-whanau-ora/SUM-1-1_aaaaaaaa.html").read_text(encoding="utf-8")
    for html in (page, steward):
        assert "&#39;@SUM(1+1).csv" in html and ">@SUM(1+1)" not in html
    assert "&#39;=HYPERLINK" in page and ">=HYPERLINK" not in page
    evaluation = pl.read_parquet(release / "evaluation/evaluation_extract.parquet")
    assert evaluation.get_column("outcome_status").to_list() == ["@SUM(1+1)"]      # Parquet keeps the value ...
    dictionary = pl.read_csv(release / "evaluation/data_dictionary.csv")           # ... and the dictionary says so
    flags = dict(zip(dictionary.get_column("field").to_list(), dictionary.get_column("neutralised_on_export").to_list(), strict=True))
    assert flags == {"run_id": True, "person_id": True, "outcome_status": True, "sessions_attended": False}
    provenance = json.loads((release / "evaluation/provenance.json").read_text(encoding="utf-8"))
    markdown = render("provenance.md.j2", {"p": {**provenance, "purpose": HYPERLINK}})
    assert f"# Provenance: '{HYPERLINK}" in markdown



# --- one typed hand-off: ReleaseInputs --------------------------------------------------------------

def test_when_release_inputs_are_made_then_they_cannot_be_changed_afterwards(tmp_path, standards, agreement):
    import dataclasses

    from tests.publish.helpers import release_inputs

    inputs = release_inputs(tmp_path, standards, agreement)
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.run_id = "other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.contents.maori_rows = 5


def test_when_a_release_is_written_then_manifest_and_steward_payload_come_from_their_own_builders(tmp_path, standards, agreement):
    from deid.publish.manifest import build_manifest
    from deid.publish.steward import build_steward_payload
    from tests.publish.helpers import release_inputs

    inputs = release_inputs(tmp_path, standards, agreement, maori_rows=4)
    result = publish(tmp_path, standards, agreement, maori_rows=4)
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    rebuilt = build_manifest(inputs, result.files)
    assert {k: v for k, v in manifest.items() if k != "demo_key_notice"} == json.loads(json.dumps(rebuilt, default=str))
    assert {f["path"] for f in manifest["files"]} == {f.path for f in result.files} and "manifest.json" not in manifest["files"]
    steward = json.loads((result.release_dir / "stewards/steward_summary.json").read_text(encoding="utf-8"))
    listed_before = [f for f in result.files if not f.path.startswith("stewards/steward_summary")]
    expected = build_steward_payload(inputs, listed_before)
    assert steward["maori_rows"] == expected["maori_rows"] == 4
    assert [f["path"] for f in steward["files_released_before_this_pack"]] == [f.path for f in listed_before]


def test_when_rows_are_looked_up_by_value_then_each_lookup_equals_filtering_the_frame():
    from deid.publish.publish import rows_by

    frame = pl.DataFrame({"submission_id": ["b", "a", "b", None, "a"], "source_row": [5, 1, 2, 9, 3]})
    rows_of = rows_by(frame, "submission_id")
    for value in ("a", "b", "missing"):
        assert rows_of(value).equals(frame.filter(pl.col("submission_id") == value))
    assert rows_of("missing").schema == frame.schema
    empty = frame.clear()
    assert rows_by(empty, "submission_id")("a").equals(empty.filter(pl.col("submission_id") == "a"))


def test_when_submissions_are_made_plain_once_then_each_is_its_as_plain_value():
    from deid.publish import SubmissionOutcome
    from deid.publish.publish import plain_submissions
    from reports.builders import as_plain

    submissions = [SubmissionOutcome(provider=p, quarter="2026Q3", file_name=f"{p}.csv", sha256="0" * 64, submission_id=p,
                                     status="accepted", rows_received=3, rows_accepted=3) for p in ("a", "b")]
    plain = plain_submissions(submissions)
    assert [plain[id(s)] for s in submissions] == [as_plain(s) for s in submissions]


def test_when_an_extract_is_released_then_its_dictionary_labels_codes_and_says_what_is_banded(tmp_path, standards, agreement):
    extract = pl.DataFrame({"run_id": ["run1"] * 3, "person_id": ["e_4", "e_5", "e_6"], "gender_code": ["2", "1", None],
                            "ethnicity_prioritised": ["3", None, "1"], "wellbeing_start": ["7-10", "1-3", "4-6"],
                            "sessions_attended": [3, 11, None]})
    result = publish(tmp_path, standards, agreement, extracts={"evaluation": extract})
    rows = {r["field"]: r for r in pl.read_csv(result.release_dir / "evaluation/data_dictionary.csv",
                                               infer_schema_length=0, comment_prefix="#").to_dicts()}
    assert "2 = Female" in rows["gender_code"]["values"] and "1 = Male" in rows["gender_code"]["values"]
    assert "3 = Pacific Peoples" in rows["ethnicity_prioritised"]["values"]
    assert rows["wellbeing_start"]["values"] == "1-3; 4-6; 7-10" and "bands" in rows["wellbeing_start"]["description"]
    assert not rows["sessions_attended"]["values"] and "bands" not in rows["sessions_attended"]["description"]
    assert "every quarter" in rows["person_id"]["description"] and "rotated" in rows["person_id"]["description"]


def test_the_dictionary_tells_the_folded_catch_all_apart_from_a_lists_own_other_code(standards, agreement):
    # outsider user test 9: "other = Other; ...; Other = Other" in referral_source
    from deid.publish.datapackage import value_labels

    labels = value_labels(standards, agreement)["referral_source"]
    assert labels["other"] == "Other" and labels["Other"].startswith("Other: categories too rare to show")
