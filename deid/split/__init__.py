"""Split stage: purpose-separated extracts (service delivery, evaluation) under the agreement."""
from deid.split.split import (
    PurposeExtractResult,
    consent_filter,
    export_fields,
    maori_identity_withheld,
    split_by_purpose,
    withhold_maori_identity,
)

__all__ = ["PurposeExtractResult", "consent_filter", "export_fields", "maori_identity_withheld", "split_by_purpose",
           "withhold_maori_identity"]
