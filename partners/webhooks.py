"""Which events partners' webhooks carry, and what each says: the object as the organisation's API shows it.

The domain services emit events (kernel.events); this app subscribes at start-up (partners/apps.py) and turns
each event into one delivery per endpoint that asked for it, for organisations allowed to see the object.

The payload is the object as the API's detail endpoint would answer the receiving organisation. The API views live
in each domain app's `api/` package, above this module in the layers, so this module cannot import them: each
app's `api/webhooks.py` registers its kinds here instead (`register_kind("events.Session", SessionViewSet)`), and
`partners/apps.py` imports every such module at start-up, as Django's admin finds `admin.py` modules. Who may see
the object is the domain policies' answer, asked through the same view's queryset (`visible_to(viewer)`), so a
webhook never says more than the API would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from kernel.events import DomainEvent
from kernel.viewer import Viewer

# Every event a partner can subscribe to, with what it means.
EVENT_TYPES = {
    "session.approved": _("A proposed session was approved: it is scheduled and in the programme."),
    "session.rejected": _("A proposed session was not accepted."),
    "session.changed": _("A session's text, times, room or speakers changed, or it was cancelled."),
    "registration.confirmed": _("A registration holds a seat."),
    "registration.waitlisted": _("A registration is on the waitlist: the event or session is full."),
    "registration.promoted": _("A seat was freed and a waitlisted registration now holds it."),
    "registration.cancelled": _("A registration was cancelled."),
    "publication.returned": _("The editors sent a submitted publication back with a note."),
    "publication.published": _("A publication went public (at its release time, if it was under embargo)."),
    "event.changed": _("An event's details or status changed."),
}


@dataclass(frozen=True)
class Kind:
    """A kind of object events are about, and the API view that shows it."""

    model_label: str
    viewset: type


KINDS: dict[str, Kind] = {}


def register_kind(model_label: str, viewset: type) -> None:
    """Called by each app's `api/webhooks.py`: events about `model_label` rows carry what `viewset` shows."""
    KINDS[model_label] = Kind(model_label=model_label, viewset=viewset)


class _SiteRequest(HttpRequest):
    """A GET of the API at the site's public address (PORTAL_BASE_URL), for links in payloads: there is no
    incoming request when a service emits an event from the admin or the worker."""

    def __init__(self):
        super().__init__()
        self.method = "GET"
        base = urlsplit(settings.PORTAL_BASE_URL)
        self._site_scheme, self._site_host = base.scheme or "https", base.netloc

    def get_host(self) -> str:
        return self._site_host

    def _get_scheme(self) -> str:
        return self._site_scheme


def render(kind: Kind, pk, viewer: Viewer) -> dict | None:
    """The object as the API's detail view shows it to `viewer`, as JSON data; None if `viewer` may not see it."""
    request = Request(_SiteRequest())
    request.user = viewer  # the API's principal is the Viewer (partners/api/authentication.py)
    view = kind.viewset(request=request, args=(), kwargs={}, format_kwarg=None, action="retrieve")
    obj = view.get_queryset().filter(pk=pk).first()
    if obj is None:
        return None
    return json.loads(JSONRenderer().render(view.get_serializer(obj).data))


def on_domain_event(event: DomainEvent) -> None:
    """kernel.events subscriber: events partners may subscribe to are handed to the webhook services."""
    if event.type not in EVENT_TYPES or event.model_label not in KINDS:
        return
    from .webhook_services import webhook_event_dispatch

    webhook_event_dispatch(event=event)
