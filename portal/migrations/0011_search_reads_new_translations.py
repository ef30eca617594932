"""The search documents (0008) read the newly translated columns too: an event's theme and city, a session's
description, a publication's body and an organisation's description, each language under its own
configuration (PostgreSQL only; nothing happens on SQLite)."""

import importlib

from django.db import migrations

_search = importlib.import_module("portal.migrations.0008_search_in_three_languages")
_vector, _translated = _search._vector, _search._translated

DOCUMENTS = {
    "events_event": [
        *_translated("title", "A"),
        *_translated("theme", "B"),
        *_translated("summary", "C"),
        *_translated("city", "C"),
        _vector("portal_english", "venue", "C"),
        *_translated("description", "D"),
    ],
    "events_session": [*_translated("title", "A"), *_translated("summary", "C"), *_translated("description", "D")],
    "members_person": _search.DOCUMENTS["members_person"],
    "members_organization": [
        _vector("portal_english", "coalesce(name, '') || ' ' || coalesce(acronym, '')", "A"),
        *_translated("description", "D"),
    ],
    "publications_publication": [*_translated("title", "A"), *_translated("summary", "C"), *_translated("body", "D")],
}


def _rebuild(documents):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        _search._documents(schema_editor, {table: " || ".join(parts) for table, parts in documents.items()})

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_translated_site_pages"),
        ("events", "0010_translated_theme_city_series"),
        ("members", "0015_translated_organization_description"),
        ("publications", "0009_translated_body_and_link_kind"),
    ]
    operations = [migrations.RunPython(_rebuild(DOCUMENTS), _rebuild(_search.DOCUMENTS))]
