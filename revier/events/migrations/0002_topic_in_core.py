# Topic moves from news to core: the events' topic links point at core.Topic (state only; the link
# table and its rows stay as they are).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_topic'),
        ('events', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='topics',
                    field=models.ManyToManyField(blank=True, related_name='events', to='core.topic', verbose_name='topics'),
                ),
            ],
            database_operations=[],
        ),
    ]
