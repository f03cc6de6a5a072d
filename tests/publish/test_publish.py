import datetime as dt

import polars as pl
import pytest

from deid.errors import PublishError
from deid.pipeline import ROW_ISSUE_SCHEMA
from deid.publish import publish_release
from deid.risk import GateResult, RiskMeasures

MEASURES = RiskMeasures(10, 3, 3, 0, 0, 0.3, 0.33, 0.0)


def _gate(passed: bool) -> GateResult:
    return GateResult("evaluation", passed, ("a",), 3, 0.34, MEASURES, MEASURES, {}, 0, "passed" if passed else "blocked")


def _publish(tmp_path, standards, agreement, **overrides):
    parts = dict(
        run_id="run1", quarter="2026Q3", releases_dir=tmp_path, standards=standards, agreement=agreement, demo=True,
        key_fingerprint="abcd1234", started_at=dt.datetime(2026, 10, 20, tzinfo=dt.timezone.utc), submissions=[],
        row_issues=pl.DataFrame(schema=ROW_ISSUE_SCHEMA),
        provider_figures=pl.DataFrame(schema={"provider": pl.Utf8, "outcome_status": pl.Utf8, "people": pl.Int64, "sessions": pl.Int64}),
        extracts={"evaluation": pl.DataFrame({"run_id": ["run1"], "person_id": ["e_1"]})}, purpose_results=[],
        gates={"evaluation": _gate(True)}, tables={}, protection=[], decisions=[], stage_counts=[], maori_rows=0,
    )
    parts.update(overrides)
    return publish_release(**parts)


def test_when_everything_passes_then_the_release_and_manifest_appear(tmp_path, standards, agreement):
    result = _publish(tmp_path, standards, agreement)
    assert result.release_dir == tmp_path / "run1" and result.manifest_path.is_file()
    assert {f.path for f in result.files} >= {"evaluation/evaluation_extract.parquet", "stewards/steward_summary.html"}
    assert not list(tmp_path.glob(".staging-*"))


def test_when_an_extract_has_not_passed_the_gate_then_nothing_is_released(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="has not passed the risk gate"):
        _publish(tmp_path, standards, agreement, gates={"evaluation": _gate(False)})
    assert not any(tmp_path.iterdir())  # no partial release, no staging left behind


def test_when_an_extract_purpose_is_not_in_the_agreement_then_it_is_refused(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="not covered by the sharing agreement"):
        _publish(tmp_path, standards, agreement, extracts={"marketing": pl.DataFrame({"x": [1]})},
                 gates={"marketing": _gate(True)})
    assert not any(tmp_path.iterdir())


def test_when_a_table_was_not_protected_then_it_is_refused(tmp_path, standards, agreement):
    with pytest.raises(PublishError, match="small-cell protection"):
        _publish(tmp_path, standards, agreement, tables={"raw_counts": pl.DataFrame({"count": [1]})})
