"""Retries with exponential backoff: each failed attempt is a failed task result that says it will be retried,
the next attempt waits longer, and the last failure is recorded as the task's own error."""

import datetime

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.mail import EMAIL_BACKOFF
from background.retry import Backoff, PermanentFailure, retrying_task

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)

# What the tasks below did, in order, and how they were given up on: the worker runs them in this process.
CALLS: list[tuple[str, int]] = []
GAVE_UP: list[tuple[str, str]] = []
FAILURES_BEFORE_SUCCESS = {"n": 2}


def _record_give_up(error, label):
    GAVE_UP.append((label, type(error).__name__))


@retrying_task(backoff=Backoff(first=60 * SECOND, cap=600 * SECOND, max_attempts=3, jitter=0))
def flaky(label: str, *, attempt: int) -> str:
    CALLS.append((label, attempt))
    if attempt <= FAILURES_BEFORE_SUCCESS["n"]:
        raise ConnectionError(f"receiver down (attempt {attempt})")
    return f"{label} done"


@retrying_task(
    backoff=Backoff(first=60 * SECOND, cap=600 * SECOND, max_attempts=3, jitter=0), on_give_up=_record_give_up
)
def always_fails(label: str) -> None:
    CALLS.append((label, 0))
    raise ValueError("the receiver answers 500")


@retrying_task(
    backoff=Backoff(first=60 * SECOND, cap=600 * SECOND, max_attempts=5, jitter=0), on_give_up=_record_give_up
)
def refused(label: str) -> None:
    CALLS.append((label, 0))
    raise PermanentFailure("no such address")


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()
    GAVE_UP.clear()
    FAILURES_BEFORE_SUCCESS["n"] = 2


def test_delays_double_from_the_first_up_to_the_cap():
    backoff = Backoff(first=30 * SECOND, cap=300 * SECOND, max_attempts=7)
    assert [d.total_seconds() for d in backoff.delays()] == [30, 60, 120, 240, 300, 300]
    assert backoff.span == datetime.timedelta(seconds=1050)


def test_jitter_stays_within_its_share():
    backoff = Backoff(first=100 * SECOND, cap=1000 * SECOND, max_attempts=5, jitter=0.1)
    delays = [backoff.delay(2).total_seconds() for _ in range(200)]
    assert min(delays) >= 180 and max(delays) <= 220
    assert len(set(delays)) > 1


def test_email_is_retried_for_more_than_a_day_starting_within_a_minute():
    assert EMAIL_BACKOFF.delays()[0] == 30 * SECOND
    assert datetime.timedelta(hours=24) < EMAIL_BACKOFF.span < datetime.timedelta(hours=26)


def test_nonsense_backoffs_are_refused():
    with pytest.raises(ValueError):
        Backoff(first=10 * SECOND, cap=SECOND, max_attempts=3)
    with pytest.raises(ValueError):
        Backoff(first=SECOND, cap=SECOND, max_attempts=0)


def test_a_task_that_fails_twice_succeeds_on_the_third_attempt(run_tasks):
    flaky.enqueue("delivery-1")

    (first,) = run_tasks(after=datetime.timedelta(0))
    assert (first.status, first.exception_class_path) == ("FAILED", "background.retry.RetryScheduled")
    assert "Attempt 1 of 3 failed (ConnectionError: receiver down (attempt 1))" in first.traceback
    (waiting,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert waiting.args_kwargs == {"args": ["delivery-1"], "kwargs": {"attempt": 2}}
    assert abs(waiting.run_after - (first.finished_at + 60 * SECOND)) < 2 * SECOND

    assert run_tasks(after=30 * SECOND) == []  # not due yet: nothing runs early

    (second,) = run_tasks(after=60 * SECOND)
    assert second.exception_class_path == "background.retry.RetryScheduled"
    (waiting,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert abs(waiting.run_after - (second.finished_at + 120 * SECOND)) < 2 * SECOND  # doubled

    (third,) = run_tasks()
    assert (third.status, third.return_value) == ("SUCCESSFUL", "delivery-1 done")
    assert CALLS == [("delivery-1", 1), ("delivery-1", 2), ("delivery-1", 3)]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_after_the_last_attempt_the_task_fails_with_its_own_error_and_gives_up_once(run_tasks):
    always_fails.enqueue("hook-7")
    results = run_tasks() + run_tasks() + run_tasks() + run_tasks()

    assert [r.exception_class_path for r in results] == [
        "background.retry.RetryScheduled",
        "background.retry.RetryScheduled",
        "builtins.ValueError",
    ]
    assert results[-1].traceback.strip().endswith("ValueError: the receiver answers 500")
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in results] == [1, 2, 3]
    assert GAVE_UP == [("hook-7", "ValueError")]
    assert len(CALLS) == 3


def test_a_permanent_failure_gives_up_at_once(run_tasks):
    refused.enqueue("bad-address")
    (result,) = run_tasks()
    assert result.exception_class_path == "background.retry.PermanentFailure"
    assert run_tasks() == []
    assert GAVE_UP == [("bad-address", "PermanentFailure")]


def test_a_retry_is_a_task_of_its_own_with_the_same_arguments(run_tasks):
    FAILURES_BEFORE_SUCCESS["n"] = 1
    flaky.enqueue("delivery-2")
    run_tasks()
    rows = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [(r.task_path, r.args_kwargs["args"]) for r in rows] == [
        ("tests.background.test_retry.flaky", ["delivery-2"]),
        ("tests.background.test_retry.flaky", ["delivery-2"]),
    ]
    assert rows[1].run_after > timezone.now()
