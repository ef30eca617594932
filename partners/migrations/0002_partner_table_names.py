from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("members", "0007_partner_models_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="partnertoken", table=None),
        migrations.AlterModelTable(name="apiwritelog", table=None),
        migrations.AlterModelTable(name="idempotencyrecord", table=None),
    ]
