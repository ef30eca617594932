"""Tokens issued before every token had to expire get an expiry 365 days from the migration."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


@pytest.mark.django_db(transaction=True)
def test_tokens_without_expiry_get_one_a_year_from_the_migration():
    executor = MigrationExecutor(connection)
    before = [("partners", "0003_webhooks")]
    latest = executor.loader.graph.leaf_nodes("partners")
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    organization = old_apps.get_model("members", "Organization").objects.create(name="Old partner", slug="old-partner")
    token = old_apps.get_model("partners", "PartnerToken").objects.create(
        organization=organization, name="Old", prefix="0ld70ken", secret_hash="x" * 64, scopes=["read"]
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    new_apps = executor.loader.project_state(latest).apps
    expires_at = new_apps.get_model("partners", "PartnerToken").objects.get(pk=token.pk).expires_at
    assert abs((expires_at - (timezone.now() + datetime.timedelta(days=365))).total_seconds()) < 300
