"""The partners app takes over API tokens, the write log and idempotency records from `members`.

The tables exist already, so the models are only added to this app's state; their content types move with
them so that staff permissions still hold. 0002 renames the tables; members' 0007 drops the models from its
state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["partnertoken", "apiwritelog", "idempotencyrecord"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="partners", model=model).exists():
            ContentType.objects.filter(app_label="members", model=model).update(app_label="partners")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="partners", model__in=MOVED).update(app_label="members")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("members", "0006_upload_limits"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("owner", models.CharField(help_text="token:<id> or user:<id>", max_length=64)),
                        ("key", models.CharField(max_length=255)),
                        ("fingerprint", models.CharField(max_length=64)),
                        ("status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("response_body", models.JSONField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "db_table": "members_idempotencyrecord",
                        "constraints": [
                            models.UniqueConstraint(fields=("owner", "key"), name="idempotency_key_once_per_owner")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PartnerToken",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100)),
                        ("prefix", models.CharField(editable=False, max_length=16, unique=True)),
                        ("secret_hash", models.CharField(editable=False, max_length=64)),
                        ("scopes", models.JSONField(default=list)),
                        ("expires_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked", models.BooleanField(default=False)),
                        ("last_used_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to="members.organization",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "members_partnertoken",
                        "verbose_name": "partner API token",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="ApiWriteLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("action", models.CharField(max_length=64)),
                        ("object_type", models.CharField(max_length=64)),
                        ("object_id", models.CharField(max_length=64)),
                        ("changes", models.JSONField(default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        (
                            "organization",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_writes",
                                to="members.organization",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "token",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="writes",
                                to="partners.partnertoken",
                            ),
                        ),
                    ],
                    options={"db_table": "members_apiwritelog", "ordering": ["-created_at", "-pk"]},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
