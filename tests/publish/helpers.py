"""Building blocks for publish tests: a passing gate and a release with everything else empty."""
from __future__ import annotations

import datetime as dt

import polars as pl

from deid.pipeline import ROW_ISSUE_SCHEMA
from deid.publish import publish_release
from deid.risk import GateResult, RiskMeasures

MEASURES = RiskMeasures(10, 3, 3, 0, 0, 0.3, 0.33, 0.0)
STARTED = dt.datetime(2026, 10, 20, tzinfo=dt.timezone.utc)
FIGURES_SCHEMA = {"provider": pl.Utf8, "outcome_status": pl.Utf8, "people": pl.Int64, "sessions": pl.Int64}


def gate(passed: bool, name: str = "evaluation") -> GateResult:
    return GateResult(name, passed, ("a",), 3, 0.34, MEASURES, MEASURES, {}, 0, "passed" if passed else "blocked")


def publish(tmp_path, standards, agreement, **overrides):
    parts = dict(
        run_id="run1", quarter="2026Q3", releases_dir=tmp_path, standards=standards, agreement=agreement, demo=True,
        key_fingerprint="abcd1234", started_at=STARTED, submissions=[],
        row_issues=pl.DataFrame(schema=ROW_ISSUE_SCHEMA), provider_figures=pl.DataFrame(schema=FIGURES_SCHEMA),
        extracts={"evaluation": pl.DataFrame({"run_id": ["run1"], "person_id": ["e_1"]})}, purpose_results=[],
        gates={"evaluation": gate(True)}, tables={}, protection=[], decisions=[], stage_counts=[], maori_rows=0,
    )
    parts.update(overrides)
    return publish_release(**parts)
