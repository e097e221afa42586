"""What page tests of several apps read from a page: its HTML and its schema.org data block."""

import json
import re


def html_of(client, url, **params) -> str:
    """The page at `url` (GET with `params`), which must answer 200, as text."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def json_ld_of(html: str) -> dict:
    """The page's JSON-LD block (core.structured_data.json_ld), read back."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))
