"""Reading a note whose letters were damaged by a wrong encoding (UTF-8 read as Windows-1252).

A provider's export written in UTF-8 and read as Windows-1252 (cp1252) turns each letter outside ASCII into two or
three characters: "ā" (bytes C4 81) becomes "Ä" and, for the byte cp1252 has no character for, "?", the raw control
character or U+FFFD ("NgÄ?reta"); "ū" (C5 AB) becomes "Å«"; "é" (C3 A9) "Ã©". A byte that ended up as "?" or U+FFFD
may also stand alone inside a word ("Ng?reta"), and a note saved in a code page without macrons (Excel's "CSV (Comma
delimited)") has '?' for every ā ē ī ō ū ("Wh?nau moved to 177 Waiwhet? Road, M?ngere"). Left so, a name or an email
address is cut in two at the damage and only part of it is scrubbed ("tui.pÅ?<EMAIL>"), and a street or a cue word
("P?pi Nevaeh": pēpi, baby) is not recognised.

`readable` gives the recognizers a repaired copy: every damaged letter back as the letter it was, a lost letter as the
macron vowel of the lexicon word it fits ("Waiwhetū Road"; `deid.mojibake.LostLetterLexicon`), else, between two
letters, as a plain vowel; a '?' ending a question stays one. With the copy comes where each of its characters starts
in the note, so spans found in the copy are cut from the note itself (the note is never changed). The damaged forms
are worked out here from the encodings themselves (every Latin letter's UTF-8 bytes decoded as cp1252), not listed
by hand.
"""
from __future__ import annotations

import re

from deid.mojibake import LOST_MARKS, LostLetterLexicon, damaged_forms, standards_lexicon

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
_NEXT_TO_LETTER = re.compile(r"[^\W\d_][?\ufffd]|[?\ufffd][^\W\d_]")
_LOST_AS = "a"   # a lost letter no lexicon word explains is read as a vowel (it keeps a Polynesian name's shape)

Edit = tuple[int, int, str]   # (start, end, what the copy has there)


def readable(text: str, lexicon: LostLetterLexicon | None = None) -> tuple[str, list[int]] | None:
    """The note with damaged letters repaired and lost ones read as letters, and for each character of the copy (and
    its end) where it starts in the note; None when nothing is damaged (nearly every note: checked without a regex
    where it is plain ASCII).

    A "?" or U+FFFD standing for a letter ("Wh?nau", "Waiwhet? Road": a save in a code page without macrons) is read
    as the lexicon word it fits (`deid.mojibake.LostLetterLexicon.lost_words`: `lexicon`, else the shipped
    standards'); one that fits none is read as a vowel where it stands between letters. A "?" ending a question
    ("Is she ok?") stays a question mark.
    """
    if "?" not in text and "\ufffd" not in text and (text.isascii() or _FIRST_CHARS.isdisjoint(text)):
        return None
    edits = [(a, b, _DAMAGED[text[a:b]]) for a, b in _damaged_spans(text)]
    copy, starts = _apply(text, list(range(len(text) + 1)), edits) if edits else (text, None)
    lost = _lost_letter_edits(copy, lexicon)
    if not edits and not lost:
        return None
    starts = starts or list(range(len(text) + 1))
    return _apply(copy, starts, lost) if lost else (copy, starts)


def _damaged_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each damaged letter (`_DAMAGE`), in order."""
    return [m.span() for m in _DAMAGE.finditer(text)] if not _FIRST_CHARS.isdisjoint(text) else []


def _lost_letter_edits(text: str, lexicon: LostLetterLexicon | None) -> list[Edit]:
    """Each lost letter read as a letter: as in the one lexicon word that fits (the first, when several do), else
    each run of them between two letters as one vowel (`_LOST_AS`)."""
    if ("?" not in text and "\ufffd" not in text) or not _NEXT_TO_LETTER.search(text):
        return []
    edits: list[Edit] = []
    for word in (lexicon or standards_lexicon()).lost_words(text):
        fitting = word.restored or (word.candidates[0] if word.candidates else None)
        if fitting is not None:
            edits += [(word.start + i, word.start + i + 1, fitting[i]) for i in range(len(fitting))
                      if text[word.start + i] in LOST_MARKS]
        else:
            edits += [(word.start + m.start(), word.start + m.end(), _LOST_AS)
                      for m in _LOST_LETTER.finditer(text[word.start:word.end])]
    return edits


def _apply(text: str, starts: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """The text with each (start, end) replaced, and where each character of the result (and its end) starts in the
    note (`starts`: the same for `text`); a replacement's characters start where the characters they replace do."""
    parts: list[str] = []
    out: list[int] = []
    at = 0
    for a, b, new in edits:
        parts.append(text[at:a])
        out.extend(starts[at:a])
        parts.append(new)
        out.extend(starts[a + k] if k < b - a else starts[a] for k in range(len(new)))
        at = b
    parts.append(text[at:])
    out.extend(starts[at:])
    return "".join(parts), out
