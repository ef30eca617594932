from django.db import migrations


class Migration(migrations.Migration):
    """Topic and ContentVersion now belong to the kernel (kernel/migrations/0001); their rows stay."""

    dependencies = [
        ("portal", "0004_content_version"),
        ("kernel", "0002_kernel_table_names"),
        ("events", "0003_topics_in_kernel"),
        ("publications", "0005_topics_in_kernel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Topic"), migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        )
    ]
