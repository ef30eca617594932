"""Staff see background work in the admin: what each task was about, which attempt, why it failed, whether it
will be retried; they can run failed tasks again and see the schedules with their last and next run."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.mail import deliver_email, message_to_json
from background.models import Schedule
from background.schedules import enqueue_due
from tests import factories

from .test_retry import always_fails

TASKS_URL = reverse("admin:django_tasks_database_dbtaskresult_changelist")


def a_stored_email(n: int) -> DBTaskResult:
    result = deliver_email.enqueue(
        message_to_json(EmailMessage(f"Subject {n}", "Text.", to=[f"person{n}@example.org"]))
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.parametrize("rows", [1, 3])
def test_task_results_list_in_fixed_queries(rows, staff_client, django_assert_num_queries):
    for n in range(rows):
        a_stored_email(n)
    with django_assert_num_queries(7):
        body = staff_client.get(TASKS_URL).content.decode()
    for n in range(rows):
        assert f"person{n}@example.org: Subject {n}" in body


@pytest.mark.parametrize("rows", [1, 3])
def test_schedules_list_in_fixed_queries(rows, settings, staff_client, django_assert_num_queries):
    settings.PORTAL_SCHEDULES = {
        f"job-{n}": {"task": "background.tasks.prune_task_results", "every": datetime.timedelta(hours=n + 1)}
        for n in range(rows)
    }
    enqueue_due()
    with django_assert_num_queries(6):
        body = staff_client.get(reverse("admin:background_schedule_changelist")).content.decode()
    for n in range(rows):
        assert f"job-{n}" in body and f"{n + 1}:00:00" in body


def test_failed_for_good_is_told_apart_from_failed_and_retried(staff_client, run_tasks):
    always_fails.enqueue("hook-9")
    for _ in range(3):
        run_tasks()

    gave_up = staff_client.get(TASKS_URL, {"outcome": "gave_up"}).context["cl"].result_list
    retried = staff_client.get(TASKS_URL, {"outcome": "retried"}).context["cl"].result_list
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in gave_up] == [3]
    assert sorted(r.args_kwargs["kwargs"].get("attempt", 1) for r in retried) == [1, 2]

    (final,) = gave_up
    page = staff_client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[final.pk]))
    admin = page.context["adminform"].model_admin
    assert admin.outcome(final) == "failed for good"
    assert admin.attempt(final) == "3 of 3"
    assert admin.error(final) == "ValueError: the receiver answers 500"
    assert "ValueError: the receiver answers 500" in page.content.decode()


def test_run_again_enqueues_a_failed_task_from_its_first_attempt(staff_client, run_tasks):
    always_fails.enqueue("hook-10")
    for _ in range(3):
        run_tasks()
    final = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exclude(
        exception_class_path="background.retry.RetryScheduled"
    )
    (final,) = final

    response = staff_client.post(TASKS_URL, {"action": "run_again", "_selected_action": [str(final.pk)]}, follow=True)
    assert "Enqueued again: 1." in response.content.decode()
    (again,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert again.args_kwargs == {"args": ["hook-10"], "kwargs": {}}
    assert again.task_path == "tests.background.test_retry.always_fails"


def test_staff_teams_see_task_results_and_schedules_but_cannot_change_them(db, client):
    editor = factories.StaffFactory(is_superuser=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    a_stored_email(1)
    assert client.get(TASKS_URL).status_code == 200
    assert client.get(reverse("admin:background_schedule_changelist")).status_code == 200
    Schedule.objects.create(name="membership-renewals", next_run_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    schedule = Schedule.objects.get()
    page = client.get(reverse("admin:background_schedule_change", args=[schedule.pk]))
    assert page.context["has_change_permission"] is False


def test_staff_can_make_a_schedule_run_at_the_next_check(settings, staff_client):
    settings.PORTAL_SCHEDULES = {
        "membership-renewals": {"task": "members.tasks.membership_renewals", "every": datetime.timedelta(days=1)}
    }
    enqueue_due()
    schedule = Schedule.objects.get()
    assert enqueue_due() == []
    response = staff_client.post(
        reverse("admin:background_schedule_changelist"),
        {"action": "schedule_run_now_action", "_selected_action": [schedule.pk]},
        follow=True,
    )
    assert "Run at the next check: 1 done." in response.content.decode()
    assert enqueue_due() == ["membership-renewals"]
