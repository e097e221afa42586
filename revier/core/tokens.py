"""Secret links and codes. A personal link's token is shown once (in a mail) and stored only as its
SHA-256 hash; looking it up hashes what arrives. Ticket codes are random and readable aloud."""

import hashlib
import secrets

# Crockford's base32 without I, L, O, U: nothing to confuse when a code is typed at the entrance.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_token() -> tuple[str, str]:
    """A new personal-link token (256 random bits) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8", "replace")).hexdigest()


def new_code(groups: int = 5, size: int = 4) -> str:
    """A random code like 7K3M-Q9XD-…: five groups of four characters carry 100 random bits."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(groups * size))
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def normalize_code(raw: str) -> str:
    """What a person types or a scanner reads, in the stored form: upper case, confusable letters
    mapped, grouped with hyphens."""
    cleaned = (raw or "").upper().replace("O", "0").replace("I", "1").replace("L", "1")
    chars = "".join(c for c in cleaned if c in _CODE_ALPHABET)
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))
