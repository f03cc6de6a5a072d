"""Pseudonymise stage: keyed pseudonyms for people, one domain per purpose."""
from deid.pseudonymise.keys import DEMO_KEY_LABEL, PseudonymKey, demo_key, derive_purpose_key, load_key, make_key
from deid.pseudonymise.pseudonymise import PseudonymiseResult, hmac_pseudonyms, pseudonymise_records, purpose_pseudonyms

__all__ = ["DEMO_KEY_LABEL", "PseudonymKey", "PseudonymiseResult", "demo_key", "derive_purpose_key", "hmac_pseudonyms",
           "load_key", "make_key", "pseudonymise_records", "purpose_pseudonyms"]
