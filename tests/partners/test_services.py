"""Partner tokens: issued with scopes, stored as digests, refused when unknown, revoked or expired."""

import datetime

import pytest
from django.utils import timezone

from kernel.errors import DomainError
from partners import services
from partners.models import PartnerToken
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_as_a_digest(staff):
    org = factories.OrganizationFactory()
    token, secret = services.partner_token_create(
        organization=org, name=" Site sync ", scopes=["read", "read"], by=staff
    )
    assert secret.startswith(f"ptk_{token.prefix}_") and secret not in token.secret_hash
    assert (token.name, token.scopes, token.created_by) == ("Site sync", ["read"], staff.user)
    assert services.partner_token_authenticate(secret) == token


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scopes": []}, "A token needs at least one scope."),
        ({"scopes": ["everything"]}, "Unknown scopes: everything."),
        (
            {"scopes": ["read"], "expires_at": timezone.now() - datetime.timedelta(days=1)},
            "The expiry must be in the future.",
        ),
    ],
)
def test_bad_tokens_are_refused(kwargs, message):
    with pytest.raises(DomainError) as excinfo:
        services.partner_token_create(organization=factories.OrganizationFactory(), name="x", **kwargs)
    assert excinfo.value.message == message
    assert not PartnerToken.objects.exists()


def test_revoked_and_expired_tokens_stop_working(staff):
    token, secret = services.partner_token_create(
        organization=factories.OrganizationFactory(), name="x", scopes=["read"]
    )
    later = timezone.now() + datetime.timedelta(days=1)
    assert services.partner_token_update(token=token, by=staff, expires_at=later).expires_at == later
    services.partner_token_revoke(token=token, by=staff)
    with pytest.raises(DomainError) as excinfo:
        services.partner_token_authenticate(secret)
    assert excinfo.value.message == "This API token has been revoked."
    with pytest.raises(DomainError):
        services.partner_token_authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B"))
