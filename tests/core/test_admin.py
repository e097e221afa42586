import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from revier.core.models import AuditEntry, Topic
from tests.factories import StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topic_admin_editor_with_topic_permissions_adds_and_reorders_topics(client):
    """The editors keep their workflow after the move of Topic to core: the same permissions (now
    core.*_topic), the list with editable positions, an audit entry per change."""
    editor = StaffFactory(is_superuser=False)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="core", codename__endswith="_topic"))
    client.force_login(editor)
    response = client.post(reverse("admin:core_topic_add"), {"name": "Kreislaufwirtschaft", "slug": "kreislauf", "position": 30})
    assert response.status_code == 302
    topic = Topic.objects.get(slug="kreislauf")
    assert AuditEntry.objects.filter(object_type="core.topic", object_id=str(topic.pk), action="created", actor=editor).exists()
    other = TopicFactory(name="Wasserstoff", slug="wasserstoff", position=10)
    assert client.get(reverse("admin:core_topic_changelist")).status_code == 200
    assert client.get(reverse("admin:news_article_add")).status_code == 403  # only topics were granted
    response = client.post(
        reverse("admin:core_topic_change", args=[other.pk]), {"name": "Wasserstoff", "slug": "wasserstoff", "position": 40}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.position == 40


def test_topic_admin_delete_selected_writes_an_audit_entry_per_topic(client):
    staff = StaffFactory()
    client.force_login(staff)
    topics = [TopicFactory(name="Alt 1", slug="alt-1"), TopicFactory(name="Alt 2", slug="alt-2")]
    response = client.post(
        reverse("admin:core_topic_changelist"),
        {"action": "delete_selected", "_selected_action": [t.pk for t in topics], "post": "yes"},
    )
    assert response.status_code == 302 and not Topic.objects.filter(slug__startswith="alt-").exists()
    deleted = AuditEntry.objects.filter(action="deleted", object_type="core.topic", actor=staff)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(t.pk) for t in topics)
