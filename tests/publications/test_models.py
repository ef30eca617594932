"""Each database constraint of the publications app refuses what it should, on the database itself."""

import pytest
from django.db import IntegrityError, transaction

from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_slugs_are_unique():
    pub = factories.PublicationFactory()
    refused(lambda: factories.PublicationFactory(slug=pub.slug))


def test_published_publication_needs_a_date():
    refused(lambda: factories.PublicationFactory(status=Publication.Status.PUBLISHED, published_on=None))
    draft = factories.PublicationFactory(status=Publication.Status.DRAFT, published_on=None)
    assert draft.pk


def test_publication_cannot_translate_itself():
    pub = factories.PublicationFactory()
    pub.translation_of = pub
    refused(pub.save)


def test_news_posts_and_other_publications_live_at_their_own_addresses():
    news = factories.PublicationFactory(slug="a-post", type=Publication.Type.NEWS_POST)
    report = factories.PublicationFactory(slug="a-report", type=Publication.Type.REPORT)
    assert (news.get_absolute_url(), report.get_absolute_url()) == ("/news/a-post/", "/publications/a-report/")
