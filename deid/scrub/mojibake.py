"""Reading a note whose letters were damaged by a wrong encoding (UTF-8 read as Windows-1252).

A provider's export written in UTF-8 and read as Windows-1252 (cp1252) turns each letter outside ASCII into two or
three characters: "ā" (bytes C4 81) becomes "Ä" and, for the byte cp1252 has no character for, "?", the raw control
character or U+FFFD ("NgÄ?reta"); "ū" (C5 AB) becomes "Å«"; "é" (C3 A9) "Ã©". A byte that ended up as "?" or U+FFFD
may also stand alone inside a word ("Ng?reta"). Left so, a name or an email address is cut in two at the damage and
only part of it is scrubbed ("tui.pÅ?<EMAIL>").

`readable` gives the recognizers a repaired copy: every damaged letter back as the letter it was, and a "?" or
U+FFFD between two letters as a letter, with where each character of the copy starts in the note, so spans found in
the copy are cut from the note itself (the note is never changed). The damaged forms are worked out here from the
encodings themselves (every Latin letter's UTF-8 bytes decoded as cp1252), not listed by hand.
"""
from __future__ import annotations

import re

from deid.mojibake import damaged_forms

# Letters a note may hold that are not ASCII: Latin-1 Supplement, Latin Extended-A and -B, IPA and modifier letters
# (ʻ, the ʻokina), Latin Extended Additional (Vietnamese).
_LETTER_BLOCKS = ((0x00C0, 0x0250), (0x02B0, 0x0300), (0x1E00, 0x1F00))
# Where one damaged form can come from two letters ("Ä?": ā C4 81, č C4 8D, ď C4 8F, Đ C4 90), the te reo Māori
# long vowels win: the letters these notes hold most.
_PREFERRED = "āēīōūĀĒĪŌŪ"


def _damaged_forms() -> dict[str, str]:
    """Every damaged form of every letter outside ASCII, to the letter (`deid.mojibake.damaged_forms`: its UTF-8
    bytes read as cp1252 or latin-1, each byte cp1252 cannot hold written as "?", U+FFFD or the control character)."""
    found: dict[str, str] = {}
    for low, high in _LETTER_BLOCKS:
        for code in range(low, high):
            letter = chr(code)
            if not letter.isalpha():
                continue
            for form in damaged_forms(letter):
                held = found.get(form)
                if held is None or (letter in _PREFERRED and held not in _PREFERRED):
                    found[form] = letter
    return found


_DAMAGED = _damaged_forms()
_FIRST_CHARS = frozenset(form[0] for form in _DAMAGED)
_DAMAGE = re.compile("|".join(re.escape(form) for form in sorted(_DAMAGED, key=len, reverse=True)))
# A "?" or U+FFFD (one or a few: one per byte) with a letter on each side: a letter lost to the encoding ("Ng?reta").
_LOST_LETTER = re.compile(r"(?<=[^\W\d_])[?\ufffd]{1,3}(?=[^\W\d_])")
_LOST_AS = "a"   # what a lost letter is read as: a letter (a vowel keeps a Polynesian name's shape: "Ng?reta")


def readable(text: str) -> tuple[str, list[int]] | None:
    """The note with damaged letters repaired, and for each character of the copy (and its end) where it starts in
    the note; None when nothing is damaged (nearly every note: checked without a regex where it is plain ASCII)."""
    if "?" not in text and "\ufffd" not in text and (text.isascii() or _FIRST_CHARS.isdisjoint(text)):
        return None
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for m in _repairs(text):
        a, b = m
        parts.append(text[at:a])
        starts.extend(range(at, a))
        parts.append(_DAMAGED.get(text[a:b], _LOST_AS))
        starts.append(a)
        at = b
    if at == 0:
        return None
    parts.append(text[at:])
    starts.extend(range(at, len(text) + 1))
    return "".join(parts), starts


def _repairs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each damaged letter (`_DAMAGE`) and then of each letter lost to a "?" between letters, in order;
    the second are looked for once the first are repaired ("NgÄ?reta" holds one damaged letter, not a lost one)."""
    damaged = [m.span() for m in _DAMAGE.finditer(text)] if not _FIRST_CHARS.isdisjoint(text) else []
    if "?" not in text and "\ufffd" not in text:
        return damaged
    # a lost letter is read in the note with its damaged letters standing as letters (same length: "ÄX" for "Ä?")
    marked = list(text)
    for a, b in damaged:
        marked[a:b] = ["x"] * (b - a)
    lost = [m.span() for m in _LOST_LETTER.finditer("".join(marked))]
    return sorted(damaged + lost)
