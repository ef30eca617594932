"""Development: the web server and a background worker from one command, stopped together.

`make run` uses it. Each child runs in its own process group, so Ctrl-C reaches this supervisor only, which
then stops both children once and waits for them (a second Ctrl-C kills them). If either child exits on its
own (a port in use, a crash), the other is stopped too and the exit status is passed on.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

GRACE_SECONDS = 15


class Command(BaseCommand):
    help = "Run the development web server and a background worker together; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *, addrport, **options):
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        children = {
            "web server": subprocess.Popen([*manage, "runserver", addrport], start_new_session=True),
            "worker": subprocess.Popen([*manage, "run_worker"], start_new_session=True),
        }
        stop_requests = []

        def request_stop(signum, frame):
            stop_requests.append(signum)

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)

        status = 0
        while not stop_requests:
            ended = [(name, child) for name, child in children.items() if child.poll() is not None]
            if ended:
                name, child = ended[0]
                self.stderr.write(f"The {name} stopped (exit status {child.returncode}); stopping the rest.")
                status = child.returncode or 1
                break
            time.sleep(0.2)

        self._stop(children, stop_requests)
        if status:
            sys.exit(status)

    def _stop(self, children: dict[str, subprocess.Popen], stop_requests: list) -> None:
        asked = len(stop_requests)
        for child in children.values():
            _signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        while any(child.poll() is None for child in children.values()):
            # A second Ctrl-C, or a worker stuck in a task past the grace period: stop waiting.
            if len(stop_requests) > asked or time.monotonic() > deadline:
                for child in children.values():
                    _signal_group(child, signal.SIGKILL)
            time.sleep(0.1)


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    # The group, so that runserver's autoreloading child process goes too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)
