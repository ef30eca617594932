"""Accounts made before allauth keep working: members 0010 gives each user their address as a confirmed EmailAddress.

The demo data is loaded, the schema taken back to members 0009, users created the way staff and the old sign-up
made them, and the migration run forward; then those people sign in.
"""

import datetime
import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as live_apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from members.models import Organization, User

from .accounts import PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("members", "0009_organization_contact_email")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_accounts_get_confirmed_addresses_and_sign_in():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old = migrate(BEFORE)
    OldUser = old.get_model("members", "User")
    recent = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    OldUser.objects.create(username="ana@example.org", email="ana@example.org", password=make_password(PASSWORD))
    OldUser.objects.create(
        username="inga", email="Inga.Petersen@Example.org", password=make_password(PASSWORD), is_staff=True
    )
    OldUser.objects.create(username="no-address", email="", password=make_password(PASSWORD))
    OldUser.objects.create(username="shared-old", email="shared@example.org", password=make_password(PASSWORD))
    OldUser.objects.create(
        username="shared-new", email="shared@example.org", password=make_password(PASSWORD), last_login=recent
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    rows = {(a.user.username, a.email, a.verified, a.primary) for a in EmailAddress.objects.select_related("user")}
    assert rows == {
        ("ana@example.org", "ana@example.org", True, True),
        ("inga", "inga.petersen@example.org", True, True),
        ("shared-new", "shared@example.org", True, True),
        ("shared-old", "shared@example.org", False, True),
    }
    assert Organization.objects.filter(slug="irma").exists(), "the demo data is still there"

    # The people behind them sign in by email, with the passwords they had.
    for email in ("ana@example.org", "inga.petersen@example.org", "shared@example.org"):
        response = sign_in(Client(), email, PASSWORD)
        assert response.redirect_chain[-1][0] == reverse("accounts:profile"), email
    # The one who shares an address with a more recent account confirms it before going on.
    assert User.objects.get(username="shared-old").emailaddress_set.get().verified is False


def test_the_migration_can_run_again_without_duplicating_rows():
    migration = importlib.import_module("members.migrations.0010_allauth_email_addresses")
    user = User.objects.create(username="ben", email="ben@example.org")
    migration.forward(live_apps, None)
    migration.forward(live_apps, None)
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("ben@example.org", True, True)
    ]
