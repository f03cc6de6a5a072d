"""NHI and IRD check-digit validation, driven by standards/identifiers.yaml."""
from __future__ import annotations

import re

from stdnum.nz import ird as stdnum_ird

from deid.standards import IdentifiersStandard


def normalise_nhi(value: str | None) -> str | None:
    """Upper-case an NHI and drop spaces and hyphens; None stays None."""
    if value is None:
        return None
    cleaned = re.sub(r"[\s\-]", "", str(value)).upper()
    return cleaned or None


def _letter_value(ch: str, letters: str) -> int:
    return letters.index(ch) + 1


def nhi_check_character(first_six: str, standard: IdentifiersStandard) -> str | None:
    """The check character that completes `first_six`, or None if no valid NHI starts so."""
    nhi = standard.nhi
    letters = nhi.letters
    new_format = first_six[5].isalpha()
    total = 0
    for ch, weight in zip(first_six, nhi.weights):
        value = _letter_value(ch, letters) if ch.isalpha() else int(ch)
        total += value * weight
    if new_format:
        remainder = total % 23
        check = 23 - remainder
        return letters[check - 1]
    remainder = total % 11
    if remainder == 0:
        return None
    check = 11 - remainder
    return "0" if check == 10 else str(check)


def is_valid_nhi(value: str | None, standard: IdentifiersStandard) -> bool:
    """True when `value` has an NHI format and its check character is right."""
    nhi = normalise_nhi(value)
    if not nhi or len(nhi) != 7:
        return False
    if not any(re.fullmatch(fmt.pattern, nhi) for fmt in standard.nhi.formats):
        return False
    return nhi_check_character(nhi[:6], standard) == nhi[6]


def normalise_ird(value: str | None) -> str | None:
    if value is None:
        return None
    digits = re.sub(r"[\s\-]", "", str(value))
    return digits or None


def is_valid_ird(value: str | None, standard: IdentifiersStandard) -> bool:
    """True for an 8 or 9 digit IRD number in range with a correct mod-11 check digit."""
    digits = normalise_ird(value)
    if not digits or not digits.isdigit():
        return False
    if not standard.ird.min_digits <= len(digits) <= standard.ird.max_digits:
        return False
    low, high = standard.ird.valid_range
    return low <= int(digits) < high and stdnum_ird.is_valid(digits)
