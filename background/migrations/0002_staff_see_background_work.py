"""The staff teams see task results (failed emails and why) and schedules; changing them stays with admins."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TEAMS = ["Events team", "Membership team", "Editors"]
VIEW = [("django_tasks_database", "view_dbtaskresult"), ("background", "view_schedule")]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename) for app_label, codename in VIEW
    ]
    for group in Group.objects.filter(name__in=TEAMS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(codename__in=[codename for _app, codename in VIEW])
    for group in Group.objects.filter(name__in=TEAMS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("background", "0001_schedules"),
        ("portal", "0002_staff_groups"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
