"""Site search across events, sessions, people, organisations and publications.

Every kind is searched only among the rows the viewer may see (`visible_to(viewer)`, the policies decide):
results, snippets and facet counts come from those rows only, so nothing hidden is shown or hinted.

PostgreSQL (portal/migrations/0008_search_in_three_languages.py): stored, weighted tsvector columns
(`search_document`) holding each row's English, French and Spanish text, each under its own accent-blind text
search configuration (`portal_english`, `portal_french`, `portal_spanish`: the language's stemmer after
`unaccent`); a query is read in all three (websearch syntax: quotes, OR, -minus) and ranked with ts_rank.
Names, places and titles also match by trigram similarity (`pg_trgm`, accents removed), which finds
"Westenburg" for Westenberg and "Geneve" for Geneva. Snippets are ts_headline excerpts in the page's language.

Other databases (SQLite for `make run`): the visible rows' text is compared in Python, accents and case
removed; every word of the query must match a word of the row (as a part of it, or spelt nearly alike).
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import BooleanField, F, FloatField, IntegerField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from kernel.models import Topic
from kernel.translated import LANGUAGE_CODES, active_language
from members.models import Organization, Person
from publications.models import Publication

MAX_QUERY_LENGTH = 200
PER_KIND = 10  # results shown per kind on the all-kinds page
PER_KIND_ALONE = 50  # when the visitor narrowed the search to one kind
MAX_MATCHES = 500  # rows per kind counted for the facets
SNIPPET_WORDS = 30
MAX_TOPIC_FACETS = 8
MAX_SIMILAR_WORDS = 6  # query words compared by similarity (each costs one comparison per name or title)
# Trigram word similarity (0..1) from which a name, place or title counts as a match despite a typo.
NAME_SIMILARITY = 0.5
TITLE_SIMILARITY = 0.6
CONFIGS = {"en": "portal_english", "fr": "portal_french", "es": "portal_spanish"}
# ts_headline marks matches with these; the excerpt is escaped first, then they become <mark> elements.
_START, _STOP = "⟦⟦", "⟧⟧"


def _translations(name: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGE_CODES]


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    date_field: str | None  # what the year facet reads
    has_topics: bool
    names: bool  # has `search_names` (portal/migrations/0012), matched by trigram similarity at NAME_SIMILARITY
    titles: bool  # has `search_titles`, matched at TITLE_SIMILARITY
    texts: tuple[str, ...]  # columns the SQLite fallback reads (the first ones weigh more)
    snippet: str | None  # the (translated) field the excerpt comes from
    snippet_translated: bool = True

    def visible(self, viewer):
        queryset = self.model.objects.visible_to(viewer)
        return queryset.select_related("event") if self.model is Session else queryset


KINDS = [
    Kind(
        "events",
        Event,
        "starts_at",
        True,
        names=True,
        titles=True,
        texts=(
            *_translations("title"),
            *_translations("theme"),
            *_translations("city"),
            "venue",
            *_translations("summary"),
            *_translations("description"),
        ),
        snippet="summary",
    ),
    Kind(
        "sessions",
        Session,
        "starts_at",
        True,
        names=False,
        titles=True,
        texts=(*_translations("title"), *_translations("summary"), *_translations("description")),
        snippet="summary",
    ),
    Kind(
        "people",
        Person,
        None,
        False,
        names=True,
        titles=False,
        texts=("given_name", "family_name", "bio"),
        snippet="bio",
        snippet_translated=False,
    ),
    Kind(
        "organizations",
        Organization,
        None,
        False,
        names=True,
        titles=False,
        texts=("name", "acronym", *_translations("description")),
        snippet="description",
    ),
    Kind(
        "publications",
        Publication,
        "published_on",
        True,
        names=False,
        titles=True,
        texts=(*_translations("title"), *_translations("summary"), *_translations("body")),
        snippet="summary",
    ),
]
KIND_KEYS = [kind.key for kind in KINDS]
KIND_LABELS = {
    "events": _("Events"),
    "sessions": _("Sessions"),
    "people": _("People"),
    "organizations": _("Organisations"),
    "publications": _("Publications"),
}


@dataclass
class Hit:
    """One result: the row, and an excerpt with the matched words marked (safe HTML) or ""."""

    obj: object
    snippet: str = ""


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: str
    kind: str = ""
    year: int | None = None
    topic: str = ""
    hits: dict = field(default_factory=dict)  # kind key -> [Hit]
    counts: dict = field(default_factory=dict)  # kind key -> matches (up to MAX_MATCHES)
    kind_facets: list = field(default_factory=list)
    year_facets: list = field(default_factory=list)
    topic_facets: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def narrowed(self) -> bool:
        return bool(self.kind or self.year or self.topic)

    def __getattr__(self, name):
        # results.events, results.sessions...: the rows found, as before snippets and facets.
        if name in KIND_KEYS:
            return [hit.obj for hit in self.hits.get(name, [])]
        raise AttributeError(name)

    def groups(self):
        return [(kind, self.hits[kind]) for kind in KIND_KEYS if self.hits.get(kind)]


def site_search(query: str, *, viewer, kind: str = "", year=None, topic: str = "") -> SearchResults:
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    kind = kind if kind in KIND_KEYS else ""
    year = _year(year)
    topic = (topic or "")[:100]
    results = SearchResults(query=query, kind=kind, year=year, topic=topic)
    if not query:
        return results
    postgres = connection.vendor == "postgresql"
    matched: dict[str, list] = {}  # kind key -> [(pk, year)], best first
    for source in KINDS:
        queryset = source.visible(viewer)
        if year is not None or topic:
            if (year is not None and source.date_field is None) or (topic and not source.has_topics):
                matched[source.key] = []
                continue
            if year is not None:
                queryset = queryset.filter(**{f"{source.date_field}__year": year})
            if topic:
                queryset = queryset.filter(topics__slug=topic)
        finder = _postgres_matches if postgres else _python_matches
        matched[source.key] = finder(source, queryset, query)
    results.counts = {key: len(rows) for key, rows in matched.items()}
    results.kind_facets = [
        Facet(key, KIND_LABELS[key], count, key == kind)
        for key, count in results.counts.items()
        if count or key == kind
    ]
    shown = {key: rows for key, rows in matched.items() if not kind or key == kind}
    results.year_facets = _year_facets(shown, year)
    results.topic_facets = _topic_facets(shown, topic)
    limit = PER_KIND_ALONE if kind else PER_KIND
    for source in KINDS:
        ids = [pk for pk, _year in shown.get(source.key, [])[:limit]]
        if ids:
            results.hits[source.key] = _hits(source, source.visible(viewer), ids, query, postgres)
    if kind:
        results.counts = {kind: results.counts[kind]}
    return results


def _year(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1900 <= number <= 2200 else None


# PostgreSQL


def _tsquery_sql() -> tuple[str, int]:
    """The query read in each language's configuration, any of them matching; with its parameter count."""
    parts = [f"websearch_to_tsquery('{config}', %s)" for config in CONFIGS.values()]
    return "(" + " || ".join(parts) + ")", len(parts)


def _postgres_matches(source: Kind, queryset, query: str) -> list:
    table = source.model._meta.db_table
    tsquery, copies = _tsquery_sql()
    document = f'"{table}"."search_document"'
    fields = [
        (f'"{table}"."{column}"', threshold)
        for column, threshold, present in (
            ("search_names", NAME_SIMILARITY, source.names),
            ("search_titles", TITLE_SIMILARITY, source.titles),
        )
        if present
    ]
    match_sql, match_params = f"{document} @@ {tsquery}", [query] * copies
    rank_sql, rank_params = f"ts_rank({document}, {tsquery})", [query] * copies
    words = _query_words(query)[:MAX_SIMILAR_WORDS]
    if fields and words:
        # By similarity, every word of the query must be close to a word of one of the names or titles. `<%` finds
        # the candidates through the trigram index at the connection's pg_trgm.word_similarity_threshold (set to
        # the lowest threshold in settings.py); word_similarity then holds each column to its own threshold.
        each_word = []
        for word in words:
            each_word.append(
                "("
                + " OR ".join(f"(%s <%% {column} AND word_similarity(%s, {column}) >= {t})" for column, t in fields)
                + ")"
            )
            match_params += [word] * 2 * len(fields)
        match_sql = f"({match_sql}) OR ({' AND '.join(each_word)})"
        rank_sql += (
            " + GREATEST(" + ", ".join(f"coalesce(word_similarity(%s, {column}), 0)" for column, _t in fields) + ")"
        )
        rank_params += [" ".join(words)] * len(fields)
    annotated = queryset.annotate(
        search_match=RawSQL(match_sql, match_params, output_field=BooleanField()),
        search_rank=RawSQL(rank_sql, rank_params, output_field=FloatField()),
    ).filter(search_match=True)
    return _ranked(source, annotated.order_by("-search_rank", "pk"))


def _ranked(source: Kind, queryset) -> list:
    year = ExtractYear(source.date_field) if source.date_field else Value(None, output_field=IntegerField())
    return [tuple(row) for row in queryset.annotate(search_year=year).values_list("pk", "search_year")[:MAX_MATCHES]]


def _translated_text(name: str):
    language = active_language()
    default = F(f"{name}_{settings.LANGUAGE_CODE}")
    if language == settings.LANGUAGE_CODE:
        return default
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), default)


def _hits(source: Kind, queryset, ids: list, query: str, postgres: bool) -> list[Hit]:
    rows = queryset.filter(pk__in=ids)
    if postgres and source.snippet:
        text = _translated_text(source.snippet) if source.snippet_translated else F(source.snippet)
        rows = rows.annotate(
            search_snippet=SearchHeadline(
                text,
                _search_query(query),
                config=CONFIGS[active_language()],
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    by_pk = {row.pk: row for row in rows}
    hits = []
    for pk in ids:
        row = by_pk.get(pk)
        if row is None:
            continue
        if postgres:
            snippet = _marked(getattr(row, "search_snippet", "") or "")
        else:
            snippet = _python_snippet(getattr(row, source.snippet) if source.snippet else "", query)
        hits.append(Hit(row, snippet))
    return hits


def _search_query(query: str):
    combined = None
    for config in CONFIGS.values():
        part = SearchQuery(query, config=config, search_type="websearch")
        combined = part if combined is None else combined | part
    return combined


def _marked(headline: str) -> str:
    """Escape the excerpt, then turn the markers ts_headline put around matches into <mark> elements."""
    if not headline.strip():
        return ""
    html = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # every piece of text was escaped above


# Facets


def _year_facets(matched: dict, selected: int | None) -> list[Facet]:
    counts: dict[int, int] = {}
    for rows in matched.values():
        for _pk, year in rows:
            if year is not None:
                counts[year] = counts.get(year, 0) + 1
    if selected is not None:
        counts.setdefault(selected, 0)
    return [Facet(str(y), str(y), n, y == selected) for y, n in sorted(counts.items(), reverse=True)]


def _topic_facets(matched: dict, selected: str) -> list[Facet]:
    counts: dict[int, int] = {}
    for source in KINDS:
        ids = [pk for pk, _year in matched.get(source.key, [])]
        if not source.has_topics or not ids:
            continue
        through = source.model.topics.through
        column = f"{source.model._meta.model_name}_id"
        for topic_id in through.objects.filter(**{f"{column}__in": ids}).values_list("topic_id", flat=True):
            counts[topic_id] = counts.get(topic_id, 0) + 1
    if not counts and not selected:
        return []
    topics = Topic.objects.filter(pk__in=counts) | Topic.objects.filter(slug=selected)
    facets = [Facet(t.slug, t.name, counts.get(t.pk, 0), t.slug == selected) for t in topics.distinct()]
    facets.sort(key=lambda f: (-f.count, f.label.casefold()))
    return [f for i, f in enumerate(facets) if i < MAX_TOPIC_FACETS or f.selected]


# The fallback for other databases


def normalise(text: str) -> str:
    """Lower case without accents: "Genève" -> "geneve", "traçabilité" -> "tracabilite"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_WORD = re.compile(r"\w+")


def _query_words(query: str) -> list[str]:
    return list(dict.fromkeys(_WORD.findall(normalise(query))))


def _word_score(word: str, words: list[str], text: str) -> float:
    if word in text:
        return 2.0
    if len(word) >= 4:
        best = max((difflib.SequenceMatcher(None, word, w).ratio() for w in words), default=0.0)
        if best >= 0.8:
            return best
    return 0.0


def _python_matches(source: Kind, queryset, query: str) -> list:
    words = _query_words(query)
    if not words:
        return []
    year = ExtractYear(source.date_field) if source.date_field else Value(None, output_field=IntegerField())
    scored = []
    for pk, row_year, *texts in queryset.annotate(search_year=year).values_list("pk", "search_year", *source.texts):
        # The first third of the columns (titles, names) weigh double.
        heading = normalise(" ".join(t or "" for t in texts[: max(1, len(texts) // 3)]))
        body = normalise(" ".join(t or "" for t in texts))
        body_words = _WORD.findall(body)
        score = 0.0
        for word in words:
            found = _word_score(word, body_words, body)
            if not found:
                break
            score += found * (2 if word in heading else 1)
        else:
            scored.append((-score, pk, row_year))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(pk, row_year) for _score, pk, row_year in scored[:MAX_MATCHES]]


def _python_snippet(text: str, query: str) -> str:
    """An excerpt around the first matched word, escaped, with the matches marked."""
    if not text:
        return ""
    # Map each character of the normalised text back to the original, so marks land on the visitor's text.
    normalised, origin = [], []
    for index, char in enumerate(text):
        for piece in normalise(char):
            normalised.append(piece)
            origin.append(index)
    flat = "".join(normalised)
    spans = []
    for word in _query_words(query):
        for found in re.finditer(re.escape(word), flat):
            spans.append((origin[found.start()], origin[found.end() - 1] + 1))
    spans.sort()
    words = text.split()
    if not spans:
        excerpt = " ".join(words[:SNIPPET_WORDS])
        return escape(excerpt + (" …" if len(words) > SNIPPET_WORDS else ""))
    start = max(0, text.rfind(" ", 0, max(0, spans[0][0] - 80)) + 1)
    end = text.find(" ", min(len(text), spans[0][1] + 160))
    end = len(text) if end == -1 else end
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(mark_safe(f"<mark>{escape(text[span_start:span_end])}</mark>"))
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    html = ("… " if start else "") + "".join(str(p) for p in pieces) + (" …" if end < len(text) else "")
    return mark_safe(html)  # every piece of text was escaped above
