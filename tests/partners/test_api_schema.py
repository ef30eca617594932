"""The schema is the truth: errors, scopes, anonymous access and headers are documented as the server acts."""

import pytest
import yaml

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/v1/schema/").content)


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_every_operation_documents_its_errors_with_the_one_error_component(schema):
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail", "code", "errors"}
    for path, method, operation in operations(schema):
        codes = {"401", "403", "406", "429"} | ({"400", "409", "413", "415"} if method != "get" else set())
        assert codes <= set(operation["responses"]), (method, path)
        for code in codes:
            assert operation["responses"][code]["content"] == error, (method, path, code)
        assert operation["responses"]["429"]["headers"]["Retry-After"]["required"] is True


def test_scopes_and_anonymous_reads(schema):
    paths = schema["paths"]
    assert paths["/api/v1/events/"]["get"]["x-scopes"] == ["read"]
    assert {} in paths["/api/v1/events/"]["get"]["security"], "anonymous reads"
    assert "Anonymous callers" in paths["/api/v1/events/"]["get"]["description"]
    assert paths["/api/v1/sessions/"]["post"]["x-scopes"] == ["sessions:write"]
    assert {} not in paths["/api/v1/sessions/"]["post"]["security"]
    assert {} not in paths["/api/v1/registrations/"]["get"]["security"]
    assert paths["/api/v1/registrations/"]["post"]["x-scopes"] == ["registrations:write"]
    assert paths["/api/v1/publications/"]["post"]["x-scopes"] == ["publications:submit"]
    assert paths["/api/v1/webhooks/"]["get"]["x-scopes"] == ["webhooks:manage"]


def header_names(operation):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def test_conditional_and_idempotency_headers(schema):
    paths = schema["paths"]
    detail = paths["/api/v1/sessions/{id}/"]
    assert "If-None-Match" in header_names(detail["get"]) and "304" in detail["get"]["responses"]
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
    for method in ("patch", "put"):
        assert "If-Match" in header_names(detail[method])
        assert "412" in detail[method]["responses"]
        assert "ETag" in detail[method]["responses"]["200"]["headers"]
    assert "If-Match" in header_names(paths["/api/v1/registrations/{id}/"]["delete"])
    for path in ("/api/v1/sessions/", "/api/v1/registrations/", "/api/v1/publications/", "/api/v1/webhooks/"):
        assert "Idempotency-Key" in header_names(paths[path]["post"]), path


def test_session_patch_documents_only_what_it_takes_and_refuses_the_rest(schema):
    ref = schema["paths"]["/api/v1/sessions/{id}/"]["patch"]["requestBody"]["content"]["application/json"]["schema"]
    body = schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]
    assert set(body["properties"]) == {
        "title",
        "summary",
        "description",
        "room",
        "starts_at",
        "ends_at",
        "printed_title",
        "languages",
        "interpretation",
        "capacity",
        "topics",
        "translations",
    }
    assert body["additionalProperties"] is False


def test_registration_delete_documents_the_200_it_answers(schema):
    responses = schema["paths"]["/api/v1/registrations/{id}/"]["delete"]["responses"]
    assert "204" not in responses
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Registration"}


def _component(schema, ref_holder):
    """The component a property points to (directly, or through drf-spectacular's allOf)."""
    ref = ref_holder["$ref"] if "$ref" in ref_holder else ref_holder["allOf"][0]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _texts(schema, holder, language):
    return _component(schema, _component(schema, holder)["properties"][language])


@pytest.mark.parametrize(
    ("resource", "path", "lengths"),
    [
        ("Session", "/api/v1/sessions/", {"title": 255, "summary": 5000, "description": 20000}),
        ("Publication", "/api/v1/publications/", {"title": 500, "summary": 5000, "body": 200_000}),
    ],
)
def test_translations_are_documented_exactly_for_reads_and_writes(schema, resource, path, lengths):
    read = schema["components"]["schemas"][resource]
    assert "translations" in read["required"]
    translations = _component(schema, read["properties"]["translations"])
    assert (set(translations["properties"]), set(translations["required"])) == ({"fr", "es"}, {"fr", "es"})
    for language in ("fr", "es"):
        texts = _texts(schema, read["properties"]["translations"], language)
        assert set(texts["required"]) == set(lengths)
        assert {name: field["type"] for name, field in texts["properties"].items()} == dict.fromkeys(lengths, "string")
    operations = (
        schema["paths"][path]["post"],
        schema["paths"][f"{path}{{{'id' if resource == 'Session' else 'slug'}}}/"]["patch"],
    )
    for operation in operations:
        body = _component(schema, operation["requestBody"]["content"]["application/json"]["schema"])
        holder = body["properties"]["translations"]
        written = _component(schema, holder)
        assert (set(written["properties"]), written.get("required"), written["additionalProperties"]) == (
            {"fr", "es"},
            None,
            False,
        )
        for language in ("fr", "es"):
            texts = _texts(schema, holder, language)
            assert {name: field["maxLength"] for name, field in texts["properties"].items()} == lengths
            assert (texts.get("required"), texts["additionalProperties"]) == (None, False)


@pytest.mark.parametrize(
    ("resource", "fields"),
    [
        ("Event", {"title", "theme", "summary", "description", "city"}),
        ("Topic", {"name"}),
        ("House", {"name"}),
        ("Organization", {"description"}),
    ],
)
def test_the_catalogues_translations_are_documented_as_read(schema, resource, fields):
    read = schema["components"]["schemas"][resource]
    assert "translations" in read["required"]
    for language in ("fr", "es"):
        texts = _texts(schema, read["properties"]["translations"], language)
        assert (set(texts["properties"]), set(texts["required"])) == (fields, fields)
