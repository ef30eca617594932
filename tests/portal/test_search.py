"""Site search: three languages, accents, typos in names, several words, excerpts and facets, and nothing a
viewer may not see, not even as a hint."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Session
from kernel.viewer import Viewer
from portal import search
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

SIDE_SESSION = "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/"


def found(client, query, path="/search/", **params):
    """(text, href) of every result link on the results page."""
    main = parse(client.get(path, {"q": query, **params}).content).find("main")
    return [
        (a.text, a.attrs["href"])
        for a in main.find_all("a")
        if a.parent.tag == "li" and "search-hits" in (a.parent.parent.attrs.get("class") or "")
    ]


@pytest.mark.parametrize("query", ["Genève", "Geneve", "geneva"])
def test_the_city_is_found_with_or_without_its_accent(demo, client, query):
    assert ("IGF 21st Annual General Meeting", "/events/igf-21st-agm/") in found(client, query)


def test_a_french_visitor_finds_the_side_session_by_its_french_title(demo, client):
    assert (
        "Stratégies pour renforcer la traçabilité et la circularité",
        f"/fr{SIDE_SESSION}",
    ) in found(client, "traçabilité", "/fr/search/")
    # Without the accents too, and in Spanish.
    assert f"/fr{SIDE_SESSION}" in [href for _t, href in found(client, "tracabilite", "/fr/search/")]
    assert f"/es{SIDE_SESSION}" in [href for _t, href in found(client, "trazabilidad", "/es/search/")]


@pytest.mark.parametrize("query", ["Westenburg", "Erica Westenburg", "westenberg"])
def test_a_misspelt_name_finds_the_person(demo, client, query):
    assert ("Erica Westenberg", "/people/erica-westenberg/") in found(client, query)


def test_several_words_must_all_match(demo, client):
    assert ("Strategies for Strengthening Traceability and Circularity", SIDE_SESSION) in found(
        client, "traceability circularity"
    )
    assert found(client, "traceability zzyzxqv") == []


def test_excerpts_mark_the_words_found_and_escape_everything_else(client):
    factories.SessionFactory(title="Lithium panel", summary="<script>alert(1)</script> Lithium & cobalt supply.")
    body = client.get(reverse("search"), {"q": "lithium"}).content.decode()
    (snippet,) = [line for line in body.splitlines() if 'class="snippet"' in line]
    assert "<mark>Lithium</mark> &amp; cobalt supply" in snippet
    assert "<script" not in body.split("<main", 1)[1]


def test_facets_count_by_kind_year_and_topic_and_narrow_the_results(client):
    topic = factories.TopicFactory(name="Cobalt", slug="cobalt")
    event = factories.EventFactory(title="Cobalt forum", starts_at=timezone.now() + datetime.timedelta(days=400))
    event.topics.add(topic)
    factories.PublicationFactory(title="Cobalt report", published_on=datetime.date(2024, 3, 1))
    results = search.site_search("cobalt", viewer=Viewer.anonymous())
    assert [(f.value, f.count) for f in results.kind_facets] == [("events", 1), ("publications", 1)]
    assert [(f.value, f.count) for f in results.year_facets] == [(str(event.starts_at.year), 1), ("2024", 1)]
    assert [(f.value, f.label, f.count) for f in results.topic_facets] == [("cobalt", "Cobalt", 1)]
    assert [t for t, _h in found(client, "cobalt", kind="publications")] == ["Cobalt report"]
    assert [t for t, _h in found(client, "cobalt", year="2024")] == ["Cobalt report"]
    assert [t for t, _h in found(client, "cobalt", topic="cobalt")] == ["Cobalt forum"]


def test_odd_facet_parameters_are_ignored(client):
    factories.PublicationFactory(title="Cobalt report")
    for params in ({"kind": "users"}, {"year": "x"}, {"year": "99999"}, {"topic": "nope"}):
        response = client.get(reverse("search"), {"q": "cobalt", **params})
        assert response.status_code == 200


def test_a_members_only_document_is_neither_shown_nor_hinted_to_the_public(client, member_user):
    secret_topic = factories.TopicFactory(name="Confidential dues", slug="confidential-dues")
    hidden = factories.PublicationFactory(
        title="Lithium dues review",
        summary="Lithium figures for members.",
        members_only=True,
        published_on=datetime.date(2019, 5, 1),
    )
    hidden.topics.add(secret_topic)
    factories.PublicationFactory(title="Lithium outlook", published_on=datetime.date(2024, 5, 1))
    public = search.site_search("lithium", viewer=Viewer.anonymous())
    assert public.publications == [p for p in public.publications if p.title == "Lithium outlook"]
    assert public.total == 1
    assert [f.value for f in public.year_facets] == ["2024"] and public.topic_facets == []
    body = client.get(reverse("search"), {"q": "lithium"}).content.decode()
    assert "dues" not in body.casefold() and "2019" not in body
    # Narrowing to what only a member could find answers like an unknown topic or year.
    narrowed = search.site_search("lithium", viewer=Viewer.anonymous(), topic="confidential-dues")
    assert narrowed.total == 0 and [(f.value, f.count) for f in narrowed.topic_facets] == [("confidential-dues", 0)]
    assert "Lithium dues review" not in client.get(reverse("search"), {"q": "lithium", "year": "2019"}).content.decode()
    # A member sees it, with its topic.
    client.force_login(member_user)
    body = client.get(reverse("search"), {"q": "lithium"}).content.decode()
    assert "Lithium dues review" in body and "Confidential dues" in body


def test_the_fallback_for_other_databases_reads_several_words_and_ignores_accents():
    session = factories.SessionFactory(title="Traceability and circularity", title_fr="Traçabilité et circularité")
    factories.SessionFactory(title="Traceability only")
    sessions = next(kind for kind in search.KINDS if kind.key == "sessions")
    queryset = Session.objects.all()
    assert [pk for pk, _y in search._python_matches(sessions, queryset, "circularity traceability")] == [session.pk]
    assert [pk for pk, _y in search._python_matches(sessions, queryset, "TRACABILITE circularite")] == [session.pk]
    # A near spelling of a long word still matches.
    assert [pk for pk, _y in search._python_matches(sessions, queryset, "circularty")] == [session.pk]
    events = next(kind for kind in search.KINDS if kind.key == "events")
    geneva, nairobi = factories.EventFactory(city="Geneva"), factories.EventFactory(city="Nairobi")
    matches = [pk for pk, _y in search._python_matches(events, Event.objects.all(), "Genève")]
    assert geneva.pk in matches and nairobi.pk not in matches


def test_the_fallback_excerpt_marks_accented_text_and_escapes_it():
    snippet = search._python_snippet("Le <b>rapport</b> sur la traçabilité.", "tracabilite")
    assert snippet == "Le &lt;b&gt;rapport&lt;/b&gt; sur la <mark>traçabilité</mark>."
    assert search.normalise("Genève TRAÇABILITÉ") == "geneve tracabilite"


@pytest.mark.django_db
def test_the_trigram_index_threshold_lets_every_similarity_through():
    """`<%` finds candidates at the connection's threshold; set above a kind's own threshold, it would hide
    names that are close enough ("Geneve" for Geneva)."""
    from django.db import connection

    from portal.search import NAME_SIMILARITY, TITLE_SIMILARITY

    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        threshold = float(cursor.fetchone()[0])
    assert threshold == min(NAME_SIMILARITY, TITLE_SIMILARITY)
