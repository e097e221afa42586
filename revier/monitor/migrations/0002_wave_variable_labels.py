from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monitor', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='wave',
            name='variable_labels',
            field=models.JSONField(blank=True, default=dict, help_text="From the codebook: each variable's label and the labels of its codes.", verbose_name='labels of the group variables'),
        ),
    ]
