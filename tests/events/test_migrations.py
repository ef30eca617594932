"""events 0011: the printed title and affiliation already written become their English translation."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Participation
from tests import factories

pytestmark = pytest.mark.django_db

MIGRATION = ("events", "0011_translated_printed_title_and_affiliation")


def test_existing_printed_titles_and_affiliations_become_the_english_translation():
    participation = factories.ParticipationFactory(printed_title="Deputy Director", printed_affiliation="NRCan")
    # As before the migration: the text only in the original columns.
    Participation.objects.filter(pk=participation.pk).update(printed_title_en=None, printed_affiliation_en=None)
    apps = MigrationExecutor(connection).loader.project_state(MIGRATION).apps
    importlib.import_module(f"events.migrations.{MIGRATION[1]}").copy_original_to_english(apps, None)
    assert Participation.objects.filter(pk=participation.pk).values_list(
        "printed_title_en", "printed_affiliation_en", "printed_title_fr"
    ).get() == ("Deputy Director", "NRCan", None)
