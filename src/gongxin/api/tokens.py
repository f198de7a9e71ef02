"""The token format and its hash, shared by the services that issue and the auth that checks."""

from __future__ import annotations

import hashlib
import secrets

# "gx_" tells a reader (and secret scanners) what the string is; 32 random bytes are the secret.
TOKEN_PREFIX = "gx_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(raw: str) -> str:
    """SHA-256 suffices: the token is random and long, so there is nothing to brute-force."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
