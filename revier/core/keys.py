"""Secrets kept in the database under keys derived from SECRET_KEY: keyed hashes of codes that are
only ever compared (recovery codes), and encryption of secrets that must be read back (the TOTP
secret of an authenticator app). A different key per purpose, each derived with Django's
salted_hmac; what was made under a key of SECRET_KEY_FALLBACKS is still recognised and read, so
that rotating SECRET_KEY locks nobody out (docs/security.md, "Tokens and secrets in the database").

The encryption is AES-256-GCM from the `cryptography` package (no cipher of our own): a random
96-bit nonce per value, the purpose as associated data, so a value of one purpose does not decrypt
as another's. Functions only, no models: the data migrations use them too."""

import base64
import os
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ENCRYPTED_PREFIX = "enc1:"
_NONCE_BYTES = 12


class Undecryptable(ValueError):
    """A stored value that no key (SECRET_KEY or a fallback) decrypts."""


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def keyed_hash(purpose: str, value: str, *, secret: str | None = None) -> str:
    """The HMAC-SHA256 (hex) of `value` under the key of `purpose` derived from `secret`
    (SECRET_KEY by default): what is stored instead of the value."""
    return salted_hmac(f"revier.core.keys.hash.{purpose}", value, secret=secret, algorithm="sha256").hexdigest()


def keyed_hash_match(purpose: str, value: str, stored: Iterable[tuple[object, str]]):
    """The id of the first pair (id, hash) of `stored` whose hash is `value`'s under SECRET_KEY or
    one of SECRET_KEY_FALLBACKS, or None. Every pair is compared with every key's hash in constant
    time, with no early end, so that the time says nothing about which (if any) matched."""
    candidates = [keyed_hash(purpose, value, secret=secret) for secret in _secrets()]
    found = None
    for ident, hashed in stored:
        for candidate in candidates:
            if constant_time_compare(hashed, candidate) and found is None:
                found = ident
    return found


def _encryption_key(purpose: str, secret: str) -> bytes:
    return salted_hmac(f"revier.core.keys.encrypt.{purpose}", "aes-256-gcm", secret=secret, algorithm="sha256").digest()


def is_encrypted(text: str) -> bool:
    return str(text or "").startswith(ENCRYPTED_PREFIX)


def encrypt(purpose: str, data: bytes) -> str:
    """`data` encrypted under the key of `purpose` derived from SECRET_KEY, as ASCII text:
    "enc1:" and the nonce, ciphertext and tag in URL-safe base64 (no padding)."""
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_encryption_key(purpose, settings.SECRET_KEY)).encrypt(nonce, data, purpose.encode())
    return ENCRYPTED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")


def decrypt(purpose: str, text: str) -> tuple[bytes, bool]:
    """The data of `text` (made by encrypt() for `purpose`) and whether it was encrypted under the
    current SECRET_KEY (False: under a fallback; encrypt it again). Raises Undecryptable when the
    text is not ours or no key opens it."""
    if not is_encrypted(text):
        raise Undecryptable("not an encrypted value")
    body = text[len(ENCRYPTED_PREFIX):]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise Undecryptable("not base64") from error
    nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
    for index, secret in enumerate(_secrets()):
        try:
            return AESGCM(_encryption_key(purpose, secret)).decrypt(nonce, sealed, purpose.encode()), index == 0
        except (InvalidTag, ValueError):
            continue
    raise Undecryptable("no key of SECRET_KEY or SECRET_KEY_FALLBACKS opens it")
