"""Addresses of our own pages that do not depend on the request."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def _reversed(name: str, args: tuple, prefix: str, urlconf, language: str) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def fixed_reverse(name: str, *args) -> str:
    """reverse(name, args=args) for a page whose address is the same for every request (the
    privacy statement, "Link erneut senden"), worked out once per process: a refused registration
    in a rush links two of them (docs/performance.md). The script prefix and the URLconf in force
    are part of the key, and so is the language (reverse() adds /en/ in English)."""
    return _reversed(name, args, get_script_prefix(), get_urlconf(), get_language())
