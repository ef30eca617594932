"""Who is looking: the one value every policy decides on.

A Viewer is built once per request (the site's middleware for people, the API's token authentication for
partners) and handed to the policies of each app (`<app>/policies.py`), which alone decide what it may see
and do. It carries facts only; it holds no rule of its own.

- anonymous: nobody signed in, no token;
- a signed-in person: their user, their person record, the organisations they are currently affiliated
  with, and those of them that hold an active membership (what makes them a member);
- a partner organisation acting through an API token, with the token's scopes and, if the token is limited
  to some events, those events;
- staff: a signed-in user with `is_staff`; their Django permissions are asked through `has_perm`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Viewer:
    user: Any = None
    person_id: int | None = None
    email_verified: bool = False
    is_staff: bool = False
    # Organisations the person is currently affiliated with, and those of them that are active members.
    affiliated_with: frozenset[int] = field(default_factory=frozenset)
    member_of: frozenset[int] = field(default_factory=frozenset)
    # A partner organisation acting through a token.
    partner_id: int | None = None
    partner_name: str = ""
    token_id: int | None = None
    token_prefix: str = ""
    scopes: frozenset[str] = field(default_factory=frozenset)
    # None: every event; otherwise the only events the token may act on and read beyond the public catalogue.
    event_ids: frozenset[int] | None = None

    @classmethod
    def anonymous(cls) -> Viewer:
        return ANONYMOUS

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None or self.partner_id is not None

    @property
    def is_anonymous(self) -> bool:
        return not self.is_authenticated

    @property
    def is_partner(self) -> bool:
        return self.partner_id is not None

    @property
    def is_member(self) -> bool:
        """A person of an active member organisation, or a partner organisation that is itself a member."""
        return bool(self.member_of)

    def has_scope(self, scope: str) -> bool:
        return self.is_partner and scope in self.scopes

    def has_perm(self, perm: str) -> bool:
        return self.is_staff and self.user is not None and self.user.has_perm(perm)

    def may_act_on_event(self, event_id: int | None) -> bool:
        """A token limited to named events acts on those only; any other viewer is not limited this way."""
        return self.event_ids is None or event_id in self.event_ids

    @property
    def actor(self) -> str:
        """How this viewer is named in audit trails."""
        if self.is_partner:
            return f"{self.partner_name} (API token {self.token_prefix}…)"
        if self.user is not None:
            return str(self.user.get_username())
        return ""

    @property
    def cache_key(self) -> str:
        """What distinguishes this viewer's view of the catalogue from another's, for caches keyed by audience.

        Two viewers with the same key see the same catalogue: anonymous visitors share one; members share
        one per set of member organisations (their own organisations' drafts are not catalogue content).
        """
        if self.is_staff:
            return f"staff:{self.user_id}"
        if self.is_partner:
            events = "*" if self.event_ids is None else ",".join(map(str, sorted(self.event_ids)))
            return f"partner:{self.partner_id}:{events}:{int(self.is_member)}:{','.join(sorted(self.scopes))}"
        if self.user_id is not None:
            return f"person:{self.user_id}"
        return "anonymous"


ANONYMOUS = Viewer()
