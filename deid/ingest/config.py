"""Per-provider column mappings: providers/<provider>.yaml in the deployment's config folder
(DEID_CONFIG_DIR), or in the packaged standards for the samples' providers."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import Field

from deid.errors import StandardsError
from deid.standards import Standards, StrictModel, parse_model, read_yaml


class ProviderMapping(StrictModel):
    """A steward-confirmed mapping from a provider's headers to standard fields."""

    provider: str = Field(description="Provider slug, as the landing folder is named")
    columns: dict[str, str | None] = Field(description="Provider header -> standard field or part (empty: not needed)")
    sheet: str | None = Field(None, description="Workbook sheet to read (default: every sheet that holds a table)")
    confirmed_by: str | None = Field(None, description="Who confirmed the mapping")
    confirmed_at: dt.datetime | None = Field(None, description="When it was confirmed")


def mapping_path(standards: Standards, provider: str, *, for_writing: bool = False) -> Path:
    """Where the provider's mapping is read from: the config folder's copy first, then the package's."""
    local = Path(standards.config_dir) / "providers" / f"{provider}.yaml" if standards.config_dir else None
    if local is not None and (for_writing or local.is_file()):
        return local
    return Path(standards.directory) / "providers" / f"{provider}.yaml"


def mapping_targets(standards: Standards) -> set[str]:
    return set(standards.fields.names) | {part.name for part in standards.fields.parts}


def load_provider_mapping(standards: Standards, provider: str) -> ProviderMapping | None:
    """The provider's confirmed mapping, or None for a provider without one yet."""
    path = mapping_path(standards, provider)
    if not path.is_file():
        return None
    mapping: ProviderMapping = parse_model(path, ProviderMapping, read_yaml(path) or {})
    if mapping.provider != provider:
        raise StandardsError(f"{path}: field 'provider' is '{mapping.provider}' but the file is for '{provider}'")
    known = mapping_targets(standards)
    for header, field_name in mapping.columns.items():
        if field_name is not None and field_name not in known:
            raise StandardsError(f"{path}: field 'columns.{header}' maps to '{field_name}'; allowed: {sorted(known)} "
                                 "or empty (not needed)")
    return mapping


def save_provider_mapping(standards: Standards, mapping: ProviderMapping) -> Path:
    """Write the mapping to the config folder (never into the installed package when one is set)."""
    path = mapping_path(standards, mapping.provider, for_writing=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (f"# Confirmed column mapping for {mapping.provider}: their header -> standard field (empty: not needed).\n"
              "# Written by `deid mapping confirm`; edit a line to change a decision. The next run uses it.\n")
    body = yaml.safe_dump(mapping.model_dump(mode="json", exclude_none=False), sort_keys=False, allow_unicode=True)
    path.write_text(header + body, encoding="utf-8")
    return path
