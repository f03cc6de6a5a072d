"""Repair text whose UTF-8 bytes were read as Windows-1252 or Latin-1 ('mojibake': MÄ?ori for Māori).

A spreadsheet pasted from an email, or a CSV opened and saved again in a program that guessed the
wrong encoding, turns each two-byte UTF-8 letter into two characters: ā (bytes C4 81) becomes 'Ä'
and whatever the second byte means in Windows-1252: nothing there, so '?', '\\ufffd' or the control
character '\\x81'. Left so, a name no longer matches its structured column (scrubbing misses it) and
an ethnicity no longer reads as Māori.

The damaged forms are derived here from the encodings themselves (Python's cp1252 and latin-1 codecs,
i.e. the WHATWG/Unicode code charts), never typed in: every Latin letter of Unicode's Latin-1
Supplement and Latin Extended-A blocks, and the printable characters Windows-1252 puts at 0x80-0x9F
(’ “ – ...), encoded as UTF-8 and decoded each way a reader does. Where one damaged form could come
from several letters (a '?' stands for any byte Windows-1252 leaves undefined: 'Ä?' is ā, č, ď, Đ or
ĝ), it is repaired only when exactly one of them is a te reo Māori vowel with a macron (NZ provider
data), and otherwise left alone. A '?' on its own is never touched: only the lead character that
UTF-8 gives these letters (Ã, Ä, Å, â...) followed by the damaged byte is a damaged form.

A file saved in a code page without macrons (Excel's "CSV (Comma delimited)" on Windows-1252) lost them
outright: each ā ē ī ō ū became '?' ("Wh?nau", "M?ngere"). Such a letter cannot be decoded back; a word is
restored only where, read with each '?' as a letter the code page lacks, it is exactly one word of the shipped
lexicons (te reo words, names, places, ethnicity labels: `deid.mojibake.LostLetterLexicon`), and the provider is
told how many words were restored, which rows hold the rest, and to save the file as CSV UTF-8.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from deid.mojibake import CP1252_UNDEFINED, LOST_MARKS, LostLetterLexicon, damaged_forms, standards_lexicon

TE_REO_MACRONS = "āēīōūĀĒĪŌŪ"


def _repairable_characters() -> list[str]:
    """Latin letters of U+00C0-U+017F, and Windows-1252's printable characters at 0x80-0x9F."""
    letters = [chr(c) for c in range(0xC0, 0x180) if unicodedata.category(chr(c)).startswith("L")]
    punctuation = [bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in CP1252_UNDEFINED]
    return letters + [ch for ch in punctuation if ch not in letters]


def _lossy_candidates(form: str) -> set[str]:
    """Every character a form with '?' or '\\ufffd' may stand for: each undefined byte in each such place,
    kept where the bytes are UTF-8 for one character (so 'â€?' is ” but also U+2010 and three others)."""
    options = [[bytes([b]) for b in sorted(CP1252_UNDEFINED)] if ch in "?\ufffd" else [ch.encode("cp1252", errors="ignore")
               or ch.encode("latin-1")] for ch in form]
    found: set[str] = set()
    for combination in itertools.product(*options):
        try:
            text = b"".join(combination).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(text) == 1:
            found.add(text)
    return found


@cache
def repair_table() -> dict[str, str]:
    """Damaged form -> the character it stands for, for every form that stands for one character only
    (or, for a form that lost a byte, for exactly one te reo macron vowel among those it may stand for)."""
    candidates: dict[str, set[str]] = {}
    for character in _repairable_characters():
        for form in damaged_forms(character):
            candidates.setdefault(form, set()).add(character)
    table: dict[str, str] = {}
    for form, characters in candidates.items():
        if "?" in form or "\ufffd" in form:
            characters = _lossy_candidates(form) | characters
        macrons = characters & set(TE_REO_MACRONS)
        if len(characters) == 1:
            table[form] = next(iter(characters))
        elif len(macrons) == 1:
            table[form] = next(iter(macrons))
    return table


def _patterns() -> tuple[list[str], list[str]]:
    """Forms longest first, so a three-character form is repaired whole before a shorter one inside it."""
    table = repair_table()
    forms = sorted(table, key=lambda form: (-len(form), form))
    return forms, [table[form] for form in forms]


def repair_text(text: str, lexicon: LostLetterLexicon | None = None) -> str:
    """One string repaired: damaged forms, then letters lost to '?' where one lexicon word fits (see
    `repair_frame` for columns)."""
    forms, replacements = _patterns()
    repaired: str = pl.Series([text]).str.replace_many(forms, replacements)[0]
    if not _may_have_lost_letters(repaired):
        return repaired
    return (lexicon or standards_lexicon()).restore(repaired)[0]


@dataclass(frozen=True)
class Repairs:
    """Cells repaired, per column (the provider's header), and how many of them held te reo macrons; words whose
    letters a save without them turned into '?' (restored, or not and in which rows)."""

    cells: dict[str, int]
    macron_cells: dict[str, int]
    restored_words: dict[str, int] = field(default_factory=dict)
    unrestored_words: dict[str, int] = field(default_factory=dict)
    unrestored_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)   # the first rows holding them (one
    # more than `ROWS_SHOWN` when there are more)

    @property
    def total(self) -> int:
        """Everything the provider is told about: cells repaired, and words restored or not."""
        return sum(self.cells.values()) + sum(self.restored_words.values()) + sum(self.unrestored_words.values())


ROWS_SHOWN = 5   # rows named per column for words that could not be restored
# A lost letter stands next to a letter: a '?' (or U+FFFD) before or after one (a question mark after a word too,
# so each such cell is then read word by word, `LostLetterLexicon.lost_words`).
_LOST_NEXT_TO_LETTER = r"\p{L}[?\x{FFFD}]|[?\x{FFFD}]\p{L}"


def _may_have_lost_letters(text: str) -> bool:
    return ("?" in text or "\ufffd" in text) and bool(re.search(r"[^\W\d_][?\ufffd]|[?\ufffd][^\W\d_]", text))


def repair_frame(frame: pl.DataFrame, columns: list[str], lexicon: LostLetterLexicon | None = None,
                 row_column: str = "source_row") -> tuple[pl.DataFrame, Repairs]:
    """Repair every damaged form in these text columns, then restore letters lost to '?' (`lexicon`: the
    run's, else the shipped standards'); the frame's rows and other columns are unchanged.

    One scan finds the columns holding any damaged form; only those are rewritten. Letters lost to '?' are
    looked for only in cells with a '?' next to a letter, each distinct cell once.

    Args:
        row_column: the column numbering rows as the provider sees them (named for words not restored).
    """
    text_columns = [c for c in columns if frame.schema[c] == pl.Utf8]
    if not text_columns or frame.height == 0:
        return frame, Repairs({}, {})
    repaired, damaged, macrons = _repair_damaged_forms(frame, text_columns)
    lost = _restore_lost_letters(repaired, text_columns, lexicon, row_column)
    if lost is None:
        return repaired, Repairs(damaged, macrons)
    restored_frame, restored, unrestored, rows = lost
    return restored_frame, Repairs(damaged, macrons, restored, unrestored, rows)


def _repair_damaged_forms(frame: pl.DataFrame, text_columns: list[str]) -> tuple[pl.DataFrame, dict[str, int], dict[str, int]]:
    """The frame with damaged forms repaired, cells repaired per column, and how many held te reo macrons."""
    forms, replacements = _patterns()
    macron_forms = [form for form, character in zip(forms, replacements, strict=True) if character in TE_REO_MACRONS]
    # Every damaged form holds a character outside ASCII: only columns with such a cell are searched.
    non_ascii = frame.select((pl.col(c).str.len_bytes() != pl.col(c).str.len_chars()).any().alias(c) for c in text_columns)
    searched = [c for c, any_non_ascii in zip(text_columns, non_ascii.row(0), strict=True) if any_non_ascii]
    if not searched:
        return frame, {}, {}
    found = frame.select(pl.col(c).str.contains_any(forms).sum().alias(c) for c in searched).row(0)
    damaged = {c: int(n) for c, n in zip(searched, found, strict=True) if n}
    if not damaged:
        return frame, {}, {}
    macrons = frame.select(pl.col(c).str.contains_any(macron_forms).sum().alias(c) for c in damaged).row(0)
    repaired = frame.with_columns(pl.col(c).str.replace_many(forms, replacements) for c in damaged)
    return repaired, damaged, {c: int(n) for c, n in zip(damaged, macrons, strict=True) if n}


def _restore_lost_letters(frame: pl.DataFrame, text_columns: list[str], lexicon: LostLetterLexicon | None,
                          row_column: str) -> tuple[pl.DataFrame, dict[str, int], dict[str, int], dict[str, tuple[int, ...]]] | None:
    """The frame with words restored where one lexicon word fits, words restored and not per column, and the first
    rows holding words not restored; None when no cell has a '?' next to a letter."""
    marked = frame.select(pl.col(c).str.contains_any(list(LOST_MARKS)).any().alias(c) for c in text_columns).row(0)
    searched = [c for c, any_marked in zip(text_columns, marked, strict=True) if any_marked]
    if not searched:
        return None
    words: LostLetterLexicon | None = lexicon
    restored: dict[str, int] = {}
    unrestored: dict[str, int] = {}
    rows: dict[str, tuple[int, ...]] = {}
    rewritten: list[pl.Series] = []
    for column in searched:
        cells = frame.get_column(column)
        counts = cells.filter(cells.str.contains(_LOST_NEXT_TO_LETTER)).value_counts()
        if counts.height == 0:
            continue
        words = words or standards_lexicon()
        new_values: dict[str, str] = {}
        not_restored: list[str] = []
        for value, count in counts.iter_rows():
            text, n_restored, n_unrestored = words.restore(value)
            if n_restored:
                new_values[value] = text
                restored[column] = restored.get(column, 0) + n_restored * count
            if n_unrestored:
                unrestored[column] = unrestored.get(column, 0) + n_unrestored * count
                not_restored.append(value)
        if new_values:
            rewritten.append(cells.replace(new_values))
        if not_restored and row_column in frame.columns:
            holding = frame.get_column(row_column).filter(cells.is_in(not_restored))
            rows[column] = tuple(int(r) for r in holding.sort().head(ROWS_SHOWN + 1).to_list())
    if not restored and not unrestored:
        return None
    return (frame.with_columns(rewritten) if rewritten else frame), restored, unrestored, rows


def repair_notice(repairs: Repairs, shown_as: dict[str, str] | None = None) -> str | None:
    """What the provider is told: how many cells, in which of their columns, and how to avoid it.

    Args:
        shown_as: how each column may be named in a message (a header that is not a field name may hold
            anything, so the caller names it by position); a column not in it is named as headed.
    """
    names = shown_as or {}
    parts = [part for part in (_damaged_notice(repairs, names), _lost_letters_notice(repairs, names)) if part]
    return ". ".join(parts) if parts else None


def _damaged_notice(repairs: Repairs, names: dict[str, str]) -> str | None:
    cells = sum(repairs.cells.values())
    if not cells:
        return None
    shown = ", ".join(f"'{names.get(column, column)}' ({count})" for column, count in repairs.cells.items())
    macrons = sum(repairs.macron_cells.values())
    what = (f"garbled macrons (ā shown as Ä?, ū as Å«){'' if macrons == cells else ' or other garbled letters'}"
            if macrons else "garbled letters (é shown as Ã©)")
    return (f"{cells} cell(s) had {what}, in {shown}: the file had been saved in one text encoding and read in "
            "another. We repaired them; please save the file as UTF-8 (in Excel: Save As > CSV UTF-8)")


def _lost_letters_notice(repairs: Repairs, names: dict[str, str]) -> str | None:
    """Said once for the file: its macrons became '?', what was restored, where the rest are, and how to save it."""
    restored, unrestored = sum(repairs.restored_words.values()), sum(repairs.unrestored_words.values())
    if not restored and not unrestored:
        return None
    where_restored = ", ".join(f"'{names.get(c, c)}' ({n})" for c, n in repairs.restored_words.items())
    where_not = "; ".join(f"'{names.get(c, c)}' ({n}{_rows(repairs.unrestored_rows.get(c, ()))})"
                          for c, n in repairs.unrestored_words.items())
    save = ("save it as CSV UTF-8 (in Excel: Save As > CSV UTF-8 (Comma delimited)), not as 'CSV (Comma delimited)', "
            "so the letters are kept")
    if restored:
        told = (f"this file lost its macrons (ā ē ī ō ū became ?): {save}. We restored {restored} word(s) where one "
                f"te reo Māori word, name or place fits, in {where_restored}")
        return told + (f"; {unrestored} could not be restored, in {where_not}: please check them" if unrestored else "")
    return (f"{unrestored} word(s) have '?' between letters, in {where_not}: letters such as ā ē ī ō ū become '?' "
            f"when a file is saved in a text encoding without them. If this file lost its macrons, {save}")


def _rows(rows: tuple[int, ...]) -> str:
    if not rows:
        return ""
    shown = ", ".join(str(r) for r in rows[:ROWS_SHOWN])
    return f"; row{'s' if len(rows) > 1 else ''} {shown}{' and more' if len(rows) > ROWS_SHOWN else ''}"
