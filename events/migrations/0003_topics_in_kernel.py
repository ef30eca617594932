from django.db import migrations, models


class Migration(migrations.Migration):
    """Topics moved from the portal app to the kernel; the relation tables stay as they are."""

    dependencies = [
        ("events", "0002_initial"),
        ("kernel", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="events", to="kernel.topic"),
                ),
                migrations.AlterField(
                    model_name="session",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="sessions", to="kernel.topic"),
                ),
            ],
            database_operations=[],
        )
    ]
