"""Publications shown on pages of the apps below this one (an event, a session), as the visitor may see them.

A template tag rather than a view helper keeps the events app free of publications: pages of events ask
for related publications by name, and this app answers through its own policies.
"""

from django import template

from publications.models import Publication

register = template.Library()


@register.inclusion_tag("includes/related_publications.html", takes_context=True)
def related_publications(context, *, event=None, session=None):
    viewer = context["request"].viewer
    publications = (
        Publication.objects.visible_to(viewer)
        .related_to(event=event, session=session)
        .only("title", "slug", "type", "status", "members_only", "published_on", "summary", "invented", "date_invented")
        .newest_first()
    )
    return {"publications": list(publications), "request": context["request"]}
