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


def _titled_workbook(formatted_corner: bool) -> bytes:
    """A title above, the table from row 4 in column C with a blank row inside (a provider's own layout);
    optionally a formatted but empty A1, which makes the workbook's own dimension start at A1."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    if formatted_corner:
        sheet["A1"].font = Font(bold=True)
    sheet["C2"] = "Whānau Support Trust: Q3 return"
    for offset, header in enumerate(["Client ID", "First name", "Surname", "DOB", None, "NHI"]):
        sheet.cell(row=4, column=3 + offset, value=header)
    for row, values in ((5, ["C1", "Ana", "Smith", "1990-01-02", None, "ZZZ0016"]),
                        (7, ["C2", "Bo", "Lee", "1991-02-03", "x", "BAD"])):
        for offset, value in enumerate(values):
            sheet.cell(row=row, column=3 + offset, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("formatted_corner", [False, True], ids=["title-above", "formatted-A1"])
def test_when_a_table_starts_below_and_right_of_A1_then_rows_and_columns_are_named_as_the_sheet_numbers_them(
        formatted_corner):
    """Row numbers go back to the provider ("row 7, NHI"): they must be the sheet's own, not counted from
    the first used cell (calamine leaves out empty rows and columns before it)."""
    table = read_tables(_titled_workbook(formatted_corner), "q3.xlsx")[0]
    assert table.frame.get_column("source_row").to_list() == [5, 7]
    assert "column G (no heading)" in table.frame.columns


def _ods_below_and_right(hide_fourth_column: bool = False) -> bytes:
    """An ODS sheet whose table starts at C4 (three empty rows, two empty cells before each row), a blank heading in
    column E; optionally column D hidden, as LibreOffice writes them (repeated rows and cells, collapsed columns)."""
    from tests.ingest.ods import ods_workbook, string_rows

    rows = [["Client ID", "First name", "", "DOB"], ["C1", "Ana", "x", "1990-01-02"], ["C2", "Bo", "y", "1991-02-03"]]
    columns = ('<table:table-column table:number-columns-repeated="3"/><table:table-column table:visibility="collapse"/>'
               if hide_fourth_column else "")
    blank = '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="6"/></table:table-row>'
    return ods_workbook(columns + blank + string_rows(rows, lead='<table:table-cell table:number-columns-repeated="2"/>'))


def test_when_an_ods_table_starts_below_and_right_of_A1_then_rows_and_columns_are_the_sheets_own():
    table = read_tables(_ods_below_and_right(), "q3.ods")[0]
    assert table.frame.get_column("source_row").to_list() == [5, 6]
    assert "column E (no heading)" in table.frame.columns
    assert read_tables(_ods_below_and_right(hide_fourth_column=True), "q3.ods")[0].hidden == ("First name",)
