"""Schemathesis generates requests from the served OpenAPI schema and checks every answer against it.

Every operation is exercised anonymously and with a partner token holding all scopes, on the demo data, with
all of schemathesis's checks (status codes, headers, content types, response schemas, refusal of invalid data,
acceptance of valid data, authentication...). Passing means: no 5xx for any generated input, and every answer
is one the schema documents. PORTAL_FUZZ_EXAMPLES sets the examples per operation (default 25).
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from portal.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "25"))
# A request the schema allows may still name something that does not exist (an event slug, a host name): that is
# a 400 naming the field, which no schema can rule out. Likewise an If-Match header is any string to the schema,
# and one that is not the resource's current ETag is a 412 (documented on every such write). Everything else
# schemathesis expects as it ships.
schema.config.checks.positive_data_acceptance.expected_statuses = [
    *schema.config.checks.positive_data_acceptance.expected_statuses,
    "400",
    "412",
]


@pytest.fixture
def fuzz_world(db, settings, make_token):
    from members.models import Organization

    settings.PORTAL_API_RATES = {"partner": "100000/minute", "anonymous": "100000/minute"}
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Calling the WSGI app directly fires request_finished, which would close the test's connection (and
    # its transaction); Django's own test client disconnects the same handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield make_token(Organization.objects.get(slug="unep"))
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, fuzz_world):
    case.call_and_validate()
    case.call_and_validate(headers={"Authorization": fuzz_world})


def test_api_workflows_follow_the_schema_links(fuzz_world):
    """Stateful: sequences that create something (a session, a registration, a publication, a webhook endpoint)
    and follow the schema's links to read, change or remove it, with the partner's token, every check on."""
    workflows = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    workflows.config.checks.positive_data_acceptance.expected_statuses = (
        schema.config.checks.positive_data_acceptance.expected_statuses
    )

    # Registered as the schema's authentication, the token is known to every check as the real credential, so
    # ignored_auth probes each write without it and with a wrong one and expects a 401.
    @workflows.auth(refresh_interval=None)
    class PartnerToken:
        def get(self, case, context):
            return fuzz_world

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": data}

    Workflows = workflows.as_state_machine()
    Workflows.run(
        settings=settings(
            max_examples=max(EXAMPLES // 5, 3),
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


@pytest.mark.django_db
def test_the_schema_links_each_create_to_its_object(api_client):
    """The links the stateful test follows are in the served schema: from a create to its object's operations."""
    paths = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    links = {
        path: paths[path]["post"]["responses"]["201"]["links"]
        for path in paths
        if "post" in paths[path] and "201" in paths[path]["post"]["responses"]
    }
    assert sorted(links["/api/v1/registrations/"]) == ["registrations_destroy", "registrations_retrieve"]
    assert links["/api/v1/registrations/"]["registrations_retrieve"]["parameters"] == {"id": "$response.body#/id"}
    assert links["/api/v1/publications/"]["publications_partial_update"]["parameters"] == {
        "slug": "$response.body#/slug"
    }
    assert links["/api/v1/webhooks/"]["webhooks_deliveries_list"]["parameters"] == {"endpoint_pk": "$response.body#/id"}
    assert {"sessions_retrieve", "sessions_partial_update", "sessions_speakers_update"} <= set(
        links["/api/v1/sessions/"]
    )
