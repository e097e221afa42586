# Topic moves from news to core, last step: the table is renamed news_topic → core_topic (the link
# tables' foreign keys follow the rename on PostgreSQL and SQLite), and the content type, with the
# permissions the editors' groups hold and the admin's history, and the audit entries change their
# app label from news to core.

from django.contrib.contenttypes.models import ContentType as CurrentContentType
from django.db import migrations


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    AuditEntry = apps.get_model('core', 'AuditEntry')
    old = ContentType.objects.filter(app_label=source, model='topic').first()
    if old is not None:
        # A content type made for the target in between (migrate stopped halfway, post_migrate ran)
        # has no history yet; the moved one keeps the permissions granted so far.
        ContentType.objects.filter(app_label=target, model='topic').delete()
        old.app_label = target
        old.save(update_fields=['app_label'])
    AuditEntry.objects.filter(object_type=f'{source}.topic').update(object_type=f'{target}.topic')
    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, 'news', 'core')


def backwards(apps, schema_editor):
    _move(apps, 'core', 'news')


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0004_topic'),
        ('events', '0002_topic_in_core'),
        ('news', '0007_topic_in_core'),
    ]

    operations = [
        migrations.AlterModelTable(name='topic', table=None),
        migrations.RunPython(forwards, backwards),
    ]
