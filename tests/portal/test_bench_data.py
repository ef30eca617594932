"""The benchmark's data command: counts that scale, a fixed flagship, and the member and partner it measures."""

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from events.models import Event, Participation, Session
from members.models import Organization, Person
from members.policies import viewer_for_user
from partners.services import partner_token_authenticate
from publications.models import Publication

pytestmark = pytest.mark.django_db

SMALL = ["--organizations", "4", "--people", "40", "--events", "3", "--sessions", "30"]
SMALL += ["--participations", "120", "--publications", "8"]


def _load(tmp_path, *extra):
    credentials = tmp_path / "credentials.json"
    call_command("generate_bench_data", *SMALL, "--credentials", str(credentials), *extra, stdout=io.StringIO())
    return json.loads(credentials.read_text())


def test_scale_multiplies_every_count_but_the_flagships(tmp_path):
    _load(tmp_path, "--scale", "2")
    counts = [
        Organization.objects.count(),
        Person.objects.filter(slug__startswith="bench-person-").count(),
        Event.objects.count(),
        Session.objects.count(),
        Participation.objects.count(),
        Publication.objects.count(),
    ]
    assert counts == [8, 80, 6, 60, 240, 16]
    flagship = Event.objects.get(slug="bench-flagship")
    assert (flagship.sessions.count(), Participation.objects.filter(session__event=flagship).count()) == (20, 80)
    assert Publication.objects.get(slug="bench-publication-1").type != Publication.Type.NEWS_POST


def test_the_member_and_the_partner_token_are_who_the_benchmark_says(tmp_path):
    credentials = _load(tmp_path)
    organization = Organization.objects.get(slug=credentials["partner"]["organization"])

    client = Client()
    assert client.login(username=credentials["member"]["email"], password=credentials["member"]["password"])
    user = Person.objects.get(user__email=credentials["member"]["email"]).user
    assert viewer_for_user(user).member_of == {organization.pk}
    assert client.get("/members/").status_code == 200

    token = partner_token_authenticate(credentials["partner"]["token"])
    assert (token.organization, sorted(token.scopes)) == (
        organization,
        ["publications:submit", "read", "registrations:write", "sessions:write", "webhooks:manage"],
    )


def test_refuses_a_second_load_and_a_scale_below_one(tmp_path):
    with pytest.raises(CommandError, match="--scale must be 1 or more"):
        call_command("generate_bench_data", *SMALL, "--scale", "0", stdout=io.StringIO())
    _load(tmp_path)
    with pytest.raises(CommandError, match="already loaded"):
        call_command("generate_bench_data", *SMALL, stdout=io.StringIO())


def _bench_script():
    spec = importlib.util.spec_from_file_location("bench_run", Path(settings.BASE_DIR) / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)  # the live server reads what this test commits
def test_the_benchmark_signs_its_member_in_through_the_login_form(tmp_path, live_server):
    credentials = _load(tmp_path)
    cookie = _bench_script().member_login(
        live_server.url, credentials["member"]["email"], credentials["member"]["password"]
    )

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert client.get("/accounts/profile/").context["user"].email == credentials["member"]["email"]
