"""Email sent by services, after their transaction commits so nobody hears of a change that rolled back."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_after_commit(*, to: str, subject: str, body: str, attachments: list[tuple[str, bytes, str]] = ()) -> None:
    if not to:
        return

    def send():
        message = EmailMessage(subject=subject, body=body, to=[to])
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send(fail_silently=True)

    transaction.on_commit(send)
