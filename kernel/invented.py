"""The one wording for facts invented for the demo, in calendar files, JSON-LD and feeds.

Models say which of their facts are invented (`invented_facts`, in a reader's words); pages show a badge beside
each such fact, and text formats carry this sentence.
"""

from django.utils.translation import gettext as _


def invented_note(facts: list[str]) -> str:
    """ "Invented for the demo: the dates and times, the languages." or "" when nothing is invented."""
    if not facts:
        return ""
    return _("Invented for the demo: %(facts)s.") % {"facts": ", ".join(facts)}
