"""Link previews: Open Graph and Twitter card tags and a canonical link on every public page type, and the share
images of the site, events and sessions."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from portal.models import SiteSettings
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db

SHARE_TAGS = ["og:site_name", "og:type", "og:title", "og:description", "og:url", "og:image"]
TWITTER_TAGS = ["twitter:card", "twitter:title", "twitter:description", "twitter:image"]


def share_tags(html: bytes) -> dict[str, str]:
    head = parse(html).find("head")
    tags = {m.attrs["property"]: m.attrs["content"] for m in head.find_all("meta") if "property" in m.attrs}
    tags |= {
        m.attrs["name"]: m.attrs["content"] for m in head.find_all("meta") if m.attrs.get("name", "")[:8] == "twitter:"
    }
    (canonical,) = [link.attrs["href"] for link in head.find_all("link", rel="canonical")]
    tags["canonical"] = canonical
    return tags


@pytest.fixture
def content(db):
    person = factories.PersonFactory(given_name="Erica", family_name="Westenberg", bio="Governance programmes.")
    participation = factories.ParticipationFactory(
        person=person, session__title="Traceability and circularity", session__summary="Side session summary."
    )
    session = participation.session
    event = session.event
    event.summary = "The annual meeting."
    event.save()
    publication = factories.PublicationFactory(title="From Mine to Market", summary="A report.")
    news = factories.PublicationFactory(title="A news post", type="news_post", summary="News.")
    organization = factories.OrganizationFactory(name="Natural Resource Governance Institute", description="NRGI.")
    topic = factories.TopicFactory()
    return {
        "event": event,
        "session": session,
        "person": person,
        "publication": publication,
        "news": news,
        "organization": organization,
        "topic": topic,
    }


def page_urls(c):
    return {
        "home": (reverse("home"), "website"),
        "event list": (reverse("events:event-list"), "website"),
        "event": (c["event"].get_absolute_url(), "website"),
        "session": (c["session"].get_absolute_url(), "website"),
        "directory": (reverse("members:organization-list"), "website"),
        "organisation": (c["organization"].get_absolute_url(), "website"),
        "person": (c["person"].get_absolute_url(), "profile"),
        "publications": (reverse("publications:publication-list"), "website"),
        "publication": (c["publication"].get_absolute_url(), "article"),
        "news list": (reverse("publications:news-list"), "website"),
        "news": (c["news"].get_absolute_url(), "article"),
        "topics": (reverse("topic-list"), "website"),
        "topic": (reverse("topic-detail", args=[c["topic"].slug]), "website"),
        "search": (reverse("search") + "?q=mine", "website"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "event list",
        "event",
        "session",
        "directory",
        "organisation",
        "person",
        "publications",
        "publication",
        "news list",
        "news",
        "topics",
        "topic",
        "search",
    ],
)
def test_every_public_page_type_has_sharing_tags_and_a_canonical_link(client, content, kind):
    url, og_type = page_urls(content)[kind]
    response = client.get(url)
    assert response.status_code == 200
    tags = share_tags(response.content)
    assert set(SHARE_TAGS + TWITTER_TAGS) <= set(tags), kind
    path = url.split("?")[0]
    assert tags["canonical"] == tags["og:url"] == "http://testserver" + path
    assert tags["og:type"] == og_type
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:title"] == tags["twitter:title"] == parse(response.content).find("title").text
    description = parse(response.content).find("meta", name="description").attrs["content"]
    assert tags["og:description"] == tags["twitter:description"] == description
    assert tags["og:image"] == tags["twitter:image"]
    # Nothing stray in the head: its only text is the title (a browser would show anything else on the page).
    head = parse(response.content).find("head")
    assert head.text == head.find("title").text


def test_event_and_session_pages_name_their_own_share_images(client, content):
    event, session = content["event"], content["session"]
    event_tags = share_tags(client.get(event.get_absolute_url()).content)
    assert event_tags["og:image"] == f"http://testserver/share/events/{event.slug}.png"
    assert event_tags["og:title"] == f"{event.title} · Responsible mining portal"
    assert event_tags["og:description"] == "The annual meeting."
    session_tags = share_tags(client.get(session.get_absolute_url()).content)
    assert session_tags["og:image"] == f"http://testserver/share/events/{event.slug}/{session.slug}.png"
    assert session_tags["og:description"] == "Side session summary."
    person_tags = share_tags(client.get(content["person"].get_absolute_url()).content)
    assert person_tags["og:description"] == "Governance programmes."
    assert person_tags["og:image"] == "http://testserver/share/site.png"


def test_a_query_string_stays_out_of_the_canonical_link_but_a_later_page_keeps_its_number(client, content):
    events = reverse("events:event-list")
    tags = share_tags(client.get(events + "?page=1&topic=x").content)
    assert tags["canonical"] == tags["og:url"] == "http://testserver" + events
    factories.EventFactory.create_batch(25)
    tags = share_tags(client.get(events + "?page=2&topic=").content)
    assert tags["canonical"] == "http://testserver" + events + "?page=2"


def test_a_missing_page_names_no_canonical_address(client):
    head = parse(client.get("/people/nobody-here/").content).find("head")
    assert head.find_all("link", rel="canonical") == []


def open_png(response) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


def test_event_share_image_is_a_png_in_the_organisations_colours(client):
    SiteSettings.objects.create(pk=1, organisation_name="IGF", brand_colour="#7a1f3d")
    event = factories.EventFactory(title="Twenty-first Annual General Meeting of the Forum on Mining " * 3)
    response = client.get(reverse("share-event-image", args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    image = open_png(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert image.convert("RGB").getpixel((4, 4)) == (0x7A, 0x1F, 0x3D)


def test_share_image_is_drawn_again_when_the_content_changes_and_answers_not_modified_otherwise(client):
    event = factories.EventFactory(title="First title")
    url = reverse("share-event-image", args=[event.slug])
    first = client.get(url)
    again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    event.title = "A quite different and much longer title that wraps onto a second line"
    event.save()
    changed = client.get(url)
    assert changed["ETag"] != first["ETag"] and changed.content != first.content
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_session_share_image(client):
    session = factories.SessionFactory(title="Strategies for Strengthening Traceability and Circularity")
    response = client.get(reverse("share-session-image", args=[session.event.slug, session.slug]))
    assert response.status_code == 200 and open_png(response).size == (1200, 630)


def test_share_images_only_for_what_the_viewer_may_see(client):
    members_event = factories.EventFactory(visibility="members")
    draft = factories.EventFactory(status="draft")
    proposed = factories.SessionFactory(status="proposed")
    for url in (
        reverse("share-event-image", args=[members_event.slug]),
        reverse("share-event-image", args=[draft.slug]),
        reverse("share-session-image", args=[proposed.event.slug, proposed.slug]),
        reverse("share-event-image", args=["no-such-event"]),
    ):
        assert client.get(url).status_code == 404, url

    client.force_login(factories.member_user())
    response = client.get(reverse("share-event-image", args=[members_event.slug]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=3600"


def test_site_share_image(client):
    response = client.get(reverse("share-site-image"))
    assert response.status_code == 200 and open_png(response).size == (1200, 630)


def test_wrapping_keeps_every_line_inside_the_image():
    from portal.share import WIDTH, _font, wrap

    font = _font("bold", 64)
    lines = wrap("word " * 80, font, WIDTH - 144, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(font.getlength(line) <= WIDTH - 144 for line in lines)
    assert wrap("Short title", font, WIDTH - 144, 4) == ["Short title"]


def test_invented_dates_are_marked_on_the_image_lines():
    from portal.share import event_lines

    event = factories.EventFactory(
        venue="Palais des Nations",
        city="Geneva",
        dates_invented=True,
        starts_at=datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 11, 5, 17, tzinfo=datetime.UTC),
    )
    days = "Nov. 3, 2026 \u2013 Nov. 5, 2026 (Invented for the demo)"
    assert event_lines(event) == [days, "Palais des Nations, Geneva"]
