"""The pseudonymisation key: loaded from the environment or a key file, never shown.

A run derives one key per purpose (`derive_purpose_key`), so pseudonyms in an
evaluation extract and a service-delivery extract cannot be joined outside the
secure zone. The demo key is public and is only for the committed samples.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deid.errors import KeyMaterialError

KEY_ENV = "DEID_PSEUDONYM_KEY"
KEY_FILE_ENV = "DEID_PSEUDONYM_KEY_FILE"
MIN_KEY_BYTES = 32
DEMO_KEY_LABEL = "DEMO KEY: public, for the synthetic samples only; never use for real data"
_DEMO_KEY = hashlib.sha256(b"deid public demo key - not secret - synthetic samples only").digest()


@dataclass(frozen=True)
class PseudonymKey:
    """Secret key bytes with a repr that never shows them."""

    secret: bytes = field(repr=False)
    is_demo: bool = False
    fingerprint: str = ""  # first 8 hex of SHA-256(HMAC(key, "fingerprint")): identifies a key without revealing it

    def __str__(self) -> str:
        return f"PseudonymKey(fingerprint={self.fingerprint}, demo={self.is_demo})"

    __repr__ = __str__


def _fingerprint(secret: bytes) -> str:
    return hmac.new(secret, b"deid/fingerprint", hashlib.sha256).hexdigest()[:8]


def make_key(secret: bytes, *, is_demo: bool = False) -> PseudonymKey:
    if len(secret) < MIN_KEY_BYTES:
        raise KeyMaterialError(f"the pseudonymisation key is {len(secret)} bytes; at least {MIN_KEY_BYTES} are required")
    return PseudonymKey(secret, is_demo, _fingerprint(secret))


def decode_key_text(text: str, where: str) -> bytes:
    """Key text as hex (64+ characters) or base64; `where` names the source in errors."""
    text = text.strip()
    try:
        if len(text) >= 2 * MIN_KEY_BYTES and all(c in "0123456789abcdefABCDEF" for c in text):
            return bytes.fromhex(text)
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise KeyMaterialError(f"{where}: the key is neither hex nor base64") from None


def demo_key() -> PseudonymKey:
    return make_key(_DEMO_KEY, is_demo=True)


def load_key(environ: Mapping[str, str] | None = None) -> PseudonymKey:
    """Load the key from $DEID_PSEUDONYM_KEY or the file named by $DEID_PSEUDONYM_KEY_FILE.

    Raises:
        KeyMaterialError: no key is configured, or it is unreadable or too short.
    """
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV):
        return make_key(decode_key_text(env[KEY_ENV], f"${KEY_ENV}"))
    if env.get(KEY_FILE_ENV):
        path = Path(env[KEY_FILE_ENV])
        if not path.is_file():
            raise KeyMaterialError(f"${KEY_FILE_ENV} names {path}, which is not a file")
        return make_key(decode_key_text(path.read_text(encoding="ascii", errors="replace"), str(path)))
    raise KeyMaterialError(
        f"no pseudonymisation key: set ${KEY_ENV} (64 hex characters or base64 of 32+ bytes) or ${KEY_FILE_ENV} "
        "to a key file outside the repository; `deid keygen` makes one. For the synthetic samples only, use --demo-key."
    )


def derive_purpose_key(master: PseudonymKey, purpose: str) -> PseudonymKey:
    """A separate key per purpose (pseudonym domain), derived so one master key serves all."""
    secret = hmac.new(master.secret, f"deid/purpose/{purpose}".encode(), hashlib.sha256).digest()
    return PseudonymKey(secret, master.is_demo, _fingerprint(secret))
