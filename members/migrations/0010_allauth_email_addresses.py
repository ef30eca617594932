"""Accounts made before allauth keep working: each user with an email address gets it as a confirmed, primary
EmailAddress, so nobody is asked to confirm an address staff or the old sign-up already stood behind.

Users who already have an EmailAddress row are left alone, so the migration can run again safely. Where two
users share an address (case-insensitively), only one may hold it confirmed: the active one who signed in most
recently keeps it confirmed, the others get it unconfirmed and confirm it (or change it) at their next sign-in.
Users without an address are skipped; staff set one in the admin before they can sign in by email.
"""

from django.db import migrations
from django.db.models import F


def forward(apps, schema_editor):
    User = apps.get_model("members", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    with_rows = set(EmailAddress.objects.values_list("user_id", flat=True))
    taken = {e.lower() for e in EmailAddress.objects.filter(verified=True).values_list("email", flat=True)}
    # Whoever is active and signed in most recently comes first and keeps a shared address confirmed.
    users = User.objects.exclude(email="").order_by("-is_active", F("last_login").desc(nulls_last=True), "pk")
    rows = []
    for user in users.iterator():
        if user.pk in with_rows:
            continue
        email = user.email.strip().lower()
        if not email:
            continue
        verified = email not in taken
        taken.add(email)
        rows.append(EmailAddress(user_id=user.pk, email=email, verified=verified, primary=True))
    EmailAddress.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_organization_contact_email"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        # Backwards leaves the rows: they describe the same addresses the users still have.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
