# Topic moves from news to core: the articles' topic links point at core.Topic and news gives up
# the model (state only; the table is renamed by core/0004, the link rows stay).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_topic'),
        ('events', '0002_topic_in_core'),
        ('news', '0006_articlelink_event'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='topics',
                    field=models.ManyToManyField(blank=True, related_name='articles', to='core.topic', verbose_name='topics'),
                ),
                migrations.DeleteModel(name='Topic'),
            ],
            database_operations=[],
        ),
    ]
