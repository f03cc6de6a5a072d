"""Frictionless data packages for released extracts, built with the frictionless library itself.

Each extract folder gets a `datapackage.json`: the Parquet extract and its data dictionary as
tabular resources, each with a Table Schema whose constraints come from `standards/` (code
lists as enums, score and count ranges, the age bands, the providers that are parties to the
agreement, quarter patterns), `missingValues`, a primary key that holds, and the licence: the
sharing agreement's own terms, stated as such (the extract is not openly licensed).

frictionless reads Parquet through pandas, which turns an integer column with nulls into floats
("nan") unless the file says the column is a nullable integer; `pandas_metadata` gives the Parquet
file that description, so every reader that goes through pandas gets nullable integers back.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import frictionless
import polars as pl
import pyarrow as pa
from frictionless import fields as ff

from deid.agreement import SharingAgreement
from deid.risk.linkage import linkage_policy
from deid.safe_text import NEUTRALISED_ON_EXPORT
from deid.standardise.codes import gender_labels
from deid.standards import Standards

MISSING_VALUES = ("",)   # a blank is a missing value (in Parquet a null); suppressed cells are blank
QUARTER_PATTERN = r"[0-9]{4}Q[1-4]"
MONTH_PATTERN = r"[0-9]{4}-(0[1-9]|1[0-2])"
REGION_CODE_PATTERN = r"[0-9]{2}"   # Stats NZ regional council codes (01-18, 99)
# Candidate primary keys of an extract, in order; the first that holds (no blanks, no repeats) is declared.
EXTRACT_KEYS = (("person_id",), ("person_id", "provider"), ("person_id", "provider", "programme"))


def pandas_metadata(table: pa.Table) -> bytes:
    """The `pandas` schema metadata that makes pandas (and frictionless) read integer and boolean
    columns back as nullable integers and booleans, not floats with NaN or objects."""
    columns = []
    for column in table.schema:
        kind = column.type
        numpy_type = ("boolean" if pa.types.is_boolean(kind) else
                      str(kind).replace("uint", "UInt").replace("int", "Int") if pa.types.is_integer(kind) else None)
        if numpy_type:
            columns.append({"name": column.name, "field_name": column.name, "pandas_type": str(kind),
                            "numpy_type": numpy_type, "metadata": None})
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns,
                       "creator": {"library": "deid"}}).encode("utf-8")


def _frictionless_field(name: str, dtype: pl.DataType, description: str) -> frictionless.Field:
    if dtype.is_integer():
        return ff.IntegerField(name=name, description=description)
    if dtype.is_float():
        return ff.NumberField(name=name, description=description)
    if dtype == pl.Boolean:
        return ff.BooleanField(name=name, description=description)
    if dtype == pl.Date:
        return ff.DateField(name=name, description=description)
    if isinstance(dtype, pl.Datetime):
        return ff.DatetimeField(name=name, description=description)
    if isinstance(dtype, pl.List):
        return ff.ArrayField(name=name, description=description)
    return ff.StringField(name=name, description=description)


def value_domains(standards: Standards, agreement: SharingAgreement) -> dict[str, list[str]]:
    """Per released text column, every value the standards allow it to hold, at every level of
    generalisation the risk gate may bring it to (coarser bands and groups), and the agreement's
    catch-all label where rare values are folded. A count or score is text only once the gate has
    coarsened it to bands, so its domain is its bands; as released it is an integer with a range."""
    domains: dict[str, list[str]] = {}
    lists = standards.code_lists.code_lists
    for spec in standards.fields.fields:
        if spec.code_list in lists:
            code_list = lists[spec.code_list]
            domains[spec.name] = [c.code for c in code_list.codes] + [code_list.blank_code]
    domains["gender_code"] = [c.code for c in standards.gender.codes]
    domains["ethnicity_prioritised"] = [level.code for level in standards.ethnicity.level1]
    bands = standards.age.five_year_bands
    domains["age_band_five_year"] = ([f"{low}-{low + bands.width - 1}" for low in range(0, bands.top_band_from, bands.width)]
                                     + [f"{bands.top_band_from}+"] + [b.label for b in standards.age.life_cycle_bands])
    domains["provider"] = list(agreement.parties.provider_ids)
    policy = linkage_policy(standards.disclosure.risk, agreement)
    for column, scale in policy.scales.items():
        coarser: list[str] = []
        for level in range(1, scale.depth + 1):
            step = scale.levels[level - 1]
            coarser += scale.band_labels(level) if step.bands is not None else list((step.groups or {}).values())
        domains[column] = _unique([*domains.get(column, []), *coarser])
    for fields, label in policy.folds.values():
        for column in fields:
            if column in domains:
                domains[column] = _unique([*domains[column], label])
    return domains


def value_labels(standards: Standards, agreement: SharingAgreement) -> dict[str, dict[str, str]]:
    """Per coded column, each code's label, from the code lists in `standards/` (gender: Stats NZ 2021; ethnicity:
    Stats NZ level 1; the record standard's own lists), with the blank code and the agreement's catch-all label
    for folded rare values: a reader of "2" in gender_code learns it means "Female" without the standards."""
    labels = {name: code_list.labels | {code_list.blank_code: code_list.blank_code.replace("_", " ").capitalize()}
              for name, code_list in standards.coded_fields().items()}
    labels["gender_code"] = gender_labels(standards.gender)
    labels["ethnicity_prioritised"] = {level.code: level.label for level in standards.ethnicity.level1}
    for fields, label in linkage_policy(standards.disclosure.risk, agreement).folds.values():
        for column in fields:
            if column in labels:
                # the catch-all reads apart from a list's own 'other' code (an outsider user test saw "other = Other;
                # ... Other = Other" and could not tell them apart)
                labels[column] = {**labels[column], label: f"{label}: categories too rare to show, folded together"}
    return labels


def banded_columns(extract: pl.DataFrame, standards: Standards) -> dict[str, list[str]]:
    """Columns the standard holds as numbers that this extract releases as text bands (the risk gate coarsened
    them), with the bands present, in order; and the age band column, which is always bands."""
    numeric = {spec.name for spec in standards.fields.fields if spec.type == "integer"} | {"age_band_five_year"}
    return {column: sorted(extract.get_column(column).drop_nulls().unique().to_list(), key=_band_order)
            for column in extract.columns if column in numeric and extract.schema[column] == pl.Utf8}


def _band_order(band: str) -> tuple[int, str]:
    """Bands by their lower bound ("6+" after "1-5", "10-14" after "5-9"); a band without a number last."""
    digits = "".join(ch for ch in band.split("-")[0] if ch.isdigit())
    return (int(digits) if digits else 10**9, band)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def extract_schema(extract: pl.DataFrame, descriptions: dict[str, str], standards: Standards,
                   agreement: SharingAgreement) -> frictionless.Schema:
    """The Table Schema of an extract, its constraints taken from the standards.

    Integer columns as released carry the standard's range; a column the risk gate coarsened to
    bands is text, and its enum lists every band of every level.
    """
    ranges = {s.name: (s.minimum, s.maximum) for s in standards.fields.fields}
    domains = value_domains(standards, agreement)
    schema = frictionless.Schema(missing_values=list(MISSING_VALUES))
    for column in extract.columns:
        dtype = extract.schema[column]
        described = _frictionless_field(column, dtype, descriptions.get(column, ""))
        constraints: dict[str, Any] = {}
        if column in ("run_id", "person_id", "provider", "quarter"):
            constraints["required"] = True
        if dtype.is_integer():
            low, high = ranges.get(column, (None, None))
            constraints.update({k: v for k, v in (("minimum", low), ("maximum", high)) if v is not None})
        elif dtype == pl.Utf8 and column in domains:
            constraints["enum"] = domains[column]
        elif dtype == pl.Utf8 and column in ("quarter", "service_quarter"):
            constraints["pattern"] = QUARTER_PATTERN
        elif dtype == pl.Utf8 and column == "service_month":
            constraints["pattern"] = MONTH_PATTERN
        elif dtype == pl.Utf8 and column == "region_code":
            constraints["pattern"] = REGION_CODE_PATTERN
        described.constraints = constraints
        schema.add_field(described)
    key = next((list(k) for k in EXTRACT_KEYS if set(k) <= set(extract.columns)
                and extract.select(k).null_count().sum_horizontal().item() == 0 and extract.select(k).is_unique().all()), None)
    if key:
        schema.primary_key = key
    return schema


def dictionary_schema(dictionary: pl.DataFrame) -> frictionless.Schema:
    """The data dictionary's Table Schema: one row per extract column, keyed by the column's name."""
    schema = frictionless.Schema(missing_values=list(MISSING_VALUES), primary_key=["field"])
    for column in dictionary.columns:
        described = _frictionless_field(column, dictionary.schema[column],
                                        NEUTRALISED_ON_EXPORT if column == "neutralised_on_export" else "")
        if column == "field":
            described.constraints = {"required": True, "unique": True}
        schema.add_field(described)
    return schema


def agreement_terms(agreement: SharingAgreement) -> dict[str, str]:
    """The licence entry: not an open licence but the sharing agreement's terms, stated as such."""
    return {"name": f"LicenseRef-{agreement.programme}-agreement-{agreement.version}",
            "title": f"Not openly licensed: used under the information sharing agreement '{agreement.title}' "
                     f"(version {agreement.version}); see PROVENANCE.md for the restrictions on use",
            "path": "PROVENANCE.md"}


def build_datapackage(purpose_name: str, extract: pl.DataFrame, extract_path: str, extract_sha256: str,
                      dictionary: pl.DataFrame, dictionary_path: str, dictionary_bytes: int, dictionary_sha256: str,
                      provenance: dict[str, Any], standards: Standards, agreement: SharingAgreement) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for one extract and its dictionary, with the provenance.

    The Parquet resource carries its SHA-256 but no byte count: frictionless (5.21) reads Parquet
    through pyarrow, not its byte loader, so it cannot measure a Parquet file's bytes and reports any
    declared count as wrong. The manifest lists every file's bytes and SHA-256.
    """
    described = dict(zip(dictionary.get_column("field").to_list(), dictionary.get_column("description").to_list(), strict=True))
    extract_resource = frictionless.Resource(
        name=f"{purpose_name.replace('_', '-')}-extract", path=extract_path, format="parquet",
        mediatype="application/vnd.apache.parquet", encoding="utf-8", hash=f"sha256:{extract_sha256}",
        schema=extract_schema(extract, described, standards, agreement),
        description=f"{provenance['purpose']}: de-identified microdata")
    dictionary_resource = frictionless.Resource(
        name="data-dictionary", path=dictionary_path, format="csv", mediatype="text/csv", encoding="utf-8",
        bytes=dictionary_bytes, hash=f"sha256:{dictionary_sha256}", schema=dictionary_schema(dictionary),
        description="What each column of the extract holds, its type and whether text is neutralised on export")
    package = frictionless.Package(
        name=f"{purpose_name.replace('_', '-')}-{provenance['run_id'].lower()}",
        title=f"{provenance['source']['programme']}: {provenance['purpose']} ({', '.join(provenance['source']['quarters'])})",
        created=f"{provenance['date_shared']}T00:00:00Z",
        sources=[{"title": f"{p['name']} quarterly reporting"} for p in provenance["source"]["providers"]],
        licenses=[agreement_terms(agreement)],
        resources=[extract_resource, dictionary_resource])
    descriptor = package.to_descriptor()
    _add_categories(descriptor["resources"][0]["schema"]["fields"], value_labels(standards, agreement),
                    banded_columns(extract, standards))
    descriptor["provenance"] = provenance
    return descriptor


def _add_categories(fields: list[dict[str, Any]], labels: dict[str, dict[str, str]], bands: dict[str, list[str]]) -> None:
    """Each coded or banded text field's values as Table Schema `categories` ({value, label}; a band is its own label):
    frictionless 5 has no field attribute for them, so they are added to the descriptor."""
    for described in fields:
        name = described["name"]
        if described.get("type") != "string":
            continue
        if name in labels:
            described["categories"] = [{"value": code, "label": label} for code, label in labels[name].items()]
        elif name in bands:
            described["categories"] = [{"value": band, "label": band} for band in bands[name]]
