"""Every token expires: tokens issued without an expiry get one 365 days from this migration."""

import datetime

from django.db import migrations
from django.utils import timezone


def give_every_token_an_expiry(apps, schema_editor):
    PartnerToken = apps.get_model("partners", "PartnerToken")
    PartnerToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + datetime.timedelta(days=365)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_webhooks"),
    ]

    operations = [
        migrations.RunPython(give_every_token_an_expiry, migrations.RunPython.noop),
    ]
