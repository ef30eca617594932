"""The lifecycles of events, sessions and registrations, declared once for services, admin and API."""

from django.utils.translation import gettext_lazy as _

from kernel.lifecycle import Lifecycle, Transition

from .models import Event, Registration, Session

E, SS, R = Event.Status, Session.Status, Registration.Status

EVENT = Lifecycle(
    "events.Event",
    [
        Transition("publish", _("Publish"), sources={E.DRAFT}, targets={E.PUBLISHED}),
        Transition("unpublish", _("Unpublish"), sources={E.PUBLISHED}, targets={E.DRAFT}),
        Transition("cancel", _("Cancel the event"), sources={E.DRAFT, E.PUBLISHED}, targets={E.CANCELLED}),
    ],
)

SESSION = Lifecycle(
    "events.Session",
    [
        Transition("propose", _("Propose"), sources=set(), targets={SS.PROPOSED}, staff_action=False),
        Transition("approve", _("Approve"), sources={SS.PROPOSED}, targets={SS.SCHEDULED}),
        Transition("reject", _("Reject"), sources={SS.PROPOSED}, targets={SS.REJECTED}, needs=("reason",)),
        Transition("cancel", _("Cancel the session"), sources={SS.PROPOSED, SS.SCHEDULED}, targets={SS.CANCELLED}),
        # The proposing partner takes back a proposal before staff decide.
        Transition(
            "withdraw", _("Withdraw the proposal"), sources={SS.PROPOSED}, targets={SS.CANCELLED}, staff_action=False
        ),
        # A partner changed an approved session: staff review it again (the change is the reason given).
        Transition(
            "back_to_review",
            _("Back to review after a partner's change"),
            sources={SS.SCHEDULED},
            targets={SS.PROPOSED},
            staff_action=False,
        ),
    ],
)

REGISTRATION = Lifecycle(
    "events.Registration",
    [
        Transition(
            "register",
            _("Register"),
            sources=set(),
            targets={R.CONFIRMED, R.WAITLISTED, R.PENDING_APPROVAL},
            staff_action=False,
        ),
        Transition("approve", _("Approve"), sources={R.PENDING_APPROVAL}, targets={R.CONFIRMED, R.WAITLISTED}),
        Transition(
            "promote", _("Give a freed seat"), sources={R.WAITLISTED}, targets={R.CONFIRMED}, staff_action=False
        ),
        Transition(
            "cancel",
            _("Cancel (frees the seat for the waitlist)"),
            sources={R.CONFIRMED, R.WAITLISTED, R.PENDING_APPROVAL},
            targets={R.CANCELLED},
        ),
    ],
)
