"""Ingest stage: read any provider file, map its columns to the standard, keep lineage."""
from deid.ingest.config import ProviderMapping, load_provider_mapping, save_provider_mapping
from deid.ingest.ingest import LINEAGE_COLUMNS, IngestResult, ingest_file, submission_id_for
from deid.ingest.mapping import ColumnMapping, HeaderMatcher, map_columns
from deid.ingest.readers import RawTable, read_table, read_tables

__all__ = ["LINEAGE_COLUMNS", "ColumnMapping", "HeaderMatcher", "IngestResult", "ProviderMapping", "RawTable", "ingest_file",
           "load_provider_mapping", "map_columns", "read_table", "read_tables", "save_provider_mapping", "submission_id_for"]
