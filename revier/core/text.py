"""Text helpers every app shares: Markdown rendered safely, plain text, German word stems."""

import re
from functools import lru_cache

import markdown
import nh3
import snowballstemmer

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
WORD = re.compile(r"\w+", re.UNICODE)


def render_markdown(source: str) -> str:
    """Markdown to HTML that is safe to show: only the tags above survive, scripts and event
    handlers are removed, links get rel="noopener noreferrer"."""
    html = markdown.markdown(source or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html or "", tags=set())).strip()


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def german_stems(text: str) -> list[str]:
    """The German Snowball stems of the words in a text, in order, lower-cased."""
    words = [w.lower() for w in WORD.findall(text or "")]
    # The pure-Python stemmer is slow and texts repeat their words: stem each distinct word once.
    distinct = list(dict.fromkeys(words))
    stems = dict(zip(distinct, _stemmer().stemWords(distinct)))
    return [stems[w] for w in words]


def stem_document(text: str) -> str:
    """The distinct stems of a text, each framed by spaces, for a `contains " stem"` lookup."""
    stems = dict.fromkeys(german_stems(text))
    return " " + " ".join(stems) + " " if stems else ""
