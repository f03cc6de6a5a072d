"""End to end: a quarter released again after a provider withdraws a client (a user's differencing attack)."""
from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from tests.conftest import SAMPLES


def _aggregates(summary: dict) -> dict[str, pl.DataFrame]:
    folder = Path(summary["release_dir"]) / "aggregates"
    return {path.name: pl.read_csv(path, infer_schema=False).drop("run_id", "quarter", strict=False).select(pl.all().exclude("^.*(?i)key.*$"))
            for path in sorted(folder.glob("*.csv"))}


def test_when_a_client_is_withdrawn_and_the_quarter_re_run_then_comparing_the_releases_shows_nothing(prefect_harness, tmp_path):
    from flows.quarterly import quarterly_reporting

    landing = tmp_path / "landing"
    for provider_dir in SAMPLES.iterdir():
        if (provider_dir / "2026Q3").is_dir():
            shutil.copytree(provider_dir / "2026Q3", landing / provider_dir.name / "2026Q3")
    state = tmp_path / "state"
    first = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    returned = next((landing / "kainga-support" / "2026Q3").glob("*.csv"))
    lines = returned.read_bytes().splitlines(keepends=True)
    returned.write_bytes(b"".join(lines[:-1]))   # the provider's corrected return: the last client withdrawn
    again = quarterly_reporting(quarter="2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    assert again["rows"]["received"] == first["rows"]["received"] - 1
    before, after = _aggregates(first), _aggregates(again)
    assert set(before) == set(after) and before
    for name, table in before.items():
        assert after[name].equals(table), name
