import functools
from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language

from revier.core.text import shown_field
from revier.news.models import Article


@functools.lru_cache(maxsize=16)
def _publisher(origin: str, static_url: str, site_name: str) -> dict:
    # The same for every article of a host: looked up once (static() reads the manifest). Read only.
    return {
        "@type": "Organization",
        "name": site_name,
        "url": origin + "/",
        "logo": {"@type": "ImageObject", "url": urljoin(origin + "/", static("core/favicon.svg"))},
    }


def article_json_ld(*, request, article: Article, topics: tuple, url: str) -> dict:
    """schema.org NewsArticle for search engines; `url`: the article's absolute address."""
    origin = f"{request.scheme}://{request.get_host()}"
    publisher = _publisher(origin, settings.STATIC_URL, settings.SITE_NAME)
    # On /en/ the English title and teaser where editors gave them (core.text.shown_field).
    headline, headline_lang = shown_field(article, "title")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline[:110],
        "description": shown_field(article, "teaser")[0],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "de-DE" if headline_lang or get_language() == settings.LANGUAGE_CODE else get_language(),
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "author": {"@type": "Organization", "name": settings.SITE_NAME},
        "publisher": publisher,
        "keywords": [topic.name for topic in topics],
    }
    if article.image:
        data["image"] = [request.build_absolute_uri(article.image.url)]
    return {key: value for key, value in data.items() if value not in (None, [], "")}
