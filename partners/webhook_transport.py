"""Sending a webhook: where it may go, how it is signed (Standard Webhooks), and the POST itself.

Where it may go: https only, and never to this machine or the private network behind it. A partner chooses the
URL, so an unchecked one would let it make the portal call loopback, private or link-local services (the cloud
metadata address among them). The host name is resolved and every address it resolves to must be public, when the
endpoint is registered and again at every delivery, and the connection goes to the very address that was checked
(a name that resolves to a public address when checked and to a private one a moment later, DNS rebinding, gains
nothing). `PORTAL_WEBHOOKS_ALLOW_PRIVATE` lifts the address check and allows plain http, for a receiver on a
developer's own machine (on under `make run`, off in production).

Redirects are not followed: an answer other than 2xx is a failed attempt, retried later.
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from standardwebhooks import Webhook

from kernel.errors import DomainError

# How much of a receiver's answer is kept, for the partner and staff to see why an attempt failed.
RESPONSE_KEPT = 2000
USER_AGENT = "portal-webhooks/1"


class UnsafeWebhookUrl(DomainError):
    """A URL the portal will not send to."""

    def __init__(self, message: str):
        super().__init__(message, field="url")


def _allow_private() -> bool:
    return bool(settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope (fe80::1%eth0) is link-local anyway
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def check_url(url: str) -> Target:
    """The URL's parts and the addresses to connect to, or UnsafeWebhookUrl saying why not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeWebhookUrl(f"This is not a valid URL: {error}.") from error
    schemes = {"https", "http"} if _allow_private() else {"https"}
    if parts.scheme not in schemes:
        raise UnsafeWebhookUrl("Webhook URLs must use https.")
    if not parts.hostname:
        raise UnsafeWebhookUrl("Give the receiver's host name.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeWebhookUrl("Put no user name or password in the URL: every delivery is signed instead.")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        resolved = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeWebhookUrl(f"The host name {parts.hostname} could not be resolved.") from error
    addresses = tuple(dict.fromkeys(info[4][0] for info in resolved))
    if not addresses:
        raise UnsafeWebhookUrl(f"The host name {parts.hostname} could not be resolved.")
    if not _allow_private():
        refused = [address for address in addresses if not _is_public(address)]
        if refused:
            raise UnsafeWebhookUrl(
                f"{parts.hostname} resolves to {', '.join(refused)}: a loopback, private, link-local or otherwise "
                "reserved address. Webhooks go to public addresses only."
            )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=parts.scheme, host=parts.hostname, port=port, path=path, addresses=addresses)


def signature(*, secrets: list[str], message_id: str, timestamp: datetime.datetime, body: str) -> str:
    """The webhook-signature header: one `v1,<base64>` per secret, space-separated (Standard Webhooks), so that a
    receiver still holding the secret from before a rotation verifies as well as one holding the new secret."""
    utc = timestamp.astimezone(datetime.UTC)
    return " ".join(Webhook(secret).sign(msg_id=message_id, timestamp=utc, data=body) for secret in secrets)


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    response_body: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    def summary(self) -> str:
        if self.error:
            return self.error
        return f"The receiver answered {self.status_code}."


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the host name resolves to by now."""

    def __init__(self, host, port, *, address: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self.pinned_address = address

    def connect(self):
        self.sock = socket.create_connection((self.pinned_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: the certificate is checked against the host name, the socket goes to the checked address."""

    def __init__(self, host, port, *, address: str, context: ssl.SSLContext, **kwargs):
        super().__init__(host, port, context=context, **kwargs)
        self.pinned_address = address
        self.pinned_context = context

    def connect(self):
        sock = socket.create_connection((self.pinned_address, self.port), self.timeout)
        self.sock = self.pinned_context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, *, body: str, headers: dict[str, str], timeout: float) -> Outcome:
    """POST `body` (JSON) to `url` after checking it again; never raises for what the receiver does."""
    try:
        target = check_url(url)
    except UnsafeWebhookUrl as error:
        return Outcome(error=f"Not sent: {error.message}")
    deadline = time.monotonic() + timeout
    address = target.addresses[0]
    if target.scheme == "https":
        connection = _PinnedHTTPSConnection(
            target.host, target.port, address=address, context=ssl.create_default_context(), timeout=timeout
        )
    else:
        connection = _PinnedHTTPConnection(target.host, target.port, address=address, timeout=timeout)
    try:
        connection.request(
            "POST",
            target.path,
            body=body.encode(),
            headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
        )
        # The whole exchange has `timeout`, not each step: what is left of it bounds the wait for the answer.
        sock = connection.sock  # kept: the connection lets go of it once the response is read
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        response = connection.getresponse()
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        kept = response.read(RESPONSE_KEPT).decode("utf-8", "replace")
        if time.monotonic() > deadline:
            return Outcome(error=f"No complete answer within {timeout:g} s.")
        return Outcome(status_code=response.status, response_body=kept)
    except TimeoutError:
        return Outcome(error=f"No answer within {timeout:g} s.")
    except (OSError, http.client.HTTPException) as error:
        return Outcome(error=f"Could not deliver: {type(error).__name__}: {error}")
    finally:
        connection.close()
