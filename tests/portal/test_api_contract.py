"""The API contract: error format, idempotency, ETags, throttling, pagination and query budgets."""

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db, make_token):
    org = factories.OrganizationFactory(slug="partner")
    return org, make_token(org)


def test_idempotency_key_replays_and_refuses_reuse_for_another_request(api_client, partner):
    _org, auth = partner
    event = factories.EventFactory(slug="ev", capacity=5)
    payload = {"event": event.slug, "name": "A", "email": "a@example.org"}
    first = api_client.post(
        "/api/v1/registrations/", payload, format="json", HTTP_AUTHORIZATION=auth, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    replay = api_client.post(
        "/api/v1/registrations/", payload, format="json", HTTP_AUTHORIZATION=auth, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json() and replay["Idempotent-Replayed"] == "true"
    assert event.registrations.count() == 1
    other = api_client.post(
        "/api/v1/registrations/",
        {**payload, "email": "b@example.org"},
        format="json",
        HTTP_AUTHORIZATION=auth,
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert other.status_code == 409 and "different request" in other.json()["detail"]


def test_failed_request_does_not_burn_the_idempotency_key(api_client, partner):
    _org, auth = partner
    bad = api_client.post(
        "/api/v1/registrations/", {"event": "nope"}, format="json", HTTP_AUTHORIZATION=auth, HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert bad.status_code == 400
    factories.EventFactory(slug="ev2")
    good = api_client.post(
        "/api/v1/registrations/",
        {"event": "ev2", "name": "A", "email": "a@example.org"},
        format="json",
        HTTP_AUTHORIZATION=auth,
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    assert good.status_code == 201


def test_etag_on_detail_reads(api_client):
    event = factories.EventFactory(slug="tagged")
    first = api_client.get("/api/v1/events/tagged/")
    etag = first["ETag"]
    assert etag
    not_modified = api_client.get("/api/v1/events/tagged/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    event.title = "Changed"
    event.save()
    changed = api_client.get("/api/v1/events/tagged/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["title"] == "Changed"


def test_throttling_answers_429_with_retry_after(api_client, partner, settings):
    cache.clear()
    settings.PORTAL_API_RATES = {"partner": "3/minute", "anonymous": "2/minute"}
    _org, auth = partner
    statuses = [api_client.get("/api/v1/topics/", HTTP_AUTHORIZATION=auth).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = api_client.get("/api/v1/topics/", HTTP_AUTHORIZATION=auth)
    assert int(limited["Retry-After"]) > 0 and limited.json()["code"] == "throttled"
    anonymous = [api_client.get("/api/v1/topics/").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]
    cache.clear()


def test_pagination_is_capped_with_next_links(api_client):
    for _ in range(3):
        factories.TopicFactory()
    page = api_client.get("/api/v1/topics/?limit=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and "offset=2" in page["next"]
    capped = api_client.get("/api/v1/topics/?limit=100000").json()
    assert len(capped["results"]) == 3


def test_updated_since_syncs_incrementally(api_client):
    old = factories.EventFactory(slug="old")
    cutoff = old.updated_at.isoformat()
    new = factories.EventFactory(slug="new")
    slugs = {e["slug"] for e in api_client.get("/api/v1/events/", {"updated_since": cutoff}).json()["results"]}
    assert new.slug in slugs
    later = api_client.get("/api/v1/events/", {"updated_since": new.updated_at.isoformat()}).json()["results"]
    assert {e["slug"] for e in later} == {"new"}
    bad = api_client.get("/api/v1/events/", {"updated_since": "yesterday"})
    assert bad.status_code == 400 and "updated_since" in bad.json()["errors"]


@pytest.mark.parametrize(
    "query",
    [
        "?starts_after=garbage",
        "?type=nope",
        "?limit=-1",
        "?offset=abc",
        "?ordering=nonexistent",
        "?country=ZZ",
        "?organization=%E2%80%8B",
        "?topic=" + "x" * 5000,
    ],
)
def test_bad_query_parameters_are_never_a_server_error(api_client, query):
    response = api_client.get("/api/v1/events/" + query)
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


def test_private_fields_never_in_people_api(api_client):
    person = factories.PersonFactory(email="private@example.org", phone="+41 00")
    body = api_client.get(f"/api/v1/people/{person.slug}/").content.decode()
    assert person.family_name in body and "private@example.org" not in body and "+41 00" not in body
    hidden = factories.PersonFactory(public_profile=False)
    assert api_client.get(f"/api/v1/people/{hidden.slug}/").status_code == 404


def test_unknown_route_and_method(api_client, partner):
    _org, auth = partner
    assert api_client.get("/api/v1/events/no-such/").json()["code"] == "not_found"
    response = api_client.delete("/api/v1/events/", HTTP_AUTHORIZATION=auth)
    assert response.status_code in (403, 405) and response.json()["detail"]


def _rows(kind: str, n: int) -> None:
    for _ in range(n):
        if kind == "events":
            event = factories.EventFactory()
            factories.EventOrganizationFactory(event=event)
            event.topics.add(factories.TopicFactory())
        elif kind == "sessions":
            session = factories.SessionFactory()
            factories.SessionOrganizationFactory(session=session)
            factories.ParticipationFactory(session=session)
            session.topics.add(factories.TopicFactory())
        elif kind == "publications":
            pub = factories.PublicationOrganizationFactory().publication
            pub.topics.add(factories.TopicFactory())
            pub.related_sessions.add(factories.SessionFactory())
        elif kind == "organizations":
            factories.OrganizationFactory(parent=factories.OrganizationFactory())
        elif kind == "memberships":
            factories.MembershipFactory(status="active")
        elif kind == "people":
            factories.AffiliationFactory()
        elif kind == "participations":
            factories.ParticipationFactory()
        elif kind == "topics":
            factories.TopicFactory()
        elif kind == "houses":
            factories.HouseFactory()


LIST_BUDGETS = {
    "events": 4,
    "sessions": 5,
    "publications": 7,
    "organizations": 2,
    "memberships": 2,
    "people": 3,
    "participations": 2,
    "topics": 2,
    "houses": 2,
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("kind", sorted(LIST_BUDGETS))
def test_api_list_query_count_does_not_grow_with_rows(api_client, kind, rows, django_assert_num_queries):
    _rows(kind, rows)
    with django_assert_num_queries(LIST_BUDGETS[kind]):
        response = api_client.get(f"/api/v1/{kind}/")
    assert response.status_code == 200 and len(response.json()["results"]) >= rows


@pytest.mark.parametrize("rows", [1, 3])
def test_registrations_and_log_query_count(api_client, partner, rows, django_assert_num_queries):
    org, auth = partner
    for _ in range(rows):
        factories.RegistrationFactory(registered_by=org)
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/registrations/", HTTP_AUTHORIZATION=auth)
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("path", ["/api/v1/docs/"])
def test_api_docs_pages_work_offline(client, path):
    html = client.get(path).content.decode()
    assert "<script>" not in html, "no inline script: the Content Security Policy forbids it"
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_schema_is_openapi_3_with_bearer_auth(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["partnerToken"]["scheme"] == "bearer"
    assert "/api/v1/sessions/{id}/speakers/" in schema["paths"]


@pytest.mark.parametrize(
    "body",
    ['{"event": "a\\u0000b", "name": "A", "email": "a@example.org"}', '{"name\\u0000": 1}', '[["\\u0000"]]'],
)
def test_nul_characters_in_json_are_a_400(api_client, partner, body):
    _org, auth = partner
    response = api_client.post("/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 400 and "NUL character" in response.json()["detail"]


def test_api_accepts_json_only(api_client, partner):
    _org, auth = partner
    response = api_client.post("/api/v1/registrations/", {"event": "x"}, format="multipart", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"
