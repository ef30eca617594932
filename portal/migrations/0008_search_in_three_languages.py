"""Search in English, French and Spanish, blind to accents, and by similarity for names and typos (PostgreSQL).

- Extensions `unaccent` and `pg_trgm` (django.contrib.postgres operations; nothing happens on SQLite).
- `portal_unaccent(text)`: unaccent as an IMMUTABLE function, usable in indexes and generated columns.
- Text search configurations `portal_english`, `portal_french`, `portal_spanish`: the built-in ones with
  `unaccent` before the stemmer, so "Genève" and "Geneve", "traçabilité" and "tracabilite" read alike.
- Each searchable table's `search_document` (migration 0003) is rebuilt from the translated columns, each
  language under its own configuration (titles and names A, themes B, summaries C, long texts D).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

LANGUAGES = {"en": "portal_english", "fr": "portal_french", "es": "portal_spanish"}
STEMMERS = {"portal_english": "english", "portal_french": "french", "portal_spanish": "spanish"}


def _vector(config, expression, weight):
    return f"setweight(to_tsvector('{config}'::regconfig, coalesce({expression}, '')), '{weight}')"


def _translated(field, weight):
    return [_vector(config, f"{field}_{code}", weight) for code, config in LANGUAGES.items()]


DOCUMENTS = {
    "events_event": [
        *_translated("title", "A"),
        _vector("portal_english", "theme", "B"),
        *_translated("summary", "C"),
        _vector("portal_english", "coalesce(city, '') || ' ' || coalesce(venue, '')", "C"),
        *_translated("description", "D"),
    ],
    "events_session": [*_translated("title", "A"), *_translated("summary", "C"), _vector("portal_english", "description", "D")],
    "members_person": [
        _vector("portal_english", "coalesce(given_name, '') || ' ' || coalesce(family_name, '')", "A"),
        _vector("portal_english", "bio", "D"),
    ],
    "members_organization": [
        _vector("portal_english", "coalesce(name, '') || ' ' || coalesce(acronym, '')", "A"),
        _vector("portal_english", "description", "D"),
    ],
    "publications_publication": [
        *_translated("title", "A"),
        *_translated("summary", "C"),
        _vector("portal_english", "body", "D"),
    ],
}
OLD_DOCUMENTS = {
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


def _documents(schema_editor, documents):
    for table, expression in documents.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_document")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_document ON {table} USING gin (search_document)")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION portal_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
    )
    for config, stemmer in STEMMERS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = pg_catalog.{stemmer})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, {stemmer}_stem"
        )
    _documents(schema_editor, {table: " || ".join(parts) for table, parts in DOCUMENTS.items()})


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _documents(schema_editor, OLD_DOCUMENTS)
    for config in STEMMERS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_site_settings"),
        ("events", "0006_translated_content"),
        ("members", "0011_translated_house_names"),
        ("publications", "0008_translated_content"),
    ]
    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
