"""Schedules without cron: due schedules are enqueued once per run, whichever worker gets there, and missed runs
collapse into one."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import Schedule
from background.schedules import enqueue_due, following_run, schedule_run_now
from members.models import Membership
from tests import factories

DAY = datetime.timedelta(days=1)
T0 = datetime.datetime(2026, 11, 25, 6, 15, tzinfo=datetime.UTC)


@pytest.fixture
def one_schedule(settings):
    settings.PORTAL_SCHEDULES = {
        "membership-renewals": {"task": "members.tasks.membership_renewals", "every": DAY},
    }


def test_following_run_keeps_the_phase_and_collapses_missed_runs():
    assert following_run(T0, DAY, T0) == T0 + DAY
    assert following_run(T0, DAY, T0 + datetime.timedelta(hours=3)) == T0 + DAY
    # Three days without a worker: one run now, the next at 06:15 as before.
    assert following_run(T0, DAY, T0 + 3 * DAY + datetime.timedelta(hours=2)) == T0 + 4 * DAY


@pytest.mark.django_db
def test_a_due_schedule_is_enqueued_once_and_moves_to_its_next_run(one_schedule):
    assert enqueue_due(now=T0) == ["membership-renewals"]
    schedule = Schedule.objects.get()
    (result,) = DBTaskResult.objects.all()
    assert (result.task_path, result.status) == ("members.tasks.membership_renewals", "READY")
    assert (schedule.last_run_at, schedule.next_run_at) == (T0, T0 + DAY)
    assert (schedule.last_task_id, schedule.last_status) == (str(result.id), "READY")

    assert enqueue_due(now=T0 + datetime.timedelta(hours=23)) == []
    assert enqueue_due(now=T0 + DAY) == ["membership-renewals"]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db
def test_paused_schedules_wait_and_run_now_makes_them_due(one_schedule):
    enqueue_due(now=T0)
    schedule = Schedule.objects.get()
    Schedule.objects.filter(pk=schedule.pk).update(enabled=False)
    assert enqueue_due(now=T0 + 2 * DAY) == []

    Schedule.objects.filter(pk=schedule.pk).update(enabled=True, next_run_at=T0 + 10 * DAY)
    schedule_run_now(schedule=schedule)
    assert enqueue_due() == ["membership-renewals"]


@pytest.mark.django_db
def test_schedules_no_longer_configured_never_run(one_schedule, settings):
    enqueue_due(now=T0)
    settings.PORTAL_SCHEDULES = {}
    assert enqueue_due(now=T0 + 5 * DAY) == []
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_enqueue_each_run_once(one_schedule):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    enqueue_due(now=T0)  # creates the row
    for day in range(1, 6):
        now = T0 + day * DAY
        barrier = threading.Barrier(4)
        results = []

        def worker(now=now, barrier=barrier, results=results):
            try:
                barrier.wait()
                results.append(enqueue_due(now=now))
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [[], [], [], ["membership-renewals"]]
    assert DBTaskResult.objects.count() == 6


def test_renewals_run_from_the_worker_without_cron(one_schedule, queued_email, run_tasks):
    today = timezone.localdate()
    house = factories.HouseFactory()  # this test's database was emptied by the transactional test before it
    due_soon = factories.MembershipFactory(
        house=house,
        status="active",
        started_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=10),
        contact_email="renew@example.org",
    )
    overdue = factories.MembershipFactory(
        organization=factories.OrganizationFactory(),
        house=house,
        status="active",
        started_on=today - datetime.timedelta(days=500),
        expires_on=today - datetime.timedelta(days=60),
        reminder_sent_for=today - datetime.timedelta(days=60),  # reminded before it expired
        contact_email="late@example.org",
    )

    assert enqueue_due() == ["membership-renewals"]
    ran = run_tasks()  # the renewals task, then the emails it stored
    assert [r.task_path for r in ran if r.status == TaskResultStatus.SUCCESSFUL] == [
        "members.tasks.membership_renewals",
        "background.mail.deliver_email",
        "background.mail.deliver_email",
    ]
    renewals = next(r for r in ran if r.task_path == "members.tasks.membership_renewals")
    assert renewals.return_value == {"reminded": 1, "lapsed": 1}
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("late@example.org", "Your membership has lapsed"),
        ("renew@example.org", "Your membership is due for renewal"),
    ]
    overdue.refresh_from_db()
    due_soon.refresh_from_db()
    assert (overdue.status, due_soon.reminder_sent_for) == (Membership.Status.LAPSED, due_soon.expires_on)

    schedule = Schedule.objects.get()
    assert (schedule.last_status, schedule.last_task_id) == ("SUCCESSFUL", str(renewals.id))
    assert schedule.last_finished_at == renewals.finished_at
