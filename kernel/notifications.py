"""Email sent by services, after their transaction commits so nobody hears of a change that rolled back.

The message goes to EMAIL_BACKEND, which stores it as a task (background/mail.py): the worker delivers it and
retries while the mail server is down, so nothing here can fail on a mail server.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import formats


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def utc_day_and_time(moment: datetime.datetime) -> str:
    """The moment in UTC, written in the active language: "18 May 2027, 14:00" ("18 mai 2027, 14:00")."""
    moment = moment.astimezone(datetime.UTC)
    return f"{formats.date_format(moment, 'd F Y')}, {formats.time_format(moment, 'H:i')}"


def send_after_commit(*, to: str, subject: str, body: str, attachments: list[tuple[str, bytes, str]] = ()) -> None:
    if not to:
        return
    message = EmailMessage(subject=subject, body=body, to=[to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    # robust: a failure to store this one is logged with its traceback and the next callbacks still run.
    transaction.on_commit(message.send, robust=True)
