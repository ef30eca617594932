"""`make run`'s one command: the web server and the worker start together and stop together, and the worker
runs tasks and the schedules. Real processes against the test database."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection
from django_tasks_db.models import DBTaskResult

from background.mail import deliver_email, message_to_json
from background.models import Schedule

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"Timed out waiting for {what}")


def processes_with(marker: str) -> dict[int, str]:
    """pid -> command line of every process whose environment carries `marker`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, PermissionError, ProcessLookupError):
            continue
    return found


def serves(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def devserver(tmp_path):
    """Start `manage.py devserver` on a free port against this test's database; stop whatever is left after."""
    if connection.vendor != "postgresql":
        pytest.skip("the child processes share the test database through PostgreSQL")
    db = connection.settings_dict
    marker = f"PORTAL_TEST_MARKER={uuid.uuid4()}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@{db['HOST']}:{db['PORT']}/"
        f"{db['NAME']}",
        "PORTAL_SCHEDULER_INTERVAL": "1",
        "DJANGO_LOG_FORMAT": "plain",
        marker.split("=")[0]: marker.split("=")[1],
    }
    port = free_port()
    log = (tmp_path / "devserver.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "devserver", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    yield process, port, marker
    for pid in processes_with(marker):
        os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)
    log.close()


def test_web_server_and_worker_start_together_and_stop_together_on_ctrl_c(devserver):
    process, port, marker = devserver
    wait_for(lambda: serves(port), what="the web server")

    # The worker runs what the site stores, and its scheduler has put the configured schedules in place.
    stored = deliver_email.enqueue(message_to_json(EmailMessage("Hello", "Text.", to=["a@example.org"])))
    wait_for(lambda: DBTaskResult.objects.get(pk=stored.id).status == "SUCCESSFUL", what="the worker")
    wait_for(
        lambda: set(Schedule.objects.values_list("name", flat=True)) == set(settings.PORTAL_SCHEDULES),
        what="the scheduler",
    )
    children = processes_with(marker)
    assert any("runserver" in cmd for cmd in children.values())
    assert any("run_worker" in cmd for cmd in children.values())

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    wait_for(lambda: not processes_with(marker), timeout=10, what="every child to stop")
    assert not serves(port)


def test_when_the_web_server_dies_the_worker_is_stopped_too(devserver):
    process, port, marker = devserver
    wait_for(lambda: serves(port), what="the web server")
    (web,) = [
        pid
        for pid, cmd in processes_with(marker).items()
        if "runserver" in cmd and Path(f"/proc/{pid}/stat").read_text().split()[3] == str(process.pid)
    ]
    os.kill(web, signal.SIGKILL)
    assert process.wait(timeout=30) != 0
    wait_for(lambda: not processes_with(marker), timeout=10, what="every child to stop")
