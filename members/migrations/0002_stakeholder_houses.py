"""The six stakeholder houses, as data so staff can adjust seats, votes and dues in the admin."""

from django.db import migrations

from members.houses import DEFAULT_HOUSES as HOUSES


def create_houses(apps, schema_editor):
    House = apps.get_model("members", "House")
    for order, (slug, name, seats, votes, dues, *_rest) in enumerate(HOUSES, start=1):
        House.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "board_seats": seats, "votes": votes, "dues_apply": dues, "order": order},
        )


def remove_houses(apps, schema_editor):
    apps.get_model("members", "House").objects.filter(slug__in=[h[0] for h in HOUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(create_houses, remove_houses)]
