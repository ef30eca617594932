import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


def test_topic_slugs_are_unique_and_policy_instruments_read_with_their_identifier():
    topic = factories.TopicFactory(name="ILO Indigenous and Tribal Peoples Convention", identifier="ILO 169")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TopicFactory(slug=topic.slug)
    assert str(topic) == "ILO Indigenous and Tribal Peoples Convention (ILO 169)"
    assert topic.get_absolute_url() == f"/topics/{topic.slug}/"
