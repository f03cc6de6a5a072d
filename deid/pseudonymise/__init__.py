"""Pseudonymise stage: keyed pseudonyms for people, one domain per purpose, and key rotation."""
from deid.pseudonymise.keys import DEMO_KEY_LABEL, PseudonymKey, demo_key, derive_purpose_key, load_key, make_key
from deid.pseudonymise.pseudonymise import (
    LINKAGE_DOMAIN,
    PseudonymiseResult,
    hmac_pseudonyms,
    pseudonymise_records,
    purpose_prefix,
    purpose_pseudonyms,
)
from deid.pseudonymise.rotation import (
    RotationResult,
    check_linkage_key,
    forget_history,
    history_rows,
    linkage_history,
    purpose_history,
    rotate_linkage_key,
)

__all__ = ["DEMO_KEY_LABEL", "LINKAGE_DOMAIN", "PseudonymKey", "PseudonymiseResult", "RotationResult", "check_linkage_key",
           "demo_key", "derive_purpose_key", "forget_history", "history_rows", "hmac_pseudonyms", "linkage_history", "load_key",
           "make_key", "pseudonymise_records", "purpose_history", "purpose_prefix", "purpose_pseudonyms", "rotate_linkage_key"]
