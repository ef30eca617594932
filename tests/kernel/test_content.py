"""Content versions: every catalogue write bumps the number every cache keys on; private rows do not."""

import pytest

from kernel.content import content_changed, current_version
from tests import factories

pytestmark = pytest.mark.django_db


def test_catalogue_writes_bump_the_version_and_private_ones_do_not():
    start = current_version()
    event = factories.EventFactory()
    after_event = current_version()
    assert after_event > start
    factories.RegistrationFactory(event=event)
    assert current_version() == after_event, "a registration is not public content"
    event.topics.add(factories.TopicFactory())
    assert current_version() > after_event
    before = current_version()
    content_changed()
    assert current_version() == before + 1
