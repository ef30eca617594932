"""Email sent by services, after their transaction commits so nobody hears of a change that rolled back.

The message goes to EMAIL_BACKEND, which stores it as a task (background/mail.py): the worker delivers it and
retries while the mail server is down, so nothing here can fail on a mail server.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_after_commit(*, to: str, subject: str, body: str, attachments: list[tuple[str, bytes, str]] = ()) -> None:
    if not to:
        return
    message = EmailMessage(subject=subject, body=body, to=[to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    # robust: a failure to store this one is logged with its traceback and the next callbacks still run.
    transaction.on_commit(message.send, robust=True)
