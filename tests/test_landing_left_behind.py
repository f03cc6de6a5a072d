"""A run that reads another landing folder says which files `deid submit` left in the state folder's (user test 6)."""
from __future__ import annotations

from deid.pipeline import submissions_left_behind
from deid.settings import resolve_settings


def test_when_submitted_files_wait_in_the_state_landing_but_the_run_reads_another_then_the_run_says_so(tmp_path):
    state, elsewhere = tmp_path / "state", tmp_path / "provider-drops"
    (elsewhere / "kahu-whanau" / "2026Q3").mkdir(parents=True)
    (elsewhere / "kahu-whanau" / "2026Q3" / "q3.csv").write_text("Client ID,DOB\nC1,01/02/1990\n", encoding="utf-8")
    submitted = state / "landing" / "kahu-whanau" / "2026Q3"
    submitted.mkdir(parents=True)
    (submitted / "20261207T120000_q3_fixed.csv").write_text("Client ID,DOB\nC1,01/02/1991\n", encoding="utf-8")
    reading_elsewhere = resolve_settings("2026Q3", state_dir=state, landing_dir=elsewhere, demo_key=True)
    [warning] = submissions_left_behind(reading_elsewhere)
    assert "1 file(s) submitted with `deid submit` for 2026Q3" in warning and "kahu-whanau" in warning
    assert "not in this release" in warning
    # reading the state's own landing folder, or another quarter: nothing to say
    assert submissions_left_behind(resolve_settings("2026Q3", state_dir=state, demo_key=True)) == []
    assert submissions_left_behind(resolve_settings("2026Q2", state_dir=state, landing_dir=elsewhere, demo_key=True)) == []
