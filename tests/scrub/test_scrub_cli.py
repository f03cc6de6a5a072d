"""`deid scrub --names-from`: a batch scrubbed with the record's names, as the quarterly flow does."""
from __future__ import annotations

import json

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


def test_when_the_batch_is_a_providers_file_as_kept_then_it_is_read_as_the_pipeline_reads_it(tmp_path):
    """A user test's Windows-1252 and semicolon files were 'not readable' by `deid scrub --in`."""
    source = tmp_path / "export.csv"
    source.write_bytes("CLT_ID;CLT_NAME;NOTES\nA1;Renée Ngata;Café visit with Renée, ph 021 555 0123\n".encode("cp1252"))
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["scrub", "--in", str(source), "--column", "NOTES", "--out", str(target),
                                      "--names-from", "CLT_NAME"])
    assert result.exit_code == 0, result.output
    assert pl.read_csv(target).get_column("scrubbed").to_list() == ["Café visit with <PERSON>, ph <PHONE>"]


def test_ages_and_scores_a_note_states_are_replaced_as_in_released_notes(tmp_path):
    # outsider test 10: the stand-alone command kept "34", "(78)" and "4/10", which the quarterly run's notes never show
    result = CliRunner().invoke(app, ["scrub", "Ngaire is 34, Koro Tipene (78) came too. Wellbeing 4/10."])
    assert result.exit_code == 0, result.output
    text = json.loads(result.output)["text"]
    assert "34" not in text and "78" not in text and "4/10" not in text
    assert "<AGE>" in text and "<SCORE>" in text and "<PERSON>" in text
