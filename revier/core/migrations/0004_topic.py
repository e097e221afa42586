# Topic moves from news to core (the portal's shared taxonomy). Step 1 of 3: core takes over the
# model in Django's state only; the table stays news_topic until core/0005 renames it, so no row and
# no link of an article or event is copied or lost.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_outbox_sent_index'),
        ('news', '0006_articlelink_event'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Topic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=80, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='short name in addresses')),
                        ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                    ],
                    options={
                        'verbose_name': 'topic',
                        'verbose_name_plural': 'topics',
                        'ordering': ['position', 'name'],
                        'db_table': 'news_topic',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
