"""The partner API's shared contract: tokens and scopes, the write log, error format, idempotency, ETags,
throttling, pagination and the schema."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from partners.models import ApiWriteLog, PartnerToken
from tests import factories
from tests.api_helpers import call, results, session_payload

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = [
    "organizations",
    "houses",
    "memberships",
    "people",
    "topics",
    "events",
    "sessions",
    "participations",
    "publications",
]


@pytest.mark.parametrize("endpoint", READ_ENDPOINTS)
def test_reads_open_to_anonymous_and_read_scope_but_not_to_tokens_without_it(api_client, make_token, endpoint):
    org = factories.OrganizationFactory()
    url = f"/api/v1/{endpoint}/"
    anonymous = call(api_client, "get", url)
    assert anonymous.status_code == 200 and "results" in anonymous.json()
    reader = call(api_client, "get", url, make_token(org, ["read"]))
    assert reader.status_code == 200 and reader.json()["count"] >= anonymous.json()["count"]
    writer_only = call(api_client, "get", url, make_token(org, ["sessions:write"]))
    assert writer_only.status_code == 403
    assert writer_only.json() == {
        "detail": "This token does not carry the 'read' scope.",
        "code": "permission_denied",
        "errors": {},
    }


@pytest.mark.parametrize("endpoint", ["registrations", "log"])
def test_own_data_endpoints_need_authentication(api_client, endpoint):
    response = call(api_client, "get", f"/api/v1/{endpoint}/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("expired", "This API token has expired."),
        ("revoked", "This API token has been revoked."),
        ("unknown", "Unknown API token."),
        ("malformed", "Malformed API token."),
    ],
)
def test_expired_revoked_unknown_tokens_are_401_never_anonymous(api_client, make_token, state, message):
    if state == "unknown":
        auth = "Bearer ptk_00000000_" + "x" * 43
    elif state == "malformed":
        auth = "Bearer not-a-token"
    else:
        auth = make_token(factories.OrganizationFactory(), ["read"])
        token = PartnerToken.objects.latest("created_at")
        if state == "expired":
            PartnerToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        else:
            PartnerToken.objects.filter(pk=token.pk).update(revoked=True)
    for method, url in [("get", "/api/v1/events/"), ("post", "/api/v1/sessions/")]:
        response = call(api_client, method, url, auth)
        assert response.status_code == 401
        assert response.json()["detail"] == message


def test_token_records_last_use(api_client, make_token):
    auth = make_token(factories.OrganizationFactory(), ["read"])
    call(api_client, "get", "/api/v1/events/", auth)
    assert PartnerToken.objects.latest("created_at").last_used_at is not None


def test_write_log_shows_each_partner_only_its_own_writes(api_client, make_token):
    event = factories.EventFactory(accepts_partner_sessions=True)
    unep, gba = factories.OrganizationFactory(slug="unep"), factories.OrganizationFactory(slug="gba")
    unep_auth, gba_auth = make_token(unep), make_token(gba)
    call(api_client, "post", "/api/v1/sessions/", unep_auth, **session_payload(event))
    call(api_client, "post", "/api/v1/publications/", gba_auth, title="Brief", type="brief")
    assert [r["action"] for r in results(call(api_client, "get", "/api/v1/log/", unep_auth))] == ["session.propose"]
    gba_log = results(call(api_client, "get", "/api/v1/log/", gba_auth))
    assert [r["action"] for r in gba_log] == ["publication.submit"]
    assert gba_log[0]["token"] == PartnerToken.objects.get(organization=gba).prefix


def test_write_log_syncs_with_updated_since(api_client, make_token):
    event = factories.EventFactory(accepts_partner_sessions=True)
    auth = make_token(factories.OrganizationFactory())
    call(api_client, "post", "/api/v1/sessions/", auth, **session_payload(event))
    recorded = ApiWriteLog.objects.get().created_at
    since = call(api_client, "get", f"/api/v1/log/?updated_since={recorded.isoformat().replace('+', '%2B')}", auth)
    later = recorded + datetime.timedelta(seconds=1)
    after = call(api_client, "get", f"/api/v1/log/?updated_since={later.isoformat().replace('+', '%2B')}", auth)
    assert (since.json()["count"], after.json()["count"]) == (1, 0)


@pytest.mark.parametrize("rows", [1, 3])
def test_log_list_query_budget(api_client, make_token, rows, django_assert_num_queries, partner_viewer):
    from partners.services import api_write_record

    org = factories.OrganizationFactory()
    auth = make_token(org)
    by = partner_viewer(org)
    for _ in range(rows):
        api_write_record(by=by, action="session.update", obj=factories.SessionFactory(), changes={})
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/log/", HTTP_AUTHORIZATION=auth)
    assert len(results(response)) == rows


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


def test_a_query_parameter_given_twice_is_a_400_naming_it(api_client):
    factories.EventFactory(slug="a", title="Alpha")
    response = api_client.get("/api/v1/events/?search=alpha&search=beta&limit=1&format=hybrid&format=online")
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "A query parameter is given more than once.",
            "code": "invalid",
            "errors": {"format": ["Give this parameter once."], "search": ["Give this parameter once."]},
        },
    )


def test_search_is_documented_only_where_a_list_searches(api_client):
    paths = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]

    def parameters(path):
        return {p["name"] for p in paths[path]["get"]["parameters"]}

    assert ("search" in parameters("/api/v1/events/"), "search" in parameters("/api/v1/webhooks/")) == (True, False)


def test_ordering_is_one_list_of_the_fields_a_list_sorts_by(api_client):
    for slug, title in (("b", "Beta"), ("a", "Alpha")):
        factories.EventFactory(slug=slug, title=title)
    ordered = api_client.get("/api/v1/events/?ordering=-title").json()["results"]
    assert [event["slug"] for event in ordered] == ["b", "a"]
    unknown = api_client.get("/api/v1/events/?ordering=title,nonexistent")
    repeated = api_client.get("/api/v1/events/?ordering=title&ordering=-title")
    assert [(unknown.status_code, unknown.json()["errors"]), (repeated.status_code, repeated.json()["errors"])] == [
        (
            400,
            {
                "ordering": [
                    "Sort by one or more of: starts_at, updated_at, title (with - before a field for descending)."
                ]
            },
        ),
        (400, {"ordering": ["Give this parameter once."]}),
    ]
