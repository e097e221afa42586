from django.conf import settings
from django.templatetags.static import static

from revier.news.models import Article


def article_json_ld(*, request, article: Article, topics: tuple, url: str) -> dict:
    """schema.org NewsArticle for search engines; `url`: the article's absolute address."""
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static("core/favicon.svg"))},
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.teaser,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "de-DE",
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "author": {"@type": "Organization", "name": settings.SITE_NAME},
        "publisher": publisher,
        "keywords": [topic.name for topic in topics],
    }
    if article.image:
        data["image"] = [request.build_absolute_uri(article.image.url)]
    return {key: value for key, value in data.items() if value not in (None, [], "")}
