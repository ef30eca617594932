"""Staff groups with the permissions each team needs in the back office."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Events team": {
        "events": ["event", "eventorganization", "eventseries", "session", "sessionorganization",
                   "participation", "registration"],
        "members": ["person", "affiliation"],
        "portal": ["topic"],
        "_view": {"members": ["organization"]},
    },
    "Membership team": {
        "members": ["organization", "membership", "membershipstatuschange", "person", "affiliation", "house"],
        "_view": {"events": ["registration"]},
    },
    "Editors": {
        "publications": ["publication", "publicationorganization", "publicationperson"],
        "portal": ["topic"],
        "_view": {"members": ["organization", "person"], "events": ["event", "session"]},
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = []
        for app_label, models in spec.items():
            if app_label == "_view":
                continue
            for model in models:
                codenames += [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]
        for app_label, models in spec.get("_view", {}).items():
            codenames += [(app_label, f"view_{model}") for model in models]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("members", "0002_stakeholder_houses"),
        ("events", "0002_initial"),
        ("publications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
