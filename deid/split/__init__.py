"""Split stage: purpose-separated extracts (service delivery, evaluation) under the agreement."""
from deid.split.split import PurposeExtractResult, consent_filter, export_fields, split_by_purpose

__all__ = ["PurposeExtractResult", "consent_filter", "export_fields", "split_by_purpose"]
