"""The organisation's name, logo and colours, set by staff in the admin and shown on every page."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.defaults import server_error
from PIL import Image

from kernel.errors import DomainError, NotPermitted
from portal import theme
from portal.models import SiteSettings
from portal.services import site_settings_save
from tests.html import parse

pytestmark = pytest.mark.django_db

ADD = reverse("admin:portal_sitesettings_add")
FORM = {"organisation_name": "", "brand_colour": "", "brand_colour_strong": ""}


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), "#0b5563").save(buffer, "PNG")
    return SimpleUploadedFile("mark.png", buffer.getvalue(), content_type="image/png")


def header_and_title(response) -> tuple[str, str, str]:
    page = parse(response.content)
    return (
        page.find("title").text,
        page.find("a", class_="brand").text,
        page.find("p", class_="footer-name").text,
    )


@pytest.fixture
def public_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_staff_set_name_logo_and_colours_and_every_page_shows_them(staff_client, settings, public_media):
    settings.PORTAL_ORGANISATION_NAME = "Name from the server"
    assert header_and_title(Client().get("/topics/"))[0] == "Topics · Name from the server"

    # The list opens the one record's form; saving creates it.
    assert staff_client.get(reverse("admin:portal_sitesettings_changelist"))["Location"] == ADD
    response = staff_client.post(
        ADD,
        {**FORM, "organisation_name": "Alliance for Responsible Mining", "logo": png(), "brand_colour": "#7a1f5c"},
    )
    assert response.status_code == 302
    assert staff_client.get(reverse("admin:portal_sitesettings_changelist"))["Location"] == reverse(
        "admin:portal_sitesettings_change", args=[1]
    )
    # One record only: the add form leads to it, and a second record cannot be posted.
    assert staff_client.get(ADD)["Location"] == reverse("admin:portal_sitesettings_change", args=[1])
    staff_client.post(ADD, {**FORM, "organisation_name": "A second record"})
    assert list(SiteSettings.objects.values_list("pk", "organisation_name")) == [(1, "Alliance for Responsible Mining")]

    anonymous = Client().get("/topics/")
    assert header_and_title(anonymous) == (
        "Topics · Alliance for Responsible Mining",
        "Alliance for Responsible Mining",
        "Alliance for Responsible Mining",
    )
    page = parse(anonymous.content)
    assert page.find("img", class_="brand-logo").attrs["src"] == "/media/site/mark.png"
    assert page.find("style").text == (
        f":root {{ --color-brand: #7a1f5c; --color-brand-strong: {theme.strong_of('#7a1f5c')}; "
        f"--color-brand-tint: {theme.tint_of('#7a1f5c')}; }}"
    )


def test_emptying_the_name_falls_back_to_the_server_setting(staff, settings):
    settings.PORTAL_ORGANISATION_NAME = "Name from the server"
    site_settings_save(site_settings=SiteSettings(organisation_name="Chosen name"), by=staff)
    assert header_and_title(Client().get("/"))[1] == "Chosen name"
    site_settings_save(site_settings=SiteSettings(pk=1, organisation_name=""), by=staff)
    page = parse(Client().get("/").content)
    assert page.find("a", class_="brand").text == "Name from the server"
    assert page.find_all("style") == [], "no colour chosen: the design's own"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"brand_colour": "#ffcc00"},
            "brand_colour",
            "#ffcc00 reaches only 1.3:1 against #eeece6; text needs 4.5:1. Choose a darker colour.",
        ),
        ({"brand_colour": "teal"}, "brand_colour", "Write the colour as # and six hexadecimal digits, e.g. #0b5563."),
        (
            {"brand_colour_strong": "#000000"},
            "brand_colour",
            "Choose the main colour first; the strong shade goes with it.",
        ),
        (
            {"brand_colour": "#0b5563", "brand_colour_strong": "#77aabb"},
            "brand_colour_strong",
            "#77aabb reaches only 2.1:1 on its light tint #e2ebec; text needs 4.5:1.",
        ),
    ],
)
def test_unreadable_colours_are_form_errors_and_nothing_is_saved(staff_client, data, field, message):
    response = staff_client.post(ADD, {**FORM, **data})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not SiteSettings.objects.exists()


def test_only_staff_change_the_site_settings(member):
    with pytest.raises(NotPermitted):
        site_settings_save(site_settings=SiteSettings(organisation_name="Taken over"), by=member)
    assert not SiteSettings.objects.exists()


def test_the_service_checks_colours_too(staff):
    with pytest.raises(DomainError) as refused:
        site_settings_save(site_settings=SiteSettings(brand_colour="#cccccc"), by=staff)
    assert refused.value.field == "brand_colour"


def test_a_cached_page_is_renewed_when_staff_change_the_name(staff, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    visitor = Client()
    site_settings_save(site_settings=SiteSettings(organisation_name="First name"), by=staff)
    assert header_and_title(visitor.get("/topics/"))[1] == "First name"
    assert visitor.get("/topics/")["X-Page-Cache"] == "hit"
    site_settings_save(site_settings=SiteSettings(pk=1, organisation_name="Second name"), by=staff)
    renewed = visitor.get("/topics/")
    assert renewed["X-Page-Cache"] == "miss" and header_and_title(renewed)[1] == "Second name"


def test_the_settings_are_read_once_per_content_version(client):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return [q["sql"] for q in captured.captured_queries if "portal_sitesettings" in q["sql"]]

    assert len(queries("/topics/")) == 1
    assert queries("/topics/") == [], "read from the cache under the same content version"
    assert queries("/search/?q=x") == []


def test_the_error_page_shows_the_last_name_read_without_touching_the_database(staff, django_assert_num_queries):
    site_settings_save(site_settings=SiteSettings(organisation_name="Alliance for Responsible Mining"), by=staff)
    Client().get("/")  # a page read the settings
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/anything/"))
    assert parse(response.content).find("p", class_="footer-name").text == "Alliance for Responsible Mining"
    cache.clear()
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/anything/"))
    assert parse(response.content).find("p", class_="footer-name").text == "Responsible mining portal"
