"""Per-provider column mappings: standards/providers/<provider>.yaml."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field

from deid.errors import StandardsError
from deid.standards import Standards, StrictModel, parse_model, read_yaml


class ProviderMapping(StrictModel):
    """A steward-confirmed mapping from a provider's headers to standard fields."""

    provider: str = Field(description="Provider slug, as the landing folder is named")
    columns: dict[str, str] = Field(description="Provider header -> standard field name")
    sheet: str | None = Field(None, description="XLSX sheet to read (default: the first)")


def load_provider_mapping(standards: Standards, provider: str) -> ProviderMapping | None:
    """The provider's confirmed mapping, or None for a provider without one yet."""
    path = Path(standards.directory) / "providers" / f"{provider}.yaml"
    if not path.is_file():
        return None
    mapping: ProviderMapping = parse_model(path, ProviderMapping, read_yaml(path))
    if mapping.provider != provider:
        raise StandardsError(f"{path}: field 'provider' is '{mapping.provider}' but the file is for '{provider}'")
    known = set(standards.fields.names)
    for header, field_name in mapping.columns.items():
        if field_name not in known:
            raise StandardsError(f"{path}: field 'columns.{header}' maps to '{field_name}'; allowed: {sorted(known)}")
    return mapping
