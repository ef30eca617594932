"""No 500s and one error body for the whole API: hostile input, every status, and what Django answers before
the API's own views run (unknown paths, oversized bodies, a bad Host, a write to a path without its slash)."""

import pytest
from django.test import override_settings

from tests import factories
from tests.api_helpers import call, session_payload

pytestmark = pytest.mark.django_db


def assert_error_body(response, status: int, code: str | None = None) -> dict:
    """The documented error body: JSON with a `detail` message, a `code` and `errors` by field."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.fixture
def world(make_token):
    event = factories.EventFactory(accepts_partner_sessions=True, capacity=10, slug="open-event")
    unep = factories.OrganizationFactory(slug="unep")
    session = factories.SessionFactory(event=event, title="UNEP session")
    factories.SessionOrganizationFactory(session=session, organization=unep)
    return {"event": event, "unep": unep, "session": session, "auth": make_token(unep)}


WRITES = [
    ("post", "/api/v1/sessions/"),
    ("post", "/api/v1/registrations/"),
    ("post", "/api/v1/publications/"),
    ("post", "/api/v1/webhooks/"),
]


@pytest.mark.parametrize(("method", "url"), WRITES)
def test_deeply_nested_json_is_a_400(world, api_client, method, url):
    body = "[" * 100_000 + "]" * 100_000
    response = getattr(api_client, method)(url, body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"])
    assert_error_body(response, 400, "parse_error")


def test_nesting_deeper_than_any_payload_needs_is_a_400(world, api_client):
    body = '{"speakers": ' + "[" * 900 + "]" * 900 + "}"
    url = f"/api/v1/sessions/{world['session'].pk}/speakers/"
    response = api_client.put(url, body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"])
    assert_error_body(response, 400, "parse_error")


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1" + "0" * 40, "1.5"])
def test_out_of_range_numbers_for_a_reference_are_a_400(world, api_client, number):
    body = f'{{"event": "open-event", "session": {number}, "name": "A", "email": "a@example.org"}}'
    response = api_client.post(
        "/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert response.status_code == 400, response.content
    assert_error_body(response, 400)


@pytest.mark.parametrize(
    "ordering",
    ["session__event__title", "person__email", "-session__title", "order__bogus", "session", "person", "pk,,", ","],
)
def test_ordering_by_a_related_path_is_a_400_naming_it_never_a_500(api_client, ordering):
    factories.ParticipationFactory()
    response = api_client.get("/api/v1/participations/", {"ordering": ordering})
    assert_error_body(response, 400)
    assert response.json()["errors"] == {
        "ordering": ["Sort by one or more of: order, updated_at (with - before a field for descending)."]
    }


@pytest.mark.parametrize("length", [255, 256, 300, 320, 321])
def test_long_emails_are_a_400_not_a_database_error(world, api_client, length):
    local = "a" * 64
    domain = ("b" * 63 + ".") * 5
    email = f"{local}@{domain}"[: length - 4] + ".org"
    assert len(email) == length
    response = call(
        api_client, "post", "/api/v1/registrations/", world["auth"], event="open-event", name="A", email=email
    )
    body = assert_error_body(response, 400)
    assert "email" in body["errors"]


def test_nul_bytes_in_query_string_answer_the_error_body(api_client):
    assert_error_body(api_client.get("/api/v1/events/?search=a%00b"), 400, "invalid")


def test_nul_characters_in_a_body_answer_the_error_body(world, api_client):
    body = '{"event": "open-event", "name": "A\\u0000", "email": "a@example.org"}'
    response = api_client.post(
        "/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert_error_body(response, 400, "parse_error")


def test_a_body_above_the_limit_is_a_413_with_the_error_body(world, api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"event": "open-event", "name": "' + "x" * 2000 + '", "email": "a@example.org"}'
    response = api_client.post(
        "/api/v1/registrations/", body, content_type="application/json", HTTP_AUTHORIZATION=world["auth"]
    )
    assert_error_body(response, 413, "payload_too_large")


def test_unknown_api_path_is_a_json_404(api_client):
    assert_error_body(api_client.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_error_body(api_client.get("/api/v2/events/"), 404, "not_found")


def test_site_404_stays_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_bad_host_on_an_api_path_is_a_json_400(api_client):
    assert_error_body(api_client.get("/api/v1/events/", HTTP_HOST="evil.example"), 400, "bad_request")


def test_method_not_allowed_and_not_acceptable(world, api_client):
    assert_error_body(call(api_client, "put", "/api/v1/registrations/", world["auth"]), 405, "method_not_allowed")
    assert_error_body(api_client.get("/api/v1/events/", HTTP_ACCEPT="application/xml"), 406, "not_acceptable")


def test_unsupported_media_type_and_auth_statuses(world, api_client, make_token):
    form = api_client.post("/api/v1/registrations/", {"event": "x"}, HTTP_AUTHORIZATION=world["auth"])
    assert_error_body(form, 415, "unsupported_media_type")
    assert_error_body(api_client.get("/api/v1/registrations/"), 401, "not_authenticated")
    reader = make_token(world["unep"], ["read"])
    assert_error_body(call(api_client, "post", "/api/v1/registrations/", reader, event="x"), 403, "permission_denied")


def test_conflict_and_throttle_answer_the_error_body(world, api_client, settings):
    payload = {"event": "open-event", "name": "A", "email": "a@example.org"}
    call(api_client, "post", "/api/v1/registrations/", world["auth"], **payload)
    assert_error_body(call(api_client, "post", "/api/v1/registrations/", world["auth"], **payload), 409, "conflict")
    settings.PORTAL_API_RATES = {"partner": "1/minute", "anonymous": "1/minute"}
    api_client.get("/api/v1/topics/")
    throttled = assert_error_body(api_client.get("/api/v1/topics/"), 429, "throttled")
    assert throttled["detail"]


@pytest.mark.parametrize("status", [412, 428])
def test_precondition_statuses_answer_the_error_body(status):
    from rest_framework.test import APIRequestFactory

    from kernel.api.errors import PreconditionFailed, PreconditionRequired, exception_handler

    exc = {412: PreconditionFailed, 428: PreconditionRequired}[status]()
    request = APIRequestFactory().get("/api/v1/events/")
    response = exception_handler(exc, {"request": request, "view": None})
    assert response.status_code == status
    assert set(response.data) == {"detail", "code", "errors"} and response.data["errors"] == {}


# --- unknown, read-only and staff-only fields ---------------------------------------------------------


def test_unknown_fields_in_a_write_are_a_400_naming_them(world, api_client):
    response = call(
        api_client, "post", "/api/v1/publications/", world["auth"], title="Brief", type="brief", launched_at=3, colour=1
    )
    body = assert_error_body(response, 400, "invalid")
    assert set(body["errors"]) == {"launched_at", "colour"}
    assert body["errors"]["colour"] == ["Unknown field."]


@pytest.mark.parametrize("field", ["status", "type", "slug", "capacity", "speakers", "updated_at", "id"])
def test_read_only_fields_in_a_session_patch_are_a_400_naming_them(world, api_client, field):
    url = f"/api/v1/sessions/{world['session'].pk}/"
    response = call(api_client, "patch", url, world["auth"], summary="New", **{field: "x"})
    body = assert_error_body(response, 400, "invalid")
    assert list(body["errors"]) == [field]
    world["session"].refresh_from_db()
    assert world["session"].summary != "New", "a refused write changes nothing"


def test_staff_only_field_sent_by_a_partner_is_a_400(world, api_client):
    response = call(
        api_client, "post", "/api/v1/sessions/", world["auth"], **session_payload(world["event"]), organization="unep"
    )
    body = assert_error_body(response, 400, "invalid")
    assert body["errors"] == {"organization": ["Only staff may set this field."]}


def test_unknown_fields_in_nested_input_are_named_with_their_path(world, api_client):
    url = f"/api/v1/sessions/{world['session'].pk}/speakers/"
    speakers = [{"new_person": {"family_name": "Doe", "nickname": "J"}, "role": "speaker", "extra": 1}]
    response = call(api_client, "put", url, world["auth"], speakers=speakers)
    body = assert_error_body(response, 400, "invalid")
    assert set(body["errors"]) == {"speakers.0.extra", "speakers.0.new_person.nickname"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("starts_at", "2027-05-18T14:00:00"), ("ends_at", "2027-05-18 15:30")],
)
def test_naive_datetimes_in_a_write_are_a_400(world, api_client, field, value):
    payload = session_payload(world["event"], **{field: value})
    body = assert_error_body(call(api_client, "post", "/api/v1/sessions/", world["auth"], **payload), 400, "invalid")
    assert list(body["errors"]) == [field]


def test_naive_datetimes_in_a_filter_are_a_400(api_client):
    body = assert_error_body(api_client.get("/api/v1/events/", {"updated_since": "2026-01-01T00:00:00"}), 400)
    assert list(body["errors"]) == ["updated_since"]
    assert api_client.get("/api/v1/events/", {"updated_since": "2026-01-01T00:00:00Z"}).status_code == 200


# --- a write to a path without its slash ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_write_without_trailing_slash_is_redirected_keeping_the_method(world, api_client, method):
    url = f"/api/v1/sessions/{world['session'].pk}" if method != "post" else "/api/v1/sessions"
    response = getattr(api_client, method)(
        url, {"summary": "x"}, format="json", HTTP_AUTHORIZATION=world["auth"], QUERY_STRING="a=1"
    )
    assert response.status_code == 308
    assert response["Location"].endswith(url + "/?a=1")


@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_read_without_trailing_slash_still_redirects(api_client):
    response = api_client.get("/api/v1/events")
    assert response.status_code == 301 and response["Location"].endswith("/api/v1/events/")


@override_settings(DEBUG=False, APPEND_SLASH=True)
def test_following_the_308_makes_the_write(world, api_client):
    response = api_client.patch(
        f"/api/v1/sessions/{world['session'].pk}",
        {"summary": "Followed"},
        format="json",
        HTTP_AUTHORIZATION=world["auth"],
        follow=True,
    )
    assert response.status_code == 200 and response.json()["summary"] == "Followed"


# --- JSON types and pagination, as the schema promises them ---------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("title", 0, "Expected a string."), ("type", 1, "Expected a string."), ("summary", ["a"], "Expected a string.")],
)
def test_a_value_of_the_wrong_json_type_is_a_400(world, api_client, field, value, message):
    payload = {"title": "Brief", "type": "brief", field: value}
    body = assert_error_body(call(api_client, "post", "/api/v1/publications/", world["auth"], **payload), 400)
    assert body["errors"] == {field: [message]}


def test_a_string_for_a_reference_by_id_is_a_400(world, api_client):
    payload = {"event": "open-event", "session": str(world["session"].pk), "name": "A", "email": "a@example.org"}
    body = assert_error_body(call(api_client, "post", "/api/v1/registrations/", world["auth"], **payload), 400)
    assert body["errors"] == {"session": ["Expected an integer."]}


@pytest.mark.parametrize("query", ["limit=0", "limit=-1", "limit=abc", "offset=-1", "offset=null"])
def test_bad_pagination_is_a_400_naming_the_parameter(api_client, query):
    body = assert_error_body(api_client.get(f"/api/v1/topics/?{query}"), 400, "invalid")
    assert list(body["errors"]) == [query.split("=")[0]]


def test_empty_parameters_mean_not_given(api_client):
    factories.TopicFactory()
    response = api_client.get("/api/v1/topics/?limit=&offset=&updated_since=")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_events_format_filter_is_not_taken_for_a_renderer(api_client):
    factories.EventFactory(slug="hybrid-one", format="hybrid")
    factories.EventFactory(slug="in-person-one")
    response = api_client.get("/api/v1/events/?format=hybrid")
    assert response.status_code == 200
    assert [e["slug"] for e in response.json()["results"]] == ["hybrid-one"]
    assert api_client.get("/api/v1/events/?format=json")["Content-Type"].startswith("application/json")
