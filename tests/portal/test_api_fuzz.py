"""Schemathesis generates requests from the served OpenAPI schema and checks every answer against it.

Every operation is exercised anonymously and with a partner token holding all scopes, on the demo data.
Passing means: no 5xx for any generated input, and every documented response matches its schema.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
)

from portal.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, response_headers_conformance]


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
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, fuzz_world):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": fuzz_world})
