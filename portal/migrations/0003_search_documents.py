"""Stored full-text documents for site search, on PostgreSQL only.

Each searchable table gets a generated tsvector column (weighted: titles and names A, summaries B, bodies C)
and a GIN index on it, so search filters through the index and ranks precomputed vectors instead of parsing
every row's text on each query. SQLite (development) has no such columns; search falls back to substring
matching there.
"""

from django.db import migrations

DOCUMENTS = {
    "events_event": "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(theme, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(city, '')), 'C')",
    "events_session": "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')",
    "members_person": "setweight(to_tsvector('english', coalesce(given_name, '') || ' ' || coalesce(family_name, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(bio, '')), 'C')",
    "members_organization": "setweight(to_tsvector('english', coalesce(name, '') || ' ' || coalesce(acronym, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')",
    "publications_publication": "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'C')",
}


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, expression in DOCUMENTS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_document ON {table} USING gin (search_document)")


def drop_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in DOCUMENTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_staff_groups"),
        ("events", "0002_initial"),
        ("members", "0005_private_houses"),
        ("publications", "0003_upload_limits"),
    ]
    operations = [migrations.RunPython(add_documents, drop_documents)]
