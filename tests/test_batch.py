"""The batch convention's output: CSV safe to open in a spreadsheet, Parquet as computed."""
from __future__ import annotations

import polars as pl

from deid.batch import write_batch_output


def test_when_a_batch_is_written_to_csv_then_formula_text_is_escaped_and_parquet_keeps_it(tmp_path):
    frame = pl.DataFrame({"note": ["@SUM(1+1)", "ok"], "delta": [-2, 3]})
    write_batch_output(frame, tmp_path / "o.csv")
    write_batch_output(frame, tmp_path / "o.parquet")
    assert pl.read_csv(tmp_path / "o.csv").rows() == [("'@SUM(1+1)", -2), ("ok", 3)]
    assert pl.read_parquet(tmp_path / "o.parquet").equals(frame)
