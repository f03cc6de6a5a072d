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
from deid.pseudonymise.rotation import RotationResult, check_linkage_key, rotate_linkage_key

__all__ = ["DEMO_KEY_LABEL", "LINKAGE_DOMAIN", "PseudonymKey", "PseudonymiseResult", "RotationResult", "check_linkage_key",
           "demo_key", "derive_purpose_key", "hmac_pseudonyms", "load_key", "make_key", "pseudonymise_records",
           "purpose_prefix", "purpose_pseudonyms", "rotate_linkage_key"]
