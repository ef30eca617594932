"""RSS and Atom feeds for news and publications (Django syndication)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from kernel.invented import invented_note
from kernel.viewer import Viewer

from .models import Publication

FEED_SIZE = 30


class NewsFeed(Feed):
    title = "News"
    link = reverse_lazy("publications:news-list")
    description = "News from the portal."

    def items(self):
        # Feed readers fetch without a session: what anyone may see.
        return Publication.objects.visible_to(Viewer.anonymous()).published().news().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # A date or language invented for the demo says so here too (kernel/invented.py).
        return " ".join(part for part in (item.summary, invented_note(item.invented_facts)) if part)

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.published_on, datetime.time(12), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class PublicationsFeed(NewsFeed):
    title = "Publications"
    link = reverse_lazy("publications:publication-list")
    description = "Reports, briefs, standards and guidance."

    def items(self):
        return Publication.objects.visible_to(Viewer.anonymous()).published().not_news().newest_first()[:FEED_SIZE]


class PublicationsAtomFeed(PublicationsFeed):
    feed_type = Atom1Feed
    subtitle = PublicationsFeed.description
