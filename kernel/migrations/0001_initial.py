"""The kernel takes over Topic and ContentVersion from the `portal` app, keeping their rows.

The tables exist already (made by portal's migrations), so the models are only added to the kernel's state
here; their content types move with them so that staff permissions on topics still hold. 0002 renames the
tables, portal's 0005 drops the models from portal's state. StatusChange is new.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["topic", "contentversion"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="kernel", model=model).exists():
            ContentType.objects.filter(app_label="portal", model=model).update(app_label="kernel")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="kernel", model__in=MOVED).update(app_label="portal")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("portal", "0004_content_version"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(max_length=200, unique=True)),
                        (
                            "kind",
                            models.CharField(
                                choices=[("theme", "Theme"), ("policy_instrument", "Policy instrument")],
                                default="theme",
                                max_length=32,
                            ),
                        ),
                        ("identifier", models.CharField(blank=True, max_length=100)),
                        ("description", models.TextField(blank=True)),
                    ],
                    options={"ordering": ["name"], "db_table": "portal_topic"},
                ),
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("version", models.BigIntegerField(default=0)),
                    ],
                    options={"db_table": "portal_contentversion"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.CreateModel(
            name="StatusChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(max_length=64)),
                ("transition", models.CharField(max_length=64)),
                ("from_state", models.CharField(blank=True, max_length=32)),
                ("to_state", models.CharField(max_length=32)),
                ("actor", models.CharField(blank=True, max_length=255)),
                ("reason", models.TextField(blank=True)),
                ("changed_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
            ],
            options={
                "verbose_name": "status change",
                "ordering": ["changed_at", "pk"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="statuschange_subject")],
            },
        ),
    ]
