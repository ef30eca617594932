"""The membership lifecycle, declared once: admin buttons, services and the API all read this table."""

from django.utils.translation import gettext_lazy as _

from kernel.lifecycle import Lifecycle, Transition

from .models import Membership, NewsletterSubscription

S = Membership.Status

MEMBERSHIP = Lifecycle(
    "members.Membership",
    [
        Transition("apply", _("Apply"), sources=set(), targets={S.APPLIED}, staff_action=False),
        Transition(
            "request_information",
            _("Ask for more information"),
            sources={S.APPLIED},
            targets={S.PENDING},
            needs=("reason",),
        ),
        Transition("approve", _("Approve"), sources={S.APPLIED, S.PENDING}, targets={S.ACTIVE}),
        Transition("reject", _("Reject"), sources={S.APPLIED, S.PENDING}, targets={S.REJECTED}, needs=("reason",)),
        Transition("suspend", _("Suspend"), sources={S.ACTIVE}, targets={S.SUSPENDED}, needs=("reason",)),
        Transition("reinstate", _("Reinstate"), sources={S.SUSPENDED}, targets={S.ACTIVE}),
        Transition("renew", _("Renew"), sources={S.ACTIVE, S.LAPSED}, targets={S.ACTIVE}, needs=("expires_on",)),
        Transition("lapse", _("Mark as lapsed"), sources={S.ACTIVE, S.SUSPENDED}, targets={S.LAPSED}),
        Transition(
            "withdraw",
            _("Withdraw"),
            sources={S.APPLIED, S.PENDING, S.ACTIVE, S.SUSPENDED, S.LAPSED},
            targets={S.WITHDRAWN},
            needs=("reason",),
        ),
    ],
)

N = NewsletterSubscription.Status

# Double opt-in: an address receives the newsletter only once its owner confirms; anyone may leave at any time.
NEWSLETTER = Lifecycle(
    "members.NewsletterSubscription",
    [
        Transition("subscribe", _("Subscribe"), sources=set(), targets={N.PENDING}, staff_action=False),
        Transition(
            "resubscribe",
            _("Subscribe again"),
            sources={N.PENDING, N.UNSUBSCRIBED},
            targets={N.PENDING},
            staff_action=False,
        ),
        Transition("confirm", _("Confirm"), sources={N.PENDING}, targets={N.CONFIRMED}, staff_action=False),
        Transition(
            "unsubscribe",
            _("Unsubscribe"),
            sources={N.PENDING, N.CONFIRMED},
            targets={N.UNSUBSCRIBED},
            staff_action=False,
        ),
    ],
)
