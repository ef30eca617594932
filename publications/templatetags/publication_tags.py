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


@register.simple_tag(takes_context=True)
def publications_launched_at(context, sessions) -> dict:
    """{session id: [publications launched at it]} for a whole programme, in one query, as the visitor may see
    them: `{% publications_launched_at sessions as launched %}`."""
    viewer = context["request"].viewer
    ids = [session.pk for session in sessions]
    launched: dict[int, list[Publication]] = {}
    if not ids:
        return launched
    publications = (
        Publication.objects.visible_to(viewer)
        .filter(launched_at_id__in=ids)
        .only("title", "slug", "type", "status", "members_only", "launched_at_id", "invented")
        .order_by("title", "pk")
    )
    for publication in publications:
        launched.setdefault(publication.launched_at_id, []).append(publication)
    return launched
