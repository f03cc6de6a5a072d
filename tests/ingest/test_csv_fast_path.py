"""The polars fast path must read every CSV exactly as the careful (Python csv) reader does, or step aside."""
import random

import pytest

from deid.errors import IngestError
from deid.ingest.readers import read_csv_fast, read_csv_text_carefully, record_widths

CELLS = ["", " ", "Aroha", "Māia Pōmare", "15 Smith St, Mt Eden", 'said "kia ora"', "line one\nline two",
         "a;b", "tab\there", "x|y", "  padded  ", "0021", "=HYPERLINK(\"x\")", "O'Brien", "ā\r\nb", "<quoted empty>"]


QUOTED_EMPTY = "<quoted empty>"  # written as "" (as polars and Excel write an empty string)


def _quote(cell: str, delimiter: str) -> str:
    if cell == QUOTED_EMPTY:
        return '""'
    needs = any(ch in cell for ch in (delimiter, '"', "\n", "\r")) or cell != cell.strip()
    return '"' + cell.replace('"', '""') + '"' if needs else cell


def _random_csv(rng: random.Random, delimiter: str) -> str:
    width = rng.randint(1, 6)
    lines = [delimiter.join(f"col{i}" for i in range(width))]
    for _ in range(rng.randint(0, 12)):
        kind = rng.random()
        if kind < 0.08:
            lines.append("")                                            # blank line
        elif kind < 0.16:
            lines.append(delimiter.join(_quote(rng.choice(CELLS), delimiter) for _ in range(rng.randint(1, width))))  # short
        elif kind < 0.20:
            lines.append(delimiter.join(_quote(rng.choice(CELLS), delimiter) for _ in range(width + rng.randint(1, 2))))  # long
        elif kind < 0.23:
            lines.append(delimiter.join(["ab\"cd"] * width))             # quote inside an unquoted cell
        else:
            lines.append(delimiter.join(_quote(rng.choice(CELLS), delimiter) for _ in range(width)))
    if rng.random() < 0.3:
        lines.insert(0, "")                                             # blank line before the header
    newline = rng.choice(["\n", "\r\n"])
    return newline.join(lines) + (newline if rng.random() < 0.7 else "")


def _careful(text, delimiter):
    try:
        return read_csv_text_carefully(text, delimiter)
    except IngestError as exc:
        return str(exc)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_when_the_fast_path_reads_a_file_then_it_matches_the_careful_reader(delimiter):
    rng = random.Random(20261121 + ord(delimiter))
    used_fast = 0
    for _ in range(400):
        text = _random_csv(rng, delimiter)
        expected = _careful(text, delimiter)
        try:
            fast = read_csv_fast(text.encode(), delimiter)
        except IngestError as exc:
            assert str(exc) == expected, text
            continue
        if fast is None:
            continue
        used_fast += 1
        assert not isinstance(expected, str), (text, expected)
        frame, ragged, header_row = fast
        expected_frame, expected_ragged, expected_header = expected
        assert frame.columns == expected_frame.columns, text
        assert frame.rows() == expected_frame.rows(), text
        assert (ragged, header_row) == (expected_ragged, expected_header), text
    assert used_fast > 75  # a third of these files are deliberately awkward; the rest take the fast path


def test_when_a_row_is_longer_than_the_header_then_the_careful_reader_takes_the_file():
    assert read_csv_fast(b"a,b\n1,2,3\n", ",") is None


def test_when_a_quoted_cell_spans_lines_then_row_numbers_count_records():
    frame, ragged, _ = read_csv_fast(b'id,notes\n1,"one\ntwo"\n2\n3,x\n', ",")
    assert frame.get_column("source_row").to_list() == [2, 3, 4]
    assert ragged == (3,) and frame.get_column("source_shape").to_list() == [None, "short", None]
    assert frame.select("id", "notes").rows() == [("1", "one\ntwo"), ("2", None), ("3", "x")]


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 5, 8, 13])
def test_when_records_cross_chunk_boundaries_then_widths_are_unchanged(chunk_bytes):
    rng = random.Random(chunk_bytes)
    for _ in range(200):
        data = _random_csv(rng, ",").encode()
        whole = record_widths(data, ",")
        chunked = record_widths(data, ",", chunk_bytes=chunk_bytes)
        assert (whole is None and chunked is None) or (whole.tolist() == chunked.tolist()), data


def test_when_a_quote_sits_inside_an_unquoted_cell_then_the_careful_reader_takes_the_file():
    assert record_widths(b'a,b\n1,ab"cd\n', ",") is None
    assert record_widths(b'a,b\n1,"ab"cd\n', ",") is None
    assert record_widths(b'a,b\r1,2\r', ",") is None
    assert record_widths(b'a,b\n1,"a ""quoted"" word"\n', ",").tolist() == [2, 2]


def test_when_an_empty_cell_is_quoted_then_it_is_empty_like_an_unquoted_one():
    frame, _, _ = read_csv_fast(b'a,b,c\n1,"",3\n"", ,x\n', ",")
    assert frame.rows() == read_csv_text_carefully('a,b,c\n1,"",3\n"", ,x\n', ",")[0].rows()
    assert frame.get_column("b").to_list() == [None, None]
