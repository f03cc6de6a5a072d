"""NHI and IRD check-digit validation, driven by standards/identifiers.yaml."""
from __future__ import annotations

import re
from collections.abc import Callable

import polars as pl
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
    for ch, weight in zip(first_six, nhi.weights, strict=False):
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


# --- whole columns at once: the same rules as polars expressions, for million-row files ----


def _digit_or_letter_values(letters: str) -> dict[str, int]:
    return {**{str(d): d for d in range(10)}, **{ch: i + 1 for i, ch in enumerate(letters)}}


def nhi_valid_series(values: pl.Series, standard: IdentifiersStandard) -> pl.Series:
    """`is_valid_nhi` for a whole column (null in, null out); agrees with it value for value."""
    nhi = standard.nhi
    text = values.cast(pl.Utf8).str.replace_all(r"[\s\-]", "").str.to_uppercase()
    value_of = _digit_or_letter_values(nhi.letters)
    formats = {fmt.name: fmt.pattern for fmt in nhi.formats}
    # The weighted sum, check character and formats worked out once each (as columns), then compared.
    frame = pl.DataFrame({"nhi": text}).with_columns(
        pl.col("nhi").str.slice(6, 1).alias("check"),
        pl.sum_horizontal([pl.col("nhi").str.slice(i, 1).replace_strict(value_of, default=0, return_dtype=pl.Int64) * w
                           for i, w in zip(range(7), nhi.weights, strict=False)]).alias("total"),
        pl.col("nhi").str.contains(formats["new"]).alias("new"), pl.col("nhi").str.contains(formats["old"]).alias("old"))
    total, check = pl.col("total"), pl.col("check")
    new_letter = pl.lit(nhi.letters).str.slice(23 - total % 23 - 1, 1)
    old_remainder = total % 11
    old_digit = pl.when(old_remainder == 1).then(pl.lit("0")).otherwise((11 - old_remainder).cast(pl.Utf8))
    valid = (pl.when(pl.col("new")).then(new_letter == check)
             .when(pl.col("old")).then((old_remainder != 0) & (old_digit == check))
             .otherwise(False))
    return frame.select(pl.when(values.is_not_null()).then(valid).alias(values.name)).to_series()


def ird_valid_series(values: pl.Series, standard: IdentifiersStandard) -> pl.Series:
    """`is_valid_ird` for a whole column (null in, null out); agrees with it value for value."""
    ird = standard.ird
    digits = values.cast(pl.Utf8).str.replace_all(r"[\s\-]", "")
    padded = pl.col("ird").str.zfill(9)
    # Each digit worked out once (as a column), then weighed twice.
    frame = pl.DataFrame({"ird": digits}).with_columns(
        padded.str.slice(i, 1).cast(pl.Int64, strict=False).alias(f"d{i}") for i in range(9))
    d = [pl.col(f"d{i}") for i in range(9)]
    m = ird.modulus
    primary = (m - pl.sum_horizontal([x * w for x, w in zip(d, ird.primary_weights, strict=False)]) % m) % m
    secondary = (m - pl.sum_horizontal([x * w for x, w in zip(d, ird.secondary_weights, strict=False)]) % m) % m
    check = pl.when(primary != 10).then(primary).otherwise(secondary)
    number = pl.col("ird").cast(pl.Int64, strict=False)
    low, high = ird.valid_range
    shape = pl.col("ird").str.contains(f"^[0-9]{{{ird.min_digits},{ird.max_digits}}}$")
    # python-stdnum, which the scalar check uses, also insists on 10,000,000 < n < 150,000,000.
    valid = (shape & number.is_between(max(low, 10_000_001), min(high, 150_000_000), closed="left")
             & (check == d[8])).fill_null(False)
    return frame.select(pl.when(values.is_not_null()).then(valid).alias(values.name)).to_series()


# Printable ASCII: where polars' whitespace and upper case are Python's ("\x1c" is whitespace to Python only).
_PLAIN = r"^[\x20-\x7e]*$"


def _normalised_and_valid(values: pl.Series, normalised: pl.Expr, valid_series: Callable[[pl.Series], pl.Series],
                          normalise: Callable[[str], str | None], is_valid: Callable[[str], bool]) -> tuple[pl.Series, pl.Series]:
    """(normalised value or null, validity) per row: vectorised for printable ASCII, value by value for the rest."""
    text = values.cast(pl.Utf8)
    frame = pl.DataFrame({"v": text}).with_columns(normalised.alias("n")).with_columns(
        pl.when(pl.col("n") != "").then(pl.col("n")).alias("n"))
    cleaned = frame.get_column("n")
    valid = valid_series(cleaned).fill_null(False)
    odd = text.str.contains(_PLAIN).not_().fill_null(False)
    if odd.any():
        where = odd.arg_true()
        redone = [normalise(value) for value in text.gather(where).to_list()]
        cleaned = cleaned.scatter(where, pl.Series(redone, dtype=pl.Utf8))
        valid = valid.scatter(where, pl.Series([value is not None and is_valid(value) for value in redone], dtype=pl.Boolean))
    return cleaned.alias(values.name), valid.alias(values.name)


def normalised_nhi_series(values: pl.Series, standard: IdentifiersStandard) -> tuple[pl.Series, pl.Series]:
    """`normalise_nhi` of each value and whether that `is_valid_nhi` (False for null), for a whole
    column at once: the same answers as the scalar functions, value for value."""
    return _normalised_and_valid(values, pl.col("v").str.replace_all(r"[\s\-]", "").str.to_uppercase(),
                                 lambda cleaned: nhi_valid_series(cleaned, standard),
                                 normalise_nhi, lambda value: is_valid_nhi(value, standard))


def normalised_ird_series(values: pl.Series, standard: IdentifiersStandard) -> tuple[pl.Series, pl.Series]:
    """`normalise_ird` of each value and whether that `is_valid_ird` (False for null), for a whole
    column at once: the same answers as the scalar functions, value for value."""
    return _normalised_and_valid(values, pl.col("v").str.replace_all(r"[\s\-]", ""),
                                 lambda cleaned: ird_valid_series(cleaned, standard),
                                 normalise_ird, lambda value: is_valid_ird(value, standard))
