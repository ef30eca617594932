"""Staff see background work: every task result (failed ones with their error), and the schedules."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from kernel.admin_tools import ServiceAdmin, service_action

from . import mail, schedules
from .models import Schedule
from .retry import BACKOFFS, RetryScheduled

RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"

# Task path -> one line saying what a task result is about, from its arguments.
TASK_SUMMARIES = {
    "background.mail.deliver_email": lambda args, kwargs: mail.summary(args[0]),
}


class OutcomeFilter(admin.SimpleListFilter):
    title = "outcome"
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("gave_up", "Failed for good"), ("retried", "Failed, retried later")]

    def queryset(self, request, queryset):
        failed = queryset.filter(status=TaskResultStatus.FAILED)
        if self.value() == "gave_up":
            return failed.exclude(exception_class_path=RETRY_SCHEDULED)
        if self.value() == "retried":
            return failed.filter(exception_class_path=RETRY_SCHEDULED)
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's read-only admin, plus what staff need to act: which attempt, what about, why failed."""

    list_display = [
        "task_name",
        "summary",
        "status",
        "outcome",
        "attempt",
        "enqueued_at",
        "display_run_after",
        "finished_at",
        "queue_name",
    ]
    list_filter = ["status", OutcomeFilter, "queue_name", "task_path"]
    search_fields = ["task_path", "args_kwargs"]
    actions = ["run_again"]

    def get_readonly_fields(self, request, obj=None):
        return ["summary", "outcome", "attempt", "error", *super().get_readonly_fields(request, obj)]

    @admin.display(description="about")
    def summary(self, obj: DBTaskResult) -> str:
        describe = TASK_SUMMARIES.get(obj.task_path)
        if describe is None:
            return ""
        try:
            return describe(obj.args_kwargs["args"], obj.args_kwargs["kwargs"])
        except (KeyError, IndexError, TypeError):
            return ""

    @admin.display(description="outcome")
    def outcome(self, obj: DBTaskResult) -> str:
        if obj.status != TaskResultStatus.FAILED:
            return ""
        return "retried later" if obj.exception_class_path == RETRY_SCHEDULED else "failed for good"

    @admin.display(description="attempt")
    def attempt(self, obj: DBTaskResult) -> str:
        number = obj.args_kwargs.get("kwargs", {}).get("attempt", 1)
        try:
            import_string(obj.task_path)  # registers the task's backoff, if it retries
        except ImportError:
            return str(number)
        backoff = BACKOFFS.get(obj.task_path)
        return f"{number} of {backoff.max_attempts}" if backoff else str(number)

    @admin.display(description="error")
    def error(self, obj: DBTaskResult) -> str:
        """The last line of the traceback: the error itself, above the full traceback."""
        lines = [line for line in obj.traceback.strip().splitlines() if line.strip()]
        return lines[-1] if lines else "-"

    def has_rerun_permission(self, request) -> bool:
        return self.has_view_permission(request)

    @admin.action(description="Run failed tasks again (from the first attempt)", permissions=["rerun"])
    def run_again(self, request, queryset):
        done, skipped = 0, 0
        for result in queryset:
            if result.status != TaskResultStatus.FAILED:
                skipped += 1
                continue
            kwargs = {k: v for k, v in result.args_kwargs["kwargs"].items() if k != "attempt"}
            result.task.using(run_after=None).enqueue(*result.args_kwargs["args"], **kwargs)
            done += 1
        if done:
            self.message_user(request, f"Enqueued again: {done}.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"Skipped {skipped} that had not failed.", messages.WARNING)


@admin.register(Schedule)
class ScheduleAdmin(ServiceAdmin):
    service_argument = "schedule"
    save_service = staticmethod(schedules.schedule_update)
    list_display = ["name", "task", "every", "enabled", "last_run_at", "last_status", "next_run_at"]
    list_filter = ["enabled", "last_status"]
    fields = [
        "name",
        "task",
        "every",
        "enabled",
        "next_run_at",
        "last_run_at",
        "last_status",
        "last_finished_at",
        "last_result",
    ]
    readonly_fields = ["name", "task", "every", "last_run_at", "last_status", "last_finished_at", "last_result"]
    actions = [service_action(schedules.schedule_run_now, description="Run at the next check", argument="schedule")]

    def has_add_permission(self, request):
        return False  # schedules are configured in settings.PORTAL_SCHEDULES

    @admin.display(description="task")
    def task(self, obj: Schedule) -> str:
        spec = settings.PORTAL_SCHEDULES.get(obj.name)
        return spec["task"] if spec else "not configured any more: never runs"

    @admin.display(description="every")
    def every(self, obj: Schedule) -> str:
        spec = settings.PORTAL_SCHEDULES.get(obj.name)
        return str(spec["every"]) if spec else "-"

    @admin.display(description="last result")
    def last_result(self, obj: Schedule) -> str:
        try:
            stored = bool(obj.last_task_id) and DBTaskResult.objects.filter(id=obj.last_task_id).exists()
        except ValidationError:  # another backend's id (RQ), not kept in the database
            stored = False
        if not stored:
            return obj.last_task_id or "-"
        url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[obj.last_task_id])
        return format_html('<a href="{}">{}</a>', url, obj.last_task_id)
