"""Affected communities and organised labour start with non-public profiles (a data change, not code)."""

from django.db import migrations


def mark_private(apps, schema_editor):
    apps.get_model("members", "House").objects.filter(
        slug__in=["affected-communities", "organised-labour"]
    ).update(private_profiles_by_default=True)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_accounts_and_privacy")]
    operations = [migrations.RunPython(mark_private, migrations.RunPython.noop)]
