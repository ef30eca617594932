"""One entry per person or organisation, with all their roles.

Roles are stored one row each (a participation per role, an organisation's role on an event, on a session, on
a publication), so that each role keeps its own order and printed title. A reader wants each person or
organisation once: "Charlotte Ndakorerwa, Opener, Closer", "UNEP (co-organiser, co-facilitator)". Pages,
calendar files and JSON-LD all group the rows the same way, here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Roles:
    """Someone (`subject`: a person, an organisation, a session) and the role rows they hold, in order."""

    subject: object
    rows: list = field(default_factory=list)

    @property
    def first(self):
        return self.rows[0]

    @property
    def names(self) -> list[str]:
        names = []
        for row in self.rows:
            name = str(row.get_role_display())
            if name not in names:
                names.append(name)
        return names

    @property
    def label(self) -> str:
        """The roles in order, e.g. "Opener, Closer"."""
        return ", ".join(self.names)

    @property
    def printed_affiliation(self) -> str:
        """The first affiliation printed beside any of their roles ("" when none is)."""
        return next((row.printed_affiliation for row in self.rows if getattr(row, "printed_affiliation", "")), "")

    @property
    def values(self) -> list[str]:
        """The roles' stored values, e.g. ["opener", "closer"]."""
        return list(dict.fromkeys(row.role for row in self.rows))


def roles_by(rows: Iterable, attribute: str) -> list[Roles]:
    """Group role rows by the object in `attribute` ("person", "organization", "session"), keeping the order of
    each one's first row."""
    groups: dict[object, Roles] = {}
    for row in rows:
        key = getattr(row, f"{attribute}_id")
        if key not in groups:
            groups[key] = Roles(subject=getattr(row, attribute))
        groups[key].rows.append(row)
    return list(groups.values())
