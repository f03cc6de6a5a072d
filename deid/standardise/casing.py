"""Re-casing of name and place words written in one case: the rules names and addresses share."""
from __future__ import annotations


def prefixed_case(lower: str) -> str | None:
    """`o'brien` -> `O'Brien`, `mcdonald` -> `McDonald`; None for a word without such a prefix."""
    if lower.startswith("o'") and len(lower) > 2:
        return "O'" + lower[2:].capitalize()
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2:].capitalize()
    return None
