"""The POST itself: an unanswering receiver is a failed attempt after the timeout, a redirect is not followed,
and what the receiver said is kept (its start) for the partner to read."""

import datetime
import socket
import threading
import time

import pytest
from standardwebhooks import Webhook

from partners.webhook_transport import check_url, post, signature


@pytest.fixture
def silent_receiver(settings):
    """Accepts connections and never answers."""
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hook"
    server.close()


def test_no_answer_within_the_timeout_is_a_failed_attempt(silent_receiver):
    started = time.monotonic()
    outcome = post(silent_receiver, body="{}", headers={}, timeout=0.5)
    assert time.monotonic() - started < 2
    assert (outcome.ok, outcome.status_code, outcome.error) == (False, None, "No answer within 0.5 s.")


def test_a_redirect_is_an_answer_that_failed(receiver):
    receiver.answers["/moved"] = [302]
    outcome = post(receiver.url("/moved"), body='{"a":1}', headers={"webhook-id": "msg_1"}, timeout=5)
    assert (outcome.ok, outcome.status_code, outcome.summary()) == (False, 302, "The receiver answered 302.")
    ((headers, body),) = receiver.requests["/moved"]
    assert (body, headers["webhook-id"], headers["User-Agent"]) == ('{"a":1}', "msg_1", "portal-webhooks/1")


def test_nothing_listens_there(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    outcome = post(f"http://127.0.0.1:{port}/", body="{}", headers={}, timeout=1)
    assert not outcome.ok and outcome.error.startswith("Could not deliver: ConnectionRefusedError")


def test_a_public_address_passes_the_check_and_keeps_its_path():
    target = check_url("https://8.8.8.8:8443/hooks/portal?source=portal")
    assert (target.host, target.port, target.path, target.addresses) == (
        "8.8.8.8",
        8443,
        "/hooks/portal?source=portal",
        ("8.8.8.8",),
    )


def test_the_signature_is_standard_webhooks_one_per_secret():
    first, second = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    header = signature(secrets=[first, second], message_id="msg_2", timestamp=now, body='{"x":1}')
    assert len(header.split(" ")) == 2 and all(part.startswith("v1,") for part in header.split(" "))
    headers = {"webhook-id": "msg_2", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": header}
    assert Webhook(first).verify('{"x":1}', headers) == Webhook(second).verify('{"x":1}', headers) == {"x": 1}
