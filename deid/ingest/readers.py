"""Readers: bytes of a provider file -> a table of text cells with source row numbers.

Every cell is read as text so leading zeros, day-first dates and odd codes reach
validation exactly as the provider wrote them. `source_row` is the row number a
provider sees in a spreadsheet program (the header row included), so reports can
point at it.
"""
from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np
import numpy.typing as npt
import polars as pl

from deid.errors import IngestError
from deid.ingest.mojibake import Repairs, repair_frame

CSV_DELIMITERS = ",;\t|"
SOURCE_ROW = "source_row"


@dataclass(frozen=True)
class RawTable:
    frame: pl.DataFrame          # text columns as headed in the file, plus source_row and source_shape
    reader: str                  # csv | xlsx | parquet
    encoding: str | None
    delimiter: str | None
    header_row: int
    ragged_rows: tuple[int, ...]  # rows with more or fewer cells than the header
    single_byte_lines: tuple[int, ...] = ()  # lines of a mixed-encoding file decoded as Windows-1252
    sheet: str | None = None     # the workbook sheet the table is on
    groups: dict[str, str] | None = None  # header -> label of a merged group header above it
    decoded: tuple[str, ...] = ()         # headers whose codes were read with the workbook's own codebook
    repairs: Repairs | None = None        # cells whose UTF-8 letters had been read as Windows-1252, repaired
    hidden: tuple[str, ...] = ()          # headers of columns the workbook hides (read like any other)


# Big cells are read, then refused row by row by validation, rather than failing the whole file.
csv.field_size_limit(256 * 1024 * 1024)
SOURCE_SHAPE = "source_shape"  # "short" / "long" when a row has fewer / more cells than the header
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    """Decode without ever mangling a character: (text, encoding, lines decoded as Windows-1252).

    UTF-8 with or without BOM and UTF-16 with BOM are decoded whole. A file that is not
    UTF-8 is decoded line by line, so a file that mixes UTF-8 lines (ā as two bytes) with
    Windows-1252 lines keeps both right instead of turning ā into Ä.
    """
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16"), "utf-16", ()
    encoding = detect_encoding(data)
    if encoding.startswith("utf-8"):
        return data.decode(encoding), encoding, ()
    if data.startswith(_UTF8_BOM):   # not UTF-8 after all: the BOM is not part of the first header
        data = data[len(_UTF8_BOM):]
    lines = data.split(b"\n")
    decoded: list[str] = []
    single_byte: list[int] = []
    used: set[str] = set()
    utf8_multibyte = 0
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
            utf8_multibyte += any(b > 0x7F for b in line)
        except UnicodeDecodeError:
            line_encoding = detect_encoding(line)  # per line: UTF-8 bytes elsewhere must not sway it
            text = line.decode(line_encoding, errors="replace")
            used.add(line_encoding)
            single_byte.append(number)
        decoded.append(text)
    single = "/".join(sorted(used)) or encoding
    label = f"mixed (utf-8 and {single})" if utf8_multibyte else single
    return "\n".join(decoded), label, tuple(single_byte) if utf8_multibyte else ()


_UTF8_BOM = b"\xef\xbb\xbf"


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes; otherwise the best single-byte match. A UTF-8 BOM in front of
    text that is not UTF-8 (an editor added one to a Windows-1252 file) does not decide: the text does."""
    if data.startswith(_UTF8_BOM):
        if _is_utf8(data):
            return "utf-8-sig"
        data = data[len(_UTF8_BOM):]
    if _is_utf8(data):
        return "utf-8"
    # Windows-1252 is Latin-1 plus printable characters (’ – €) in 0x80-0x9F; only a byte it
    # leaves undefined means the file really is Latin-1.
    return "latin-1" if any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")) else "cp1252"


def _is_utf8(data: bytes, chunk_bytes: int = 1 << 24) -> bool:
    """Whether `data` is valid UTF-8, checked in chunks so a large file is never held twice."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for offset in range(0, len(data), chunk_bytes):
            decoder.decode(data[offset:offset + chunk_bytes])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in CSV_DELIMITERS}
        best = max(counts, key=counts.get)  # type: ignore[arg-type]
        return best if counts[best] else ","


def _is_blank(cells: Sequence[object]) -> bool:
    return not any(c is not None and str(c).strip() for c in cells)


def _frame_from_rows(header: list[str], rows: Sequence[tuple[int, Sequence[object]]]) -> tuple[pl.DataFrame, tuple[int, ...]]:
    """Rows (number, cells) into text columns; blank rows are skipped, ragged rows marked."""
    width = len(header)
    ragged: list[int] = []
    shapes: list[str | None] = []
    columns: list[list[str | None]] = [[] for _ in range(width)]
    numbers: list[int] = []
    for number, cells in rows:
        if _is_blank(cells):
            continue
        shape = None
        if len(cells) > width and not _is_blank(cells[width:]):
            shape = "long"
        elif len(cells) < width:
            shape = "short"
        if shape:
            ragged.append(number)
        shapes.append(shape)
        numbers.append(number)
        for i in range(width):
            value = cells[i] if i < len(cells) else None
            text = None if value is None else str(value)
            columns[i].append(text if text is None or text.strip() else None)
    if not numbers:
        raise IngestError("the file has a header row but no data rows")
    frame = pl.DataFrame({name: col for name, col in zip(header, columns, strict=True)}, schema={name: pl.Utf8 for name in header})
    return frame.with_columns(pl.Series(SOURCE_ROW, numbers, dtype=pl.Int64), pl.Series(SOURCE_SHAPE, shapes, dtype=pl.Utf8)), tuple(ragged)


def column_letters(number: int) -> str:
    """A spreadsheet's letters for a 1-based column number (1 -> A, 18 -> R, 27 -> AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def blank_heading(number: int) -> str:
    """How a column without a heading is named: by the letter the provider sees in a spreadsheet program."""
    return f"column {column_letters(number)} (no heading)"


def _unique_headers(raw: Sequence[object], first_column: int = 1) -> list[str]:
    """Header texts made unique; a blank one named by its spreadsheet column (`first_column` is the
    number of the column the cells start in: a sheet whose cells start in column C)."""
    headers: list[str] = []
    for i, value in enumerate(raw):
        name = str(value).strip() if value is not None and str(value).strip() else blank_heading(first_column + i)
        base, n = name, 2
        while name in headers:
            name = f"{base} ({n})"
            n += 1
        headers.append(name)
    return headers


def check_consistent_delimiter(records: list[list[str]], delimiter: str, header_index: int = 0) -> None:
    """Refuse a file whose header and rows are split by different delimiters (nothing would line up)."""
    width = len(records[header_index])
    data_rows = [(i + 1, r) for i, r in enumerate(records) if i > header_index and not _is_blank(r)]
    if width < 2 or not data_rows:
        return
    misfits = [n for n, r in data_rows if len(r) == 1]
    if len(misfits) * 2 > len(data_rows):
        _refuse_mixed_delimiters(width, delimiter, misfits[:5])


_QUOTE, _NEWLINE, _RETURN = ord('"'), ord("\n"), ord("\r")


def record_widths(data: bytes, delimiter: str, chunk_bytes: int = 1 << 23) -> npt.NDArray[np.intp] | None:
    """Cells per CSV record, counted on the bytes; None when the file is not plain, well-formed CSV.

    Works for UTF-8 and single-byte encodings alike (quotes, delimiters and newlines are
    one ASCII byte in each), in fixed-size chunks so a 400 MB file costs tens of MB. A
    quote must open a cell (after a delimiter or newline) or close one (before a
    delimiter, newline or an escaping quote); a carriage return must end a line. Files
    that break these rules are left to the careful reader, which explains them.
    """
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    buffer = np.frombuffer(data, dtype=np.uint8, offset=start)
    delim = ord(delimiter)
    inside = 0                  # 1 when the chunk starts inside a quoted cell
    open_record_delims = 0      # delimiters seen in the record still open at the chunk boundary
    previous = _NEWLINE         # the byte before the chunk (the start of a file acts as a newline)
    widths: list[npt.NDArray[np.intp]] = []
    for offset in range(0, buffer.size, chunk_bytes):
        c = buffer[offset:offset + chunk_bytes]
        following = buffer[offset + chunk_bytes] if offset + chunk_bytes < buffer.size else _NEWLINE
        padded = np.concatenate(([previous], c, [following]))  # padded[i + 1] is c[i]
        quotes = np.flatnonzero(c == _QUOTE)
        returns = np.flatnonzero(c == _RETURN)
        if returns.size and (padded[returns + 2] != _NEWLINE).any():
            return None
        delims = np.flatnonzero(c == delim)
        newlines = np.flatnonzero(c == _NEWLINE)
        if quotes.size:
            opening = ((np.arange(quotes.size) + inside) & 1) == 0
            before, after = padded[quotes], padded[quotes + 2]
            bad_open = opening & (before != delim) & (before != _NEWLINE) & (before != _QUOTE)
            bad_close = ~opening & (after != delim) & (after != _NEWLINE) & (after != _RETURN) & (after != _QUOTE)
            if bad_open.any() or bad_close.any():
                return None
            delims = delims[((np.searchsorted(quotes, delims) + inside) & 1) == 0]
            newlines = newlines[((np.searchsorted(quotes, newlines) + inside) & 1) == 0]
        elif inside:
            delims = newlines = delims[:0]
        if newlines.size:
            before_each_end = np.searchsorted(delims, newlines)
            per_record = np.diff(before_each_end, prepend=0)
            per_record[0] += open_record_delims
            widths.append(per_record + 1)
            open_record_delims = int(delims.size - before_each_end[-1])
        else:
            open_record_delims += int(delims.size)
        inside ^= quotes.size & 1
        previous = c[-1]
    if inside:
        return None
    if buffer.size and buffer[-1] != _NEWLINE:
        widths.append(np.array([open_record_delims + 1]))
    return np.concatenate(widths) if widths else np.zeros(0, dtype=np.int64)


def read_csv_fast(data: bytes, delimiter: str) -> tuple[pl.DataFrame, tuple[int, ...], int] | None:
    """Read plain UTF-8 CSV with polars: (frame, ragged rows, header row), or None to use the careful reader.

    The careful reader (Python's csv module, strict) is kept for files polars would read
    differently: old Mac line endings, unbalanced quotes, quotes inside unquoted cells, and
    rows longer than the header. Both give the same table, row numbers and ragged rows.
    """
    widths = record_widths(data, delimiter)
    if widths is None:
        return None
    try:
        cells = pl.read_csv(data, has_header=False, separator=delimiter, infer_schema=False,
                            truncate_ragged_lines=False, raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    if widths.size != cells.height or cells.width == 0:
        return None
    # Unquoted empty cells are already null; quoted empty ("") and whitespace-only cells become
    # null too, column by column only where there are any, so a large file is not copied for nothing.
    spaces = cells.select(pl.all().str.contains(r"^\s*$").any()).row(0)
    padded = [name for name, found in zip(cells.columns, spaces, strict=True) if found]
    if padded:
        cells = cells.with_columns(pl.when(pl.col(padded).str.contains(r"^\s*$")).then(None).otherwise(pl.col(padded)).name.keep())
    blank = cells.select(pl.all_horizontal(pl.all().is_null())).to_series()
    first = blank.arg_min()
    if first is None or blank[first]:
        raise IngestError("the file is empty")
    header_cells = list(cells.row(first))
    width = len(header_cells)
    filled = sum(1 for c in header_cells if c is not None)
    if cells.width >= 2 and filled * 2 <= cells.width:
        return None  # a title row above the header: the careful reader finds the header
    # The rows' bookkeeping in numpy (a polars query per step costs more than a small file's rows).
    index = np.arange(cells.height)
    in_body = (index > first) & ~blank.to_numpy()
    body_rows = index[in_body] + 1    # row numbers as a spreadsheet shows them
    body_widths = widths[in_body]
    misfits = body_rows[body_widths == 1]
    if width >= 2 and body_rows.size and misfits.size * 2 > body_rows.size:
        _refuse_mixed_delimiters(width, delimiter, misfits[:5].tolist())
    if not body_rows.size:
        raise IngestError("the file has a header row but no data rows")
    cells = cells.filter(pl.Series(in_body)) if body_rows.size != cells.height - 1 else cells.slice(1)
    short = body_widths < width
    frame = cells.rename(dict(zip(cells.columns, _unique_headers(header_cells), strict=False))).with_columns(
        pl.Series(SOURCE_ROW, body_rows, dtype=pl.Int64),
        pl.when(pl.lit(pl.Series(short, dtype=pl.Boolean))).then(pl.lit("short")).otherwise(pl.lit(None, dtype=pl.Utf8))
        .alias(SOURCE_SHAPE))
    return frame, tuple(body_rows[short].tolist()), first + 1


def _refuse_mixed_delimiters(width: int, delimiter: str, rows: list[int]) -> None:
    shown = ", ".join(str(n) for n in rows)
    raise IngestError(f"the header has {width} columns split by {delimiter!r}, but rows {shown} are not split by it: "
                      "the file mixes delimiters. Save it again with one delimiter (a comma)")


def read_csv_bytes(data: bytes, header_hint: set[str] | None = None) -> RawTable:
    if data.startswith(_UTF16_BOMS):
        text, encoding, single_byte_lines = decode_text(data)
        utf8 = text.encode("utf-8")
    else:
        encoding = detect_encoding(data)
        if encoding.startswith("utf-8"):
            utf8, text, single_byte_lines = data, None, ()  # read as is: no decoded copy of a large file
        else:
            text, encoding, single_byte_lines = decode_text(data)
            utf8 = text.encode("utf-8")
    if not utf8[:4096].lstrip(b"\xef\xbb\xbf").strip() and not utf8.lstrip(b"\xef\xbb\xbf").strip():
        raise IngestError("the file is empty")  # (a large file is only copied to strip it when it starts blank)
    delimiter = detect_delimiter(utf8[:20_000].decode("utf-8", errors="ignore"))
    fast = read_csv_fast(utf8, delimiter)
    if fast is None:
        fast = read_csv_text_carefully(text if text is not None else utf8.decode(encoding), delimiter, header_hint)
    frame, ragged, header_row = fast
    return RawTable(frame, "csv", encoding, delimiter, header_row, ragged, single_byte_lines)


def read_csv_text_carefully(text: str, delimiter: str, header_hint: set[str] | None = None) -> tuple[pl.DataFrame, tuple[int, ...], int]:
    """Python's strict csv reader, record by record: slower, and it names the row where a file breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for cells in reader:
            records.append(cells)
    except csv.Error as exc:
        raise IngestError(f"row {len(records) + 1} (line {reader.line_num}): not readable as CSV ({exc}); "
                          "check for an unclosed quote") from None
    first = next((i for i, r in enumerate(records) if not _is_blank(r)), None)
    if first is None:
        raise IngestError("the file is empty")
    candidates = [(i, r) for i, r in enumerate(records) if not _is_blank(r)][:15]
    first = candidates[_find_header(candidates, header_hint or set())][0]
    check_consistent_delimiter(records, delimiter, first)
    header = _unique_headers(records[first])
    rows = [(index + 1, cells) for index, cells in enumerate(records) if index > first]
    frame, ragged = _frame_from_rows(header, rows)
    return frame, ragged, first + 1


def _cell_text(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _sheet_table(rows: list[list[object]], header_hint: set[str], reader: str, sheet: str,
                 layout: SheetLayout | None = None) -> RawTable:
    """The client table on one sheet: header found among the first rows (title rows skipped)."""
    first_row = layout.first_row if layout else 1   # calamine leaves out the empty rows above the first cell
    numbered = [(i + first_row, r) for i, r in enumerate(rows) if not _is_blank(r)]
    if not numbered:
        raise IngestError(f"sheet '{sheet}' is empty")
    header_index = _find_header(numbered[:15], header_hint)
    header_number, header_cells = numbered[header_index]
    header_cells = list(header_cells)
    if header_index and numbered[header_index - 1][0] == header_number - 1:
        # Headers merged down from the row above ('Notes' spanning rows 1-2) are read from it.
        above = list(numbered[header_index - 1][1])
        header_cells += [None] * max(0, len(above) - len(header_cells))
        header_cells = [cell if cell is not None and str(cell).strip() else (above[i] if i < len(above) else None)
                        for i, cell in enumerate(header_cells)]
    while header_cells and (header_cells[-1] is None or not str(header_cells[-1]).strip()):
        header_cells = header_cells[:-1]
    first_column = layout.first_column if layout else 1
    header = _unique_headers(header_cells, first_column)
    frame, ragged = _frame_from_rows(header, numbered[header_index + 1:])
    groups = _group_labels(numbered, header_index, header)
    hidden = tuple(h for i, h in enumerate(header) if layout and first_column + i in layout.hidden_columns)
    return with_subheaders(RawTable(frame, reader, None, None, header_number, ragged, sheet=sheet, groups=groups,
                                    hidden=hidden))


def _group_labels(numbered: list[tuple[int, list[object]]], header_index: int, header: list[str]) -> dict[str, str] | None:
    """Labels of a merged header row just above the header ('Client' over 'First name', 'Surname')."""
    if header_index == 0:
        return None
    number, above = numbered[header_index - 1]
    if number != numbered[header_index][0] - 1:
        return None
    cells = [str(c).strip() if c is not None and str(c).strip() else None for c in list(above)[:len(header)]]
    if sum(c is not None for c in cells) < 2 or sum(c is not None for c in cells) >= len(header):
        return None
    groups: dict[str, str] = {}
    current = None
    for name, cell in zip(header, cells + [None] * (len(header) - len(cells)), strict=False):
        current = cell or current
        if current and current != name:   # a header merged down from this row is its own name, not a group
            groups[name] = current
    return groups


def _is_table(table: RawTable) -> bool:
    """A sheet holds a table when its header has three or more named columns (cover sheets of
    'Contact: ...' lines and instruction paragraphs do not)."""
    named = [c for c in table.frame.columns if c not in {SOURCE_ROW, SOURCE_SHAPE} and not _BLANK_HEADER.match(c)]
    return len(named) >= 3


def read_xlsx_tables(data: bytes, header_hint: set[str] | None = None, sheet: str | None = None) -> list[RawTable]:
    """Every sheet of a workbook that holds a table (or only `sheet` when named).

    Read with calamine (fastexcel, about 20 times faster than openpyxl on the sample workbooks
    and giving the same cells); a workbook calamine cannot open is tried with openpyxl, whose
    error names what is wrong with it.
    """
    try:
        found = _calamine_sheets(data, "xlsx", sheet)
    except IngestError:
        found = _openpyxl_sheets(data, sheet)
        return _tables_from_sheets(found, header_hint or set(), "xlsx")   # (openpyxl's rows start in column A)
    return _tables_from_sheets(found, header_hint or set(), "xlsx", xlsx_layouts(data))


@dataclass(frozen=True)
class SheetLayout:
    first_column: int                    # the column a sheet's cells start in (calamine leaves out empty ones before)
    hidden_columns: frozenset[int]       # column numbers the sheet hides
    first_row: int = 1                   # the row its cells start in (likewise), so row numbers are the sheet's own


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d*)')
# a cell element holding something (not self-closing): where calamine's grid starts is the first row and the
# leftmost column of these, which the dimension overstates when an empty cell above or left is formatted
_VALUED_CELL = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]{1,3})(\d+)"[^>]*?(/?)>')
_SCAN_CHUNK = 1 << 20
_HIDDEN_COLS = re.compile(rb'<(?:\w+:)?col\b[^>]*>')
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
_SHEET_ENTRY = re.compile(rb'<(?:\w+:)?sheet\b[^>]*>')
_RELATION = re.compile(rb'<(?:\w+:)?Relationship\b[^>]*>')


def _letters_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def xlsx_layouts(data: bytes) -> dict[str, SheetLayout]:
    """Per sheet name: where its cells start and which columns it hides, from the head of each sheet's XML
    (before its rows: the dimension and the column widths). Empty when the workbook does not say."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        rels = {dict(_ATTRIBUTE.findall(m)).get(b"Id", b""): dict(_ATTRIBUTE.findall(m)).get(b"Target", b"")
                for m in _RELATION.findall(book.read("xl/_rels/workbook.xml.rels"))}
        layouts: dict[str, SheetLayout] = {}
        for entry in _SHEET_ENTRY.findall(book.read("xl/workbook.xml")):
            attributes = dict(_ATTRIBUTE.findall(entry))
            target = rels.get(attributes.get(b"id", b""), b"").decode()
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            with book.open(path) as handle:
                head = handle.read(1 << 16)
                first_cell = _first_valued_cell(head, handle)
                head = head.split(b"<sheetData", 1)[0]
            found = _DIMENSION.search(head)
            hidden: set[int] = set()
            for col in _HIDDEN_COLS.findall(head):
                col_attributes = dict(_ATTRIBUTE.findall(col))
                if col_attributes.get(b"hidden") in {b"1", b"true"}:
                    hidden.update(range(int(col_attributes.get(b"min", b"0")), int(col_attributes.get(b"max", b"0")) + 1))
            declared = (_letters_number(found.group(1).decode()), int(found.group(2) or 1)) if found else (1, 1)
            row, column = first_cell or (declared[1], declared[0])
            layouts[attributes.get(b"name", b"").decode()] = SheetLayout(column, frozenset(hidden), row)
        return layouts
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        return {}


def _first_valued_cell(head: bytes, handle: IO[bytes]) -> tuple[int, int] | None:
    """(row, column) where a sheet's cells with content start: the first such cell's row and the leftmost
    column of all of them. Reads on only until a cell in column A is found (most sheets: the first cell)."""
    row: int | None = None
    column: int | None = None
    chunk, carry = head, b""
    while chunk:
        text = carry + chunk
        end = text.rfind(b"<")   # a tag cut at the chunk's end is read with the next chunk
        body, carry = (text[:end], text[end:]) if end > 0 else (text, b"")
        for letters, number, closed in _VALUED_CELL.findall(body):
            if closed:
                continue
            at = _letters_number(letters.decode())
            row = int(number) if row is None else row
            column = at if column is None else min(column, at)
            if column == 1:
                return row, column
        chunk = handle.read(_SCAN_CHUNK)
    return (row, column) if row is not None and column is not None else None


def _openpyxl_sheets(data: bytes, sheet: str | None) -> list[tuple[str, list[list[object]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise IngestError(f"sheet '{sheet}' not found; the workbook has {len(book.sheetnames)} sheet(s)")
        sheets = [book[sheet]] if sheet else list(book.worksheets)
        return [(ws.title, [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]) for ws in sheets]
    finally:
        book.close()


def read_calamine_tables(data: bytes, reader: str, header_hint: set[str] | None = None, sheet: str | None = None) -> list[RawTable]:
    """ODS and old XLS workbooks, read with calamine (fastexcel): every sheet that holds a table."""
    layouts = ods_layouts(data) if reader == "ods" else None
    return _tables_from_sheets(_calamine_sheets(data, reader, sheet), header_hint or set(), reader, layouts)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def ods_layouts(data: bytes) -> dict[str, SheetLayout]:
    """Per sheet of an ODS workbook: the row and column its cells with content start in (calamine leaves out
    the empty ones before) and the columns it hides, read from content.xml (repeated rows and cells counted).
    Empty when the workbook cannot be read this way (calamine's own error then says why)."""
    from xml.etree.ElementTree import ParseError, iterparse

    layouts: dict[str, SheetLayout] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book, book.open("content.xml") as content:
            hidden: set[int] = set()
            name, row, columns = "", 0, 0
            first_row: int | None = None
            first_column: int | None = None
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start" and tag == f"{_ODS_TABLE}table":
                    name, row, first_row, first_column, columns, hidden = element.get(f"{_ODS_TABLE}name", ""), 0, None, None, 0, set()
                elif event == "end" and tag == f"{_ODS_TABLE}table-column":
                    repeat = int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                    if element.get(f"{_ODS_TABLE}visibility", "visible") != "visible":
                        hidden.update(range(columns + 1, columns + min(repeat, 1024) + 1))
                    columns += repeat
                elif event == "end" and tag == f"{_ODS_TABLE}table-row":
                    column = 0
                    for cell in element:
                        if cell.tag not in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                            continue
                        if cell.get(f"{_ODS_OFFICE}value-type") is not None or len(cell):
                            first_row = first_row or row + 1
                            first_column = min(first_column or column + 1, column + 1)
                        column += int(cell.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                    row += int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    element.clear()
                elif event == "end" and tag == f"{_ODS_TABLE}table":
                    layouts[name] = SheetLayout(first_column or 1, frozenset(hidden), first_row or 1)
                    element.clear()
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, ParseError):
        return {}
    return layouts


# A column holding text and date cells (a header above dates) comes out of calamine as text, its dates
# written with a time; openpyxl's cells (and `_cell_text`) give a date alone. Booleans likewise.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_BOOLEAN_TEXT = {"true": "True", "false": "False"}


def _calamine_text(value: object) -> object:
    if isinstance(value, str):
        midnight = _MIDNIGHT.match(value)
        return midnight.group(1) if midnight else _BOOLEAN_TEXT.get(value, value)
    return _cell_text(value)


def _calamine_sheets(data: bytes, reader: str, sheet: str | None) -> list[tuple[str, list[list[object]]]]:
    import fastexcel

    try:
        book = fastexcel.read_excel(data)
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken files
        raise IngestError(f"not a readable {reader.upper()} spreadsheet ({type(exc).__name__})") from None
    if sheet and sheet not in names:
        raise IngestError(f"sheet '{sheet}' not found; the workbook has {len(names)} sheet(s)")
    found: list[tuple[str, list[list[object]]]] = []
    for name in [sheet] if sheet else names:
        try:
            grid = book.load_sheet(name, header_row=None).to_polars()
        except Exception:
            found.append((name, []))
            continue
        found.append((name, [[_calamine_text(v) for v in row] for row in grid.rows()]))
    return found


def _tables_from_sheets(found: list[tuple[str, list[list[object]]]], header_hint: set[str], reader: str,
                        layouts: dict[str, SheetLayout] | None = None) -> list[RawTable]:
    tables: list[RawTable] = []
    problems: list[str] = []
    for name, rows in found:
        # A codebook sheet's rows name the data's headers ('Outcome code, 2, Completed'): its own
        # header is its first row, not the row most like the data's header.
        hint = set() if _CODEBOOK_SHEET.search(name) else header_hint
        try:
            table = _sheet_table(rows, hint, reader, name, (layouts or {}).get(name))
        except IngestError as exc:
            problems.append(str(exc))
            continue
        if _is_table(table) or len(found) == 1:
            tables.append(table)
    if not tables:
        raise IngestError("no sheet of the workbook holds a table of rows under a header row"
                          + (f" ({'; '.join(problems)})" if problems else ""))
    return tables


def read_xlsx_bytes(data: bytes, header_hint: set[str] | None = None, sheet: str | None = None) -> RawTable:
    """The first sheet that holds a table (see `read_xlsx_tables`)."""
    return read_xlsx_tables(data, header_hint, sheet)[0]


# A header written in two languages: 'Ingoa / Name', 'पहला नाम / First name', 'Ira tangata | Gender'.
TWO_LANGUAGES = re.compile(r"\s+/\s+|\s+\|\s+")


def _find_header(candidates: Sequence[tuple[int, Sequence[object]]], hint: set[str]) -> int:
    """The row most like a header: most known header words, then most named cells, none of them numbers or dates."""
    from deid.standards import fold

    def known(cell: object) -> bool:   # a header written in two languages ('Ingoa / Name') is known by either half
        return fold(str(cell)) in hint or any(fold(half) in hint for half in TWO_LANGUAGES.split(str(cell)))

    def score(cells: Sequence[object]) -> tuple[int, int]:
        filled = [c for c in cells if c is not None and str(c).strip()]
        texts = [fold(str(c)) for c in filled]
        plain = all(not t.replace(" ", "").isdigit() for t in texts) and not any(isinstance(c, (int, float)) for c in cells)
        return (sum(known(c) for c in filled), len(texts) if plain and len(set(texts)) == len(texts) else 0)

    best = max(range(len(candidates)), key=lambda i: score(candidates[i][1]))
    return best


def read_json_bytes(data: bytes) -> RawTable:
    """A JSON array of records ({"header": value}), an object holding one, or JSON Lines."""
    import json

    text = data.decode("utf-8-sig", errors="strict") if not data.startswith(_UTF16_BOMS) else data.decode("utf-16")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        try:
            parsed = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise IngestError(f"not readable as JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(parsed, dict):
        lists = [v for v in parsed.values() if isinstance(v, list)]
        parsed = lists[0] if len(lists) == 1 else [parsed]
    if not isinstance(parsed, list) or not all(isinstance(r, dict) for r in parsed):
        raise IngestError("the JSON is not a list of records (objects with one value per column)")
    header = list(dict.fromkeys(k for r in parsed for k in r))
    if not header:
        raise IngestError("the file has no records")
    rows = [(i + 2, [None if r.get(h) is None else str(r.get(h)) for h in header]) for i, r in enumerate(parsed)]
    frame, ragged = _frame_from_rows([str(h) for h in header], rows)
    return RawTable(frame, "json", "utf-8", None, 1, ragged)


def read_parquet_bytes(data: bytes) -> RawTable:
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # polars raises several types for a broken file
        raise IngestError(f"not a readable Parquet file ({type(exc).__name__})") from None
    if frame.height == 0:
        raise IngestError("the file has a header row but no data rows")
    frame = frame.select(pl.all().cast(pl.Utf8))
    frame = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias(SOURCE_ROW),
                               pl.lit(None, dtype=pl.Utf8).alias(SOURCE_SHAPE))
    return RawTable(frame, "parquet", None, None, 1, ())


MAX_DECOMPRESSED_BYTES = 2 << 30
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_tables(data: bytes, file_name: str, header_hint: set[str] | None = None, sheet: str | None = None) -> list[RawTable]:
    """Every table in a file: one for text and Parquet files, one per data sheet of a workbook.

    The reader is chosen by content first (gzip, zip, Parquet and OLE magic bytes), then by
    extension, so a misnamed file is still read. Every text cell is repaired where UTF-8 had been
    read as Windows-1252 before the file reached us (MÄ?ori -> Māori; see `mojibake.py`), so
    validation, standardising and scrubbing see the letters the provider typed.

    Raises:
        IngestError: the file cannot be read (a text it cannot decode included: that file is rejected, not the run).
    """
    try:
        tables = _read_tables(data, file_name, header_hint, sheet)
    except UnicodeError as exc:
        raise IngestError(f"the file's text cannot be decoded ({exc.__class__.__name__} at byte "
                          f"{getattr(exc, 'start', '?')}): save it again as UTF-8 CSV") from None
    return [with_text_repaired(table) for table in tables]


def with_text_repaired(table: RawTable) -> RawTable:
    """The table with damaged letters repaired in every text column, and what was repaired."""
    columns = [c for c in table.frame.columns if c not in (SOURCE_ROW, SOURCE_SHAPE)]
    frame, repairs = repair_frame(table.frame, columns)
    return dataclasses.replace(table, frame=frame, repairs=repairs) if repairs.total else table


def _read_tables(data: bytes, file_name: str, header_hint: set[str] | None, sheet: str | None) -> list[RawTable]:
    name = file_name.lower()
    if data[:2] == b"\x1f\x8b":
        import gzip

        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                inner = handle.read(MAX_DECOMPRESSED_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise IngestError(f"not a readable gzip file ({type(exc).__name__})") from None
        if len(inner) > MAX_DECOMPRESSED_BYTES:
            raise IngestError("the gzip file unpacks to more than 2 GB; send it uncompressed or split it")
        return _read_tables(inner, file_name[:-3] if name.endswith(".gz") else file_name, header_hint, sheet)
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    if data[:4] == b"PAR1":
        return [read_parquet_bytes(data)]
    if data[:2] == b"PK":
        if b"application/vnd.oasis.opendocument.spreadsheet" in data[:200]:
            return read_calamine_tables(data, "ods", header_hint, sheet)
        return read_xlsx_tables(data, header_hint, sheet)
    if suffix in {"xlsx", "xlsm", "ods"}:
        raise IngestError(f"the file is named .{suffix} but is not a spreadsheet workbook")
    if data[:4] == _OLE_MAGIC:
        return read_calamine_tables(data, "xls", header_hint, sheet)
    if suffix == "parquet":
        raise IngestError("the file is named .parquet but is not a Parquet file")
    if suffix in {"json", "jsonl", "ndjson"} or data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in {b"[", b"{"}:
        return [read_json_bytes(data)]
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise IngestError("the file is binary, not CSV text")
    return [with_subheaders(read_csv_bytes(data, header_hint))]


_CODEBOOK_SHEET = re.compile(r"code|lookup|legend|key|definition|data dictionary|values", re.IGNORECASE)
_CODEBOOK_HEADER = re.compile(r"\b(?:code|value)\b.*\b(?:meaning|label|description|means)\b")
_ANSWER_WORDS = {"response", "responses", "answer", "answers", "open ended response", "other please specify"}
_BLANK_HEADER = re.compile(r"^column [A-Z]{1,3} \(no heading\)$")


def with_subheaders(table: RawTable) -> RawTable:
    """A survey export's second header row (SurveyMonkey: the question over 'First name', 'Last name',
    'Response') becomes the header, the question its group; the row is not data.

    Read so only when the header row leaves cells blank that the next row names, the next row holds
    words only (no numbers or dates), and a survey tool's 'Response' marks it, so a first data row is
    never taken for headers. A spreadsheet's two-row header ('Client name' merged over 'First' and 'Last',
    'Wellbeing' over 'Start' and 'End') is read the same way when the next row names every cell the header row
    leaves blank, in a few words each, and the row after it holds a number or date (it is data: the named row
    is not)."""
    frame = table.frame
    names = [c for c in frame.columns if c not in (SOURCE_ROW, SOURCE_SHAPE)]
    if frame.height < 2 or table.groups or not any(_BLANK_HEADER.match(n) for n in names):
        return table
    below = [frame.get_column(n)[0] for n in names]
    texts = [str(v).strip() if v is not None and str(v).strip() else None for v in below]
    filled = [t for t in texts if t]
    from deid.standards import fold

    blanks = [i for i, n in enumerate(names) if _BLANK_HEADER.match(n)]
    survey = any(fold(t) in _ANSWER_WORDS for t in filled)   # a survey tool's 'Response' marks the row
    next_row = [frame.get_column(n)[1] for n in names]
    merged = (all(texts[i] for i in blanks) and all(len(t) <= 30 and len(t.split()) <= 3 for t in filled)
              and any(v is not None and any(ch.isdigit() for ch in str(v)) for v in next_row))
    if (len(filled) < max(2, len(names) // 2) or any(any(ch.isdigit() for ch in t) for t in filled)
            or not any(texts[i] for i in blanks) or not (survey or merged)):
        return table

    header: list[str] = []
    groups: dict[str, str] = {}
    question = None
    for name, text in zip(names, texts, strict=True):
        question = name if not _BLANK_HEADER.match(name) else question
        if text is None or fold(text) in _ANSWER_WORDS:
            header.append(name if not _BLANK_HEADER.match(name) or question is None else question)
        else:
            header.append(text)
            if question is not None and question != text:
                groups[text] = question
    unique = _unique_headers(header)
    groups = {unique[i]: groups[h] for i, h in enumerate(header) if h in groups}
    renamed = frame.slice(1).rename(dict(zip(names, unique, strict=True)))
    return dataclasses.replace(table, frame=renamed, header_row=table.header_row + 1, groups=groups or None)


def apply_codebooks(tables: list[RawTable]) -> list[RawTable]:
    """A workbook's own codebook sheet (column name, code, meaning: 'Outcome code', '2', 'Goals
    achieved') is read into the other sheets' columns it names, and is not itself a data table."""
    from deid.standards import fold

    if len(tables) < 2:
        return tables
    books: dict[int, dict[str, dict[str, str]]] = {}
    for i, table in enumerate(tables):
        names = [c for c in table.frame.columns if c not in (SOURCE_ROW, SOURCE_SHAPE)]
        if len(names) != 3 or table.frame.height < 2:
            continue
        if not (table.sheet and _CODEBOOK_SHEET.search(table.sheet)) and not _CODEBOOK_HEADER.search(fold(" ".join(names))):
            continue   # only a sheet that says it explains codes (by its name or its headers)
        others = {fold(c): c for j, t in enumerate(tables) if j != i for c in t.frame.columns}
        book: dict[str, dict[str, str]] = {}
        rows = [tuple(names), *table.frame.select(names).iter_rows()]   # its first entry may have been read as a header
        for field_name, code, meaning in rows:
            target = others.get(fold(str(field_name or "")))
            if target and code is not None and meaning is not None and len(str(code).strip()) <= 8:
                book.setdefault(target, {})[str(code).strip()] = str(meaning).strip()
        if book:
            books[i] = book
    if not books:
        return tables
    merged = {header: codes for book in books.values() for header, codes in book.items()}
    out = []
    for i, table in enumerate(tables):
        if i in books:
            continue
        decoded = tuple(h for h in merged if h in table.frame.columns)
        frame = table.frame.with_columns(
            pl.col(h).cast(pl.Utf8).str.strip_chars().replace(merged[h]).alias(h) for h in decoded)
        out.append(dataclasses.replace(table, frame=frame, decoded=decoded))
    return out or tables


def read_table(data: bytes, file_name: str, header_hint: set[str] | None = None, sheet: str | None = None) -> RawTable:
    """The file's first table (see `read_tables`)."""
    return read_tables(data, file_name, header_hint, sheet)[0]
