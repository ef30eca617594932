from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kernel", "0001_initial"),
        # The topic relations of events, sessions and publications point at the kernel's Topic first.
        ("events", "0003_topics_in_kernel"),
        ("publications", "0005_topics_in_kernel"),
    ]

    operations = [
        migrations.AlterModelTable(name="topic", table=None),
        migrations.AlterModelTable(name="contentversion", table=None),
    ]
