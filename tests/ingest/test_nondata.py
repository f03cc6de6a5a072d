"""Totals rows, notes and sign-offs in a provider's table are marked as not clients; real clients are kept."""
from __future__ import annotations

import io

import polars as pl
import pytest
from openpyxl import Workbook

from deid.ingest import ingest_file
from deid.ingest.nondata import non_data_rows, prose_signals
from deid.ingest.readers import SOURCE_ROW, SOURCE_SHAPE

HEADER = ["Surname", "First name", "DOB", "Hours"]
CLIENTS = [["Paki", "Hinewai", "03/02/1991", 3], ["Lemalu", "Sione", "17/11/1987", 5], ["Okafor", "Chidi", "09/09/1979", 2]]


def _raw(rows: list[list[object]], first_row: int = 2) -> pl.DataFrame:
    numbers = [first_row + i for i in range(len(rows))]
    return pl.DataFrame({h: [None if r[i] is None else str(r[i]) for r in rows] for i, h in enumerate(HEADER)}).with_columns(
        pl.Series(SOURCE_ROW, numbers, dtype=pl.Int64), pl.lit(None, dtype=pl.Utf8).alias(SOURCE_SHAPE))


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("label", ["Grand Total", "TOTALS", "Sub-total:", "Total clients", "Tapeke"])
def test_when_a_row_is_a_totals_label_over_numbers_then_it_is_a_totals_row(standards, label):
    frame = _raw([*CLIENTS, [label, None, None, 10]])
    assert non_data_rows(frame, standards) == {5: "totals"}


def test_when_a_totals_row_sits_between_clients_then_it_is_still_found(standards):
    frame = _raw([CLIENTS[0], ["Subtotal", None, None, "=SUM(D2:D2)"], CLIENTS[1]])
    assert non_data_rows(frame, standards) == {3: "totals"}


@pytest.mark.parametrize("sign_off", ["Nāku noa, nā Rāwiri (kaiwhakahaere)", "Compiled by the office: call us with questions.",
                                      "Data for July to September, entered by Tom"])
def test_when_one_cell_holds_a_sentence_then_it_is_a_note(standards, sign_off):
    frame = _raw([*CLIENTS, [sign_off, None, None, None]])
    assert non_data_rows(frame, standards) == {5: "note"}


@pytest.mark.parametrize("name", ["Anahera Wikitoria Paki-Tamihana", "Maria de la Cruz", "van der Merwe, Pieter", "Te Huia",
                                  "smith, john", "Sum"])
def test_when_a_clients_one_filled_cell_is_a_name_then_it_is_kept(standards, name):
    frame = _raw([CLIENTS[0], [name, None, None, None], *CLIENTS[1:]])
    assert non_data_rows(frame, standards) == {}


def test_when_a_family_name_is_sum_then_the_client_is_kept(standards):
    frame = _raw([*CLIENTS, ["Sum", "Mei", "02/02/1990", 4]])
    assert non_data_rows(frame, standards) == {}


def test_when_a_short_sign_off_follows_a_blank_row_at_the_bottom_then_it_is_a_note(standards):
    rows = _raw([*CLIENTS, ["Cheers, Tania", None, None, None]])
    gap = rows.with_columns(pl.Series(SOURCE_ROW, [2, 3, 4, 6], dtype=pl.Int64))
    assert non_data_rows(gap, standards) == {6: "note"}
    assert non_data_rows(rows, standards) == {}     # straight under the clients, one mark of prose is not enough


def test_when_prose_signals_are_counted_then_names_have_few():
    particles = frozenset({"van", "der", "de", "la", "te"})
    assert prose_signals("Hone Te Huia", particles) == 0
    assert prose_signals("Maria de la Cruz", particles) == 0
    assert prose_signals("Please ring the office if anything is unclear.", particles) >= 2


def test_when_a_workbook_ends_with_totals_and_a_sign_off_then_ingest_marks_both_and_keeps_every_row(standards):
    data = _xlsx([*CLIENTS, [None] * 4, ["TOTAL", None, None, 10], ["Ngā mihi nui, nā te tari", None, None, None]])
    frame, result = ingest_file(data, file_name="return.xlsx", sha256="12" * 32, provider="p", quarter="2026Q3",
                                run_id="r", standards=standards, confirmed=None)[0]
    shapes = dict(zip(frame.get_column(SOURCE_ROW).to_list(), frame.get_column(SOURCE_SHAPE).to_list(), strict=True))
    assert result.rows_received == 5
    assert shapes == {2: None, 3: None, 4: None, 6: "totals", 7: "note"}
