"""Readers: bytes of a provider file -> a table of text cells with source row numbers.

Every cell is read as text so leading zeros, day-first dates and odd codes reach
validation exactly as the provider wrote them. `source_row` is the row number a
provider sees in a spreadsheet program (the header row included), so reports can
point at it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import polars as pl

from deid.errors import IngestError

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


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes; otherwise the best single-byte match."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 is Latin-1 plus printable characters (’ – €) in 0x80-0x9F; only a byte it
    # leaves undefined means the file really is Latin-1.
    return "latin-1" if any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")) else "cp1252"


def detect_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in CSV_DELIMITERS}
        best = max(counts, key=counts.get)  # type: ignore[arg-type]
        return best if counts[best] else ","


def _is_blank(cells: list[object]) -> bool:
    return not any(c is not None and str(c).strip() for c in cells)


def _frame_from_rows(header: list[str], rows: list[tuple[int, list[object]]]) -> tuple[pl.DataFrame, tuple[int, ...]]:
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
    frame = pl.DataFrame({name: col for name, col in zip(header, columns)}, schema={name: pl.Utf8 for name in header})
    return frame.with_columns(pl.Series(SOURCE_ROW, numbers, dtype=pl.Int64), pl.Series(SOURCE_SHAPE, shapes, dtype=pl.Utf8)), tuple(ragged)


def _unique_headers(raw: list[object]) -> list[str]:
    headers: list[str] = []
    for i, value in enumerate(raw):
        name = str(value).strip() if value is not None and str(value).strip() else f"column_{i + 1}"
        base, n = name, 2
        while name in headers:
            name = f"{base} ({n})"
            n += 1
        headers.append(name)
    return headers


def check_consistent_delimiter(records: list[list[str]], delimiter: str) -> None:
    """Refuse a file whose header and rows are split by different delimiters (nothing would line up)."""
    width = len(records[0])
    data_rows = [(i + 2, r) for i, r in enumerate(records[1:]) if not _is_blank(r)]
    if width < 2 or not data_rows:
        return
    misfits = [n for n, r in data_rows if len(r) == 1]
    if len(misfits) * 2 > len(data_rows):
        shown = ", ".join(str(n) for n in misfits[:5])
        raise IngestError(f"the header has {width} columns split by {delimiter!r}, but rows {shown} are not split by it: "
                          "the file mixes delimiters. Save it again with one delimiter (a comma)")


def read_csv_bytes(data: bytes) -> RawTable:
    text, encoding, single_byte_lines = decode_text(data)
    if not text.strip():
        raise IngestError("the file is empty")
    delimiter = detect_delimiter(text[:20_000])
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
    check_consistent_delimiter(records[first:], delimiter)
    header = _unique_headers(records[first])
    rows = [(index + 1, cells) for index, cells in enumerate(records) if index > first]
    frame, ragged = _frame_from_rows(header, rows)
    return RawTable(frame, "csv", encoding, delimiter, first + 1, ragged, single_byte_lines)


def _cell_text(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def read_xlsx_bytes(data: bytes, header_hint: set[str] | None = None, sheet: str | None = None) -> RawTable:
    """Read a sheet; the header is the first row (of the first 15) that looks most like one."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise IngestError(f"sheet '{sheet}' not found; the workbook has {book.sheetnames}")
        ws = book[sheet] if sheet else book.worksheets[0]
        all_rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    numbered = [(i + 1, r) for i, r in enumerate(all_rows) if any(v is not None and str(v).strip() for v in r)]
    if not numbered:
        raise IngestError("the workbook's sheet is empty")
    header_index = _find_header(numbered[:15], header_hint or set())
    header_number, header_cells = numbered[header_index]
    while header_cells and (header_cells[-1] is None or not str(header_cells[-1]).strip()):
        header_cells = header_cells[:-1]
    header = _unique_headers(header_cells)
    frame, ragged = _frame_from_rows(header, numbered[header_index + 1:])
    return RawTable(frame, "xlsx", None, None, header_number, ragged)


def _find_header(candidates: list[tuple[int, list[object]]], hint: set[str]) -> int:
    from deid.standards import fold

    def score(cells: list[object]) -> tuple[int, int]:
        texts = [fold(str(c)) for c in cells if c is not None and str(c).strip()]
        return (sum(t in hint for t in texts), len(texts) if all(not t.replace(" ", "").isdigit() for t in texts) else 0)

    best = max(range(len(candidates)), key=lambda i: score(candidates[i][1]))
    return best


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


def read_table(data: bytes, file_name: str, header_hint: set[str] | None = None, sheet: str | None = None) -> RawTable:
    """Pick a reader by content first (zip/parquet magic), then by extension."""
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if data[:4] == b"PAR1":
        return read_parquet_bytes(data)
    if data[:2] == b"PK" or suffix in {"xlsx", "xlsm"}:
        if data[:2] != b"PK":
            raise IngestError("the file is named .xlsx but is not a spreadsheet workbook")
        return read_xlsx_bytes(data, header_hint, sheet)
    if suffix in {"xls"}:
        raise IngestError("old .xls workbooks are not supported; save as .xlsx or CSV")
    if suffix == "parquet":
        raise IngestError("the file is named .parquet but is not a Parquet file")
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise IngestError("the file is binary, not CSV text")
    return read_csv_bytes(data)
