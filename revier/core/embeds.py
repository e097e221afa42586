"""Embeds: a paragraph of its own `[name:argument]` in a Markdown text (a news article's body) that
another app renders, without the text's app knowing that app.

An article may show a Monitor chart, but news may not import monitor (docs/architecture.md, "Parts
and boundaries"). So monitor registers a renderer for "monitor" in MonitorConfig.ready, and news
passes its rendered body through `render_embeds` when it shows the article. A line whose name has no
renderer, or whose renderer finds nothing (returns None), stays as it was written: an editor sees the
mistake in the preview.
"""

import re
from collections.abc import Callable

# Markdown renders such a line as a paragraph of its own; the argument is a path of short names.
EMBED_LINE = re.compile(r"<p>\[([a-z][a-z0-9-]{0,30}):([A-Za-z0-9_./-]{1,200})\]</p>")

Renderer = Callable[[str], str | None]
_renderers: dict[str, Renderer] = {}


def register_embed(name: str, render: Renderer) -> None:
    """`render(argument)` returns the HTML for `[name:argument]` (escaped by the renderer), or None."""
    _renderers[name] = render


def render_embeds(html: str) -> str:
    """`html` with every embed line replaced by what its renderer returns."""
    if "<p>[" not in html:
        return html

    def replace(match: re.Match) -> str:
        render = _renderers.get(match.group(1))
        if render is None:
            return match.group(0)
        rendered = render(match.group(2))
        return match.group(0) if rendered is None else rendered

    return EMBED_LINE.sub(replace, html)
