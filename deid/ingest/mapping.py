"""Match provider headers to standard fields: confirmed mapping, then synonyms, then content."""
from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from deid.ingest.config import ProviderMapping
from deid.standardise.identifiers import is_valid_nhi
from deid.standards import Standards, fold

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnMatch:
    header: str
    field: str | None
    method: str  # provider_mapping | synonym | content_profile | unmatched | duplicate


@dataclass(frozen=True)
class ColumnMapping:
    matches: tuple[ColumnMatch, ...]

    @property
    def mapped(self) -> dict[str, str]:
        return {m.header: m.field for m in self.matches if m.field}

    @property
    def dropped(self) -> tuple[str, ...]:
        return tuple(m.header for m in self.matches if not m.field)


def header_synonyms(standards: Standards) -> dict[str, str]:
    """Folded header spelling -> standard field."""
    lookup: dict[str, str] = {}
    for spec in standards.fields.fields:
        for spelling in (spec.name, *spec.synonyms):
            lookup.setdefault(fold(spelling), spec.name)
    return lookup


def _profile(values: pl.Series, standards: Standards) -> str | None:
    """Guess a field from a column's content (used only for headers no synonym matches)."""
    sample = [v for v in values.drop_nulls().head(200).to_list() if str(v).strip()]
    if len(sample) < 3:
        return None
    share = lambda test: sum(1 for v in sample if test(str(v).strip())) / len(sample)  # noqa: E731
    if share(lambda v: is_valid_nhi(v, standards.identifiers)) > 0.8:
        return "nhi"
    if share(lambda v: bool(EMAIL_RE.match(v))) > 0.8:
        return "email"
    return None


def map_columns(frame: pl.DataFrame, standards: Standards, confirmed: ProviderMapping | None) -> ColumnMapping:
    """Decide the standard field for every header; unmatched headers are dropped onward."""
    synonyms = header_synonyms(standards)
    confirmed_folded = {fold(h): f for h, f in (confirmed.columns.items() if confirmed else [])}
    taken: set[str] = set()
    matches: list[ColumnMatch] = []
    for header in frame.columns:
        if header in {"source_row", "source_shape"}:
            continue
        key = fold(header)
        field, method = None, "unmatched"
        if key in confirmed_folded:
            field, method = confirmed_folded[key], "provider_mapping"
        elif key in synonyms:
            field, method = synonyms[key], "synonym"
        else:
            field = _profile(frame.get_column(header), standards)
            method = "content_profile" if field else "unmatched"
        if field and field in taken:
            field, method = None, "duplicate"
        if field:
            taken.add(field)
        matches.append(ColumnMatch(header, field, method))
    return ColumnMapping(tuple(matches))
