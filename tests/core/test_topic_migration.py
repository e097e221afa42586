"""Topic moved from news to core (core/0004–0005, news/0007, events/0002): the migration keeps every
topic, the topic links of articles and events, the permissions the editors hold and the audit
history. Run from the state before the move, with real rows, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("core", "0003_outbox_sent_index"), ("news", "0006_articlelink_event"), ("events", "0001_initial")]
AFTER = [("core", "0005_topic_table"), ("news", "0007_topic_in_core"), ("events", "0002_topic_in_core")]
# Not migrated, only part of the models' state the test uses (content types, permissions, groups).
AUTH = [("contenttypes", "0002_remove_content_type_name"), ("auth", "0012_alter_user_first_name_max_length")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets + AUTH).apps


@pytest.mark.django_db(transaction=True)
def test_topic_move_to_core_keeps_topics_links_permissions_and_history():
    try:
        apps = _migrate(BEFORE)
        Topic = apps.get_model("news", "Topic")
        Article = apps.get_model("news", "Article")
        Event = apps.get_model("events", "Event")
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        Group = apps.get_model("auth", "Group")
        AuditEntry = apps.get_model("core", "AuditEntry")

        hydrogen = Topic.objects.create(name="Wasserstoff-Test", slug="wasserstoff-test", position=5)
        heat = Topic.objects.create(name="Wärmewende-Test", slug="waermewende-test", position=7)
        article = Article.objects.create(title="Elektrolyse in Leuna", slug="elektrolyse", teaser="t", body="b")
        article.topics.set([hydrogen, heat])
        starts = timezone.now() + datetime.timedelta(days=3)
        event = Event.objects.create(
            title="Fachtag", slug="fachtag", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        event.topics.set([heat])
        ContentType.objects.filter(app_label__in=["news", "core"], model="topic").delete()
        topic_type = ContentType.objects.create(app_label="news", model="topic")
        change_topic = Permission.objects.create(content_type=topic_type, codename="change_topic", name="Can change topic")
        editors = Group.objects.create(name="Redaktion-Test")
        editors.permissions.add(change_topic)
        AuditEntry.objects.create(action="changed", object_type="news.topic", object_id=str(hydrogen.pk))
        topic_count = Topic.objects.count()

        apps = _migrate(AFTER)
        Topic = apps.get_model("core", "Topic")
        Article = apps.get_model("news", "Article")
        Event = apps.get_model("events", "Event")
        Group = apps.get_model("auth", "Group")
        AuditEntry = apps.get_model("core", "AuditEntry")

        assert Topic.objects.count() == topic_count
        moved = Topic.objects.get(pk=hydrogen.pk)
        assert (moved.name, moved.slug, moved.position) == ("Wasserstoff-Test", "wasserstoff-test", 5)
        assert set(Article.objects.get(pk=article.pk).topics.values_list("slug", flat=True)) == {
            "wasserstoff-test",
            "waermewende-test",
        }
        assert list(Event.objects.get(pk=event.pk).topics.values_list("slug", flat=True)) == ["waermewende-test"]
        assert list(Topic.objects.get(pk=heat.pk).articles.values_list("pk", flat=True)) == [article.pk]
        permission = Group.objects.get(name="Redaktion-Test").permissions.get()
        assert (permission.content_type.app_label, permission.content_type.model, permission.codename) == (
            "core",
            "topic",
            "change_topic",
        )
        assert AuditEntry.objects.filter(object_type="core.topic", object_id=str(hydrogen.pk)).exists()
        assert not AuditEntry.objects.filter(object_type="news.topic").exists()
        assert "core_topic" in connection.introspection.table_names()
        assert "news_topic" not in connection.introspection.table_names()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
