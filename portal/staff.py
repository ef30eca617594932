"""The staff groups of the back office and what each may do: one table, applied by migrations and tests."""

GROUPS = {
    "Events team": {
        "events": [
            "event",
            "eventorganization",
            "eventseries",
            "session",
            "sessionorganization",
            "participation",
            "registration",
        ],
        "members": ["person", "affiliation"],
        "kernel": ["topic"],
        "_view": {
            "members": ["organization"],
            "kernel": ["statuschange"],
            "partners": ["apiwritelog"],
            "django_tasks_database": ["dbtaskresult"],
            "background": ["schedule"],
        },
    },
    "Membership team": {
        "members": ["organization", "membership", "person", "affiliation", "house"],
        "_view": {
            "events": ["registration"],
            "kernel": ["statuschange"],
            "django_tasks_database": ["dbtaskresult"],
            "background": ["schedule"],
        },
    },
    "Editors": {
        "publications": ["publication", "publicationorganization", "publicationperson"],
        "kernel": ["topic"],
        "_view": {
            "members": ["organization", "person"],
            "events": ["event", "session"],
            "kernel": ["statuschange"],
            "partners": ["apiwritelog"],
            "django_tasks_database": ["dbtaskresult"],
            "background": ["schedule"],
        },
    },
}


def codenames(spec: dict) -> list[tuple[str, str]]:
    """(app label, permission codename) pairs for one group's spec."""
    pairs = []
    for app_label, models in spec.items():
        if app_label == "_view":
            continue
        for model in models:
            pairs += [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]
    for app_label, models in spec.get("_view", {}).items():
        pairs += [(app_label, f"view_{model}") for model in models]
    return pairs


def apply_groups(Group, Permission) -> None:
    """Create or update the groups, with the given (real or historical) Group and Permission models."""
    for group_name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in codenames(spec)
            ]
        )


def staff_groups_ensure() -> None:
    """The groups as the table says, with any missing permission made first (a database just emptied)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db import transaction

    with transaction.atomic():
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        apply_groups(Group, Permission)
