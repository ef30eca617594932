"""Publication and news pages, feeds and sanitised bodies."""

import datetime

import feedparser
import pytest
from django.urls import reverse

from events.models import Event
from publications.models import Publication
from tests import factories
from tests.events.test_views import jsonld_blocks
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_publication_list_query_count_is_flat(client, rows, django_assert_num_queries):
    pubs = [factories.PublicationOrganizationFactory().publication for _ in range(rows)]
    with django_assert_num_queries(8):
        response = client.get(reverse("publications:publication-list"))
    body = response.content.decode()
    assert all(p.title in body for p in pubs)


@pytest.mark.parametrize("rows", [1, 3])
def test_publication_detail_query_count_is_flat(client, rows, django_assert_num_queries):
    pub = factories.PublicationFactory(launched_at=factories.SessionFactory())
    for _ in range(rows):
        factories.PublicationOrganizationFactory(publication=pub)
        pub.topics.add(factories.TopicFactory())
        pub.related_sessions.add(factories.SessionFactory())
        pub.related_events.add(factories.EventFactory())
    with django_assert_num_queries(9):
        response = client.get(pub.get_absolute_url())
    assert pub.title in response.content.decode()


def test_news_and_publications_are_separate_lists(demo, client):
    news = client.get(reverse("publications:news-list")).content.decode()
    pubs = client.get(reverse("publications:publication-list")).content.decode()
    assert "IRMA Engagement at IGF Annual General Meeting" in news and "From Mine to Market" not in news
    assert "From Mine to Market" in pubs and "IRMA Engagement" not in pubs
    assert client.get("/publications/irma-engagement-at-igf-annual-general-meeting/").status_code == 404


def test_report_page_says_who_launched_it_where_and_links_to_it(demo, client):
    response = client.get("/publications/from-mine-to-market/")
    main = parse(response.content).find("main")
    launched = main.find("p", class_="launched")
    assert launched.text == (
        "Launched by Erica Westenberg at Strategies for Strengthening Traceability and Circularity "
        "(IGF 21st Annual General Meeting)"
    )
    assert [a.attrs["href"] for a in launched.find_all("a")] == [
        "/people/erica-westenberg/",
        "/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/",
    ]
    # The news post gives no address for the report: no link (a home page would not be "the source").
    assert main.find_all("p", class_="actions downloads") == []
    (data,) = jsonld_blocks(response.content.decode())
    assert data["@type"] == "Report" and data["name"].startswith("From Mine to Market")
    # "the Expert Group on Preventing Corruption in Transition Minerals report": its author; no publisher is named.
    assert data["author"] == [
        {"@type": "Organization", "name": "Expert Group on Preventing Corruption in Transition Minerals"}
    ]
    assert "publisher" not in data
    assert data["contributor"] == [{"@type": "Organization", "name": "Initiative for Responsible Mining Assurance"}]


def test_a_link_to_the_item_reads_at_the_source_and_one_to_a_publishers_home_page_says_so(client):
    item = factories.PublicationFactory(external_url="https://example.org/reports/a.pdf")
    home = factories.PublicationFactory(external_url="https://example.org/", external_url_opens="publisher")
    for publication, label in ((item, "Read at the source"), (home, "Publisher's website")):
        links = parse(client.get(publication.get_absolute_url()).content).find("p", class_="actions downloads")
        assert [(a.attrs["href"], a.text) for a in links.find_all("a")] == [(publication.external_url, label)]
    french = parse(client.get(f"/fr{home.get_absolute_url()}").content).find("p", class_="actions downloads")
    assert [a.text for a in french.find_all("a")] == ["Site de l\u2019éditeur"]


def test_news_post_renders_seed_body_and_newsarticle_jsonld(demo, client):
    html = client.get("/news/irma-engagement-at-igf-annual-general-meeting/").content.decode()
    assert "<p>This November IRMA participated" in html
    (data,) = jsonld_blocks(html)
    assert data["@type"] == "NewsArticle" and data["datePublished"]


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_unpublished_publications_are_404(client, status):
    pub = factories.PublicationFactory(status=status)
    assert client.get(pub.get_absolute_url()).status_code == 404
    assert pub.title not in client.get(reverse("publications:publication-list")).content.decode()


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_markdown_body_with_scripts_or_handlers_renders_inert(client, body):
    pub = factories.PublicationFactory(body=f"Intro\n\n{body}\n\n**bold**")
    html = client.get(pub.get_absolute_url()).content.decode()
    article = html.split('<div class="prose">')[1].split("</div>")[0]
    assert "<strong>bold</strong>" in article
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg"):
        assert bad not in article.lower()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("publications:news-rss", "rss20"),
        ("publications:news-atom", "atom10"),
        ("publications:publication-rss", "rss20"),
        ("publications:publication-atom", "atom10"),
    ],
)
def test_feeds_parse(demo, client, name, kind):
    parsed = feedparser.parse(client.get(reverse(name)).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == kind
    titles = [e.title for e in parsed.entries]
    if "news" in name:
        assert titles == ["IRMA Engagement at IGF Annual General Meeting"]
    else:
        assert "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption" in titles
        assert all(e.link.startswith("http://testserver/publications/") for e in parsed.entries)


def test_publication_filters(demo, client):
    url = reverse("publications:publication-list")
    assert "Battery Benchmarks" not in client.get(url + "?type=report").content.decode()
    assert "Battery Benchmarks" in client.get(url + "?organization=global-battery-alliance").content.decode()
    # By acronym or a part of the name, in any case.
    assert "Battery Benchmarks" in client.get(url + "?organization=gba").content.decode()
    assert "Battery Benchmarks" in client.get(url + "?organization=battery+alliance").content.decode()
    assert "Battery Benchmarks" not in client.get(url + "?organization=IRMA").content.decode()
    assert "From Mine to Market" in client.get(url + "?topic=anti-corruption&year=2025").content.decode()
    assert client.get(url + "?year=notayear").status_code == 200
    assert Publication.objects.count() == 3


@pytest.mark.parametrize("query", ["?year=99999999999", "?year=-5", "?year=1e400", "?type=x&topic=y&organization=z"])
def test_bad_publication_filters_are_form_errors_not_server_errors(client, query):
    response = client.get(reverse("publications:publication-list") + query)
    assert response.status_code == 200
    assert 'class="filters"' in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_news_list_query_count_is_flat(client, rows, django_assert_num_queries):
    posts = [factories.PublicationOrganizationFactory(publication__type="news_post").publication for _ in range(rows)]
    with django_assert_num_queries(8):
        response = client.get(reverse("publications:news-list"))
    assert all(p.title in response.content.decode() for p in posts)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    return tmp_path


def with_file(name: str, **kwargs):
    from django.core.files.base import ContentFile

    publication = factories.PublicationFactory(**kwargs)
    publication.file.save(name, ContentFile(b"%PDF-1.4 minutes"), save=True)
    return publication


def test_public_publication_file_downloads_through_the_view(client, private_media):
    publication = with_file("report.pdf")
    page = client.get(publication.get_absolute_url()).content.decode()
    assert publication.get_download_url() in page
    response = client.get(publication.get_download_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert 'attachment; filename="report.pdf"' in response["Content-Disposition"]
    assert (private_media / "private" / "publications" / "report.pdf").exists()
    assert not (private_media / "public").exists(), "nothing lands where the proxy serves files to anyone"


def test_members_only_file_needs_an_active_member(client, private_media):
    minutes = with_file("board-minutes.pdf", title="Board minutes", members_only=True)
    assert client.get(minutes.get_download_url()).status_code == 404
    prompt = client.get(minutes.get_absolute_url())
    assert prompt.status_code == 403
    text = prompt.content.decode()
    assert "shared with the people of our member organisations" in text and "Board minutes" not in text
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    client.force_login(user)
    assert client.get(minutes.get_download_url()).status_code == 404
    membership = factories.MembershipFactory(status="active")
    factories.AffiliationFactory(person=person, organization=membership.organization)
    area = client.get(reverse("accounts:members-area")).content.decode()
    assert "Board minutes" in area and minutes.get_download_url() in area
    assert client.get(minutes.get_download_url()).status_code == 200


def test_draft_publication_file_is_not_downloadable(client, private_media):
    draft = with_file("draft.pdf", status="draft", published_on=None)
    assert client.get(draft.get_download_url()).status_code == 404


def test_members_only_document_page_opens_for_members_and_asks_others_to_sign_in_or_apply(client, member_user):
    minutes = factories.PublicationFactory(title="Board minutes", members_only=True)
    client.force_login(member_user)
    page = client.get(minutes.get_absolute_url())
    assert page.status_code == 200
    assert parse(page.content).find("main").find("h1").text == "Board minutes"
    area = parse(client.get(reverse("accounts:members-area")).content).find("main")
    assert ("Board minutes", minutes.get_absolute_url()) in [(a.text, a.attrs["href"]) for a in area.find_all("a")]
    client.force_login(factories.UserFactory())
    prompt = client.get(minutes.get_absolute_url())
    assert prompt.status_code == 403
    text = parse(prompt.content).find("main").text
    assert "shared with the people of our member organisations" in text and "Board minutes" not in text
    links = [a.attrs["href"] for a in parse(prompt.content).find("main").find_all("a")]
    assert reverse("members:membership-apply") in links


def test_a_publication_page_names_only_the_sessions_and_events_its_reader_may_see(client):
    draft = factories.EventFactory(title="Draft gathering", status="draft")
    proposal = factories.SessionFactory(title="Title under review", status="proposed")
    shown = factories.SessionFactory(title="Scheduled launch")
    report = factories.PublicationFactory(launched_at=proposal)
    report.related_events.add(draft, shown.event)
    report.related_sessions.add(proposal, shown)
    body = client.get(report.get_absolute_url()).content.decode()
    assert ("Title under review" in body, "Draft gathering" in body) == (False, False)
    assert ("Scheduled launch" in body, shown.event.title in body) == (True, True)


def test_topic_filter_matches_the_topics_of_the_session_a_publication_was_launched_at(client):
    topic = factories.TopicFactory(slug="traceability")
    other = factories.TopicFactory()

    def launched_at(topics, **event):
        session = factories.SessionFactory(event=factories.EventFactory(**event))
        session.topics.set(topics)
        return session

    own = factories.PublicationFactory(title="Own topic", published_on=datetime.date(2025, 5, 1))
    own.topics.add(topic)
    launched = factories.PublicationFactory(
        title="Launched at a traceability session",
        published_on=datetime.date(2025, 4, 1),
        launched_at=launched_at([topic]),
    )
    both = factories.PublicationFactory(
        title="Both", published_on=datetime.date(2025, 3, 1), launched_at=launched_at([topic, other])
    )
    both.topics.add(topic)
    factories.PublicationFactory(
        title="Launched at another session", published_on=datetime.date(2025, 2, 1), launched_at=launched_at([other])
    )
    # A session the visitor may not see names no topic for them.
    factories.PublicationFactory(
        title="Launched at a draft event's session",
        published_on=datetime.date(2025, 1, 1),
        launched_at=launched_at([topic], status=Event.Status.DRAFT),
    )

    def titles(query):
        page = parse(client.get(reverse("publications:publication-list") + query).content)
        return [card.find("h3").text for card in page.find("main").find_all("article", class_="card")]

    assert titles("") == [
        "Own topic",
        "Launched at a traceability session",
        "Both",
        "Launched at another session",
        "Launched at a draft event's session",
    ]
    assert titles("?topic=traceability") == ["Own topic", "Launched at a traceability session", "Both"]
    assert launched.topics.count() == 0
