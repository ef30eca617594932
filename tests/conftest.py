import pytest
from django.core.management import call_command

from tests import factories


@pytest.fixture
def staff(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def demo(db):
    """The seed's demo data, loaded by the same command `make run` uses."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory()


@pytest.fixture
def event(db):
    return factories.EventFactory()
