"""Who may change the site's own settings: the only place it is written."""

from django.utils.translation import gettext as _

from kernel.policy import Decision, allow, deny
from kernel.viewer import Viewer


def can_edit_site_settings(viewer: Viewer) -> Decision:
    return allow() if viewer.is_staff else deny(_("Only staff change the site's settings."))
