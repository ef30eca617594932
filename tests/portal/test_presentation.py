"""What every page shares: titles, the navigation, error pages, robots.txt, the topics index, forms' help and
error wiring, autocomplete hints, and sections that stay hidden when empty."""

import datetime
from itertools import pairwise

import pytest
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error

from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return parse(response.content).find("title").text


def main_nav(response):
    return parse(response.content).find("nav", aria_label="Main")


def test_titles_end_in_the_organisation_name(client, settings):
    settings.PORTAL_ORGANISATION_NAME = "Example Mining Alliance"
    assert title_of(client.get("/")) == "Example Mining Alliance"
    assert title_of(client.get("/events/")) == "Upcoming events · Example Mining Alliance"
    page = parse(client.get("/events/").content)
    assert page.find("a", class_="brand").text == "Example Mining Alliance"
    assert page.find("p", class_="footer-name").text == "Example Mining Alliance"


def test_without_a_name_titles_use_a_neutral_translated_default(client, settings):
    settings.PORTAL_ORGANISATION_NAME = ""
    assert title_of(client.get("/publications/")) == "Publications · Responsible mining portal"
    french = client.get("/fr/publications/")
    assert title_of(french) == "Publications · Portail de l'exploitation minière responsable"


def test_navigation_marks_the_current_page_and_section(client):
    event = factories.EventFactory()
    factories.TopicFactory()
    links = {a.text: a.attrs.get("aria-current") for a in main_nav(client.get("/events/")).find_all("a")}
    assert links == {
        "Events": "page",
        "Members": None,
        "Publications": None,
        "News": None,
        "Topics": None,
        "Sign in": None,
    }
    on_event = {
        a.text: a.attrs.get("aria-current") for a in main_nav(client.get(event.get_absolute_url())).find_all("a")
    }
    assert on_event["Events"] == "true" and [v for k, v in on_event.items() if k != "Events"] == [None] * 5
    on_topics = {a.text: a.attrs.get("aria-current") for a in main_nav(client.get("/topics/")).find_all("a")}
    assert on_topics["Topics"] == "page" and on_topics["Events"] is None
    assert {a.text: a.attrs.get("aria-current") for a in main_nav(client.get("/")).find_all("a")}["Events"] is None


def test_robots_txt_keeps_crawlers_off_private_paths_in_every_language_and_names_the_absolute_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /i18n/",
        "Disallow: /accounts/",
        "Disallow: /members/",
        "Disallow: /membership/",
        "Disallow: /search/",
        "Disallow: /newsletter/confirm/",
        "Disallow: /newsletter/unsubscribe/",
        "Disallow: /events/registrations/",
        "Disallow: /fr/accounts/",
        "Disallow: /fr/members/",
        "Disallow: /fr/membership/",
        "Disallow: /fr/search/",
        "Disallow: /fr/newsletter/confirm/",
        "Disallow: /fr/newsletter/unsubscribe/",
        "Disallow: /fr/events/registrations/",
        "Disallow: /es/accounts/",
        "Disallow: /es/members/",
        "Disallow: /es/membership/",
        "Disallow: /es/search/",
        "Disallow: /es/newsletter/confirm/",
        "Disallow: /es/newsletter/unsubscribe/",
        "Disallow: /es/events/registrations/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_topics_index_lists_topics_by_kind_with_flat_query_count(client, rows, django_assert_num_queries):
    themes = [factories.TopicFactory(name=f"Theme {n}") for n in range(rows)]
    instruments = [
        factories.TopicFactory(name=f"Instrument {n}", kind="policy_instrument", identifier=f"ILO {n}")
        for n in range(rows)
    ]
    with django_assert_num_queries(3):
        response = client.get(reverse("topic-list"))
    main = parse(response.content).find("main")
    assert [h.text for h in main.find_all("h2")] == ["Themes", "Policy instruments"]
    links = [(a.text, a.attrs["href"]) for a in main.find_all("a")]
    assert links == [(t.name, t.get_absolute_url()) for t in themes + instruments]


def _search_form_and_home_link(main, prefix=""):
    form = main.find("form", role="search")
    assert form.attrs["action"] == f"{prefix}/search/" and form.find("input", type="search").attrs["name"] == "q"
    assert f"{prefix}/" in [a.attrs["href"] for a in main.find_all("a")]


def test_not_found_page_offers_search_and_home_in_the_visitor_language(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "es"
    main = page.find("main")
    assert main.find("h1").text == "No encontrado"
    _search_form_and_home_link(main, "/es")
    assert main.find("a", href="/es/").text == "Ir a la página de inicio"


def test_server_error_page_renders_without_request_context_or_database(django_assert_num_queries):
    request = RequestFactory().get("/anything/")
    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("title").text == "Un problème est survenu · Portail de l'exploitation minière responsable"
    assert [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")] == [
        static("css/tokens.css"),
        static("css/base.css"),
        static("css/components.css"),
    ]
    main = page.find("main")
    assert main.find("h1").text == "Un problème est survenu"
    _search_form_and_home_link(main, "/fr")


def _form_wiring_problems(page) -> list[str]:
    """Every id an input's aria-describedby names exists, and every error-summary link targets an input."""
    ids = {e.attrs["id"] for e in page.iter() if "id" in e.attrs}
    problems = []
    for field in page.find_all("input") + page.find_all("select") + page.find_all("textarea"):
        for ref in field.attrs.get("aria-describedby", "").split():
            if ref not in ids:
                problems.append(f"{field.attrs.get('name')} -> {ref}")
    for link in page.find_all("a"):
        if link.attrs.get("href", "").startswith("#id_") and link.attrs["href"][1:] not in ids:
            problems.append(link.attrs["href"])
    return problems


def test_form_errors_are_announced_and_linked_to_their_fields(client):
    response = client.post(reverse("account_signup"), {"email": "not an email", "password1": "x"})
    page = parse(response.content)
    summary = page.find("div", class_="error-summary")
    assert summary.attrs["role"] == "alert"
    # One link per error, in field order (a short password has two).
    assert list(dict.fromkeys(a.attrs["href"] for a in summary.find_all("a"))) == [
        "#id_given_name",
        "#id_family_name",
        "#id_email",
        "#id_password1",
        "#id_password2",
    ]
    email = page.find("input", name="email")
    assert email.attrs["aria-invalid"] == "true" and email.attrs["aria-describedby"] == "id_email_error"
    assert page.find("div", id="id_email_error").text == "Enter a valid email address."
    assert _form_wiring_problems(page) == []


def test_filter_errors_point_at_existing_ids(client):
    page = parse(client.get("/events/", {"year": "not-a-year"}).content)
    assert page.find("input", name="year").attrs["aria-describedby"] == "id_year_error"
    assert _form_wiring_problems(page) == []


def test_help_text_is_wired_to_its_field(client):
    page = parse(client.get(reverse("account_signup")).content)
    password = page.find("input", name="password1")
    assert password.attrs["aria-describedby"] == "id_password1_helptext"
    assert "Your password" in page.find("div", id="id_password1_helptext").text
    assert _form_wiring_problems(page) == []


def autocomplete_of(response) -> dict:
    page = parse(response.content).find("main")
    fields = page.find_all("input") + page.find_all("select") + page.find_all("textarea")
    return {
        f.attrs["name"]: f.attrs.get("autocomplete")
        for f in fields
        if f.attrs.get("type") not in ("hidden", "search", "submit", "checkbox")
    }


def test_sign_up_and_sign_in_fields_carry_autocomplete(client):
    assert autocomplete_of(client.get(reverse("account_signup"))) == {
        "given_name": "given-name",
        "family_name": "family-name",
        "email": "email",
        "password1": "new-password",
        "password2": "new-password",
    }
    assert autocomplete_of(client.get(reverse("account_login"))) == {
        "login": "email",
        "password": "current-password",
    }


def test_profile_application_and_registration_fields_carry_autocomplete(client):
    client.force_login(factories.UserFactory())
    assert autocomplete_of(client.get(reverse("accounts:profile"))) == {
        "given_name": "given-name",
        "family_name": "family-name",
        "bio": None,
        "phone": "tel",
        "language": "language",
    }
    assert autocomplete_of(client.get(reverse("members:membership-apply"))) == {
        "organization_name": "organization",
        "acronym": None,
        "type": None,
        "country": "country",
        "website": "url",
        "house": None,
        "contact_name": "name",
        "contact_email": "email",
        "title": "organization-title",
        "statement": None,
    }
    event = factories.EventFactory()
    assert autocomplete_of(client.get(reverse("events:event-register", args=[event.slug]))) == {
        "name": "name",
        "email": "email",
        "organization_name": "organization",
    }
    assert autocomplete_of(client.get(reverse("accounts:profile-delete"))) == {"password": "current-password"}


def section_headings(response) -> list[str]:
    return [h.text for h in parse(response.content).find("main").find_all("h2")]


def test_organisation_page_hides_empty_sections_and_the_calendar_of_nothing(client):
    organization = factories.OrganizationFactory()
    response = client.get(organization.get_absolute_url())
    assert section_headings(response) == []
    assert b"None yet" not in response.content
    assert reverse("organization-ics", args=[organization.slug]) not in response.content.decode()

    past = factories.EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=10), ends_at=timezone.now() - datetime.timedelta(days=9)
    )
    factories.EventOrganizationFactory(event=past, organization=organization)
    response = client.get(organization.get_absolute_url())
    assert section_headings(response) == ["Events"]
    assert reverse("organization-ics", args=[organization.slug]) not in response.content.decode()

    factories.EventOrganizationFactory(organization=organization)  # an upcoming event
    factories.SessionOrganizationFactory(organization=organization)
    factories.PublicationOrganizationFactory(organization=organization)
    response = client.get(organization.get_absolute_url())
    assert section_headings(response) == ["Events", "Sessions", "Publications"]
    ics = parse(response.content).find("a", href=reverse("organization-ics", args=[organization.slug]))
    assert ics.text == "Upcoming events (iCalendar)"


def test_person_page_hides_empty_sections(client):
    person = factories.PersonFactory()
    response = client.get(person.get_absolute_url())
    assert section_headings(response) == [] and b"None yet" not in response.content
    factories.ParticipationFactory(person=person)
    assert section_headings(client.get(person.get_absolute_url())) == ["Appearances"]


def test_list_pages_do_not_skip_heading_levels(client):
    factories.EventFactory()
    factories.PublicationFactory()
    for path in ("/", "/events/", "/publications/", "/news/", "/organizations/", "/topics/"):
        levels = [
            int(e.tag[1])
            for e in parse(client.get(path).content).find("main").iter()
            if e.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
        ]
        assert levels[0] == 1, path
        assert all(b - a <= 1 for a, b in pairwise(levels)), (path, levels)
