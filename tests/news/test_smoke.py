import pytest

from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_article_list_shows_published_article(client):
    article = ArticleFactory(title="Wasserstoff im Revier")
    response = client.get("/aktuelles/")
    assert response.status_code == 200
    assert article.title in response.content.decode()
