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
# a 400 naming the field, which no schema can rule out. Everything else schemathesis expects as it ships.
schema.config.checks.positive_data_acceptance.expected_statuses = [
    *schema.config.checks.positive_data_acceptance.expected_statuses,
    "400",
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
