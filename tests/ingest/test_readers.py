import datetime as dt
import io

import pytest
from openpyxl import Workbook

from deid.errors import IngestError
from deid.ingest import read_table


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_when_csv_is_utf8_then_macrons_survive(encoding):
    data = "Name,Iwi\nMāia Pōmare,Ngāti Porou\n".encode(encoding)
    table = read_table(data, "f.csv")
    assert table.frame.drop("source_shape").row(0) == ("Māia Pōmare", "Ngāti Porou", 2)
    assert table.encoding == encoding


def test_when_csv_is_windows_1252_then_curly_quotes_decode():
    data = "Name;Notes\nRenée O’Brien;Café – visit\n".encode("cp1252")
    table = read_table(data, "f.csv")
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.frame.drop("source_shape").row(0)[:2] == ("Renée O’Brien", "Café – visit")


def test_when_a_windows_1252_csv_starts_with_a_utf8_bom_then_the_text_decides_and_the_bom_is_not_a_header():
    """An editor can put a UTF-8 BOM in front of Windows-1252 text (a user test's file stopped a whole run)."""
    data = b"\xef\xbb\xbf" + "Name,Notes\nRenée O’Brien,Café visit\n".encode("cp1252")
    table = read_table(data, "f.csv")
    assert table.encoding == "cp1252" and list(table.frame.columns)[:2] == ["Name", "Notes"]
    assert table.frame.drop("source_shape").row(0)[:2] == ("Renée O’Brien", "Café visit")


def test_when_a_cell_has_a_quoted_newline_then_it_stays_one_row():
    data = b'id,notes\n1,"line one\nline two"\n2,plain\n'
    table = read_table(data, "f.csv")
    assert table.frame.height == 2 and table.frame.get_column("notes")[0] == "line one\nline two"
    assert table.frame.get_column("source_row").to_list() == [2, 3]


def test_when_xlsx_has_a_title_row_then_the_header_is_found_and_rows_numbered_as_in_excel():
    data = _xlsx([["Quarterly report"], [], ["Client number", "Name", "Birth date"], ["C1", "Aroha Ngata", dt.datetime(1990, 3, 4)]])
    table = read_table(data, "f.xlsx", header_hint={"client number", "name", "birth date"})
    assert table.header_row == 3
    assert table.frame.drop("source_shape").row(0) == ("C1", "Aroha Ngata", "1990-03-04", 4)


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.csv", "empty"),
    (b"   \n\n", "blank.csv", "empty"),
    (b"just some text that is not a workbook", "fake.xlsx", "not a spreadsheet"),
    (b"PK\x03\x04broken", "broken.xlsx", "not a readable XLSX"),
    (b"\x00\x01\x02binary", "blob.csv", "binary"),
    (b"not parquet", "x.parquet", "not a Parquet"),
])
def test_when_a_file_is_unreadable_then_the_reason_is_given(data, name, message):
    with pytest.raises(IngestError, match=message):
        read_table(data, name)


def test_when_parquet_then_every_column_is_text_and_rows_are_numbered():
    import polars as pl

    buffer = io.BytesIO()
    pl.DataFrame({"client_ref": ["C1", "C2"], "sessions": [3, 4]}).write_parquet(buffer)
    table = read_table(buffer.getvalue(), "f.parquet")
    assert table.reader == "parquet" and table.frame.drop("source_shape").rows() == [("C1", "3", 2), ("C2", "4", 3)]


def test_when_a_sheet_is_configured_then_that_sheet_is_read_and_a_missing_one_is_named():
    book = Workbook()
    book.active.append(["cover page"])
    data_sheet = book.create_sheet("Clients")
    data_sheet.append(["Client ID", "DOB"])
    data_sheet.append(["C1", "1/2/1990"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "f.xlsx", sheet="Clients")
    assert table.frame.drop("source_shape").row(0) == ("C1", "1/2/1990", 2)
    with pytest.raises(IngestError, match="sheet 'Data' not found"):
        read_table(buffer.getvalue(), "f.xlsx", sheet="Data")


def test_when_a_workbook_has_a_two_row_header_then_the_groups_label_the_columns_and_no_header_row_is_data():
    """A user test's return: 'Client name' merged over 'First' and 'Last', 'Wellbeing' over 'Start' and 'End'; the
    second header row was read as a client and the columns under the merged cells went unmapped."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Whānau Hub return Q2"])
    sheet.append([])
    sheet.append(["Ref", "Client name", None, "DOB", "Contact", None, "Wellbeing", None])
    sheet.append([None, "First", "Last", None, "Address", "Mobile", "Start", "End"])
    sheet.append(["W1", "Mere", "Ngata", "12/03/1984", "14 Moa St, Hamilton", "021 555 0123", 4, 7])
    sheet.append(["W2", "Hemi", "Walker", "02/11/1990", "3 Kea Rd, Hamilton", "022 555 0456", 5, 6])
    for cells in ("B3:C3", "E3:F3", "G3:H3"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "return.xlsx")
    assert [c for c in table.frame.columns if c not in ("source_row", "source_shape")] == [
        "Ref", "First", "Last", "DOB", "Address", "Mobile", "Start", "End"]
    assert table.groups == {"First": "Client name", "Last": "Client name", "Address": "Contact", "Mobile": "Contact",
                            "Start": "Wellbeing", "End": "Wellbeing"}
    assert table.frame.get_column("source_row").to_list() == [5, 6] and table.frame.get_column("First").to_list() == ["Mere", "Hemi"]


def test_when_a_files_text_cannot_be_decoded_then_that_file_is_refused_with_a_reason_not_the_run():
    from deid.ingest.readers import read_tables

    with pytest.raises(IngestError, match=r"cannot be decoded .*save it again as UTF-8 CSV"):
        read_tables(b"\xff\xfeN\x00a\x00m", "truncated.csv")   # UTF-16 cut off mid-character
