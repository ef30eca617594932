from django.db import migrations, models


class Migration(migrations.Migration):
    """Topics moved from the portal app to the kernel; the relation table stays as it is."""

    dependencies = [
        ("publications", "0004_private_files"),
        ("kernel", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="publication",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="publications", to="kernel.topic"),
                ),
            ],
            database_operations=[],
        )
    ]
