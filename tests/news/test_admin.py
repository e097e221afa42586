import pytest
from django.urls import reverse

from revier.core.models import AuditEntry
from revier.news.models import Article
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_article_admin_delete_and_delete_selected_go_through_the_service_with_an_audit_entry(client):
    staff = StaffFactory()
    client.force_login(staff)
    one, two, three = ArticleFactory(), ArticleFactory(), ArticleFactory()
    assert client.post(reverse("admin:news_article_delete", args=[one.pk]), {"post": "yes"}).status_code == 302
    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.exists()
    deleted = AuditEntry.objects.filter(action="article_deleted", actor=staff, object_type="news.article")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(a.pk) for a in (one, two, three))
