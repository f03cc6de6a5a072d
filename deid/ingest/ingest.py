"""The ingest stage: one provider file -> standard columns with lineage, and what happened."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from deid.ingest.config import ProviderMapping
from deid.ingest.mapping import ColumnMatch, header_synonyms, map_columns
from deid.errors import IngestError
from deid.ingest.readers import SOURCE_ROW, SOURCE_SHAPE, read_table
from deid.standards import Standards

LINEAGE_COLUMNS = ("run_id", "provider", "quarter", "submission_id", "source_file", SOURCE_ROW)


@dataclass(frozen=True)
class IngestResult:
    submission_id: str
    provider: str
    quarter: str
    file_name: str
    sha256: str
    reader: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    rows_received: int
    columns: tuple[ColumnMatch, ...]
    dropped_columns: tuple[str, ...]
    ragged_rows: tuple[int, ...]
    single_byte_lines: tuple[int, ...]


def submission_id_for(provider: str, quarter: str, sha256: str) -> str:
    return f"{provider}/{quarter}/{sha256[:12]}"


def ingest_file(
    data: bytes,
    *,
    file_name: str,
    sha256: str,
    provider: str,
    quarter: str,
    run_id: str,
    standards: Standards,
    confirmed: ProviderMapping | None,
) -> tuple[pl.DataFrame, IngestResult]:
    """Read a submission and rename its columns to the standard; unmatched columns are dropped.

    Raises:
        IngestError: the file cannot be read at all (empty, binary, broken workbook...).
    """
    hint = set(header_synonyms(standards)) | {h.casefold() for h in (confirmed.columns if confirmed else {})}
    raw = read_table(data, file_name, header_hint=hint, sheet=confirmed.sheet if confirmed else None)
    del data  # a caller passing the file's bytes inline lets a large file go before its columns are copied
    mapping = map_columns(raw.frame, standards, confirmed)
    mapped = mapping.mapped
    submission_id = submission_id_for(provider, quarter, sha256)
    fields = standards.fields.names
    present = set(mapped.values())
    frame = raw.frame.select(
        pl.lit(run_id).alias("run_id"),
        pl.lit(provider).alias("provider"),
        pl.lit(quarter).alias("quarter"),
        pl.lit(submission_id).alias("submission_id"),
        pl.lit(file_name).alias("source_file"),
        pl.col(SOURCE_ROW),
        pl.col(SOURCE_SHAPE),
        *[pl.col(header).str.strip_chars().alias(field) for header, field in mapped.items()],
        *[pl.lit(None, dtype=pl.Utf8).alias(field) for field in fields if field not in present],
    ).select(*LINEAGE_COLUMNS, SOURCE_SHAPE, *fields)
    missing = tuple(spec.name for spec in standards.fields.fields if spec.required and spec.name not in present)
    missing += tuple(f"one of {'/'.join(g.fields)}" for g in standards.fields.any_of
                     if g.severity == "blocking" and not present & set(g.fields))
    if missing:
        found = ", ".join(f"'{h}'" for h in raw.frame.columns if h not in {SOURCE_ROW, SOURCE_SHAPE})
        raise IngestError(f"required column(s) not found: {', '.join(missing)}. The file's columns are: {found}. "
                          f"Rename the columns, or map them in standards/providers/{provider}.yaml")
    result = IngestResult(
        submission_id=submission_id,
        provider=provider,
        quarter=quarter,
        file_name=file_name,
        sha256=sha256,
        reader=raw.reader,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        header_row=raw.header_row,
        rows_received=frame.height,
        columns=mapping.matches,
        dropped_columns=mapping.dropped,
        ragged_rows=raw.ragged_rows,
        single_byte_lines=raw.single_byte_lines,
    )
    return frame, result
