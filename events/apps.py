from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events and sessions"

    def ready(self):
        from kernel import changes

        from .models import Event, EventOrganization, Participation, Session, SessionOrganization

        # What partners sync through the changes feed; organisers and speakers belong to their event or session.
        changes.track(Event, "event")
        changes.track(EventOrganization, "event", parent="event_id")
        changes.track(Session, "session")
        changes.track(SessionOrganization, "session", parent="session_id")
        changes.track(Participation, "session", parent="session_id")
