"""Every token has an expiry; tokens can be rotated (the old one points to its successor) and limited to named
events."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_invented_facts_and_address"),
        ("partners", "0004_tokens_without_expiry_get_one"),
    ]

    operations = [
        migrations.AlterField(
            model_name="partnertoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
        migrations.AddField(
            model_name="partnertoken",
            name="events",
            field=models.ManyToManyField(
                blank=True,
                help_text="Leave empty for every event; otherwise it writes sessions and registrations of these only.",
                related_name="+",
                to="events.event",
            ),
        ),
        migrations.AddField(
            model_name="partnertoken",
            name="rotated_to",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The token issued to replace this one; this one works until its expiry.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="rotated_from",
                to="partners.partnertoken",
            ),
        ),
        migrations.AlterField(
            model_name="partnertoken",
            name="last_used_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
