"""Rows of a provider's table that are not clients: a totals row, a note or a sign-off.

People add these to a spreadsheet before sending it ('TOTAL' over a column sum, 'Prepared by ...',
a sign-off at the bottom). Read as data, a sign-off becomes a client whose family name is the
whole line and is counted in every figure. Such a row is marked in `source_shape` ('totals' or
'note'); validation sets it aside with that reason, so it is counted in the row accounting and
shown to the provider at its sheet row, and never reaches a figure.

A row is judged by its shape, never by a list of phrases, so a real client whose one filled cell is
a name is kept:

- totals: one cell is a totals label ('Total', 'Grand total', 'Sub-total:', 'Total clients'; 'Sum'
  only at the bottom of the table, as Sum is also a family name) and every other filled cell holds
  a number or a formula (a name, a word, has none);
- note: exactly one filled cell whose text has the shape of a sentence, two of: sentence punctuation
  (. ! ? : ;), a comma, two or more lower-case words in mixed-case text (name particles such as
  'van', 'de', 'te' from the names standard do not count), more than six words, digits among words.
  At the bottom of the table after a blank row, one of them is enough.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from deid.ingest.readers import SOURCE_ROW, SOURCE_SHAPE
from deid.standards import Standards, fold

TOTALS = "totals"
NOTE = "note"
NON_DATA_SHAPES = (TOTALS, NOTE)

# Folded cell text (`fold`: lower case, punctuation as spaces). 'Tapeke' is te reo for total (Te Aka
# Māori Dictionary, maoridictionary.co.nz, "tapeke: total, sum").
_TOTALS_LABEL = re.compile(r"^(?:grand |sub ?|overall )?(?:totals?|tapeke)(?: [a-z]+){0,3}$")
_SUM_LABEL = re.compile(r"^sum(?: of [a-z]+)?$")
# A cell that may be a totals label, as the raw text (a looser net than the two above; they decide).
_LABEL_CELL = r"(?i)^\W*(?:grand|sub|overall)?\W*(?:totals?|tapeke|sum)(?:\W+\w+){0,3}\W*$"
_SENTENCE_MARK = re.compile(r"[.!?]\s*$|[.!?]\s+\S|[:;]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _filled(cells: Sequence[str | None]) -> list[tuple[int, str]]:
    return [(i, c.strip()) for i, c in enumerate(cells) if c is not None and c.strip()]


def _is_totals(cells: Sequence[str | None], *, at_bottom: bool) -> bool:
    filled = _filled(cells)
    for index, text in filled:
        label = fold(text)
        if _TOTALS_LABEL.match(label) or (at_bottom and _SUM_LABEL.match(label)):
            others = [t for i, t in filled if i != index]
            if all(any(ch.isdigit() for ch in t) or t.startswith("=") for t in others):
                return True
    return False


def prose_signals(text: str, particles: frozenset[str]) -> int:
    """How many marks of a sentence (not a name) the text has; see the module's docstring."""
    words = _WORD.findall(text)
    lower = [w for w in words if w[0].islower() and len(w) >= 2 and fold(w) not in particles]
    mixed_case = any(w[0].isupper() for w in words) and any(w[0].islower() for w in words)
    return sum((
        bool(_SENTENCE_MARK.search(text)),
        "," in text,
        mixed_case and len(lower) >= 2,
        len(text.split()) > 6,
        bool(words) and any(ch.isdigit() for ch in text),
    ))


def non_data_rows(frame: pl.DataFrame, standards: Standards) -> dict[int, str]:
    """Source row -> 'totals' or 'note', for the rows of a raw table that are not clients."""
    columns = [c for c in frame.columns if c not in (SOURCE_ROW, SOURCE_SHAPE)]
    if not columns or frame.height == 0:
        return {}
    text = [pl.col(c).cast(pl.Utf8) for c in columns]
    filled = pl.sum_horizontal([(t != "").fill_null(False) for t in text])   # the readers leave blank cells empty (null)
    labelled = pl.any_horizontal([(t.str.len_bytes() <= 60) & t.str.contains(_LABEL_CELL) for t in text]).fill_null(False)
    last_row = frame.get_column(SOURCE_ROW).max()
    candidates = frame.with_row_index("__index").filter((filled == 1) | labelled)
    if candidates.height == 0:
        return {}
    names = standards.names
    particles = frozenset(fold(p) for p in (*names.family_name_particles, *names.lower_case_particles))
    rows = frame.get_column(SOURCE_ROW).to_list()
    found: dict[int, str] = {}
    loose: dict[int, int] = {}   # index -> source row, for one-signal notes that count only at the bottom
    for record in candidates.iter_rows(named=True):
        cells = [record[c] for c in columns]
        index, row = record["__index"], record[SOURCE_ROW]
        if _is_totals(cells, at_bottom=row == last_row):
            found[row] = TOTALS
            continue
        single = _filled(cells)
        if len(single) != 1:
            continue
        signals = prose_signals(single[0][1], particles)
        if signals >= 2:
            found[row] = NOTE
        elif signals == 1:
            loose[index] = row
    found.update(_bottom_block(rows, found, loose, candidates, columns))
    return found


def _bottom_block(rows: list[int], found: dict[int, str], loose: dict[int, int], candidates: pl.DataFrame,
                  columns: list[str]) -> dict[int, str]:
    """The rows at the bottom of the table, below a blank row, that are non-data by the looser tests:
    one-signal notes and 'Sum' rows."""
    index = len(rows) - 1
    while index >= 0 and (rows[index] in found or index in loose or _sum_row(candidates, rows[index], columns)):
        index -= 1
    first = index + 1
    if first >= len(rows) or (index >= 0 and rows[first] - rows[index] < 2):
        return {}   # no block at the bottom, or it follows the last client without a blank row
    block: dict[int, str] = {}
    for i in range(first, len(rows)):
        if rows[i] not in found:
            block[rows[i]] = NOTE if i in loose else TOTALS
    return block


def _sum_row(candidates: pl.DataFrame, row: int, columns: list[str]) -> bool:
    match = candidates.filter(pl.col(SOURCE_ROW) == row)
    return match.height == 1 and _is_totals([match.get_column(c)[0] for c in columns], at_bottom=True)


def mark_non_data_rows(frame: pl.DataFrame, standards: Standards) -> pl.DataFrame:
    """The raw table with `source_shape` set to 'totals' or 'note' on the rows that are not clients."""
    marks = non_data_rows(frame, standards)
    if not marks:
        return frame
    shape = pl.col(SOURCE_ROW).replace_strict(marks, default=pl.col(SOURCE_SHAPE), return_dtype=pl.Utf8)
    return frame.with_columns(shape.alias(SOURCE_SHAPE))
