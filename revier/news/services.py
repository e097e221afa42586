from django.db import transaction
from django.utils import timezone

from revier.core.cache import content_changed
from revier.core.services import audit_log, audited_delete
from revier.core.text import plain_text, render_markdown, stem_document, unique_slug
from revier.news.models import Article


def article_prepare(article: Article) -> Article:
    """Fills the derived fields (slug if empty, rendered HTML, search text and stems) without saving."""
    if not article.slug:
        article.slug = unique_slug(model=Article, title=article.title, pk=article.pk, fallback="artikel")
    article.body_html = render_markdown(article.body)
    article.body_en_html = render_markdown(article.body_en) if article.body_en.strip() else ""
    # The English version too, so that a reader of /en/ finds an article by its English words.
    article.search_text = " ".join(part for part in [
        article.title, article.teaser, plain_text(article.body_html),
        article.title_en, article.teaser_en, plain_text(article.body_en_html),
    ] if part)
    article.search_stems = stem_document(article.search_text)
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    return article


@transaction.atomic
def article_save(*, article: Article, actor=None) -> Article:
    """Saves an article with its derived fields and records the change in the audit log.
    The body is stored rendered and sanitised: no script from the Markdown reaches a page."""
    created = article.pk is None
    article_prepare(article)
    article.full_clean(exclude=["topics"])
    article.save()
    audit_log(
        actor=actor,
        action="article_created" if created else "article_changed",
        obj=article,
        data={"status": article.status, "published_at": article.published_at.isoformat() if article.published_at else None},
    )
    content_changed()
    return article


@transaction.atomic
def article_publish(*, article: Article, at=None, actor=None) -> Article:
    """Publishes now, or schedules for `at` when it lies in the future."""
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    return article_save(article=article, actor=actor)


@transaction.atomic
def article_unpublish(*, article: Article, actor=None) -> Article:
    article.status = Article.Status.DRAFT
    return article_save(article=article, actor=actor)


@transaction.atomic
def article_delete(*, article: Article, actor=None) -> None:
    """Deletes an article with an audit entry in one transaction; cached pages no longer show it."""
    audited_delete(obj=article, actor=actor, action="article_deleted")
    content_changed()
