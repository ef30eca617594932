"""Domain events reach their subscribers once the write commits, never for a write that rolled back, and one
failing subscriber silences no other."""

import pytest
from django.db import transaction

from kernel import events
from tests import factories

pytestmark = pytest.mark.django_db


def test_subscribers_hear_after_the_commit(heard_events, django_capture_on_commit_callbacks):
    topic = factories.TopicFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = events.emit("topic.changed", topic)
        assert heard_events == [], "nothing is said before the commit"
    assert len(callbacks) == 1
    assert heard_events == [("topic.changed", "kernel.Topic", topic.pk)]
    assert event.model_label == "kernel.Topic" and event.occurred_at is not None


def test_nothing_is_heard_of_a_write_that_rolled_back(heard_events, django_capture_on_commit_callbacks):
    topic = factories.TopicFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        events.emit("topic.changed", topic)
        raise RuntimeError("the service failed after emitting")
    assert heard_events == []


def test_a_failing_subscriber_does_not_silence_the_others(heard_events, django_capture_on_commit_callbacks, caplog):
    def broken(event):
        raise ValueError("subscriber bug")

    events.subscribe(broken)
    events.subscribe(broken)  # twice is once
    try:
        topic = factories.TopicFactory()
        with django_capture_on_commit_callbacks(execute=True):
            events.emit("topic.changed", topic)
    finally:
        events.unsubscribe(broken)
    assert heard_events == [("topic.changed", "kernel.Topic", topic.pk)]
    assert [r.getMessage() for r in caplog.records if r.name == "kernel.events"] == [
        "A subscriber to topic.changed failed"
    ]


@pytest.mark.parametrize("name", ["approved", "Session.approved", "session.", "session approved"])
def test_event_types_read_kind_dot_what_happened(name):
    with pytest.raises(ValueError):
        events.emit(name, factories.TopicFactory())


def test_only_saved_rows_have_events():
    with pytest.raises(ValueError):
        events.emit("topic.changed", factories.TopicFactory.build())
