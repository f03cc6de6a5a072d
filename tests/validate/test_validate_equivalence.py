"""The vectorised pass gives exactly what Great Expectations gave file by file.

`validate_submission` (the GX suite built once, evaluated in one polars pass) is compared with
`validate_submission_gx` (GX validating a pandas copy of every file) on every sample file and
on generated messy submissions in which every rule fails somewhere: the same accepted rows,
the same quarantined and warned rows with their values, the same findings (counts, first rows,
examples, rows checked, missing values) and the same suite statistics.
"""
from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from deid.ingest import ingest_file
from deid.standardise.dates import parse_dates
from deid.standards import quarter_bounds
from deid.validate import build_rules, validate_submission
from deid.validate.checks import compiled_suite
from deid.validate.validate import validate_submission_gx
from tests.conftest import SAMPLES
from tests.validate.messy import messy_history, messy_submission

ROOT = Path(__file__).resolve().parents[2]


def _assert_same(new, old):
    new_accepted, new_quarantine, new_warnings, new_result = new
    old_accepted, old_quarantine, old_warnings, old_result = old
    assert_frame_equal(new_accepted, old_accepted)
    assert_frame_equal(new_quarantine, old_quarantine)
    assert_frame_equal(new_warnings, old_warnings)
    assert new_result.findings == old_result.findings
    assert new_result == old_result


@pytest.fixture(scope="module")
def sample_frames(standards):
    """Every table in data-samples/, ingested as a run does, by quarter."""
    frames: dict[str, list[pl.DataFrame]] = {}
    for path in sorted(SAMPLES.glob("*/*/*")):
        provider, quarter = path.parent.parent.name, path.parent.name
        tables = ingest_file(path.read_bytes(), file_name=path.name, sha256="0" * 64, provider=provider,
                             quarter=quarter, run_id="r", standards=standards, confirmed=None)
        frames.setdefault(quarter, []).extend(frame for frame, result in tables if not result.held)
    return frames


def _history(frames: list[pl.DataFrame], standards) -> pl.DataFrame:
    earlier = pl.concat([f.select("provider", "client_ref", "date_of_birth") for f in frames])
    return earlier.with_columns(parse_dates(earlier.get_column("date_of_birth"), standards.dates))


def test_when_the_sample_files_are_validated_then_the_vectorised_pass_equals_gx(standards, sample_frames):
    history = _history(sample_frames["2026Q2"], standards)
    checked = 0
    for quarter, frames in sample_frames.items():
        start, end = quarter_bounds(quarter)
        for frame in frames:
            earlier = history.filter(pl.col("provider") == frame.get_column("provider")[0]) if quarter == "2026Q3" else None
            _assert_same(validate_submission(frame, standards, start, end, earlier),
                         validate_submission_gx(frame, standards, start, end, earlier))
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("seed, with_history", [(11, True), (12, False), (13, True)])
def test_when_every_rule_fails_somewhere_then_the_vectorised_pass_equals_gx(standards, seed, with_history):
    start, end = quarter_bounds("2026Q3")
    frame = messy_submission(standards, rows=600, seed=seed)
    history = messy_history(frame, seed) if with_history else None
    new = validate_submission(frame, standards, start, end, history)
    _assert_same(new, validate_submission_gx(frame, standards, start, end, history))
    failing = {f.rule_id for f in new[3].findings if f.failing_rows}
    every = {r.rule_id for r in build_rules(standards, start, end)}
    if not with_history:
        every.discard("date_of_birth.same_as_before")
    assert failing == every                      # the generator breaks every rule
    assert new[1].height and new[2].height       # some quarantined, some warned


def test_when_a_submission_has_no_rows_then_both_paths_agree(standards):
    start, end = quarter_bounds("2026Q3")
    frame = messy_submission(standards, rows=5).head(0)
    _assert_same(validate_submission(frame, standards, start, end), validate_submission_gx(frame, standards, start, end))


def test_when_a_column_is_all_empty_then_missing_counts_match_gx(standards):
    start, end = quarter_bounds("2026Q3")
    frame = messy_submission(standards, rows=50, seed=3).with_columns(
        pl.lit(None, dtype=pl.Utf8).alias("gender"), pl.lit(None, dtype=pl.Utf8).alias("service_date"))
    _assert_same(validate_submission(frame, standards, start, end), validate_submission_gx(frame, standards, start, end))


def test_when_validating_many_files_then_the_gx_suite_is_built_once_per_quarter(standards):
    start, end = quarter_bounds("2026Q3")
    suite = compiled_suite(standards, start, end)
    assert compiled_suite(standards, start, end) is suite
    assert compiled_suite(standards, *quarter_bounds("2026Q2")) is not suite
    rule_ids = [e.meta["rule_id"] for e in suite.gx_suite().expectations]
    assert rule_ids == [r.rule_id for r in build_rules(standards, start, end)]
    assert {type(e).__name__ for e in suite.gx_suite().expectations} == {r.expectation for r in suite.rules}
    assert suite.quarter_end == end and dt.date(2026, 7, 1) == suite.quarter_start
    assert suite.gx_suite() is suite.gx_suite()     # GX's suite object: built once, when asked for


def test_when_files_are_validated_then_great_expectations_is_not_imported():
    """Validation needs only the compiled expectations; GX's import and set-up (seconds) happen only
    when its suite object is asked for. Run in a fresh interpreter, so other tests' imports do not count."""
    script = textwrap.dedent("""
        import sys
        from deid.standards import load_standards, quarter_bounds
        from deid.validate import validate_submission
        from tests.validate.messy import messy_submission
        standards = load_standards()
        start, end = quarter_bounds("2026Q3")
        accepted, quarantine, warnings, result = validate_submission(messy_submission(standards, rows=200, seed=5),
                                                                     standards, start, end)
        assert result.findings and any(not f.success for f in result.findings)
        assert quarantine.height > 0
        print("great_expectations" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_when_a_task_receives_a_copy_of_the_standards_then_the_suite_is_reused(standards):
    start, end = quarter_bounds("2026Q3")
    copy = pickle.loads(pickle.dumps(standards))      # what a Dask worker receives with each task
    assert copy is not standards
    assert compiled_suite(copy, start, end) is compiled_suite(standards, start, end)
