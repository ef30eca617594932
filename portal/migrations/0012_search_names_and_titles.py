"""Names and titles for similarity search, stored and indexed (PostgreSQL only; nothing happens on SQLite).

Search matches names, places and titles by trigram word similarity ("Westenburg" finds Westenberg). It used to
compute `word_similarity(word, portal_unaccent(lower(column)))` for every column of every row on every search: a
full scan unaccenting each title three times. Each searchable table now keeps, as stored generated columns, its
names (`search_names`) and titles in every language (`search_titles`), lower-cased and without accents, each
with a trigram GIN index, so the `<%` operator finds the similar rows through the index.
"""

from django.db import migrations

LANGUAGES = ("en", "fr", "es")


def _joined(*expressions):
    return "portal_unaccent(lower(" + " || ' ' || ".join(f"coalesce({e}, '')" for e in expressions) + "))"


def _translated(column):
    return [f"{column}_{code}" for code in LANGUAGES]


COLUMNS = {
    "events_event": {"search_names": _joined(*_translated("city"), "venue"), "search_titles": _joined(*_translated("title"))},
    "events_session": {"search_titles": _joined(*_translated("title"))},
    "members_person": {"search_names": _joined("given_name", "family_name")},
    "members_organization": {"search_names": _joined("name", "acronym")},
    "publications_publication": {"search_titles": _joined(*_translated("title"))},
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column, expression in columns.items():
            schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN {column} text GENERATED ALWAYS AS ({expression}) STORED")
            schema_editor.execute(f"CREATE INDEX {table}_{column} ON {table} USING gin ({column} gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_search_reads_new_translations")]
    operations = [migrations.RunPython(forwards, backwards)]
