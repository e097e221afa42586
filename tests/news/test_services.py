import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from revier.core.models import AuditEntry
from revier.news import services
from revier.news.models import Article
from tests.factories import ArticleFactory, StaffFactory, png_upload

pytestmark = pytest.mark.django_db


def test_article_save_renders_markdown_and_strips_scripts():
    article = ArticleFactory(
        body='## Zwischentitel\n\nText <script>alert("x")</script> und <a href="javascript:alert(1)" onclick="x()">Link</a>'
        "\n\n<img src=x onerror=alert(1)>"
    )
    assert "<h2>Zwischentitel</h2>" in article.body_html
    assert "<script" not in article.body_html
    assert "javascript:" not in article.body_html
    assert "onclick" not in article.body_html
    assert "onerror" not in article.body_html


def test_article_save_derives_unique_german_slug():
    first = ArticleFactory(title="Wärmewende in Großstädten", slug="")
    second = ArticleFactory(title="Wärmewende in Großstädten", slug="")
    assert first.slug == "waermewende-in-grossstaedten"
    assert second.slug == "waermewende-in-grossstaedten-2"


def test_article_save_stores_search_stems_of_inflected_words():
    article = ArticleFactory(title="Die Zukunft des Wasserstoffs", teaser="Unternehmen", body="Fachkräften")
    assert " wasserstoff " in article.search_stems
    assert " fachkraft " in article.search_stems


def test_article_save_writes_audit_entry_with_actor():
    staff = StaffFactory()
    article = ArticleFactory.build(title="Neu")
    services.article_save(article=article, actor=staff)
    entry = AuditEntry.objects.get(object_type="news.article", object_id=str(article.pk))
    assert entry.actor == staff
    assert entry.action == "article_created"


def test_article_save_rejects_image_without_alt_text():
    article = ArticleFactory.build(image=png_upload(), image_alt="")
    with pytest.raises(ValidationError):
        services.article_save(article=article)
    assert not Article.objects.exists()


def test_article_publish_sets_time_and_unpublish_returns_to_draft():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    services.article_publish(article=article)
    article.refresh_from_db()
    assert article.state == "published"
    assert article.published_at <= timezone.now()
    services.article_unpublish(article=article)
    article.refresh_from_db()
    assert article.state == "draft"


def test_article_publish_in_future_is_scheduled():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    at = timezone.now() + datetime.timedelta(days=2)
    services.article_publish(article=article, at=at)
    article.refresh_from_db()
    assert article.state == "scheduled"


def test_admin_form_explains_missing_alt_text_next_to_the_field(client):
    client.force_login(StaffFactory())
    response = client.post(
        "/verwaltung/news/article/add/",
        {
            "title": "Mit Bild",
            "slug": "",
            "teaser": "Anreißer",
            "body": "Text",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "image": png_upload(),
            "image_alt": "",
            "image_credit": "",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild in einem Alternativtext." in response.content.decode()
    assert not Article.objects.exists()


def test_admin_saves_article_through_the_service(client):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        "/verwaltung/news/article/add/",
        {
            "title": "Wärmewende in Zeitz",
            "slug": "",
            "teaser": "Anreißer",
            "body": "Text <script>x</script>",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-label": "Programm und Anmeldung",
            "links-0-url": "javascript:alert(1)",
            "links-0-position": "0",
        },
    )
    assert response.status_code == 200
    assert "https://" in response.content.decode()  # the link error explains what to enter
    response = client.post(
        "/verwaltung/news/article/add/",
        {
            "title": "Wärmewende in Zeitz",
            "slug": "",
            "teaser": "Anreißer",
            "body": "Text <script>x</script>",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-label": "Programm und Anmeldung",
            "links-0-url": "/veranstaltungen/",
            "links-0-position": "0",
        },
    )
    assert response.status_code == 302, (response.context["adminform"].form.errors, [f.formset.errors for f in response.context["inline_admin_formsets"]])
    article = Article.objects.get()
    assert article.slug == "waermewende-in-zeitz"
    assert article.state == "published"
    assert "<script" not in article.body_html
    assert article.links.get().url == "/veranstaltungen/"
    assert AuditEntry.objects.filter(object_id=str(article.pk), actor=staff).exists()
