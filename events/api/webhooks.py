"""What partners' webhooks say about events, sessions and registrations: what this API's detail views show."""

from partners.webhooks import register_kind

from .views import EventViewSet, RegistrationViewSet, SessionViewSet

register_kind("events.Event", EventViewSet)
register_kind("events.Session", SessionViewSet)
register_kind("events.Registration", RegistrationViewSet)
