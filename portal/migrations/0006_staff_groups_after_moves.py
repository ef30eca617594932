"""The staff groups again, now that topics live in the kernel, status changes are one shared record
(kernel.StatusChange) and partner tokens and the write log live in the partners app."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.staff import apply_groups


def update_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_models_moved_to_kernel"),
        ("kernel", "0002_kernel_table_names"),
        ("partners", "0002_partner_table_names"),
        ("members", "0008_status_changes_in_kernel"),
        # After the grants of background work, which this table includes, so it does not take them away.
        ("background", "0002_staff_see_background_work"),
    ]
    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
