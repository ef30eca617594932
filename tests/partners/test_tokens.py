"""Partner tokens, issue 11 item 6: expiry required (1 to 730 days), rotation with an overlap, limitation to named
events, last use shown, and co-organisers seeing each other's writes to a session."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from kernel.errors import DomainError
from partners import services
from partners.models import PartnerToken
from partners.policies import viewer_for_token
from tests import factories
from tests.api_helpers import call, results, session_payload

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _issue(*args, **kwargs) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_partner_token", *args, stdout=out, stderr=err, **kwargs)
    return out.getvalue().strip(), err.getvalue()


# --- expiry -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("days", ["0", "-3", "731"])
def test_the_command_refuses_a_lifetime_outside_1_to_730_days(days):
    factories.OrganizationFactory(slug="unep")
    with pytest.raises(CommandError) as excinfo:
        _issue("unep", "--days", days)
    assert str(excinfo.value) == f"A token lives between 1 and 730 days, not {days}."
    assert not PartnerToken.objects.exists()


@pytest.mark.parametrize(("args", "days"), [((), 365), (("--days", "1"), 1), (("--days", "730"), 730)])
def test_every_token_the_command_issues_expires(args, days):
    factories.OrganizationFactory(slug="unep")
    secret, _err = _issue("unep", *args)
    token = services.partner_token_authenticate(secret)
    expected = timezone.now() + days * DAY
    assert abs((token.expires_at - expected).total_seconds()) < 60


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"days": 0}, "A token lives between 1 and 730 days, not 0."),
        ({"days": 731}, "A token lives between 1 and 730 days, not 731."),
        ({"expires_at": timezone.now() + 731 * DAY}, "A token expires within 730 days."),
        (
            {"days": 3, "expires_at": timezone.now() + DAY},
            "Give the expiry as a number of days or as a date, not both.",
        ),
    ],
)
def test_the_service_refuses_a_token_without_a_bounded_expiry(kwargs, message):
    with pytest.raises(DomainError) as excinfo:
        services.partner_token_create(organization=factories.OrganizationFactory(), name="x", scopes=["read"], **kwargs)
    assert excinfo.value.message == message
    assert not PartnerToken.objects.exists()


def test_staff_cannot_take_the_expiry_away_or_push_it_past_two_years(staff):
    token, _secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="x", scopes=["read"], days=30
    )
    for expires_at, message in [
        (None, "Every token needs an expiry."),
        (timezone.now() + 800 * DAY, "A token expires within 730 days."),
    ]:
        with pytest.raises(DomainError) as excinfo:
            services.partner_token_update(token=token, by=staff, expires_at=expires_at)
        assert excinfo.value.message == message
    token.refresh_from_db()
    assert abs((token.expires_at - (timezone.now() + 30 * DAY)).total_seconds()) < 60


def test_the_admin_issues_a_token_for_a_number_of_days(staff_client):
    org = factories.OrganizationFactory()
    url = reverse("admin:partners_partnertoken_add")
    form = {"organization": org.pk, "name": "Site", "scopes": ["read"]}
    refused = staff_client.post(url, {**form, "days": "0"})
    assert refused.status_code == 200 and not PartnerToken.objects.exists()
    staff_client.post(url, {**form, "days": "90"})
    token = PartnerToken.objects.get()
    assert abs((token.expires_at - (timezone.now() + 90 * DAY)).total_seconds()) < 60


# --- rotation -----------------------------------------------------------------------------------------


def test_rotation_issues_a_successor_and_keeps_the_old_token_for_the_overlap(staff):
    event = factories.EventFactory()
    old, old_secret = services.partner_token_create(
        organization=factories.OrganizationFactory(),
        name="Sync",
        scopes=["read", "sessions:write"],
        days=100,
        events=[event],
    )
    new, new_secret = services.partner_token_rotate(token=old, overlap_days=7, by=staff)
    old.refresh_from_db()
    assert (new.organization, new.name, new.scopes, list(new.events.all())) == (
        old.organization,
        "Sync",
        ["read", "sessions:write"],
        [event],
    )
    assert old.rotated_to == new and new.created_by == staff.user
    assert abs((old.expires_at - (timezone.now() + 7 * DAY)).total_seconds()) < 60
    assert abs((new.expires_at - (timezone.now() + 100 * DAY)).total_seconds()) < 60
    # Both work during the overlap; after it only the new one.
    assert services.partner_token_authenticate(old_secret) == old
    assert services.partner_token_authenticate(new_secret) == new
    PartnerToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(DomainError) as excinfo:
        services.partner_token_authenticate(old_secret)
    assert excinfo.value.message == "This API token has expired."
    assert services.partner_token_authenticate(new_secret) == new


def test_the_overlap_never_extends_the_old_token():
    old, _secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="x", scopes=["read"], days=2
    )
    expires_at = old.expires_at
    services.partner_token_rotate(token=old, overlap_days=30)
    old.refresh_from_db()
    assert old.expires_at == expires_at


@pytest.mark.parametrize(
    ("state", "overlap", "message"),
    [
        ("live", 31, "The overlap is between 0 and 30 days, not 31."),
        ("live", -1, "The overlap is between 0 and 30 days, not -1."),
        ("revoked", 7, "A revoked token cannot be rotated: issue a new one."),
        ("expired", 7, "An expired token cannot be rotated: issue a new one."),
        ("rotated", 7, "This token has already been rotated."),
    ],
)
def test_rotation_refusals(state, overlap, message):
    old, _secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="x", scopes=["read"]
    )
    if state == "revoked":
        services.partner_token_revoke(token=old)
    elif state == "expired":
        PartnerToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - DAY)
    elif state == "rotated":
        services.partner_token_rotate(token=old, overlap_days=1)
    count = PartnerToken.objects.count()
    with pytest.raises(DomainError) as excinfo:
        services.partner_token_rotate(token=old, overlap_days=overlap)
    assert excinfo.value.message == message
    assert PartnerToken.objects.count() == count


def test_the_command_rotates_a_token():
    org = factories.OrganizationFactory(slug="unep", name="UNEP")
    old, _old_secret = services.partner_token_create(organization=org, name="Sync", scopes=["read"], days=10)
    secret, err = _issue("unep", "--rotate", old.prefix, "--overlap-days", "2", "--days", "60")
    new = services.partner_token_authenticate(secret)
    old.refresh_from_db()
    assert old.rotated_to == new and new.name == "Sync"
    assert abs((old.expires_at - (timezone.now() + 2 * DAY)).total_seconds()) < 60
    assert abs((new.expires_at - (timezone.now() + 60 * DAY)).total_seconds()) < 60
    assert f"Token {old.prefix} works until" in err
    with pytest.raises(CommandError) as excinfo:
        _issue("unep", "--rotate", "nothere")
    assert str(excinfo.value) == "UNEP has no token with prefix 'nothere'."


def test_the_admin_action_rotates_and_shows_the_new_secret_once(staff_client):
    old, _secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="Sync", scopes=["read"]
    )
    response = staff_client.post(
        reverse("admin:partners_partnertoken_changelist"),
        {"action": "rotate", "_selected_action": [old.pk]},
        follow=True,
    )
    old.refresh_from_db()
    new = old.rotated_to
    assert new is not None and f"ptk_{new.prefix}_" in response.content.decode()
    assert abs((old.expires_at - (timezone.now() + 7 * DAY)).total_seconds()) < 60


# --- limitation to events -----------------------------------------------------------------------------


def test_a_token_limited_to_an_event_reads_everything_public_but_writes_only_that_event(api_client, make_token):
    mine = factories.EventFactory(accepts_partner_sessions=True, slug="mine")
    other = factories.EventFactory(accepts_partner_sessions=True, slug="other")
    org = factories.OrganizationFactory()
    auth = make_token(org, events=[mine])
    assert {e["slug"] for e in results(call(api_client, "get", "/api/v1/events/", auth))} == {"mine", "other"}
    refused = call(api_client, "post", "/api/v1/sessions/", auth, **session_payload(other))
    assert refused.status_code in (400, 403), refused.content
    assert refused.json()["errors"] == {"event": ["This token is limited to other events."]}
    assert call(api_client, "post", "/api/v1/sessions/", auth, **session_payload(mine)).status_code == 201
    registration = {"name": "Delegate", "email": "d@example.org"}
    refused = call(api_client, "post", "/api/v1/registrations/", auth, event="other", **registration)
    assert refused.json()["errors"] == {"event": ["This token is limited to other events."]}
    assert call(api_client, "post", "/api/v1/registrations/", auth, event="mine", **registration).status_code == 201


def test_a_token_limited_to_an_event_cannot_edit_its_organisations_sessions_elsewhere(api_client, make_token):
    mine, other = factories.EventFactory(), factories.EventFactory()
    org = factories.OrganizationFactory()
    elsewhere = factories.SessionFactory(event=other, proposed_by=org)
    limited, unlimited = make_token(org, events=[mine]), make_token(org)
    assert call(api_client, "patch", f"/api/v1/sessions/{elsewhere.pk}/", limited, title="New").status_code == 404
    assert call(api_client, "patch", f"/api/v1/sessions/{elsewhere.pk}/", unlimited, title="New").status_code == 200


def test_the_viewer_of_a_token_carries_its_events():
    event = factories.EventFactory()
    org = factories.OrganizationFactory()
    limited, _ = services.partner_token_create(organization=org, name="x", scopes=["read"], events=[event])
    unlimited, _ = services.partner_token_create(organization=org, name="y", scopes=["read"])
    assert (viewer_for_token(limited).event_ids, viewer_for_token(unlimited).event_ids) == (
        frozenset({event.pk}),
        None,
    )


# --- last use -----------------------------------------------------------------------------------------


def test_last_use_is_recorded_at_most_once_a_minute_and_shown_in_the_admin(staff_client):
    token, secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="Sync", scopes=["read"]
    )
    first = services.partner_token_authenticate(secret).last_used_at
    assert services.partner_token_authenticate(secret).last_used_at == first
    earlier = timezone.now() - datetime.timedelta(seconds=61)
    PartnerToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    assert services.partner_token_authenticate(secret).last_used_at > earlier
    body = staff_client.get(reverse("admin:partners_partnertoken_changelist")).content.decode()
    assert "Last used at" in body or "last used at" in body.lower()


# --- co-organisers see each other's writes ------------------------------------------------------------


def _co_organised_session():
    event = factories.EventFactory(accepts_partner_sessions=True)
    proposer, partner = factories.OrganizationFactory(slug="oecd"), factories.OrganizationFactory(slug="igf")
    session = factories.SessionFactory(event=event, proposed_by=proposer, status="proposed")
    factories.SessionOrganizationFactory(session=session, organization=partner)
    return session, proposer, partner


def test_co_organisers_see_each_others_writes_to_their_session(api_client, make_token):
    session, proposer, partner = _co_organised_session()
    proposer_auth, partner_auth = make_token(proposer), make_token(partner)
    outsider_auth = make_token(factories.OrganizationFactory(slug="outsider"))
    assert call(api_client, "patch", f"/api/v1/sessions/{session.pk}/", partner_auth, title="Agreed").status_code == 200
    url = f"/api/v1/sessions/{session.pk}/log/"
    seen = results(call(api_client, "get", url, proposer_auth))
    assert [(r["action"], r["organization"], r["changes"]) for r in seen] == [
        ("session.update", "igf", {"title": "Agreed"})
    ]
    # The general log too, beside the proposer's own writes.
    assert [r["organization"] for r in results(call(api_client, "get", "/api/v1/log/", proposer_auth))] == ["igf"]
    # Someone else learns nothing: a proposed session is not even there for it.
    assert call(api_client, "get", url, outsider_auth).status_code == 404
    assert results(call(api_client, "get", "/api/v1/log/", outsider_auth)) == []


def test_a_visible_session_shows_a_stranger_none_of_its_writes(api_client, make_token):
    session, _proposer, partner = _co_organised_session()
    call(api_client, "patch", f"/api/v1/sessions/{session.pk}/", make_token(partner), title="Agreed")
    type(session).objects.filter(pk=session.pk).update(status="scheduled")
    url = f"/api/v1/sessions/{session.pk}/log/"
    assert results(call(api_client, "get", url, make_token(factories.OrganizationFactory()))) == []
    assert call(api_client, "get", url).status_code == 401


@pytest.mark.parametrize("rows", [1, 3])
def test_session_log_query_budget(api_client, make_token, rows, django_assert_num_queries):
    session, proposer, partner = _co_organised_session()
    partner_auth = make_token(partner)
    for n in range(rows):
        call(api_client, "patch", f"/api/v1/sessions/{session.pk}/", partner_auth, title=f"Title {n}")
    auth = make_token(proposer)
    with django_assert_num_queries(6):
        seen = results(api_client.get(f"/api/v1/sessions/{session.pk}/log/", HTTP_AUTHORIZATION=auth))
    assert len(seen) == rows
