"""Every email goes through a task: a mail server that is down delays mail, never loses it.

`EMAIL_BACKEND` is `QueuedEmailBackend`: Django's `send_mail`, `EmailMessage.send()`, password-reset mails and
`mail_admins` all land here. It turns each message into JSON, stores it as a `deliver_email` task (on commit)
and returns. The worker delivers it through the real backend (`PORTAL_EMAIL_DELIVERY_BACKEND`, SMTP in
production); if the server refuses or cannot be reached, the task is retried with exponential backoff for
about a day (`EMAIL_BACKOFF`) and, if it still fails, stays in the admin as failed, where staff can run it again.

The message is stored whole, before any attempt to send it, with a fixed Message-ID and Date, so every attempt
sends the same message and receivers can recognise a duplicate.
"""

import base64
import datetime
import email.message
import smtplib
from email.mime.base import MIMEBase
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME

from .queue import enqueue_on_commit
from .retry import Backoff, PermanentFailure, retrying_task

# 30 s, 1, 2, 4, ... 32 min, then hourly: 32 attempts span about 25 hours.
EMAIL_BACKOFF = Backoff(first=datetime.timedelta(seconds=30), cap=datetime.timedelta(hours=1), max_attempts=32)


def _pack(content) -> dict:
    if isinstance(content, email.message.Message):
        content = content.as_bytes()
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": str(content)}


def _unpack(packed: dict):
    return base64.b64decode(packed["base64"]) if "base64" in packed else packed["text"]


def message_to_json(message: EmailMessage) -> dict:
    """Everything needed to rebuild `message` exactly, as JSON (task arguments must be JSON)."""
    headers = {str(name): str(value) for name, value in message.extra_headers.items()}
    lower = {name.lower() for name in headers}
    if "message-id" not in lower:
        headers["Message-ID"] = make_msgid(domain=str(DNS_NAME))
    if "date" not in lower:
        headers["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": _pack(attachment.as_bytes())})
        else:
            filename, content, mimetype = attachment
            attachments.append({"filename": filename, "content": _pack(content), "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": headers,
        "content_subtype": message.content_subtype,
        "encoding": str(message.encoding) if message.encoding else None,
        "alternatives": [
            {"content": _pack(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMessage:
    cls = EmailMultiAlternatives if data["alternatives"] else EmailMessage
    message = cls(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    if data["encoding"]:
        message.encoding = data["encoding"]
    for alternative in data["alternatives"]:
        message.attach_alternative(_unpack(alternative["content"]), alternative["mimetype"])
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(_mime_part(_unpack(attachment["mime"])))
        else:
            message.attach(attachment["filename"], _unpack(attachment["content"]), attachment["mimetype"])
    return message


def _mime_part(raw: bytes) -> MIMEBase:
    """A MIME part as Django's `attach()` takes it (a MIMEBase), rebuilt from its bytes."""
    parsed = email.message_from_bytes(raw)
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for name in list(part.keys()):
        del part[name]
    for name, value in parsed.items():
        part[name] = value
    part.set_payload(parsed.get_payload())
    return part


def summary(data: dict) -> str:
    """One line for the admin: to whom and about what."""
    return f"{', '.join(data.get('to', []) + data.get('cc', []))}: {data.get('subject', '')}"


@retrying_task(backoff=EMAIL_BACKOFF, queue_name="email")
def deliver_email(message: dict) -> dict:
    """Send one stored message through the real mail backend; raise so the task is retried if it fails."""
    rebuilt = message_from_json(message)
    connection = get_connection(settings.PORTAL_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        sent = connection.send_messages([rebuilt])
    except smtplib.SMTPRecipientsRefused as error:
        # 5xx for every recipient: the address does not exist; retrying would only repeat the refusal.
        if all(code >= 500 for code, _reply in error.recipients.values()):
            raise PermanentFailure(f"The mail server refused every recipient: {error.recipients}") from error
        raise
    if sent != 1:
        raise RuntimeError(f"The mail backend reported {sent} messages sent instead of 1.")
    return {"message_id": message["headers"].get("Message-ID", "")}


class QueuedEmailBackend(BaseEmailBackend):
    """The project's EMAIL_BACKEND: stores each message as a `deliver_email` task, one task per message."""

    def send_messages(self, email_messages) -> int:
        # Serialise now, in the caller, so a message that cannot be stored fails loudly where it was written.
        payloads = [message_to_json(message) for message in email_messages if message.recipients()]
        for payload in payloads:
            enqueue_on_commit(deliver_email, payload)
        return len(payloads)
