"""A column without a heading is named by its spreadsheet letter; hidden workbook columns are told."""
from __future__ import annotations

import io

import openpyxl
import pytest

from deid.ingest import ingest_file
from deid.ingest.readers import column_letters, read_tables


@pytest.mark.parametrize("number, letters", [(1, "A"), (18, "R"), (26, "Z"), (27, "AA"), (703, "AAA")])
def test_column_numbers_are_written_as_the_spreadsheet_writes_them(number, letters):
    assert column_letters(number) == letters


def _workbook(first: str = "A", hide: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    start = ord(first) - ord("A")
    headers = ["Name", "DOB", "Staff", None, "Notes"]
    for offset, header in enumerate(headers):
        letter = chr(ord("A") + start + offset)
        sheet[f"{letter}1"] = header
        for row in range(2, 6):
            sheet[f"{letter}{row}"] = {0: "Aroha Ngata", 1: "01/02/1990", 2: "MK", 4: "Good session."}.get(offset)
    if hide:
        sheet.column_dimensions[hide].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("first, blank", [("A", "D"), ("C", "F")])
def test_when_a_heading_is_blank_then_the_column_is_named_by_its_letter(first, blank):
    """calamine leaves out empty columns before a sheet's cells: the letter counts them back in."""
    table = read_tables(_workbook(first), "q3.xlsx")[0]
    assert f"column {blank} (no heading)" in table.frame.columns


def test_when_a_workbook_hides_a_column_then_the_provider_is_told(standards):
    data = _workbook("A", hide="C")
    assert read_tables(data, "q3.xlsx")[0].hidden == ("Staff",)
    (_, result), = ingest_file(data, file_name="q3.xlsx", sha256="ab" * 32, provider="p", quarter="2026Q3", run_id="r",
                               standards=standards, confirmed=None, reference_key=b"k" * 32)
    assert any("hidden column(s)" in n and "Staff" in n for n in result.notices)
    assert "column D (no heading)" in result.dropped_columns
