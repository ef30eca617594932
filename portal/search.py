"""Site search across events, sessions, people, organisations and publications.

PostgreSQL: full-text search with weighted vectors and ranking (websearch syntax: quotes, OR, -minus).
Other databases (SQLite in development): a case-insensitive substring match, unranked.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

from events.models import Event, Session
from members.models import Organization, Person
from publications.models import Publication

MAX_QUERY_LENGTH = 200
PER_KIND = 10


@dataclass
class SearchResults:
    query: str
    events: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    people: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    publications: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(x) for x in (self.events, self.sessions, self.people, self.organizations, self.publications))


def _sources(user):
    return {
        "events": (Event.objects.visible_to(user), {"title": "A", "theme": "B", "summary": "C", "city": "C"}),
        "sessions": (
            Session.objects.visible_to(user).select_related("event"),
            {"title": "A", "summary": "B", "description": "C"},
        ),
        "people": (Person.objects.public(), {"family_name": "A", "given_name": "A", "bio": "C"}),
        "organizations": (Organization.objects.all(), {"name": "A", "acronym": "A", "description": "C"}),
        "publications": (
            Publication.objects.published(),
            {"title": "A", "summary": "B", "body": "C"},
        ),
    }


def site_search(query: str, *, user) -> SearchResults:
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    if not query:
        return results
    postgres = connection.vendor == "postgresql"
    for kind, (queryset, weights) in _sources(user).items():
        if postgres:
            vector = None
            for name, weight in weights.items():
                part = SearchVector(name, weight=weight, config="english")
                vector = part if vector is None else vector + part
            search_query = SearchQuery(query, search_type="websearch", config="english")
            found = (
                queryset.annotate(rank=SearchRank(vector, search_query))
                .filter(rank__gt=0)
                .order_by("-rank", "pk")[:PER_KIND]
            )
        else:
            condition = Q()
            for name in weights:
                condition |= Q(**{f"{name}__icontains": query})
            found = queryset.filter(condition).order_by("pk")[:PER_KIND]
        setattr(results, kind, list(found))
    return results
