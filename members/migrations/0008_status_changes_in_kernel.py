"""Membership status changes join every other lifecycle's in kernel.StatusChange; the old table goes.

Also: a new application is no longer listed publicly until staff decide (the default of publicly_listed).
"""

from django.db import migrations, models


def copy_changes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Old = apps.get_model("members", "MembershipStatusChange")
    StatusChange = apps.get_model("kernel", "StatusChange")
    content_type, _ = ContentType.objects.get_or_create(app_label="members", model="membership")
    names = {"": "create", "pending": "request_information", "rejected": "reject", "suspended": "suspend",
             "lapsed": "lapse", "withdrawn": "withdraw"}
    for old in Old.objects.select_related("changed_by").order_by("changed_at", "pk"):
        transition = "create" if not old.from_status else names.get(old.to_status, "")
        if not transition:  # to active: approved from an application, reinstated or renewed otherwise
            transition = "approve" if old.from_status in ("applied", "pending") else (
                "reinstate" if old.from_status == "suspended" else "renew")
        change = StatusChange.objects.create(
            content_type=content_type,
            object_id=str(old.membership_id),
            transition=transition,
            from_state=old.from_status,
            to_state=old.to_status,
            changed_by=old.changed_by,
            actor=old.changed_by.username if old.changed_by else "system",
            reason=old.reason,
        )
        # auto_now_add set the time of copying: keep the original.
        StatusChange.objects.filter(pk=change.pk).update(changed_at=old.changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_partner_models_moved"),
        ("kernel", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_changes, migrations.RunPython.noop),
        migrations.DeleteModel(name="MembershipStatusChange"),
        migrations.AlterField(
            model_name="membership",
            name="publicly_listed",
            field=models.BooleanField(
                default=False, help_text="Shown in the public member directory. Members always see every member."
            ),
        ),
    ]
