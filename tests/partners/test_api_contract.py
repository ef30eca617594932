"""The API's contract at its edges: credentials it does not accept, methods a resource does not have, JSON it
cannot read without guessing, where a created object lives, and how a redirect answers."""

import pytest
from django.test import override_settings

from tests import factories
from tests.api_helpers import call, session_payload
from tests.partners.test_api_errors import assert_error_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_token):
    event = factories.EventFactory(accepts_partner_sessions=True, capacity=10, slug="open-event")
    unep = factories.OrganizationFactory(slug="unep")
    session = factories.SessionFactory(event=event, title="UNEP session")
    factories.SessionOrganizationFactory(session=session, organization=unep)
    return {"event": event, "unep": unep, "session": session, "auth": make_token(unep)}


# --- credentials the API does not accept are a 401, never anonymous --------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Token abc",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer a b",
        "Bearer:abc",
        "Bearerabc",
        "   ",
    ],
)
def test_an_authorization_header_the_api_does_not_accept_is_a_401(api_client, header):
    factories.TopicFactory()
    response = api_client.get("/api/v1/topics/", HTTP_AUTHORIZATION=header)
    body = assert_error_body(response, 401, "authentication_failed")
    assert "Bearer" in body["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_no_authorization_header_still_reads_anonymously(api_client):
    factories.TopicFactory(name="Tailings")
    response = api_client.get("/api/v1/topics/")
    assert response.status_code == 200 and [t["name"] for t in response.json()["results"]] == ["Tailings"]


# --- a method the resource does not have is a 405, whoever asks ----------------------------------------------


@pytest.mark.parametrize("method", ["delete", "put", "patch", "post"])
@pytest.mark.parametrize("as_partner", [False, True])
def test_a_write_to_a_read_only_list_is_a_405_with_allow(world, api_client, method, as_partner):
    auth = world["auth"] if as_partner else None
    response = call(api_client, method, "/api/v1/topics/", auth)
    assert_error_body(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("method", ["delete", "put", "patch", "post"])
@pytest.mark.parametrize("as_partner", [False, True])
def test_a_write_to_a_read_only_detail_is_a_405_with_allow(world, api_client, method, as_partner):
    auth = world["auth"] if as_partner else None
    response = call(api_client, method, f"/api/v1/events/{world['event'].slug}/", auth)
    assert_error_body(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_delete_on_a_session_is_a_405_for_anyone(world, api_client):
    for auth in (None, world["auth"]):
        response = call(api_client, "delete", f"/api/v1/sessions/{world['session'].pk}/", auth)
        assert_error_body(response, 405, "method_not_allowed")
        assert "DELETE" not in response["Allow"] and "PATCH" in response["Allow"]


def test_a_method_the_resource_has_still_needs_the_scope(world, api_client, make_token):
    reader = make_token(world["unep"], ["read"])
    response = call(api_client, "post", "/api/v1/sessions/", reader, **session_payload(world["event"]))
    assert_error_body(response, 403, "permission_denied")
    assert_error_body(call(api_client, "post", "/api/v1/sessions/", None, **session_payload(world["event"])), 401)


# --- duplicate keys ------------------------------------------------------------------------------------------


def test_a_duplicate_key_in_a_body_is_a_400_naming_it(world, api_client):
    body = '{"event": "open-event", "name": "A", "email": "a@example.org", "name": "B"}'
    response = api_client.post(
        "/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    error = assert_error_body(response, 400, "parse_error")
    assert error["errors"] == {"name": ['The key "name" appears more than once in the same JSON object.']}
    assert '"name"' in error["detail"]
    assert world["event"].registrations.count() == 0


def test_a_duplicate_key_in_a_nested_object_is_a_400(world, api_client):
    body = '{"speakers": [{"new_person": {"family_name": "A", "family_name": "B"}, "role": "speaker"}]}'
    response = api_client.put(
        f"/api/v1/sessions/{world['session'].pk}/speakers/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=world["auth"],
    )
    assert assert_error_body(response, 400, "parse_error")["errors"] == {
        "family_name": ['The key "family_name" appears more than once in the same JSON object.']
    }


# --- a created object's address -----------------------------------------------------------------------------


def test_a_proposed_session_answers_its_location(world, api_client):
    response = call(api_client, "post", "/api/v1/sessions/", world["auth"], **session_payload(world["event"]))
    assert response.status_code == 201, response.content
    assert response["Location"] == f"http://testserver/api/v1/sessions/{response.json()['id']}/"
    assert api_client.get(response["Location"], HTTP_AUTHORIZATION=world["auth"]).json() == response.json()


def test_a_registration_answers_its_location(world, api_client):
    response = call(
        api_client, "post", "/api/v1/registrations/", world["auth"], event="open-event", name="A", email="a@example.org"
    )
    assert response.status_code == 201, response.content
    assert response["Location"] == f"http://testserver/api/v1/registrations/{response.json()['id']}/"


def test_a_submitted_publication_answers_its_location(world, api_client):
    response = call(api_client, "post", "/api/v1/publications/", world["auth"], title="Tailings brief", type="brief")
    assert response.status_code == 201, response.content
    assert response["Location"] == "http://testserver/api/v1/publications/tailings-brief/"


def test_a_replayed_create_answers_the_same_location(world, api_client):
    payload = {"event": "open-event", "name": "A", "email": "a@example.org"}
    first = api_client.post(
        "/api/v1/registrations/", payload, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = api_client.post(
        "/api/v1/registrations/", payload, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert again["Idempotent-Replayed"] == "true"
    assert again.status_code == 201 and again["Location"] == first["Location"]


# --- redirects of the API answer JSON -------------------------------------------------------------------------


@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_the_308_for_a_write_without_its_slash_answers_json(world, api_client):
    response = call(api_client, "post", "/api/v1/sessions", world["auth"], **session_payload(world["event"]))
    assert response.status_code == 308
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "This address ends with a slash: send the same request to http://testserver/api/v1/sessions/.",
        "code": "redirect",
        "errors": {},
        "location": "http://testserver/api/v1/sessions/",
    }
    assert response["Location"] == "/api/v1/sessions/"


# --- parse and type errors speak JSON, not Python -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"name": }', "Body is not valid JSON: expecting value at line 1, column 10."),
        (
            "{\n  'name': 1}",
            "Body is not valid JSON: expecting property name enclosed in double quotes at line 2, column 3.",
        ),
        ('{"name": "A"', "Body is not valid JSON: expecting ',' delimiter at line 1, column 13."),
        ('{"session": NaN}', "Body is not valid JSON: NaN is not a JSON value."),
        ('{"session": 1e999}', "Body is not valid JSON: the number 1e999 is out of range."),
        (
            '{"session": ' + "9" * 5000 + "}",
            "Body is not valid JSON: a number of more than 100 digits is out of range.",
        ),
    ],
)
def test_a_body_that_is_not_json_is_a_400_in_plain_words(world, api_client, body, detail):
    response = api_client.post(
        "/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert assert_error_body(response, 400, "parse_error")["detail"] == detail


def test_a_body_that_is_not_utf8_is_a_400_in_plain_words(world, api_client):
    response = api_client.post(
        "/api/v1/registrations/", b'{"name": "\xff"}', content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert assert_error_body(response, 400, "parse_error")["detail"] == (
        "Body is not valid UTF-8 text (byte 11 cannot be read)."
    )


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"speakers": "Jane Doe"}, {"speakers.non_field_errors": ["Expected an array, got a string."]}),
        ({"speakers": ["Jane Doe"]}, {"speakers.0.non_field_errors": ["Expected an object, got a string."]}),
        (
            {"speakers": [{"new_person": 3, "role": "speaker"}]},
            {"speakers.0.new_person.non_field_errors": ["Expected an object, got a number."]},
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_in_json_words(world, api_client, payload, errors):
    url = f"/api/v1/sessions/{world['session'].pk}/speakers/"
    body = assert_error_body(call(api_client, "put", url, world["auth"], **payload), 400, "invalid")
    assert body["errors"] == errors


def test_a_body_that_is_not_an_object_is_named_in_json_words(world, api_client):
    response = api_client.post(
        "/api/v1/registrations/", "[1, 2]", content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert assert_error_body(response, 400, "invalid")["errors"] == {
        "non_field_errors": ["Expected an object, got an array."]
    }


@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_the_301_for_a_read_without_its_slash_answers_json(api_client):
    response = api_client.get("/api/v1/events")
    assert response.status_code == 301 and response["Location"] == "/api/v1/events/"
    assert response.json()["code"] == "redirect"
    assert response.json()["location"] == "http://testserver/api/v1/events/"


@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_a_site_page_without_its_slash_still_redirects_as_django_does(client):
    response = client.get("/events")
    assert response.status_code == 301 and not response["Content-Type"].startswith("application/json")


def test_the_schema_documents_location_on_every_201(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    created = [
        (path, operation["responses"]["201"])
        for path, item in schema["paths"].items()
        for operation in item.values()
        if isinstance(operation, dict) and "201" in operation.get("responses", {})
    ]
    assert {path for path, _ in created} == {
        "/api/v1/sessions/",
        "/api/v1/registrations/",
        "/api/v1/publications/",
        "/api/v1/webhooks/",
    }
    for _path, response in created:
        assert "Location" in response["headers"]


# --- rate limits say where the caller stands ----------------------------------------------------------------


def test_a_partner_read_answers_its_rate_limit(world, api_client, settings):
    settings.PORTAL_API_RATES = {"partner": "3/minute", "anonymous": "100/minute"}
    answers = [api_client.get("/api/v1/topics/", HTTP_AUTHORIZATION=world["auth"]) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["RateLimit-Limit"] for a in answers] == ["3", "3", "3", "3"]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert all(0 < int(a["RateLimit-Reset"]) <= 60 for a in answers)
    assert int(answers[-1]["Retry-After"]) > 0
    assert_error_body(answers[-1], 429, "throttled")


def test_an_anonymous_read_answers_the_anonymous_limit(api_client, settings):
    settings.PORTAL_API_RATES = {"partner": "100/minute", "anonymous": "5/hour"}
    response = api_client.get("/api/v1/topics/")
    assert (response["RateLimit-Limit"], response["RateLimit-Remaining"], response["RateLimit-Reset"]) == (
        "5",
        "4",
        "3600",
    )


def test_a_write_answers_its_rate_limit(world, api_client, settings):
    settings.PORTAL_API_RATES = {"partner": "10/minute", "anonymous": "100/minute"}
    response = call(api_client, "post", "/api/v1/sessions/", world["auth"], **session_payload(world["event"]))
    assert response.status_code == 201 and response["RateLimit-Remaining"] == "9"


def test_the_docs_carry_no_rate_limit(api_client):
    assert "RateLimit-Limit" not in api_client.get("/api/v1/schema/")


def test_the_schema_documents_the_rate_limit_headers(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    listing = schema["paths"]["/api/v1/topics/"]["get"]["responses"]
    for code in ("200", "429"):
        assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(listing[code]["headers"])


# --- language codes are real ones ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["languages", "interpretation"])
def test_a_language_code_nobody_speaks_is_a_400_naming_it(world, api_client, field):
    payload = session_payload(world["event"], **{field: ["en", "xx", "zz-ZZ"]})
    body = assert_error_body(call(api_client, "post", "/api/v1/sessions/", world["auth"], **payload), 400, "invalid")
    assert body["errors"] == {
        field: [
            'Unknown language code: "xx", "zz-ZZ". Give ISO 639-1 codes such as "en", "fr" or "es", '
            'optionally with a region ("pt-BR").'
        ]
    }


def test_a_patch_with_an_unknown_language_changes_nothing(world, api_client):
    url = f"/api/v1/sessions/{world['session'].pk}/"
    body = assert_error_body(call(api_client, "patch", url, world["auth"], languages=["qq"]), 400, "invalid")
    assert list(body["errors"]) == ["languages"]
    world["session"].refresh_from_db()
    assert world["session"].languages == []


def test_real_language_codes_are_taken_as_given(world, api_client):
    payload = session_payload(world["event"], languages=["en", "sw", "pt-BR", "zh-hans"], interpretation=["fr", "es"])
    response = call(api_client, "post", "/api/v1/sessions/", world["auth"], **payload)
    assert response.status_code == 201, response.content
    assert (response.json()["languages"], response.json()["interpretation"]) == (
        ["en", "sw", "pt-BR", "zh-hans"],
        ["fr", "es"],
    )


@pytest.mark.parametrize("action", ["accept", "withdraw"])
def test_a_malformed_session_id_in_an_action_is_a_404(world, api_client, action):
    response = call(api_client, "post", f"/api/v1/sessions/null,null/{action}/", world["auth"])
    assert_error_body(response, 404, "not_found")
