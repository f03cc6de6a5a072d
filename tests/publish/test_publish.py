import polars as pl
import pytest

from deid.errors import PublishError
from tests.publish.helpers import gate, publish

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
