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
"""
from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import cache

import polars as pl

from deid.mojibake import CP1252_UNDEFINED, damaged_forms

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


def repair_text(text: str) -> str:
    """One string repaired (see `repair_column` for columns)."""
    forms, replacements = _patterns()
    return pl.Series([text]).str.replace_many(forms, replacements)[0]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Repairs:
    """Cells repaired, per column (the provider's header), and how many of them held te reo macrons."""

    cells: dict[str, int]
    macron_cells: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def repair_frame(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, Repairs]:
    """Repair every damaged form in these text columns; the frame's rows and other columns are unchanged.

    One scan finds the columns holding any damaged form; only those are rewritten.
    """
    forms, replacements = _patterns()
    macron_forms = [form for form, character in zip(forms, replacements, strict=True) if character in TE_REO_MACRONS]
    text_columns = [c for c in columns if frame.schema[c] == pl.Utf8]
    if not text_columns or frame.height == 0:
        return frame, Repairs({}, {})
    # Every damaged form holds a character outside ASCII: only columns with such a cell are searched.
    non_ascii = frame.select((pl.col(c).str.len_bytes() != pl.col(c).str.len_chars()).any().alias(c) for c in text_columns)
    searched = [c for c, any_non_ascii in zip(text_columns, non_ascii.row(0), strict=True) if any_non_ascii]
    if not searched:
        return frame, Repairs({}, {})
    found = frame.select(pl.col(c).str.contains_any(forms).sum().alias(c) for c in searched).row(0)
    damaged = {c: int(n) for c, n in zip(searched, found, strict=True) if n}
    if not damaged:
        return frame, Repairs({}, {})
    macrons = frame.select(pl.col(c).str.contains_any(macron_forms).sum().alias(c) for c in damaged).row(0)
    repaired = frame.with_columns(pl.col(c).str.replace_many(forms, replacements) for c in damaged)
    return repaired, Repairs(damaged, {c: int(n) for c, n in zip(damaged, macrons, strict=True) if n})


def repair_notice(repairs: Repairs, shown_as: dict[str, str] | None = None) -> str | None:
    """What the provider is told: how many cells, in which of their columns, and how to avoid it.

    Args:
        shown_as: how each column may be named in a message (a header that is not a field name may hold
            anything, so the caller names it by position); a column not in it is named as headed.
    """
    if not repairs.total:
        return None
    names = shown_as or {}
    shown = ", ".join(f"'{names.get(column, column)}' ({count})" for column, count in repairs.cells.items())
    macrons = sum(repairs.macron_cells.values())
    what = (f"garbled macrons (ā shown as Ä?, ū as Å«){'' if macrons == repairs.total else ' or other garbled letters'}"
            if macrons else "garbled letters (é shown as Ã©)")
    return (f"{repairs.total} cell(s) had {what}, in {shown}: the file had been saved in one text encoding and read in "
            "another. We repaired them; please save the file as UTF-8 (in Excel: Save As > CSV UTF-8)")
