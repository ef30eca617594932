from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from events.models import Event, Session
from kernel.viewer import Viewer
from members.models import Organization, Person
from publications.models import Publication

# Search engines crawl without an account: the sitemap lists what anyone may see.
ANYONE = Viewer.anonymous()


class Sitemap(DjangoSitemap):
    """Every page once per language (/…, /fr/…, /es/…), each with its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "events:event-list",
            "members:organization-list",
            "publications:publication-list",
            "publications:news-list",
            "page-privacy",
            "page-contact",
            "page-accessibility",
            "members:newsletter-subscribe",
        ]

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.visible_to(ANYONE).order_by("pk").only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class SessionSitemap(Sitemap):
    def items(self):
        return (
            Session.objects.visible_to(ANYONE)
            .select_related("event")
            .order_by("pk")
            .only("slug", "updated_at", "event__slug")
        )

    def lastmod(self, obj):
        return obj.updated_at


class PublicationSitemap(Sitemap):
    def items(self):
        return Publication.objects.visible_to(ANYONE).published().order_by("pk").only("slug", "type", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.visible_to(ANYONE).order_by("pk").only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.visible_to(ANYONE).order_by("pk").only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "static": StaticSitemap,
    "events": EventSitemap,
    "sessions": SessionSitemap,
    "publications": PublicationSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
}
