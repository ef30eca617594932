"""The publication lifecycle, declared once for services, admin and API."""

from django.utils.translation import gettext_lazy as _

from kernel.lifecycle import Lifecycle, Transition

from .models import Publication

P = Publication.Status

PUBLICATION = Lifecycle(
    "publications.Publication",
    [
        Transition("submit", _("Submit for review"), sources=set(), targets={P.IN_REVIEW}, staff_action=False),
        Transition("publish", _("Publish"), sources={P.DRAFT, P.IN_REVIEW, P.WITHDRAWN}, targets={P.PUBLISHED}),
        Transition("unpublish", _("Unpublish"), sources={P.PUBLISHED}, targets={P.DRAFT}),
        Transition("withdraw", _("Withdraw"), sources={P.PUBLISHED}, targets={P.WITHDRAWN}),
        Transition(
            "return_to_submitter",
            _("Return to the submitter"),
            sources={P.IN_REVIEW},
            targets={P.DRAFT},
            needs=("reason",),
        ),
        Transition("resubmit", _("Resubmit"), sources={P.DRAFT}, targets={P.IN_REVIEW}, staff_action=False),
        # A published publication under embargo goes public when its release time comes (the worker's schedule).
        Transition(
            "release",
            _("Release (the embargo is over)"),
            sources={P.PUBLISHED},
            targets={P.PUBLISHED},
            staff_action=False,
        ),
    ],
)
