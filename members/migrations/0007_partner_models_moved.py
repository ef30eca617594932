from django.db import migrations


class Migration(migrations.Migration):
    """API tokens, the write log and idempotency records now belong to the partners app (its 0001)."""

    dependencies = [
        ("members", "0006_upload_limits"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ApiWriteLog"),
                migrations.DeleteModel(name="IdempotencyRecord"),
                migrations.DeleteModel(name="PartnerToken"),
            ],
            database_operations=[],
        )
    ]
