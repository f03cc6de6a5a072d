"""`deid scrub --names-from`: a batch scrubbed with the record's names, as the quarterly flow does."""
from __future__ import annotations

import polars as pl
from typer.testing import CliRunner

from deid.cli import app


def _run(tmp_path, *extra):
    source = tmp_path / "notes.csv"
    pl.DataFrame({"client": ["Hōhepa Parata", "Mana Karaka"],
                  "notes": ["Saw hohepa today.", "Talked about the mana of the whānau; Mana Karaka said yes."]}).write_csv(source)
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["scrub", "--in", str(source), "--column", "notes", "--out", str(target), *extra])
    return result, target


def test_when_names_come_from_a_column_then_they_are_scrubbed_in_every_row_and_the_word_stays(tmp_path):
    result, target = _run(tmp_path, "--names-from", "client")
    assert result.exit_code == 0, result.output
    assert pl.read_csv(target).get_column("scrubbed").to_list() == [
        "Saw <PERSON> today.", "Talked about the mana of the whānau; <PERSON> said yes."]


def test_when_a_names_column_is_missing_then_the_error_lists_the_columns(tmp_path):
    result, _ = _run(tmp_path, "--names-from", "caregiver")
    assert result.exit_code != 0 and "'caregiver', not a column; the columns are client, notes" in result.output
