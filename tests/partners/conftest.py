import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.background.conftest import run_tasks  # noqa: F401  (the worker, in batch mode, for webhook deliveries)

WEBHOOK_SCOPES = ["read", "webhooks:manage"]


class Receiver:
    """A webhook receiver on loopback, in a thread: records every request by path and answers with the statuses
    it is given for that path, in turn (then 204)."""

    def __init__(self):
        self.requests = defaultdict(list)  # path -> [(headers, body)]
        self.answers = defaultdict(list)  # path -> [status, ...]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                receiver.requests[self.path].append((dict(self.headers.items()), body))
                answers = receiver.answers[self.path]
                self.send_response(answers.pop(0) if answers else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def receiver(settings):
    """A real HTTP server on 127.0.0.1; private addresses (and plain http) allowed, as under `make run`."""
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
