# The links were copied to their own table in 0003_personal_links: a separate migration, so that PostgreSQL has
# checked the new rows' foreign keys (deferred to the end of a transaction) before this alters the table.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('contingents', '0003_personal_links'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='claim',
            name='token_hash',
        ),
    ]
